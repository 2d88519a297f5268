"""The stemdag kiosk in a real browser: `buurtstem kiosk serve` started for real, driven in headless Chromium.

One store holds the gemeente, its areas and its register, made once and never changed. Each test makes its own
elections in it (an election of the ballot type it needs; for the error paths, the staff screen and two kiosks sharing
a store, an election with two contests, Korrewegwijk and Oosterpark, and two kiosks), so the tests run in any order
(run_order.py). Every screen is saved as a screenshot (test-artifacts/screenshots/kiosk-*.png). A test that casts
closes its election, exports the record and checks it with buurtstem-verify: the ballots cast through the page must
verify, each receipt must check and the tally must count exactly those ballots.
"""

import datetime
import json
import os
import re
import subprocess
import time
import unittest
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import browser

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PASSPHRASE = "browser test passphrase"
PIN = "482916"
BALLOTS = {
    "choose-1": "  type: choose-1",
    "approval": "  type: approval\n  min: 1\n  max: 3",
    "knapsack": "  type: knapsack",
    "cumulative": "  type: cumulative\n  points: 10\n  max_per_project: 6",
    "ranking": "  type: ranking\n  max: 3",
}
OOSTERPARK = """
  - area: WK001402
    budget: 50000
    projects:
      - id: OP-01
        title: Bankjes in het park
        description: Tien nieuwe bankjes langs de vijver.
        cost: 10000
      - id: OP-02
        title: Speeltuin Oosterpark
        description: Nieuwe schommels en een klimrek.
        cost: 30000
"""


def election_file(election_id: str, ballot: str, opens: datetime.datetime, closes: datetime.datetime,
                  extra_contest: str = "") -> str:
    """The shipped Korrewegwijk definition with another id, ballot type and polling window."""
    with open(os.path.join(ROOT, "Ballots", "wijkstemdag-korrewegwijk-2026.yaml"), encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"^id: .*$", f"id: {election_id}", text, flags=re.M)
    text = re.sub(r"^  open: .*$", f"  open: {opens.strftime('%Y-%m-%dT%H:%M:%SZ')}", text, flags=re.M)
    text = re.sub(r"^  close: .*$", f"  close: {closes.strftime('%Y-%m-%dT%H:%M:%SZ')}", text, flags=re.M)
    text = re.sub(r"^ballot:\n(  .*\n)+", f"ballot:\n{ballot}\n", text, flags=re.M)
    return text.rstrip("\n") + "\n" + extra_contest


