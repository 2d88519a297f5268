"""The public results site (`buurtstem report`) in headless Chromium: opened from file:// with no console errors,
charts as inline SVG with a title and a table behind each, and the numbers on the page equal to the tally's JSON and
the report's JSON. Screenshots at phone and desktop width are kept in test-artifacts/screenshots/.
"""

import datetime
import json
import os
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

    def open(self, folder: str, size: tuple[int, int] = browser.PHONE) -> None:
        self.driver.set_window_size(*size)
        self.driver.get("file://" + os.path.join(self.workspace.path, folder, "index.html"))
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
                self.assertIn(explanations[project["id"]], card.find_element(By.CSS_SELECTOR, ".reason").text)
                dutch = card.find_element(By.CSS_SELECTOR, '.reason [lang="nl"]').text
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
        # The command pins the gemeente's issuing key, the one that signed the record.
        with open(os.path.join(self.workspace.path, "demo", "record-demo-wijkstemdag", "record.json"), encoding="utf-8") as index:
            key = json.load(index)["issuing_public_key"]
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, 'code[data-command="verify"]').text,
                         f"buurtstem-verify record-demo-wijkstemdag --issuing-key {key}")
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
            self.assertEqual(reach, "–" if line["chequesIssued"] == 0 else percent(line["chequeReachPercent"]))
        self.assertIn("–", [row.find_element(By.CSS_SELECTOR, "td[data-turnout]").get_attribute("textContent")
                            for row in self.driver.find_elements(By.CSS_SELECTOR, "tr[data-code]")],
                      "the demo has wijken without a vote")
        self.open("site-year", browser.DESKTOP)
        browser.screenshot(self.driver, "results-site-year-desktop")

    def test_a_folder_that_cannot_be_written_is_refused(self) -> None:
        result = browser.run_cli("report", "--election", "demo-wijkstemdag", "--db", "demo/buurtstem.sqlite",
                                 "--out", "/proc/buurtstem-site", cwd=self.workspace.path, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("/proc/buurtstem-site", result.stderr)
        self.assertIn("--out", result.stderr)


if __name__ == "__main__":
    unittest.main()
