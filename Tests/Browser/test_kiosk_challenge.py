"""'Controleer deze stem' (the Benaloh challenge) at the kiosk of a secret election, in a real browser.

A secret election with a 1-of-1 trustee key made through the CLI ceremony; `buurtstem kiosk serve` driven in headless
Chromium. The review step shows the ballot code before anything can be cast or checked; checking opens the
ballot (choices, QR code, text), which `buurtstem-verify challenge` confirms and which fails once tampered; the
resident chooses again, casts a fresh encryption with a new code, and the receipt shows that code. The opened
ballot was never stored: the kiosk's log holds one ballot. Screenshots: test-artifacts/screenshots/kiosk-challenge-*.png.
"""

import datetime
import json
import os
import re
import subprocess
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import browser
from test_kiosk import PASSPHRASE, KioskPage, KioskProcess, election_file

ELECTION = "kw-geheim"
CODE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$")


class ChallengeAtTheKiosk(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.workspace = browser.Workspace()
        cls.env = {"BUURTSTEM_PASSPHRASE": PASSPHRASE}
        run = cls.cli
        run("init", "--gemeente", "Groningen", "--code", "GM0014")
        run("areas", "import", os.path.join(browser_root(), "Examples/groningen/areas.csv"))
        run("register", "import", os.path.join(browser_root(), "Examples/groningen/households.csv"))
        # A trustee key ceremony of one trustee, through the CLI, as docs/trustees.md runs it.
        run("trustee", "init", "--name", "Notaris", "--out", "trustee")
        run("trustees", "ceremony", "--threshold", "1", "--card", "trustee/card.json", "--election", ELECTION, "--out", "ceremony.json")
        os.makedirs(cls.workspace.file("dealings"), exist_ok=True)
        run("trustee", "deal", "--ceremony", "ceremony.json", "--key", "trustee/trustee.key", "--out", "dealings/trustee-1.json")
        run("trustees", "combine", "--ceremony", "ceremony.json", "--dealings", "dealings", "--out", "election-key.json")
        now = datetime.datetime.now(datetime.timezone.utc)
        text = election_file(ELECTION, "  type: approval\n  min: 1\n  max: 3", now - datetime.timedelta(hours=1),
                             now + datetime.timedelta(hours=6))
        text += "secret_ballot:\n  election_key: election-key.json\n"
        with open(cls.workspace.file(f"{ELECTION}.yaml"), "w", encoding="utf-8") as f:
            f.write(text)
        run("election", "create", f"{ELECTION}.yaml")
        run("kiosk", "add", "--election", ELECTION, "--name", "zuil")
        run("stempas", "issue", "--election", ELECTION, "--print-to", "print")
        run("election", "publish", "--election", ELECTION, "--out", "prepub")
        run("polls", "open", "--election", ELECTION)
        with open(cls.workspace.file("print/stempassen.csv"), encoding="utf-8") as f:
            cls.codes = [line.split(",")[2] for line in f.read().splitlines()[1:] if line.split(",")[1] == "WK001401"]
        cls.kiosk = KioskProcess(cls.workspace, ELECTION, "zuil")
        cls.driver = browser.new_driver()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.driver.quit()
        cls.kiosk.stop()
        cls.workspace.close()

    @classmethod
    def cli(cls, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
        return browser.run_cli(*arguments, cwd=cls.workspace.path, env=cls.env, check=check)

    def verify_challenge(self, text: str) -> subprocess.CompletedProcess:
        path = self.workspace.file("opened.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return subprocess.run([browser.binary("buurtstem-verify"), "challenge", path, "--pinned", self.workspace.file("prepub")],
                              capture_output=True, text=True, timeout=120)

    def wait_code(self, page: KioskPage, element_id: str) -> str:
        WebDriverWait(self.driver, 30).until(lambda d: CODE.match(d.find_element(By.ID, element_id).text.strip()))
        return page.el(element_id).text.strip()

    def test_check_then_vote_again(self) -> None:
        page = KioskPage(self.driver, self.kiosk.url)
        page.enter_pass(self.codes[0])
        page.wait_visible("screen-ballot")
        page.choose("KW-01")
        page.choose("KW-05")
        page.click("ballot-next")
        page.wait_visible("screen-confirm")
        # The review step: the code first, then the two ways on.
        first = self.wait_code(page, "ballot-code")
        self.assertEqual(page.el("confirm-check").text, "Controleer deze stem")
        self.assertTrue(page.el("confirm-check").is_enabled() and page.el("confirm-cast").is_enabled())
        self.assertIn("Controleer deze stem", page.el("confirm-sealed").text)
        page.shot("challenge-review")
        page.click("language")
        self.assertEqual(page.el("confirm-check").text, "Check this ballot")
        self.assertEqual(page.el("ballot-code").text.strip(), first)
        page.click("language")

        page.click("confirm-check")
        page.wait_visible("screen-opened")
        self.assertEqual(page.el("opened-heading").text, "Deze stem is geopend en telt niet mee")
        self.assertEqual(page.el("opened-code").text.strip(), first)
        listed = page.el("opened-list").text
        self.assertIn("Groen schoolplein", listed)
        self.assertIn("Geveltuinen", listed)
        self.assertTrue(page.el("opened-qr").is_displayed())
        text = page.el("opened-text").text
        opening = json.loads(text)
        self.assertEqual(opening["format"], "buurtstem-opened-ballot/1")
        self.assertEqual(opening["code"], first)
        self.assertNotIn("zuil", text)
        page.shot("challenge-opened")

        # The resident's own check: honest, and a tampered copy fails.
        honest = self.verify_challenge(text)
        self.assertEqual(honest.returncode, 0, honest.stdout + honest.stderr)
        self.assertIn(first, honest.stdout)
        opening["choices"] = [{"project": "KW-01", "value": 1}, {"project": "KW-06", "value": 1}]
        tampered = self.verify_challenge(json.dumps(opening, sort_keys=True, separators=(",", ":")))
        self.assertEqual(tampered.returncode, 1, tampered.stdout + tampered.stderr)
        self.assertIn("NOT honest", tampered.stdout)

        # Choose again: the same choices are still marked; change one and review: a fresh encryption, a new code.
        page.click("opened-again")
        page.wait_visible("screen-ballot")
        page.choose("KW-05")
        page.choose("KW-02")
        page.click("ballot-next")
        page.wait_visible("screen-confirm")
        second = self.wait_code(page, "ballot-code")
        self.assertNotEqual(second, first)
        page.click("confirm-cast")
        page.wait_visible("screen-receipt")
        self.assertEqual(page.el("receipt-ballot-code").text.strip(), second)
        self.assertTrue(page.el("receipt-ballot-code").is_displayed())
        page.shot("challenge-receipt")
        # Sealing, opening and casting gave no browser error (the refusal below is an expected 409).
        self.assertEqual(browser.console_errors(self.driver), [])
        page.click("receipt-done")
        page.wait_visible("screen-welcome")

        # The opened ballot was never stored: the log holds the one ballot cast, and the pass is used.
        checkpoint = json.loads(self.cli("kiosk", "checkpoint", "--election", ELECTION, "--kiosk", "zuil", "--json").stdout)
        self.assertEqual(checkpoint["size"], 1, checkpoint)
        page.enter_pass(self.codes[0])
        self.assertIn("al gestemd", page.error("pass-error", "alreadyUsed"))


def browser_root() -> str:
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


if __name__ == "__main__":
    unittest.main()