class KioskProcess:
    """A running `buurtstem kiosk serve`; its output goes to a log file the tests read."""

    def __init__(self, workspace: browser.Workspace, election: str, kiosk: str, *extra: str,
                 env: dict | None = None) -> None:
        self.log_path = workspace.file(f"serve-{election}-{kiosk}.log")
        self.log = open(self.log_path, "w")
        environment = dict(os.environ)
        environment.update({"BUURTSTEM_PASSPHRASE": PASSPHRASE})
        environment.update(env if env is not None else {"BUURTSTEM_KIOSK_PIN": PIN})
        self.process = subprocess.Popen(
            [browser.binary("buurtstem"), "kiosk", "serve", "--election", election, "--kiosk", kiosk, "--port", "0", *extra],
            cwd=workspace.path, env=environment, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        deadline = time.time() + 60
        while time.time() < deadline:
            found = re.search(r"(http://127\.0\.0\.1:\d+/)", self.output())
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                raise AssertionError(f"kiosk serve exited {self.process.returncode}:\n{self.output()}")
            time.sleep(0.1)
        raise AssertionError(f"kiosk serve did not start:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Store:
    """The store the tests share: the gemeente, its areas and its register, read-only once made. Each test makes the
    elections it needs (``new_election``), so no test sees another's passes, casts or close: they run in any order."""

    def __init__(self) -> None:
        self.workspace = browser.Workspace()
        self.env = {"BUURTSTEM_PASSPHRASE": PASSPHRASE}
        self.made = 0
        self.cli("init", "--gemeente", "Groningen", "--code", "GM0014")
        self.cli("areas", "import", os.path.join(ROOT, "Examples/groningen/areas.csv"))
        self.cli("register", "import", os.path.join(ROOT, "Examples/groningen/households.csv"))

    def cli(self, *arguments: str) -> subprocess.CompletedProcess:
        return browser.run_cli(*arguments, cwd=self.workspace.path, env=self.env)

    def new_election(self, kind: str, kiosks: tuple[str, ...] = ("zuil",), extra_contest: str = "", ballot: str | None = None,
                     publish: bool = True, open_polls: bool = True) -> "Election":
        """A new election of ballot type `kind` (a key of BALLOTS) with its kiosks ('name' or 'name:AREA') and
        passes, pre-published (the polls and the staff screen open only after it) and, with `open_polls`, open."""
        self.made += 1
        election_id = f"kw-{kind}-{self.made}"
        now = datetime.datetime.now(datetime.timezone.utc)
        path = self.workspace.file(f"{election_id}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(election_file(election_id, ballot or BALLOTS[kind], now - datetime.timedelta(hours=1),
                                  now + datetime.timedelta(hours=6), extra_contest))
        self.cli("election", "create", path)
        for kiosk in kiosks:
            name, _, area = kiosk.partition(":")
            self.cli("kiosk", "add", "--election", election_id, "--name", name, *(["--area", area] if area else []))
        folder = f"print-{election_id}"
        self.cli("stempas", "issue", "--election", election_id, "--print-to", folder)
        if publish:
            self.cli("election", "publish", "--election", election_id, "--out", f"prepub-{election_id}")
        if open_polls:
            self.cli("polls", "open", "--election", election_id)
        with open(os.path.join(self.workspace.path, folder, "stempassen.csv"), encoding="utf-8") as f:
            rows = [line.split(",") for line in f.read().splitlines()[1:]]
        return Election(self, election_id, [(row[1], row[2]) for row in rows])

    def close(self) -> None:
        self.workspace.close()


class Election:
    """One test's election in the shared store: its id and the passes not handed out yet."""

    def __init__(self, store: Store, election_id: str, codes: list[tuple[str, str]]) -> None:
        self.store = store
        self.id = election_id
        self.codes = codes

    def code(self, area: str = "WK001401") -> str:
        """An unused pass code of `area` (each is handed out once)."""
        for index, (pass_area, code) in enumerate(self.codes):
            if pass_area == area:
                del self.codes[index]
                return code
        raise AssertionError(f"no pass left for {area} in {self.id}")

    def close_and_verify(self, test: unittest.TestCase, receipts: list[str]) -> None:
        """Closes the polls, exports the record and verifies it; each receipt checks against the record (the resident
        pins the gemeente's issuing key, here the record's own) and the tally counts exactly these ballots."""
        self.store.cli("polls", "close", "--election", self.id)
        out = self.store.workspace.file(f"record-{self.id}")
        self.store.cli("record", "export", "--election", self.id, "--out", out)
        verified = subprocess.run([browser.binary("buurtstem-verify"), out], capture_output=True, text=True, timeout=300)
        test.assertEqual(verified.returncode, 0, f"{self.id}:\n{verified.stdout}\n{verified.stderr}")
        with open(os.path.join(out, "record.json"), encoding="utf-8") as index:
            key = json.load(index)["issuing_public_key"]
        for tracking in receipts:
            self.store.cli("receipt", "check", "--record", out, "--receipt", tracking, "--issuing-key", key)
        tally = json.loads(self.store.cli("tally", "--election", self.id, "--json").stdout)
        counted = tally["tally"]["contests"][0]["ballotsCounted"]
        test.assertEqual(counted, len(receipts), f"{self.id}: every ballot cast through the page is counted")


STORE: Store | None = None
DRIVER = None


def leave_page(driver) -> None:
    """Leaves the kiosk page before its server stops: the page polls the server's status, and a page left open would
    log refused connections into the next test's console. Drops what the console logged so far."""
    driver.get("about:blank")
    browser.console_errors(driver)


def setUpModule() -> None:
    global STORE, DRIVER
    STORE = Store()
    DRIVER = browser.new_driver()


def tearDownModule() -> None:
    if DRIVER is not None:
        DRIVER.quit()
    if STORE is not None:
        STORE.close()


class KioskPage:
    """Helpers for driving the page."""

    def __init__(self, driver, url: str) -> None:
        self.driver = driver
        self.url = url
        driver.get(url)
        self.wait_visible("screen-welcome")
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "kiosk-name").text != "")

    def el(self, element_id: str):
        return self.driver.find_element(By.ID, element_id)

    def wait_visible(self, element_id: str, timeout: float = 10):
        return WebDriverWait(self.driver, timeout).until(EC.visibility_of_element_located((By.ID, element_id)))

    def click(self, element_id: str) -> None:
        self.wait_visible(element_id)
        WebDriverWait(self.driver, 10).until(EC.element_to_be_clickable((By.ID, element_id))).click()

    def type_code(self, code: str, on_screen_keyboard: bool = False) -> None:
        field = self.wait_visible("pass-code")
        field.clear()
        if on_screen_keyboard:
            for ch in code.replace("-", ""):
                self.driver.find_element(By.XPATH, f"//div[@id='keyboard']/button[text()='{ch}']").click()
        else:
            field.send_keys(code)

    def enter_pass(self, code: str, on_screen_keyboard: bool = False) -> None:
        self.type_code(code, on_screen_keyboard)
        self.click("pass-submit")

    def error(self, element_id: str, code: str) -> str:
        """Waits for the message with `code` in `element_id` and returns its text."""
        WebDriverWait(self.driver, 10).until(
            lambda d: d.find_element(By.ID, element_id).is_displayed()
            and d.find_element(By.ID, element_id).get_attribute("data-code") == code)
        return self.el(element_id).text

    def card_button(self, project: str):
        return self.driver.find_element(By.CSS_SELECTOR, f"li[data-project='{project}'] button.choose")

    def choose(self, project: str) -> None:
        self.card_button(project).click()

    def points(self, project: str, more: int) -> None:
        for _ in range(more):
            self.driver.find_element(By.CSS_SELECTOR, f"li[data-project='{project}'] [data-focus-key='{project}:more']").click()

    def feedback(self) -> str:
        return self.el("feedback-text").text.replace("\u00a0", " ")

    def staff_login(self, pin: str) -> None:
        self.click("staff-button")
        self.wait_visible("screen-pin")
        self.el("pin").send_keys(pin)
        self.click("pin-submit")

    def shot(self, name: str) -> None:
        browser.screenshot(self.driver, f"kiosk-{name}")


