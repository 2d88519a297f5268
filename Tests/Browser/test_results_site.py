"""The public results site (`buurtstem report`) in headless Chromium: opened from file:// with no console errors,
charts as inline SVG with a title and a table behind each, and the numbers on the page equal to the tally's JSON and
the report's JSON. Screenshots at phone and desktop width are kept in test-artifacts/screenshots/.
"""

import csv
import datetime
import json
import os
import re
import subprocess
import unittest
import zoneinfo

from selenium.webdriver.common.by import By

import browser

# The shipped budget plan: the cheque round's site is written with it, so it shows who pays.
PLAN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Budgets", "groningen-wijkvernieuwing-2011-2014.yaml")


def money(cents: int) -> str:
    """Cents the Dutch way, as the site writes them: `€ 12.500,00`."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}€ {euros:,}".replace(",", ".") + f",{rest:02d}"


def count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " %"


def rgb(colour: str) -> tuple[int, int, int]:
    """`rgb(31, 111, 67)` as a triple."""
    return tuple(int(part) for part in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two sRGB colours."""
    def luminance(colour: tuple[int, int, int]) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(v) for v in colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class ResultsSiteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.workspace = browser.Workspace()
        cwd = cls.workspace.path
        browser.run_cli("demo", "--households", "2000", "--out", "demo", cwd=cwd)
        db = ["--db", "demo/buurtstem.sqlite"]
        cls.tally = json.loads(browser.run_cli("tally", "--election", "demo-wijkstemdag", "--json", *db, cwd=cwd).stdout)
        cls.report = json.loads(browser.run_cli("report", "--election", "demo-wijkstemdag", "--out", "site", "--record",
                                                "demo/record-demo-wijkstemdag", "--json", *db, cwd=cwd).stdout)
        cls.round = json.loads(browser.run_cli("report", "--round", "demo-najaar", "--out", "site-cheques", "--record",
                                               "demo/record-demo-najaar", "--plan", PLAN, "--json", *db, cwd=cwd).stdout)
        cls.settlement = json.loads(browser.run_cli("cheques", "report", "--round", "demo-najaar", "--plan", PLAN, "--json",
                                                    *db, cwd=cwd).stdout)
        cls.year = json.loads(browser.run_cli("report", "--year", cls.report["pollsClose"][:4], "--out", "site-year", "--json",
                                              *db, cwd=cwd).stdout)
        cls.driver = browser.new_driver(browser.PHONE)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.driver.quit()
        cls.workspace.close()

    def open(self, folder: str, size: tuple[int, int] = browser.PHONE, page: str = "index.html") -> None:
        self.driver.set_window_size(*size)
        browser.console_errors(self.driver)  # only this page's messages, whatever ran before
        self.driver.get("file://" + os.path.join(self.workspace.path, folder, page))
        errors = browser.console_errors(self.driver)
        self.assertEqual(errors, [], "console errors on the results site")

    def assert_self_contained(self) -> None:
        """No scripts, no external stylesheets, images or fonts: the page opens offline from a file."""
        self.assertEqual(self.driver.find_elements(By.TAG_NAME, "script"), [])
        for element in self.driver.find_elements(By.CSS_SELECTOR, "link, img, iframe, object, embed"):
            self.fail(f"external asset on the page: {element.get_attribute('outerHTML')}")
        for anchor in self.driver.find_elements(By.TAG_NAME, "a"):
            href = anchor.get_attribute("href") or ""
            self.assertTrue(href.startswith("file://"), f"a link leaves the folder: {href}")

    def assert_charts(self, minimum: int) -> None:
        """Every chart is an inline SVG with a non-empty title, followed by the table with its numbers."""
        charts = self.driver.find_elements(By.CSS_SELECTOR, "figure.chart-figure")
        self.assertGreaterEqual(len(charts), minimum)
        for figure in charts:
            svg = figure.find_element(By.CSS_SELECTOR, "svg")
            title = svg.find_element(By.CSS_SELECTOR, "title").get_attribute("textContent")
            self.assertTrue(title.strip(), "a chart without a title")
            self.assertGreater(len(svg.find_elements(By.CSS_SELECTOR, "rect")), 0)
            rows = figure.find_elements(By.CSS_SELECTOR, "details table tbody tr")
            self.assertGreater(len(rows), 0, f"chart '{title}' has no table behind it")

    def assert_fits_phone(self) -> None:
        width = self.driver.execute_script("return document.documentElement.scrollWidth")
        viewport = self.driver.execute_script("return window.innerWidth")
        self.assertLessEqual(width, viewport, "the page scrolls sideways on a phone")

    def test_election_site_numbers_equal_the_tally(self) -> None:
        self.open("site")
        self.assert_self_contained()
        self.assert_charts(minimum=5)
        self.assert_fits_phone()
        browser.screenshot(self.driver, "results-site-election-phone")
        browser.screenshot(self.driver, "results-site-election-phone-top", full_page=False)
        tally = self.tally["tally"]
        funded = {project for allocation in self.tally["allocations"] for project in allocation["funded"]}
        counted = sum(contest["ballotsCounted"] for contest in tally["contests"])
        passes = sum(contest["passesIssued"] for contest in tally["contests"])
        figure = lambda key: self.driver.find_element(By.CSS_SELECTOR, f'dd[data-figure="{key}"]').text
        self.assertEqual(figure("ballots"), count(counted))
        self.assertEqual(figure("passes"), count(passes))
        checked = 0
        for contest, allocation in zip(tally["contests"], self.tally["allocations"]):
            area = contest["area"]
            self.assertEqual(figure(f"budget-{area}"), money(contest["budgetCents"]))
            self.assertEqual(figure(f"funded-{area}"), money(allocation["fundedCostCents"]))
            explanations = {e["project"]: e["summary"] for e in allocation["explanations"]}
            for project in contest["projects"]:
                card = self.driver.find_element(By.CSS_SELECTOR, f'li.project[data-project="{project["id"]}"]')
                self.assertEqual(card.find_element(By.CSS_SELECTOR, ".votes").text, count(project["ballots"]))
                self.assertEqual(card.find_element(By.CSS_SELECTOR, ".cost").text, money(project["costCents"]))
                self.assertEqual(card.get_attribute("data-funded"), "true" if project["id"] in funded else "false")
                # The Dutch page gives the reason in Dutch only; the English page gives the engine's sentence.
                dutch = card.find_element(By.CSS_SELECTOR, ".reason").text.removeprefix("Waarom:").strip()
                self.assertNotIn(explanations[project["id"]], dutch)
                expected_start = "gefinancierd" if project["id"] in funded else "niet gefinancierd"
                self.assertTrue(dutch.startswith(expected_start) or dutch.startswith("deels"),
                                f"{project['id']}: the Dutch reason '{dutch}' does not match its outcome")
                row = self.driver.find_element(By.CSS_SELECTOR, f'tr[data-project="{project["id"]}"]')
                self.assertEqual(row.find_element(By.CSS_SELECTOR, "td[data-votes]").get_attribute("textContent"),
                                 count(project["ballots"]))
                checked += 1
        self.assertEqual(checked, sum(len(c["projects"]) for c in tally["contests"]))
        # Turnout per wijk and buurt: the table's numbers are the report's, and the wijken add up to the tally.
        reach = self.report["reach"]
        for table, line in [("reach-wijken-table", line) for line in reach["wijken"]] + [("reach-buurten-table", line) for line in reach["buurten"]]:
            row = self.driver.find_element(By.CSS_SELECTOR, f'#{table} tr[data-code="{line["code"]}"]')
            cell = lambda key: row.find_element(By.CSS_SELECTOR, f"td[data-{key}]").get_attribute("textContent")
            self.assertEqual(cell("participation"), count(line["participation"]))
            self.assertEqual(cell("issued"), count(line["issued"]))
            # An area where nothing was issued had no vote: "–", not "0,0 %".
            self.assertEqual(cell("turnout"), "–" if line["issued"] == 0 else percent(line["turnoutPercent"]))
            self.assertEqual(row.get_attribute("data-flagged"), "true" if line["underRepresented"] else "false")
        self.assertEqual(sum(line["participation"] for line in reach["wijken"]), counted)
        flagged = [line["code"] for line in reach["buurten"] if line["underRepresented"]]
        self.assertEqual(flagged, ["BU00140701"], "the demo's low-turnout buurt is flagged")
        # "Mijn wijk": a link per wijk by name, each to an anchor that exists (its contest, or its money line).
        links = self.driver.find_elements(By.CSS_SELECTOR, "nav#mijn-wijk a")
        self.assertEqual({link.get_attribute("data-area") for link in links},
                         {contest["area"] for contest in tally["contests"]} | {line["code"] for line in self.report["areas"]})
        for link in links:
            anchor = link.get_attribute("href").split("#", 1)[1]
            self.assertEqual(len(self.driver.find_elements(By.ID, anchor)), 1, anchor)
            self.assertNotRegex(link.text, r"^(WK|GM)\d", "wijken by name")
        links[-1].click()
        self.assertTrue(self.driver.current_url.endswith("#" + links[-1].get_attribute("href").split("#", 1)[1]))
        # The polling window in Dutch local time (Europe/Amsterdam, summer time included), not UTC; the rule in words.
        header = self.driver.find_element(By.CSS_SELECTOR, "header.top").text
        for instant in (self.report["pollsOpen"], self.report["pollsClose"]):
            local = datetime.datetime.fromisoformat(instant.replace("Z", "+00:00")).astimezone(zoneinfo.ZoneInfo("Europe/Amsterdam"))
            self.assertIn(local.strftime("%d-%m-%Y %H:%M"), header)
        self.assertNotIn("UTC", header)
        rule = self.driver.find_element(By.CSS_SELECTOR, "p[data-rule]")
        if rule.get_attribute("data-rule") == "greedy":
            self.assertIn("Meeste stemmen eerst", rule.text)
        self.assertNotIn("greedy", rule.text)
        # Verify it yourself: the exact command and the record's files with their hashes.
        # The command pins the gemeente's issuing key, the one that signed the record, and the pre-publication's
        # fingerprint (the demo pre-publishes the stemdag before its polls open).
        with open(os.path.join(self.workspace.path, "demo", "record-demo-wijkstemdag", "record.json"), encoding="utf-8") as index:
            key = json.load(index)["issuing_public_key"]
        with open(os.path.join(self.workspace.path, "demo", "prepublication-demo-wijkstemdag", "prepublication.json"), encoding="utf-8") as published:
            fingerprint = json.load(published)["fingerprint"]
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, 'code[data-command="verify"]').text,
                         f"buurtstem-verify record-demo-wijkstemdag --issuing-key {key} --fingerprint {fingerprint}")
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, 'tr[data-file="record.json"]'))
        self.open("site", browser.DESKTOP)
        self.assertEqual(browser.console_errors(self.driver), [])
        browser.screenshot(self.driver, "results-site-election-desktop")

    def test_cheque_round_site_numbers_equal_the_settlement(self) -> None:
        self.open("site-cheques")
        self.assert_self_contained()
        self.assert_charts(minimum=4)
        self.assert_fits_phone()
        browser.screenshot(self.driver, "results-site-cheques-phone")
        for line in self.settlement["initiatives"]:
            row = self.driver.find_element(By.CSS_SELECTOR, f'tr[data-initiative="{line["initiative"]}"]')
            self.assertEqual(row.find_element(By.CSS_SELECTOR, "td[data-collected-cents]").get_attribute("textContent"),
                             money(line["collectedCents"]))
            self.assertEqual(row.find_element(By.CSS_SELECTOR, "td[data-cheques]").get_attribute("textContent"), count(line["cheques"]))
            self.assertEqual(row.get_attribute("data-funded"), "true" if line["funded"] else "false")
        redeemed = self.driver.find_element(By.CSS_SELECTOR, 'dd[data-figure="redeemed"]').text
        self.assertEqual(redeemed, count(self.settlement["total"]["redeemed"]))
        # Who pays: each funder's total is that of `cheques report --plan`, and together they pay what was funded.
        co_funding = self.settlement["coFunding"]
        for funder in co_funding["funders"]:
            cell = self.driver.find_element(By.CSS_SELECTOR, f'#betalers tr[data-funder="{funder["id"]}"] td[data-total-cents]')
            self.assertEqual(cell.get_attribute("textContent"), money(funder["totalCents"]))
        self.assertEqual(sum(funder["totalCents"] for funder in co_funding["funders"]), self.settlement["settlement"]["fundedCents"])
        self.assertEqual(self.round["coFunding"], co_funding)
        self.open("site-cheques", browser.DESKTOP)
        browser.screenshot(self.driver, "results-site-cheques-desktop")

    def test_year_view(self) -> None:
        self.open("site-year")
        self.assert_self_contained()
        self.assert_charts(minimum=1)
        self.assert_fits_phone()
        browser.screenshot(self.driver, "results-site-year-phone")
        total = self.year["total"]
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, 'dd[data-figure="committed"]').text, money(total["committedCents"]))
        self.assertEqual(total["ballotsCounted"], self.report["ballotsCounted"])
        for line in self.year["wijken"]:
            row = self.driver.find_element(By.CSS_SELECTOR, f'tr[data-code="{line["code"]}"]')
            self.assertEqual(row.find_element(By.CSS_SELECTOR, "td[data-committed-cents]").get_attribute("textContent"),
                             money(line["committedCents"]))
            # A wijk without a vote (no pass issued) or without cheques shows "–", not "0,0 %".
            turnout = row.find_element(By.CSS_SELECTOR, "td[data-turnout]").get_attribute("textContent")
            self.assertEqual(turnout, "–" if line["passesIssued"] == 0 else percent(line["turnoutPercent"]))
            reach = row.find_element(By.CSS_SELECTOR, "td[data-reach]").get_attribute("textContent")
            # Cheque reach counts the buurten where an initiative was in scope; a wijk without one shows "–".
            self.assertEqual(reach, "–" if line["chequesInScope"] == 0 else percent(line["chequeReachPercent"]))
        self.assertIn("–", [row.find_element(By.CSS_SELECTOR, "td[data-turnout]").get_attribute("textContent")
                            for row in self.driver.find_elements(By.CSS_SELECTOR, "tr[data-code]")],
                      "the demo has wijken without a vote")
        # The verantwoording of the aanvragen (#18): per wijk received, decided, funded and the money, equal to the
        # report and adding up (paid + returned + open = committed); who pays what adds up to the wijk's money.
        lines = [line for line in self.year["wijken"] if line["proposals"]["received"] > 0] + [total]
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#aanvragen tr[data-wijk]")
        self.assertEqual([row.get_attribute("data-wijk") for row in rows], [line["code"] for line in lines])
        self.assertEqual(total["proposals"]["received"], 20, "the demo's 20 aanvragen are in the year")
        for row, line in zip(rows, lines):
            proposals = line["proposals"]
            def cell(key: str) -> int:
                return int(row.find_element(By.CSS_SELECTOR, f"td[data-{key}]").get_attribute(f"data-{key}"))
            for key, field in (("received", "received"), ("admitted", "admitted"), ("rejected", "rejected"), ("funded", "funded"),
                               ("committed-cents", "committedCents"), ("paid-cents", "paidCents"), ("returned-cents", "returnedCents")):
                self.assertEqual(cell(key), proposals[field], f"{line['code']} {key}")
            self.assertEqual(cell("paid-cents") + cell("returned-cents") + cell("open-cents"), cell("committed-cents"))
            for field in ("committedCents", "paidCents", "returnedCents"):
                self.assertEqual(sum(funder[field] for funder in proposals["funders"]), proposals[field])
        self.assertEqual(browser.axe_violations(self.driver), [], "axe on the year view (phone)")
        self.open("site-year", browser.DESKTOP)
        self.assertEqual(browser.axe_violations(self.driver), [], "axe on the year view (desktop)")
        self.driver.find_element(By.ID, "aanvragen").location_once_scrolled_into_view
        browser.screenshot(self.driver, "results-site-year-desktop")

    # Each figure of the verantwoording (its CSV column and the page row's data-key) and its field in report.json.
    ACCOUNT = {
        "budget_cents": ("budgetCents",), "cap_cents": ("capCents",),
        "proposals_received": ("proposals", "received"), "proposals_admitted": ("proposals", "admitted"),
        "proposals_rejected": ("proposals", "rejected"), "proposals_withdrawn": ("proposals", "withdrawn"),
        "decided_by_stemdag": ("proposals", "decidedByStemdag"), "decided_by_cheque_round": ("proposals", "decidedByChequeRound"),
        "decided_by_wijkteam": ("proposals", "decidedByWijkteam"),
        "proposals_funded": ("proposals", "funded"), "proposals_not_funded": ("proposals", "notFunded"),
        "funded_projects": ("fundedProjects",), "proposals_committed_cents": ("proposals", "committedCents"),
        "proposals_paid_cents": ("proposals", "paidCents"), "proposals_returned_cents": ("proposals", "returnedCents"),
        "proposals_open_cents": ("proposals", "openCents"), "cheques_paid_cents": ("paidCents",),
        "passes_issued": ("passesIssued",), "ballots_kiosk": ("ballotsKiosk",), "ballots_paper": ("ballotsPaper",),
        "ballots_counted": ("ballotsCounted",), "turnout_percent": ("turnoutPercent",), "cheques_issued": ("chequesIssued",),
        "cheques_online": ("chequesOnline",), "cheques_paper": ("chequesPaper",), "cheques_kiosk": ("chequesKiosk",),
        "cheques_redeemed": ("chequesRedeemed",), "cheque_reach_percent": ("chequeReachPercent",),
    }

    def test_year_view_verantwoording_per_wijk(self) -> None:
        """The raad's verantwoording per wijk (#18): plan -> aanvragen -> besluiten -> betalingen -> bereik. At phone and
        desktop width, no sideways scrolling on a phone and nothing axe finds; every figure of every wijk on the page
        (its exact value and as shown) equals report.json and verantwoording.csv; the chain adds up."""
        for name, size in (("phone", browser.PHONE), ("desktop", browser.DESKTOP)):
            self.open("site-year", size)
            if size == browser.PHONE:
                self.assert_fits_phone()
            self.assertEqual(browser.axe_violations(self.driver), [], f"axe on the year view's verantwoording ({name})")
            self.driver.find_element(By.ID, "verantwoording").location_once_scrolled_into_view
            browser.screenshot(self.driver, f"results-site-year-verantwoording-{name}", full_page=False)
        lines = {line["code"]: line for line in self.year["wijken"] + [self.year["total"]]}

        def field(code: str, key: str):
            value = lines[code]
            for part in self.ACCOUNT[key]:
                value = value.get(part) if isinstance(value, dict) else None
            return value

        def raw(value, key: str) -> str:
            """As the CSV and data-value write it: a percentage always with its decimal (JSON may write 0.0 as 0)."""
            if value is None:
                return ""
            return str(float(value)) if key.endswith("_percent") else str(value)

        with open(os.path.join(self.workspace.path, "site-year", "verantwoording.csv"), encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        self.assertEqual(list(rows[0].keys()), ["code", "name"] + list(self.ACCOUNT), "the CSV's columns are the figures")
        articles = self.driver.find_elements(By.CSS_SELECTOR, "#verantwoording article[data-wijk]")
        self.assertEqual([a.get_attribute("data-wijk") for a in articles], [row["code"] for row in rows])
        self.assertEqual(rows[-1]["code"], self.year["gemeente"], "the gemeente's total comes last")
        for article, row in zip(articles, rows):
            code = row["code"]
            for key in self.ACCOUNT:
                expected = field(code, key)
                self.assertEqual(row[key], raw(expected, key), f"{code} {key}: CSV and report.json")
                cell = article.find_element(By.CSS_SELECTOR, f'tr[data-key="{key}"] td[data-value]')
                self.assertEqual(cell.get_attribute("data-value"), raw(expected, key), f"{code} {key}: page and report.json")
                shown = cell.get_attribute("textContent")
                if key.endswith("_cents"):
                    self.assertEqual(shown, "–" if expected is None else money(expected), f"{code} {key} as shown")
                elif key == "turnout_percent":
                    self.assertEqual(shown, "–" if lines[code]["passesIssued"] == 0 else percent(expected), f"{code} {key} as shown")
                elif key == "cheque_reach_percent":
                    self.assertEqual(shown, "–" if lines[code]["chequesInScope"] == 0 else percent(expected), f"{code} {key} as shown")
                else:
                    self.assertEqual(shown, count(expected), f"{code} {key} as shown")
            proposals = lines[code]["proposals"]
            self.assertEqual(proposals["paidCents"] + proposals["returnedCents"] + proposals["openCents"], proposals["committedCents"])
            self.assertEqual(lines[code]["ballotsKiosk"] + lines[code]["ballotsPaper"], lines[code]["ballotsCounted"], code)
            self.assertEqual(lines[code]["chequesOnline"] + lines[code]["chequesPaper"] + lines[code]["chequesKiosk"],
                             lines[code]["chequesRedeemed"], code)
        total = self.year["total"]["proposals"]
        self.assertEqual((total["decidedByWijkteam"], total["decidedByStemdag"]), (1, 15),
                         "the demo's wijkteam decided one aanvraag, the stemdag the other admitted ones")
        self.assertGreater(self.year["total"]["ballotsPaper"], 0, "the demo's stemdag has paper ballots")

    def cards(self) -> dict[str, list]:
        """The project cards per contest, in the page's order."""
        return {article.get_attribute("data-area"): article.find_elements(By.CSS_SELECTOR, "li.project")
                for article in self.driver.find_elements(By.CSS_SELECTOR, "article.contest")}

    @staticmethod
    def ranks(allocation: dict) -> dict[str, int]:
        """The greedy rule's place of every project it ranked (from its explanation's reason)."""
        ranks = {}
        for explanation in allocation["explanations"]:
            reason = explanation["reason"][next(iter(explanation["reason"]))]
            if isinstance(reason, dict) and "rank" in reason:
                ranks[explanation["project"]] = reason["rank"]
        return ranks

    def test_cards_in_the_rules_order_with_the_tie_explained(self) -> None:
        self.open("site")
        for contest, allocation in zip(self.tally["tally"]["contests"], self.tally["allocations"]):
            cards = self.cards()[contest["area"]]
            # The greedy rule's ranking is in its explanations ("rank 3"): the cards follow it, numbered from 1.
            # A project below the minimum support has no rank: it is never in the walk, and its card comes after.
            ranks = self.ranks(allocation)
            shown = [card.get_attribute("data-project") for card in cards]
            self.assertEqual(shown[:len(ranks)], sorted(ranks, key=ranks.get))
            self.assertEqual(set(shown[len(ranks):]), {e["project"] for e in allocation["explanations"]} - set(ranks))
            self.assertEqual([card.get_attribute("data-place") for card in cards], [str(i + 1) for i in range(len(cards))])
            self.assertTrue(cards[0].find_element(By.CSS_SELECTOR, "h4").text.startswith("1. "))
        # Where projects had the same votes, every card of the tie says so and why the one went before the other
        # (lowest cost first under the demo's tie-break); the demo has ties that decided who got money.
        decided = None
        for contest, allocation in zip(self.tally["tally"]["contests"], self.tally["allocations"]):
            ranks = self.ranks(allocation)
            projects = sorted((p for p in contest["projects"] if p["id"] in ranks), key=lambda project: ranks[project["id"]])
            cards = {card.get_attribute("data-project"): card for card in self.cards()[contest["area"]]}
            groups: list[list[dict]] = []
            for project in projects:
                if groups and groups[-1][0]["ballots"] == project["ballots"]:
                    groups[-1].append(project)
                else:
                    groups.append([project])
            for group in groups:
                if len(group) == 1:
                    self.assertEqual(cards[group[0]["id"]].find_elements(By.CSS_SELECTOR, ".tie"), [], group[0]["id"])
                    continue
                ids = [project["id"] for project in group]
                for project in group:
                    tie = cards[project["id"]].find_element(By.CSS_SELECTOR, ".tie").text
                    self.assertIn(f"Gelijke stand: {', '.join(ids[:-1])} en {ids[-1]} hadden elk {group[0]['ballots']} stemmen", tie)
                    for first, second in zip(group, group[1:]):
                        self.assertLessEqual(first["costCents"], second["costCents"])
                        if first["costCents"] < second["costCents"]:
                            self.assertIn(f"{first['id']} vóór {second['id']}: het goedkoopste gaat voor "
                                          f"({money(first['costCents'])} tegen {money(second['costCents'])})", tie)
                funded = {project["id"] in allocation["funded"] for project in group}
                if len(funded) > 1:
                    self.assertIn("Hier besliste de gelijke stand wie geld kreeg.", tie)
                    decided = decided or cards[ids[0]]
        self.assertIsNotNone(decided, "the demo has a tie that decided who got money")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", decided)
        browser.screenshot(self.driver, "results-site-election-tie-phone", full_page=False)

    def test_void_ballots_reconcile_the_kiosks_with_the_count(self) -> None:
        self.open("site")
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#stembussen tr[data-kiosk]")
        number = lambda row, key: int(row.find_element(By.CSS_SELECTOR, f"td[data-{key}]").get_attribute(f"data-{key}"))
        kiosks = [row for row in rows if row.get_attribute("data-kiosk")]
        total = [row for row in rows if not row.get_attribute("data-kiosk")][0]
        self.assertEqual(len(kiosks), len(self.report["kiosks"]))
        for row in kiosks:
            self.assertEqual(number(row, "in-log") - number(row, "void"), number(row, "counted"))
        for key in ("in-log", "void", "counted"):
            self.assertEqual(sum(number(row, key) for row in kiosks), number(total, key), key)
        self.assertEqual(number(total, "in-log"), self.tally["tally"]["ballotsInLogs"])
        self.assertEqual(number(total, "void"), len(self.tally["tally"]["voids"]))
        self.assertEqual(number(total, "counted"), sum(c["ballotsCounted"] for c in self.tally["tally"]["contests"]))
        voids = {}
        for void in self.tally["tally"]["voids"]:
            voids[void["kiosk"]] = voids.get(void["kiosk"], 0) + 1
        for row in kiosks:
            self.assertEqual(number(row, "void"), voids.get(row.get_attribute("data-kiosk"), 0))
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, 'dd[data-figure="ballots"]').text, count(number(total, "counted")))

    def test_one_language_at_a_time_with_a_switch(self) -> None:
        for folder in ("site", "site-cheques", "site-year"):
            self.open(folder)
            self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "nl")
            switch = self.driver.find_element(By.CSS_SELECTOR, "nav.language a")
            self.assertEqual((switch.text, switch.get_attribute("hreflang"), switch.get_attribute("lang")), ("English", "en", "en"))
            self.assertNotIn("What was decided", self.driver.find_element(By.TAG_NAME, "body").text)
            switch.click()
            self.assertTrue(self.driver.current_url.endswith("/index.en.html"), self.driver.current_url)
            self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "en")
            back = self.driver.find_element(By.CSS_SELECTOR, "nav.language a")
            self.assertEqual((back.text, back.get_attribute("hreflang"), back.get_attribute("lang")), ("Nederlands", "nl", "nl"))
            self.assertEqual(browser.console_errors(self.driver), [])
            if folder == "site":
                body = self.driver.find_element(By.TAG_NAME, "body").text
                self.assertNotIn("Wat is besloten", body)
                self.assertIn("What was decided", body)
                # The engine's own sentence is the English page's reason; project titles stay Dutch, marked so.
                for allocation in self.tally["allocations"]:
                    for explanation in allocation["explanations"]:
                        card = self.driver.find_element(By.CSS_SELECTOR, f'li.project[data-project="{explanation["project"]}"]')
                        self.assertIn(explanation["summary"], card.find_element(By.CSS_SELECTOR, ".reason").text)
                        self.assertEqual(card.find_element(By.CSS_SELECTOR, 'h4 [lang="nl"]').get_attribute("lang"), "nl")
                browser.screenshot(self.driver, "results-site-election-english-phone", full_page=False)
            back.click()
            self.assertTrue(self.driver.current_url.endswith("/index.html"), self.driver.current_url)

    def test_the_record_and_the_verifier_are_linked(self) -> None:
        for folder, record in (("site", "record-demo-wijkstemdag"), ("site-cheques", "record-demo-najaar")):
            self.open(folder)
            link = self.driver.find_element(By.CSS_SELECTOR, 'a[data-link="record"]')
            self.assertEqual(link.get_attribute("href"), "file://" + os.path.join(self.workspace.path, "demo", record) + "/")
            self.assertTrue(os.path.isdir(os.path.join(self.workspace.path, "demo", record)))
            for file in self.driver.find_elements(By.CSS_SELECTOR, "tr[data-file] a"):
                self.assertTrue(os.path.isfile(file.get_attribute("href").removeprefix("file://")), file.get_attribute("href"))
            verifier = self.driver.find_element(By.CSS_SELECTOR, 'a[data-link="verifier"]')
            verifier.click()
            self.assertTrue(self.driver.current_url.endswith("/controleren.html"))
            self.assertIn("buurtstem-verify", self.driver.find_element(By.TAG_NAME, "h1").text)
            self.assertEqual(browser.console_errors(self.driver), [])

    def test_charts_read_on_a_phone_and_not_by_colour_alone(self) -> None:
        for folder in ("site", "site-cheques", "site-year"):
            self.open(folder)
            # Text in the charts at least 12 px on a phone, after the drawing is scaled to the screen.
            smallest = self.driver.execute_script(
                "return Math.min(...[...document.querySelectorAll('svg.chart text')].map((t) => {"
                "  const svg = t.ownerSVGElement; const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
                "  return parseFloat(getComputedStyle(t).fontSize) * scale; }))")
            self.assertGreaterEqual(smallest, 12, f"{folder}: chart text of {smallest:.1f} px on a phone")
            # Bars at 3:1 contrast with the page, and dark bars also with the light bar behind them.
            colours = self.driver.execute_script(
                "return [...document.querySelectorAll('svg.chart rect.bar')].map((r) => {"
                "  const s = getComputedStyle(r); return [r.getAttribute('class'), s.fill, s.stroke]; })")
            back = None
            for name, fill, stroke in colours:
                if "back" in name:
                    back = rgb(fill)
                    self.assertGreaterEqual(contrast(rgb(stroke), (255, 255, 255)), 3, f"{folder}: outline of {name}")
                else:
                    self.assertGreaterEqual(contrast(rgb(fill), (255, 255, 255)), 3, f"{folder}: {name} {fill}")
                    if back:
                        self.assertGreaterEqual(contrast(rgb(fill), back), 3, f"{folder}: {name} on the light bar")
            # Every scrolling table is a named region the keyboard can reach, with a caption.
            for region in self.driver.find_elements(By.CSS_SELECTOR, "div.scroll"):
                self.assertEqual((region.get_attribute("tabindex"), region.get_attribute("role")), ("0", "region"))
                self.assertTrue(region.get_attribute("aria-label"))
                self.assertTrue(region.find_element(By.CSS_SELECTOR, "caption").get_attribute("textContent").strip())
            # A skip link, the first thing the keyboard reaches.
            skip = self.driver.find_element(By.CSS_SELECTOR, "a.skip")
            self.assertEqual(skip.get_attribute("href").split("#", 1)[1], "inhoud")
        # Under-representation is marked in words too, not only in red.
        self.open("site")
        labels = self.driver.execute_script("return [...document.querySelectorAll('#bereik svg text.label')].map((t) => t.textContent)")
        flagged = [line["name"] for line in self.report["reach"]["buurten"] if line["underRepresented"]]
        for name in flagged:
            self.assertIn(f"{name} ▼ ondervertegenwoordigd", labels)

    def test_every_page_passes_axe_in_both_languages(self) -> None:
        pages = [(folder, page) for folder in ("site", "site-cheques") for page in
                 ("index.html", "index.en.html", "controleren.html", "controleren.en.html")]
        pages += [("site-year", "index.html"), ("site-year", "index.en.html")]
        for folder, page in pages:
            for size in (browser.PHONE, browser.DESKTOP):
                self.open(folder, size, page)
                # Open the folded tables, so axe sees them too.
                self.driver.execute_script("document.querySelectorAll('details').forEach((d) => d.open = true)")
                self.assertEqual(browser.axe_violations(self.driver), [], f"axe-core: {folder}/{page} at {size}")

    def test_a_folder_that_cannot_be_written_is_refused(self) -> None:
        result = browser.run_cli("report", "--election", "demo-wijkstemdag", "--db", "demo/buurtstem.sqlite",
                                 "--out", "/proc/buurtstem-site", cwd=self.workspace.path, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("/proc/buurtstem-site", result.stderr)
        # The site's error says which folder and what to do; it names no option (the engine's words, issue 20).
        self.assertIn("choose a folder you may write to", result.stderr)
        self.assertNotIn("Traceback", result.stderr)



class ReplacedPassesSiteTest(unittest.TestCase):
    """Issue 19: passes replaced at the desk. Two wijken; a location kept its own store and took a pass the main desk
    revoked after the copy. The site shows per wijk the passes replaced and of those revoked next to turnout, equal to
    `replacements.json` and the report's JSON, the revoked pass's ballot as a void, in both languages; axe passes."""

    ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    OOSTERPARK = ("\n  - area: WK001402\n    budget: 50000\n    projects:\n      - id: OP-01\n        title: Bankjes in het park\n"
                  "        description: Tien nieuwe bankjes langs de vijver.\n        cost: 10000\n")

    @classmethod
    def setUpClass(cls) -> None:
        cls.workspace = browser.Workspace()
        env = {"BUURTSTEM_PASSPHRASE": "replaced passes test"}
        cli = lambda *a: browser.run_cli(*a, cwd=cls.workspace.path, env=env)  # noqa: E731
        households = os.path.join(cls.ROOT, "Examples/groningen/households.csv")
        cli("init", "--gemeente", "Groningen", "--code", "GM0014")
        cli("areas", "import", os.path.join(cls.ROOT, "Examples/groningen/areas.csv"))
        cli("register", "import", households)
        now = datetime.datetime.now(datetime.timezone.utc)
        with open(os.path.join(cls.ROOT, "Ballots/wijkstemdag-korrewegwijk-2026.yaml"), encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"^id: .*$", "id: vervangen", text, flags=re.M)
        text = re.sub(r"^  open: .*$", f"  open: {(now - datetime.timedelta(hours=1)).strftime('%Y-%m-%dT%H:%M:%SZ')}", text, flags=re.M)
        text = re.sub(r"^  close: .*$", f"  close: {(now + datetime.timedelta(hours=6)).strftime('%Y-%m-%dT%H:%M:%SZ')}", text, flags=re.M)
        with open(cls.workspace.file("vervangen.yaml"), "w", encoding="utf-8") as f:
            f.write(text.rstrip("\n") + "\n" + cls.OOSTERPARK)
        election = ["--election", "vervangen"]
        cli("election", "create", "vervangen.yaml")
        for kiosk in ("bibliotheek", "buurthuis"):
            cli("kiosk", "add", *election, "--name", kiosk)
        cli("stempas", "issue", *election, "--print-to", "print", "--addresses", households)
        cli("election", "publish", *election, "--out", "prepub")
        with open(cls.workspace.file("print/stempassen.csv"), encoding="utf-8") as f:
            rows = [line.split(",") for line in f.read().splitlines()[1:]]
        korreweg = [(row[0], row[2]) for row in rows if row[1] == "WK001401"]
        oosterpark = [(row[0], row[2]) for row in rows if row[1] == "WK001402"]
        cli("store", "copy", "--to", "location2.sqlite")
        for db in ("buurtstem.sqlite", "location2.sqlite"):
            cli("polls", "open", *election, "--db", db)
        # The location takes Korrewegwijk's first pass; the main desk, not knowing, revokes and replaces it.
        cli("vote", "--db", "location2.sqlite", *election, "--kiosk", "buurthuis", "--pass", korreweg[0][1], "--choices", "KW-01")
        cli("stempas", "replace", *election, "--household", korreweg[0][0], "--revoke-code", korreweg[0][1], "--print-to", "vervanging-1")
        cli("stempas", "replace", *election, "--household", korreweg[1][0], "--print-to", "vervanging-2")  # a lost letter
        cli("stempas", "replace", *election, "--household", oosterpark[0][0], "--revoke-code", oosterpark[0][1], "--print-to", "vervanging-3")
        with open(cls.workspace.file("vervanging-1/stempas-vervanging.html"), encoding="utf-8") as f:
            new_code = re.search(r'<div class="code">([^<]+)</div>', f.read()).group(1)
        cli("vote", *election, "--kiosk", "bibliotheek", "--pass", new_code, "--choices", "KW-02")
        for _, code in korreweg[2:5]:
            cli("vote", *election, "--kiosk", "bibliotheek", "--pass", code, "--choices", "KW-01")
        cli("vote", *election, "--kiosk", "bibliotheek", "--pass", oosterpark[1][1], "--choices", "OP-01")
        cli("polls", "close", *election, "--kiosk", "buurthuis", "--db", "location2.sqlite")
        cli("polls", "close", *election, "--kiosk", "bibliotheek")
        cli("polls", "merge", *election, "--from", "location2.sqlite")
        cli("record", "export", *election, "--out", "record")
        cls.report = json.loads(cli("report", *election, "--out", "site", "--record", "record", "--json").stdout)
        with open(cls.workspace.file("record/replacements.json"), encoding="utf-8") as f:
            cls.replacements = json.load(f)
        with open(cls.workspace.file("record/result.json"), encoding="utf-8") as f:
            cls.result = json.load(f)
        cls.verified = subprocess.run([browser.binary("buurtstem-verify"), cls.workspace.file("record"), "--pinned", cls.workspace.file("prepub")],
                                      capture_output=True, text=True, timeout=600)
        cls.driver = browser.new_driver(browser.PHONE)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.driver.quit()
        cls.workspace.close()

    def open(self, page: str = "index.html", size: tuple[int, int] = browser.PHONE) -> None:
        self.driver.set_window_size(*size)
        browser.console_errors(self.driver)  # only this page's messages, whatever ran before
        self.driver.get("file://" + os.path.join(self.workspace.path, "site", page))
        self.assertEqual(browser.console_errors(self.driver), [], "console errors on the results site")

    def test_replaced_and_revoked_per_wijk_equal_the_record_and_the_report(self) -> None:
        self.assertEqual(self.verified.returncode, 0, self.verified.stdout + self.verified.stderr)
        signed = {area["area"]: (area["replaced"], area["revoked"]) for area in self.replacements["areas"]}
        self.assertEqual(signed, {"WK001401": (2, 1), "WK001402": (1, 1)})
        revoked_voids = [void for void in self.result["voids"] if void.get("reason") == "pass_revoked"]
        self.assertEqual([(void["kiosk"], void["sequence"]) for void in revoked_voids], [("buurthuis", 0)])
        self.open()
        for contest in self.report["contests"]:
            area = contest["area"]
            self.assertEqual((contest["passesReplaced"], contest["passesRevoked"]), signed.get(area, (0, 0)), area)
            figure = lambda key: self.driver.find_element(By.CSS_SELECTOR, f'dd[data-figure="{key}-{area}"]').text  # noqa: E731
            self.assertEqual(figure("replaced"), count(contest["passesReplaced"]))
            self.assertEqual(figure("revoked"), count(contest["passesRevoked"]))
            self.assertEqual(figure("turnout"), percent(contest["turnoutPercent"]))
            note = self.driver.find_element(By.CSS_SELECTOR, f'article#wijk-{area} p[data-replaced]')
            self.assertEqual((int(note.get_attribute("data-replaced")), int(note.get_attribute("data-revoked")),
                              int(note.get_attribute("data-revoked-ballots"))),
                             (contest["passesReplaced"], contest["passesRevoked"], contest["revokedPassBallots"]))
            self.assertIn("uitgegeven stempassen", note.text)
            self.assertIn(count(contest["passesIssued"]), note.text)
        korreweg = next(c for c in self.report["contests"] if c["area"] == "WK001401")
        # The revoked pass's ballot is void, not counted: 4 counted (3 + the new pass), not 5.
        self.assertEqual((korreweg["revokedPassBallots"], korreweg["ballotsCounted"]), (1, 4))
        # Reach per wijk counts the same ballots: the revoked pass's not, the new pass's in its household's wijk.
        for contest in self.report["contests"]:
            line = next(w for w in self.report["reach"]["wijken"] if w["code"] == contest["area"])
            self.assertEqual((line["participation"], line["issued"]), (contest["ballotsCounted"], contest["passesIssued"]), contest["area"])
        self.assertIn("met een ingetrokken stempas telt niet mee",
                      self.driver.find_element(By.CSS_SELECTOR, "article#wijk-WK001401 p[data-replaced]").text)
        self.assertEqual(self.report["voidBallots"], len(self.result["voids"]))
        kiosk_note = self.driver.find_element(By.CSS_SELECTOR, "#stembussen p[data-revoked-ballots]")
        self.assertEqual(int(kiosk_note.get_attribute("data-revoked-ballots")), len(revoked_voids))
        article = self.driver.find_element(By.CSS_SELECTOR, "article#wijk-WK001401")
        self.driver.execute_script("arguments[0].scrollIntoView()", article)
        browser.screenshot(self.driver, "results-site-replaced-passes-phone", full_page=False)
        # English, with the switch the site already has.
        self.driver.find_element(By.CSS_SELECTOR, "nav.language a").click()
        self.assertTrue(self.driver.current_url.endswith("/index.en.html"), self.driver.current_url)
        body = self.driver.find_element(By.TAG_NAME, "body").text
        self.assertIn("Passes replaced", body)
        self.assertIn("Of those revoked", body)
        self.assertIn("a revoked pass never counts, the household's new pass does", body)
        self.assertNotIn("Vervangen stempassen", body)

    def test_axe_passes_with_the_replacements_shown(self) -> None:
        for page in ("index.html", "index.en.html"):
            for size in (browser.PHONE, browser.DESKTOP):
                self.open(page, size)
                self.driver.execute_script("document.querySelectorAll('details').forEach((d) => d.open = true)")
                self.assertEqual(browser.axe_violations(self.driver), [], f"axe-core: {page} at {size}")


if __name__ == "__main__":
    unittest.main()