class VoteForEachBallotType(unittest.TestCase):
    """A resident votes end to end for each ballot type; each election's record verifies."""

    def vote(self, kind: str, choose, expected_feedback: str, keyboard: bool = False, extra: tuple = ()) -> None:
        leave_page(DRIVER)  # forget what earlier tests logged
        election = STORE.new_election(kind)
        server = KioskProcess(STORE.workspace, election.id, "zuil", *extra)
        try:
            page = KioskPage(DRIVER, server.url)
            self.assertEqual(DRIVER.find_element(By.TAG_NAME, "html").get_attribute("lang"), "nl")
            page.shot(f"{kind}-1-welcome")
            code = election.code()
            page.enter_pass(code, on_screen_keyboard=keyboard)
            page.wait_visible("screen-ballot")
            self.assertEqual(len(DRIVER.find_elements(By.CSS_SELECTOR, "#projects li.card")), 6)
            self.assertFalse(page.el("ballot-next").is_enabled(), "nothing chosen yet: cannot go on")
            choose(page)
            self.assertIn(expected_feedback, page.feedback())
            page.shot(f"{kind}-2-ballot")
            page.click("ballot-next")
            page.wait_visible("screen-confirm")
            page.shot(f"{kind}-3-confirm")
            page.click("confirm-cast")
            page.wait_visible("screen-receipt")
            tracking = page.el("tracking-code").text
            self.assertRegex(tracking, r"^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){4}$")
            self.assertNotIn("KW-0", page.el("screen-receipt").text, "a receipt never shows the choices")
            # These elections have no trustees: the receipt must not claim secrecy, and says the record shows the choices.
            self.assertIn("Stemmen zijn openbaar per stempas", page.el("receipt-note").text)
            self.assertNotIn("geheim", page.el("receipt-note").text)
            page.shot(f"{kind}-4-receipt")
            self.assertNotIn(code, server.output(), "pass codes never reach the log")
            self.assertNotIn(code.replace("-", ""), server.output())
            # The same pass again: refused as used.
            page.click("receipt-done")
            page.wait_visible("screen-welcome")
            page.enter_pass(code)
            self.assertIn("al gestemd", page.error("pass-error", "alreadyUsed"))
            # Read while the server runs: once it stops, the page's status polls fail too.
            logged = browser.console_errors(DRIVER)
        finally:
            leave_page(DRIVER)
            server.stop()
        # Refusals are HTTP 4xx (and 503, polls not open) answers, which Chromium logs as failed loads; anything else is a page error.
        errors = [e for e in logged if not re.search(r"/api/\S+ - Failed to load resource: the server responded with a status of (4\d\d|503)", e)]
        self.assertEqual(errors, [])
        election.close_and_verify(self, [tracking])

    def test_choose_one(self) -> None:
        def choose(page: KioskPage) -> None:
            page.choose("KW-02")
            page.choose("KW-03")  # a second choice replaces the first
            self.assertEqual(page.card_button("KW-02").get_attribute("aria-pressed"), "false")
        self.vote("choose-1", choose, "U hebt gekozen: Buurtkamer Korreweg")

    def test_approval_with_the_on_screen_keyboard(self) -> None:
        def choose(page: KioskPage) -> None:
            for project in ("KW-01", "KW-03", "KW-05"):
                page.choose(project)
            self.assertIn("3 van hoogstens 3 gekozen", page.feedback())
            page.choose("KW-06")  # a fourth: refused with a message, the ballot stays as it was
            self.assertIn("al 3 projecten gekozen", page.error("ballot-error", "approvalFull"))
            page.choose("KW-05")
        self.vote("approval", choose, "2 van hoogstens 3 gekozen", keyboard=True)

    def test_knapsack_budget_meter(self) -> None:
        def choose(page: KioskPage) -> None:
            page.choose("KW-01")  # 65.000
            page.choose("KW-04")  # 52.000
            page.choose("KW-02")  # 48.000 -> 165.000 of 180.000
            self.assertIn("Nog over: € 15.000,00", page.feedback())
            # What no longer fits is disabled and says so.
            self.assertFalse(page.card_button("KW-06").is_enabled())
            self.assertIn("Past niet meer", DRIVER.find_element(By.CSS_SELECTOR, "li[data-project='KW-06']").text)
            self.assertTrue(page.card_button("KW-05").is_enabled())  # 12.500 still fits
            self.assertEqual(page.el("meter").get_attribute("aria-valuenow"), "16500000")
        self.vote("knapsack", choose, "Gekozen: € 165.000,00 van € 180.000,00")

    def test_cumulative_points_left(self) -> None:
        def choose(page: KioskPage) -> None:
            page.points("KW-01", 6)
            more = DRIVER.find_element(By.CSS_SELECTOR, "[data-focus-key='KW-01:more']")
            self.assertFalse(more.is_enabled(), "at most 6 points on one project")
            page.points("KW-03", 3)
        self.vote("cumulative", choose, "Nog 1 van 10 punten te verdelen")

    def test_ranking(self) -> None:
        def choose(page: KioskPage) -> None:
            page.choose("KW-04")
            page.choose("KW-02")
            self.assertIn("2e keus", page.card_button("KW-02").text)
        self.vote("ranking", choose, "2 van hoogstens 3 projecten op volgorde gezet")

    def test_receipt_resets_for_the_next_voter(self) -> None:
        election = STORE.new_election("approval")
        server = KioskProcess(STORE.workspace, election.id, "zuil", "--receipt-seconds", "5")
        try:
            page = KioskPage(DRIVER, server.url)
            page.enter_pass(election.code())
            page.wait_visible("screen-ballot")
            page.choose("KW-02")
            page.click("ballot-next")
            page.click("confirm-cast")
            page.wait_visible("screen-receipt")
            self.assertIn("5 seconden", page.el("receipt-countdown").text)
            tracking = page.el("tracking-code").text
            page.wait_visible("screen-welcome", timeout=15)
            self.assertEqual(page.el("pass-code").get_attribute("value"), "")
            self.assertFalse(page.el("screen-receipt").is_displayed())
        finally:
            leave_page(DRIVER)
            server.stop()
        election.close_and_verify(self, [tracking])

    def test_english_switch(self) -> None:
        election = STORE.new_election("knapsack")
        server = KioskProcess(STORE.workspace, election.id, "zuil")
        try:
            page = KioskPage(DRIVER, server.url)
            page.click("language")
            self.assertEqual(DRIVER.find_element(By.TAG_NAME, "html").get_attribute("lang"), "en")
            self.assertIn("Welcome", page.el("welcome-heading").text)
            page.enter_pass(election.code())
            page.wait_visible("screen-ballot")
            page.choose("KW-05")
            self.assertIn("Chosen: €12,500.00 of €180,000.00", page.feedback())
            page.shot("english-ballot")
            # Keyboard only: tab to "Check my choice" and press Enter.
            page.el("ballot-next").send_keys(Keys.ENTER)
            page.wait_visible("screen-confirm")
            page.el("confirm-cast").send_keys(Keys.ENTER)
            page.wait_visible("screen-receipt")
            self.assertIn("Your vote was received", page.el("receipt-heading").text)
            self.assertIn("Votes are public per pass", page.el("receipt-note").text)
            tracking = page.el("tracking-code").text
            page.shot("english-receipt")
            page.click("receipt-done")
            self.assertEqual(DRIVER.find_element(By.TAG_NAME, "html").get_attribute("lang"), "nl",
                             "the next voter starts in Dutch")
        finally:
            leave_page(DRIVER)
            server.stop()
        election.close_and_verify(self, [tracking])


class ErrorPathsAndStaff(unittest.TestCase):
    """Every refusal shows its Dutch message; the staff screen opens, counts, checkpoints and closes; two kiosks
    on one store refuse the second cast of a pass; the record of it all verifies."""

    def assert_refuses_input(self, page: "KioskPage") -> None:
        """Not open, paused or closed: the field, the submit button and every on-screen key are disabled."""
        self.assertFalse(page.el("pass-code").is_enabled())
        self.assertFalse(page.el("pass-submit").is_enabled())
        keys = DRIVER.find_elements(By.CSS_SELECTOR, "#keyboard button")
        self.assertEqual(len(keys), 34)
        self.assertTrue(all(not key.is_enabled() for key in keys))
        self.assertEqual(page.el("pass-code").get_attribute("value"), "")

    def test_the_whole_day(self) -> None:
        pin_file = STORE.workspace.file("pin.txt")
        with open(pin_file, "w") as f:
            f.write(PIN + "\n")
        os.chmod(pin_file, 0o600)
        # Two contests, a kiosk for Korrewegwijk only and a second kiosk for every area; the polls not open yet.
        fouten = STORE.new_election("approval", ("korreweg:WK001401", "tweede"), extra_contest=OOSTERPARK, open_polls=False)
        other = STORE.new_election("choose-1", publish=False, open_polls=False)
        korreweg = KioskProcess(STORE.workspace, fouten.id, "korreweg", "--pin-file", pin_file, env={})
        tweede = KioskProcess(STORE.workspace, fouten.id, "tweede")
        used_codes = []
        try:
            page = KioskPage(DRIVER, korreweg.url)
            # Polls not open yet: the welcome screen says so, and the code field and keyboard take no input at all.
            self.assertIn("De stemming is nog niet geopend", page.error("status-notice", "pollsNotOpen"))
            self.assert_refuses_input(page)
            page.shot("error-polls-not-open")
            code = fouten.code()
            used_codes.append(code)

            # Staff: a wrong PIN, then the right one.
            page.staff_login("0000")
            self.assertIn("Onjuiste pincode", page.error("pin-error", "wrongPin"))
            page.shot("staff-pin-wrong")
            page.el("pin").clear()
            page.el("pin").send_keys(PIN)
            page.click("pin-submit")
            page.wait_visible("screen-staff")
            self.assertEqual(page.el("staff-ballots").text, "0")
            self.assertEqual(page.el("staff-state").get_attribute("data-state"), "notOpen")
            page.shot("staff-before-open")
            page.click("staff-open")
            WebDriverWait(DRIVER, 10).until(lambda d: d.find_element(By.ID, "staff-state").get_attribute("data-state") == "open")
            self.assertIn("open", page.el("staff-message").text)
            page.shot("staff-open")
            page.click("staff-lock")
            page.wait_visible("screen-welcome")
            WebDriverWait(DRIVER, 15).until(lambda d: not d.find_element(By.ID, "status-notice").is_displayed())

            # Mistyped: one character changed; the check character catches it.
            typo = list(code)
            typo[0] = "B" if typo[0] != "B" else "C"
            page.enter_pass("".join(typo))
            self.assertIn("typefout", page.error("pass-error", "mistyped"))
            page.shot("error-mistyped")
            page.enter_pass(code[:-4])
            self.assertIn("tekens", page.error("pass-error", "mistyped"))

            # Unknown: a well-formed code that no pass of this store has.
            page.enter_pass(other_store_code(fouten.id))
            self.assertIn("geen stempas voor deze stemming", page.error("pass-error", "unknownPass"))
            page.shot("error-unknown")

            # A pass of another election: named by its title, not its id.
            page.enter_pass(other.code())
            other_election = page.error("pass-error", "otherElection")
            self.assertIn("andere stemming (‘Wijkstemdag Korrewegwijk 2026’)", other_election)
            self.assertNotIn(other.id, other_election)
            self.assertNotIn("deze pass ", other_election, "no English inside the Dutch")

            # Wrong area: an Oosterpark pass at the Korrewegwijk kiosk; the message names both wijken, not codes.
            page.enter_pass(fouten.code("WK001402"))
            wrong_area = page.error("pass-error", "wrongArea")
            self.assertIn("ander gebied (Oosterpark)", wrong_area)
            self.assertIn("deze stemzuil is voor Korrewegwijk", wrong_area)
            self.assertNotRegex(wrong_area, r"WK\d")
            page.shot("error-wrong-area")

            # A vote, then the same pass again: used.
            page.enter_pass(code)
            page.wait_visible("screen-ballot")
            page.choose("KW-03")
            page.click("ballot-next")
            page.click("confirm-cast")
            page.wait_visible("screen-receipt")
            page.click("receipt-done")
            page.enter_pass(code)
            self.assertIn("Met deze stempas is al gestemd", page.error("pass-error", "alreadyUsed"))
            page.shot("error-used")
            page.click("language")
            self.assertIn("already been used", page.el("pass-error").text)
            page.click("language")

            # Two kiosks on one store: both show the ballot of one pass; the second cast is refused cleanly.
            shared = fouten.code()
            used_codes.append(shared)
            page.enter_pass(shared)
            page.wait_visible("screen-ballot")
            page.choose("KW-01")
            page.click("ballot-next")
            page.wait_visible("screen-confirm")
            second = browser.new_driver()
            try:
                other = KioskPage(second, tweede.url)
                other.enter_pass(shared)
                other.wait_visible("screen-ballot")
                other.choose("KW-02")
                other.click("ballot-next")
                other.wait_visible("screen-confirm")
                page.click("confirm-cast")
                page.wait_visible("screen-receipt")
                other.click("confirm-cast")
                self.assertIn("Met deze stempas is al gestemd", other.error("confirm-error", "alreadyUsed"))
                self.assertFalse(other.el("confirm-cast").is_displayed(), "a used pass cannot be cast again")
                browser.screenshot(second, "kiosk-two-kiosks-second-cast-refused")
                other.click("confirm-restart")
                other.wait_visible("screen-welcome")
            finally:
                second.quit()
            page.click("receipt-done")

            # Staff: count, a checkpoint, then close this kiosk for the day.
            page.staff_login(PIN)
            page.wait_visible("screen-staff")
            WebDriverWait(DRIVER, 10).until(lambda d: d.find_element(By.ID, "staff-ballots").text == "2")
            page.click("staff-checkpoint")
            WebDriverWait(DRIVER, 10).until(lambda d: "2 stemmen" in d.find_element(By.ID, "staff-checkpoint").text)
            self.assertIn("(Korrewegwijk)", page.el("staff-kiosk").text, "the kiosk's area by name")
            page.shot("staff-checkpoint")
            page.click("staff-pause")
            WebDriverWait(DRIVER, 10).until(lambda d: d.find_element(By.ID, "staff-state").get_attribute("data-state") == "paused")
            page.click("staff-lock")
            self.assertIn("even gesloten", page.error("status-notice", "kioskPaused"))
            self.assert_refuses_input(page)
            page.shot("error-paused")
            page.staff_login(PIN)
            page.wait_visible("screen-staff")
            page.click("staff-open")
            WebDriverWait(DRIVER, 10).until(lambda d: d.find_element(By.ID, "staff-state").get_attribute("data-state") == "open")
            page.click("staff-close")
            page.wait_visible("close-confirm")
            page.shot("staff-close-confirm")
            page.click("close-yes")
            WebDriverWait(DRIVER, 10).until(lambda d: d.find_element(By.ID, "staff-state").get_attribute("data-state") == "closed")
            self.assertFalse(page.el("staff-open").is_enabled())
            page.shot("staff-closed")
            page.click("staff-lock")
            self.assertIn("De stemming is gesloten", page.error("status-notice", "pollsClosed"))
            self.assert_refuses_input(page)
            page.shot("error-closed")

            # The second kiosk goes on until its staff close it: the last open kiosk closes the polls of the store.
            other_page = KioskPage(DRIVER, tweede.url)
            other_page.staff_login(PIN)
            other_page.wait_visible("screen-staff")
            self.assertEqual(other_page.el("staff-ballots").text, "0")
            other_page.click("staff-close")
            other_page.click("close-yes")
            WebDriverWait(DRIVER, 10).until(lambda d: d.find_element(By.ID, "staff-state").get_attribute("data-state") == "closed")

            for code in used_codes:
                for server in (korreweg, tweede):
                    self.assertNotIn(code, server.output())
                    self.assertNotIn(code.replace("-", ""), server.output())
            self.assertNotIn(PIN, korreweg.output())
        finally:
            leave_page(DRIVER)
            korreweg.stop()
            tweede.stop()

        out = STORE.workspace.file(f"record-{fouten.id}")
        STORE.cli("record", "export", "--election", fouten.id, "--out", out)
        verified = subprocess.run([browser.binary("buurtstem-verify"), out], capture_output=True, text=True, timeout=300)
        self.assertEqual(verified.returncode, 0, f"{verified.stdout}\n{verified.stderr}")


ACCESSIBILITY_AUDIT = r"""
const problems = [];
const visible = (e) => e.offsetParent !== null || getComputedStyle(e).position === "fixed";
const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const background = (e) => {
  for (let n = e; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
  }
  return [255, 255, 255];
};
if (!document.documentElement.lang) problems.push("no lang on html");
for (const b of document.querySelectorAll("button")) {
  if (visible(b) && !(b.getAttribute("aria-label") || b.textContent.trim())) problems.push("button without a name: " + b.outerHTML);
}
for (const i of document.querySelectorAll("input")) {
  if (!i.labels.length && !i.getAttribute("aria-label")) problems.push("input without a label: " + i.id);
}
for (const e of document.querySelectorAll("body *")) {
  const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!own || !visible(e)) continue;
  const style = getComputedStyle(e);
  const fg = rgb(style.color).slice(0, 3), bg = background(e);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  const ratio = (a + 0.05) / (b + 0.05);
  const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && parseInt(style.fontWeight) >= 700);
  if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)} for "${e.textContent.trim().slice(0, 40)}"`);
  if (parseFloat(style.fontSize) < 16) problems.push(`text smaller than 16px: "${e.textContent.trim().slice(0, 40)}"`);
}
return problems;
"""


class Accessibility(unittest.TestCase):
    """WCAG 2.1 AA basics checked on the rendered screens: contrast of every visible text, names for every button,
    labels for every input, a lang attribute; and the whole path by keyboard alone."""

    def audit(self, screen: str) -> None:
        """Our own checks (contrast of every visible text, names, labels, no text under 16 px), then axe-core."""
        self.assertEqual(DRIVER.execute_script(ACCESSIBILITY_AUDIT), [], screen)
        self.assertEqual(browser.axe_violations(DRIVER), [], f"axe-core: {screen}")

    def test_screens_and_keyboard(self) -> None:
        election = STORE.new_election("approval")
        server = KioskProcess(STORE.workspace, election.id, "zuil", "--check-url", "https://www.groningen.nl/stemdag")
        try:
            page = KioskPage(DRIVER, server.url)
            self.audit("welcome screen")
            # Keyboard only: the focus starts on the heading; tab into the code field, type, Enter.
            self.assertEqual(DRIVER.switch_to.active_element.get_attribute("id"), "welcome-heading")
            page.el("pass-code").send_keys(election.code(), Keys.ENTER)
            page.wait_visible("screen-ballot")
            self.assertEqual(DRIVER.switch_to.active_element.get_attribute("id"), "ballot-heading")
            page.choose("KW-01")
            self.audit("ballot screen")
            # In English the projects' Dutch texts say so (lang="nl"), and the screen still passes.
            page.click("language")
            self.assertEqual(DRIVER.find_element(By.CSS_SELECTOR, "li[data-project='KW-01'] h2").get_attribute("lang"), "nl")
            self.assertEqual(DRIVER.find_element(By.CSS_SELECTOR, "li[data-project='KW-01'] .description").get_attribute("lang"), "nl")
            self.audit("ballot screen in English")
            page.click("language")
            page.card_button("KW-01").click()
            page.card_button("KW-01").click()
            active = DRIVER.switch_to.active_element
            self.assertEqual(active.get_attribute("aria-pressed"), "true", "the focus stays on the card's button")
            active.send_keys(Keys.TAB)
            DRIVER.switch_to.active_element.send_keys(Keys.SPACE)  # the next card, by keyboard
            self.assertIn("2 van hoogstens 3", page.feedback())
            page.el("ballot-next").send_keys(Keys.ENTER)
            page.wait_visible("screen-confirm")
            self.audit("confirm screen")
            page.el("confirm-cast").send_keys(Keys.ENTER)
            page.wait_visible("screen-receipt")
            # The receipt says where and how to check it: the address, and the same as a QR code.
            self.assertIn("https://www.groningen.nl/stemdag", page.el("receipt-check").text)
            self.assertTrue(page.el("receipt-qr").is_displayed())
            self.assertRegex(page.el("receipt-position").text, r"^[1-9]\d* bij deze stemzuil$", "counted from 1")
            self.audit("receipt screen")
            tracking = page.el("tracking-code").text
            page.click("receipt-done")
            page.click("staff-button")
            page.wait_visible("screen-pin")
            self.audit("PIN screen")
            page.el("pin").send_keys(PIN, Keys.ENTER)
            page.wait_visible("screen-staff")
            self.audit("staff screen")
            page.click("staff-lock")
        finally:
            leave_page(DRIVER)
            server.stop()
        election.close_and_verify(self, [tracking])


OUT_OF_VIEW = r"""
const missing = [];
for (const selector of arguments[0]) {
  const elements = [...document.querySelectorAll(selector)];
  if (!elements.length) missing.push(selector + " (not found)");
  elements.forEach((e, i) => {
    const r = e.getBoundingClientRect();
    if (e.offsetParent === null || r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth)
      missing.push(`${selector}[${i}] at ${Math.round(r.top)}..${Math.round(r.bottom)} of ${innerHeight}`);
  });
}
if (document.documentElement.scrollHeight > innerHeight + 1) missing.push(`the page scrolls (${document.documentElement.scrollHeight} px)`);
return missing;
"""

COVERED_TITLES = r"""
const covered = [];
for (const title of document.querySelectorAll("#projects h2")) {
  title.scrollIntoView({block: "nearest"});
  const r = title.getBoundingClientRect();
  for (const [x, y] of [[r.left + 4, r.top + 4], [r.left + r.width / 2, r.top + r.height / 2], [r.right - 4, r.bottom - 4]]) {
    const top = document.elementFromPoint(x, y);
    if (!top || !(top === title || title.contains(top) || top.contains(title))) { covered.push(title.textContent); break; }
  }
}
return covered;
"""


class ScreenSizes(unittest.TestCase):
    """At a 1366x768 kiosk and a 1080x1920 standing screen every action of every screen is in view without
    scrolling the page, and nothing covers a card's title; tapping a card (not only its button) chooses it."""

    def walk(self, width: int, height: int) -> None:
        driver = browser.new_driver((width, height))
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        election = STORE.new_election("approval")
        server = KioskProcess(STORE.workspace, election.id, "zuil")
        name = f"{width}x{height}"
        try:
            page = KioskPage(driver, server.url)
            self.assertEqual(driver.execute_script("return [innerWidth, innerHeight]"), [width, height])

            def in_view(*selectors: str) -> None:
                self.assertEqual(driver.execute_script(OUT_OF_VIEW, list(selectors)), [], f"{name}: out of view")

            in_view("#pass-code", "#pass-submit", "#keyboard button", "#language", "#staff-button")
            browser.screenshot(driver, f"kiosk-{name}-welcome", full_page=False)
            page.enter_pass(election.code())
            page.wait_visible("screen-ballot")
            # Tapping a card's title or text chooses it, as its button does; a second tap takes it out.
            for project in ("KW-01", "KW-03", "KW-05"):
                driver.find_element(By.CSS_SELECTOR, f"li[data-project='{project}'] h2").click()
            self.assertEqual(page.card_button("KW-05").get_attribute("aria-pressed"), "true")
            driver.find_element(By.CSS_SELECTOR, "li[data-project='KW-06'] .description").click()
            self.assertIn("al 3 projecten gekozen", page.error("ballot-error", "approvalFull"))
            in_view("#ballot-heading", "#feedback-text", "#ballot-error", "#ballot-next", "#ballot-stop", "#staff-button")
            browser.screenshot(driver, f"kiosk-{name}-ballot", full_page=False)
            self.assertEqual(driver.execute_script(COVERED_TITLES), [], f"{name}: a card title is covered")
            driver.find_element(By.CSS_SELECTOR, "li[data-project='KW-05'] .cost").click()
            self.assertEqual(page.card_button("KW-05").get_attribute("aria-pressed"), "false")
            page.click("ballot-next")
            page.wait_visible("screen-confirm")
            in_view("#confirm-heading", "#confirm-list li", "#confirm-back", "#confirm-cast")
            browser.screenshot(driver, f"kiosk-{name}-confirm", full_page=False)
            page.click("confirm-cast")
            page.wait_visible("screen-receipt")
            tracking = page.el("tracking-code").text
            in_view("#tracking-code", "#receipt-position", "#receipt-check", "#receipt-print", "#receipt-done")
            browser.screenshot(driver, f"kiosk-{name}-receipt", full_page=False)
            page.click("receipt-done")
            page.staff_login(PIN)
            page.wait_visible("screen-staff")
            in_view("#staff-open", "#staff-pause", "#staff-checkpoint", "#staff-close", "#staff-lock")
            page.click("staff-close")
            in_view("#close-no", "#close-yes")
            browser.screenshot(driver, f"kiosk-{name}-staff", full_page=False)
            page.click("close-no")
            page.click("staff-lock")
        finally:
            server.stop()
            driver.quit()
        election.close_and_verify(self, [tracking])

    def test_landscape_kiosk_1366x768(self) -> None:
        self.walk(1366, 768)

    def test_portrait_screen_1080x1920(self) -> None:
        self.walk(1080, 1920)


class BarcodeScanner(unittest.TestCase):
    """A USB (HID) barcode scanner types the QR code's text, STEMPAS:CODE, and Enter into the code field."""

    def test_scanner_input_opens_the_ballot(self) -> None:
        election = STORE.new_election("choose-1")
        server = KioskProcess(STORE.workspace, election.id, "zuil")
        try:
            page = KioskPage(DRIVER, server.url)
            code = election.code()
            field = page.wait_visible("pass-code")
            field.click()
            # As the scanner does: one key at a time, the QR code's text exactly, then Enter.
            for character in f"STEMPAS:{code.replace('-', '')}":
                field.send_keys(character)
            self.assertEqual(field.get_attribute("value"), code, "the prefix is gone; the code is grouped as printed")
            field.send_keys(Keys.ENTER)
            page.wait_visible("screen-ballot")
            # Lower case (a scanner set to another keyboard layout's case) works the same.
            page.click("ballot-stop")
            page.wait_visible("screen-welcome")
            page.el("pass-code").send_keys(f"stempas:{code.replace('-', '').lower()}", Keys.ENTER)
            page.wait_visible("screen-ballot")
            page.click("ballot-stop")
            page.wait_visible("screen-welcome")
            # The focus on a button (here the language switch): the scan still lands in the field, and its Enter
            # submits the code instead of pressing the button.
            page.click("language")
            page.click("language")
            self.assertEqual(DRIVER.switch_to.active_element.get_attribute("id"), "language")
            DRIVER.switch_to.active_element.send_keys(f"STEMPAS:{code.replace('-', '')}", Keys.ENTER)
            page.wait_visible("screen-ballot")
            self.assertEqual(DRIVER.find_element(By.TAG_NAME, "html").get_attribute("lang"), "nl", "the button was not pressed")
            page.click("ballot-stop")
            self.assertNotIn(code.replace("-", ""), server.output())
            self.assertNotIn(code, server.output())
        finally:
            leave_page(DRIVER)
            server.stop()


class IdleWarning(unittest.TestCase):
    """A half-filled ballot is not thrown away unannounced: a warning comes first, a touch keeps the ballot, and
    without one the screen resets."""

    def test_warning_then_reset(self) -> None:
        election = STORE.new_election("ranking")
        server = KioskProcess(STORE.workspace, election.id, "zuil", "--idle-seconds", "15")
        try:
            page = KioskPage(DRIVER, server.url)
            page.enter_pass(election.code())
            page.wait_visible("screen-ballot")
            page.choose("KW-02")
            started = time.time()
            page.wait_visible("idle-warning", timeout=20)
            self.assertGreaterEqual(time.time() - started, 8, "the warning comes in the last third of --idle-seconds")
            self.assertIn("Bent u er nog?", page.el("idle-heading").text)
            self.assertIn("wordt uw keuze gewist", page.el("idle-text").text)
            self.assertEqual(DRIVER.switch_to.active_element.get_attribute("id"), "idle-stay")
            self.assertEqual(browser.axe_violations(DRIVER), [], "the idle warning")
            page.shot("idle-warning")
            page.click("idle-stay")
            self.assertFalse(page.el("idle-warning").is_displayed())
            self.assertTrue(page.el("screen-ballot").is_displayed())
            self.assertEqual(page.card_button("KW-02").get_attribute("aria-pressed"), "true", "the ballot is kept")
            # No touch this time: the warning, then the welcome screen with nothing of the voter left.
            page.wait_visible("idle-warning", timeout=20)
            page.wait_visible("screen-welcome", timeout=15)
            self.assertFalse(page.el("idle-warning").is_displayed())
            self.assertEqual(page.el("pass-code").get_attribute("value"), "")
        finally:
            leave_page(DRIVER)
            server.stop()


class RequestSafety(unittest.TestCase):
    """The server refuses what did not come from its own page, and never takes data in a URL."""

    def test_refusals(self) -> None:
        election = STORE.new_election("choose-1")
        server = KioskProcess(STORE.workspace, election.id, "zuil")
        try:
            url = server.url.rstrip("/")
            with urllib.request.urlopen(url + "/api/session") as response:
                token = json.load(response)["csrfToken"]
                cookie = response.headers["Set-Cookie"]
            self.assertIn("HttpOnly", cookie)
            self.assertIn("SameSite=Strict", cookie)
            session = cookie.split(";")[0]
            with urllib.request.urlopen(url + "/") as response:
                policy = response.headers["Content-Security-Policy"]
            self.assertIn("default-src 'none'", policy)

            def status(path: str, body: dict | None = None, headers: dict | None = None) -> int:
                request = urllib.request.Request(url + path, data=json.dumps(body).encode() if body is not None else None,
                                                 headers=headers or {}, method="POST" if body is not None else "GET")
                try:
                    with urllib.request.urlopen(request) as response:
                        return response.status
                except urllib.error.HTTPError as error:
                    return error.code

            good = {"Cookie": session, "X-CSRF-Token": token, "Content-Type": "application/json"}
            code = election.code()
            self.assertEqual(status("/api/pass", {"code": code}, good), 200)
            self.assertEqual(status("/api/pass", {"code": code}, {**good, "X-CSRF-Token": "0" * 64}), 403)
            self.assertEqual(status("/api/pass", {"code": code}, {k: v for k, v in good.items() if k != "Cookie"}), 403)
            self.assertEqual(status("/api/pass", {"code": code}, {**good, "Origin": "http://evil.example"}), 403)
            self.assertEqual(status("/api/pass", {"code": code}, {**good, "Sec-Fetch-Site": "cross-site"}), 403)
            self.assertEqual(status("/api/pass", {"code": code}, {**good, "Content-Type": "text/plain"}), 415)
            self.assertEqual(status("/api/pass", {"code": code}, {**good, "Host": "evil.example"}), 403)
            self.assertEqual(status(f"/api/status?code={code}"), 400)
            self.assertEqual(status("/api/staff/status", {}, good), 401)
            # Wrong PINs lock the staff screen after five attempts, for every session.
            codes = [status("/api/staff/login", {"pin": "1111"}, good) for _ in range(6)]
            self.assertEqual(codes, [401, 401, 401, 401, 429, 429])
            self.assertEqual(status("/api/staff/login", {"pin": PIN}, good), 429)
            log = server.output()
            self.assertNotIn(code, log)
            self.assertIn("GET /api/status 400", log, "the path is logged, never the query string")
        finally:
            server.stop()

    def test_refuses_a_pin_file_others_can_read(self) -> None:
        election = STORE.new_election("choose-1", publish=False, open_polls=False)
        pin_file = STORE.workspace.file("open-pin.txt")
        with open(pin_file, "w") as f:
            f.write(PIN)
        os.chmod(pin_file, 0o644)
        result = browser.run_cli("kiosk", "serve", "--election", election.id, "--kiosk", "zuil", "--pin-file", pin_file,
                                 cwd=STORE.workspace.path, env={"BUURTSTEM_PASSPHRASE": PASSPHRASE}, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("chmod 600", result.stderr)


def other_store_code(election_id: str) -> str:
    """A well-formed stempas code of `election_id` that is not in the test store: issued in a store of its own."""
    workspace = browser.Workspace()
    try:
        env = {"BUURTSTEM_PASSPHRASE": PASSPHRASE}
        run = lambda *a: browser.run_cli(*a, cwd=workspace.path, env=env)  # noqa: E731
        run("init", "--gemeente", "Groningen", "--code", "GM0014")
        run("areas", "import", os.path.join(ROOT, "Examples/groningen/areas.csv"))
        run("register", "import", os.path.join(ROOT, "Examples/groningen/households.csv"))
        now = datetime.datetime.now(datetime.timezone.utc)
        path = workspace.file("other.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(election_file(election_id, BALLOTS["approval"], now, now + datetime.timedelta(hours=1)))
        run("election", "create", path)
        run("stempas", "issue", "--election", election_id, "--print-to", "print")
        with open(os.path.join(workspace.path, "print", "stempassen.csv"), encoding="utf-8") as f:
            return f.read().splitlines()[1].split(",")[2]
    finally:
        workspace.close()


if __name__ == "__main__":
    unittest.main()
