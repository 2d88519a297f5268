"""The aanvragen on the results site (`buurtstem report --proposals`) in headless Chromium, at phone and desktop
width: self-contained pages with no console errors, no sideways scrolling on a phone, the numbers equal to the
report's JSON, the decision and its reasons on a rejected proposal's page, the timeline from the signed log, no
contact anywhere, and a small accessibility audit (language, one h1, headed tables, named links, headings in order).
Screenshots are kept in test-artifacts/screenshots/.
"""

import json
import os
import unittest

from selenium.webdriver.common.by import By

import browser


class ProposalsSiteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.workspace = browser.Workspace()
        cwd = cls.workspace.path
        browser.run_cli("demo", "--households", "300", "--out", "demo", cwd=cwd)
        cls.report = json.loads(browser.run_cli("report", "--proposals", "--out", "site-proposals", "--json",
                                                "--db", "demo/buurtstem.sqlite", cwd=cwd).stdout)
        cls.driver = browser.new_driver(browser.PHONE)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.driver.quit()
        cls.workspace.close()

    def open(self, page: str, size: tuple[int, int]) -> None:
        self.driver.set_window_size(*size)
        browser.console_errors(self.driver)  # only this page's messages, whatever ran before
        self.driver.get("file://" + os.path.join(self.workspace.path, "site-proposals", page))
        self.assertEqual(browser.console_errors(self.driver), [], f"console errors on {page}")
        self.assertEqual(self.driver.find_elements(By.TAG_NAME, "script"), [])
        for element in self.driver.find_elements(By.CSS_SELECTOR, "link, img, iframe, object, embed"):
            self.fail(f"external asset on {page}: {element.get_attribute('outerHTML')}")

    def audit(self, page: str) -> None:
        """What a screen reader needs: the language, one h1, headings without jumps, headed tables, named links."""
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "nl")
        self.assertEqual(len(self.driver.find_elements(By.TAG_NAME, "h1")), 1, page)
        levels = [int(h.tag_name[1]) for h in self.driver.find_elements(By.CSS_SELECTOR, "h1, h2, h3, h4")]
        for before, after in zip(levels, levels[1:]):
            self.assertLessEqual(after, before + 1, f"{page}: a heading level is skipped ({levels})")
        for table in self.driver.find_elements(By.TAG_NAME, "table"):
            headers = table.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")
            self.assertGreater(len(headers), 0, f"{page}: a table without column headers")
        for anchor in self.driver.find_elements(By.TAG_NAME, "a"):
            self.assertTrue(anchor.get_attribute("textContent").strip(), f"{page}: a link without text")
        width = self.driver.execute_script("return document.documentElement.scrollWidth")
        self.assertLessEqual(width, self.driver.execute_script("return window.innerWidth"), f"{page} scrolls sideways")
        source = self.driver.page_source
        self.assertNotIn("@example.org", source, f"{page} shows a contact")

    def test_overview_lists_every_proposal(self) -> None:
        for name, size in (("phone", browser.PHONE), ("desktop", browser.DESKTOP)):
            self.open("index.html", size)
            self.audit("index.html")
            browser.screenshot(self.driver, f"proposals-site-index-{name}")
        rows = self.driver.find_elements(By.CSS_SELECTOR, "tr[data-proposal]")
        self.assertEqual(len(rows), len(self.report["proposals"]))
        statuses = {row.get_attribute("data-proposal"): row.get_attribute("data-status") for row in rows}
        for proposal in self.report["proposals"]:
            self.assertEqual(statuses[str(proposal["id"])], proposal["status"])
        rejected = sum(1 for p in self.report["proposals"] if p["status"] == "rejected")
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, 'dd[data-figure="rejected"]').text, str(rejected))

    def test_a_rejected_proposal_shows_its_reasons_and_timeline(self) -> None:
        rejected = next(p for p in self.report["proposals"] if p["status"] == "rejected")
        for name, size in (("phone", browser.PHONE), ("desktop", browser.DESKTOP)):
            self.open(f"aanvraag-{rejected['id']}.html", size)
            self.audit(f"aanvraag-{rejected['id']}.html")
            browser.screenshot(self.driver, f"proposals-site-rejected-{name}")
        decision = self.driver.find_element(By.CSS_SELECTOR, "#besluit .decision").text
        self.assertIn("Afgewezen, omdat de aanvraag niet voldoet aan:", decision)
        self.assertEqual(decision.replace("\n", " "), rejected["decision"].replace("\n", " "))
        steps = self.driver.find_elements(By.CSS_SELECTOR, "ol.timeline li")
        self.assertEqual(len(steps), len(rejected["history"]))
        self.assertIn("besluit: getoetst: afgewezen", steps[-1].text)

    def test_a_stopped_proposal_shows_what_flows_back(self) -> None:
        stopped = next(p for p in self.report["proposals"] if p["status"] == "stopped")
        self.open(f"aanvraag-{stopped['id']}.html", browser.PHONE)
        self.audit(f"aanvraag-{stopped['id']}.html")
        browser.screenshot(self.driver, "proposals-site-stopped-phone")
        returned = self.driver.find_element(By.CSS_SELECTOR, 'dd[data-figure="returned-cents"]').text
        euros, cents = divmod(stopped["returnedCents"], 100)
        self.assertEqual(returned, f"€ {euros:,}".replace(",", ".") + f",{cents:02d}")
        timeline = self.driver.find_element(By.CSS_SELECTOR, "ol.timeline").text
        self.assertIn("naar 'gestopt'", timeline)
        self.assertNotIn("funded:", timeline, "the result's reason in a signed note is Dutch")

    def test_a_recusal_is_on_the_proposal_page(self) -> None:
        """The demo's assessor who declared an interest: the timeline shows the declaration, the decision names
        the recusal (as the report's decision does), and the Dutch page says nothing in English."""
        recused = [p for p in self.report["proposals"] if "belangenverstrengeling" in (p.get("decision") or "")]
        self.assertEqual(len(recused), 1, "the demo has one proposal with a recused assessor")
        page = f"aanvraag-{recused[0]['id']}.html"
        self.open(page, browser.PHONE)
        self.audit(page)
        browser.screenshot(self.driver, "proposals-site-recusal-phone")
        steps = self.driver.find_elements(By.CSS_SELECTOR, "ol.timeline li")
        self.assertEqual(len(steps), len(recused[0]["history"]))
        self.assertTrue(any("meldt belangenverstrengeling" in step.text for step in steps), [s.text for s in steps])
        decision = self.driver.find_element(By.CSS_SELECTOR, "#besluit .decision").text
        self.assertIn("heeft niet meebeoordeeld wegens belangenverstrengeling", decision)

    def test_the_wijkteams_decision_is_on_the_proposal_page(self) -> None:
        """The demo's aanvraag the wijkteam decided on directly: its page says who decided and shows the signed reasons
        (as the report has them) and the timeline's step from besloten door wijkteam; a stemdag-decided page says the
        stemdag decided; axe finds nothing at phone and desktop width."""
        decided = [p for p in self.report["proposals"] if (p.get("fundingDecision") or {}).get("route") == "decided_by_wijkteam"]
        self.assertEqual(len(decided), 1, "the demo has one aanvraag decided by the wijkteam")
        proposal = decided[0]
        page = f"aanvraag-{proposal['id']}.html"
        for name, size in (("phone", browser.PHONE), ("desktop", browser.DESKTOP)):
            self.open(page, size)
            self.audit(page)
            self.assertEqual(browser.axe_violations(self.driver), [], f"axe on {page} ({name})")
            self.driver.find_element(By.ID, "financiering").location_once_scrolled_into_view
            browser.screenshot(self.driver, f"proposals-site-wijkteam-{name}")
        section = self.driver.find_element(By.ID, "financiering")
        self.assertEqual(section.get_attribute("data-route"), "decided_by_wijkteam")
        self.assertEqual(section.get_attribute("data-outcome"), "funded")
        self.assertEqual(section.find_element(By.TAG_NAME, "h2").text, "Besluit van het wijkteam")
        reasons = section.find_element(By.CSS_SELECTOR, ".decision").text
        self.assertEqual(reasons.replace("\n", " "), proposal["fundingDecision"]["reasons"].replace("\n", " "))
        self.assertTrue(reasons.startswith("Besluit van het wijkteam: gefinancierd."), reasons)
        timeline = self.driver.find_element(By.CSS_SELECTOR, "ol.timeline").text
        self.assertIn("van 'besloten door wijkteam' naar 'gefinancierd'", timeline)
        self.assertEqual(proposal["status"], "completed", "the wijkteam's aanvraag is paid in instalments and completed")
        by_vote = next(p for p in self.report["proposals"] if (p.get("fundingDecision") or {}).get("route") == "on_ballot")
        self.open(f"aanvraag-{by_vote['id']}.html", browser.PHONE)
        self.assertEqual(self.driver.find_element(By.ID, "financiering").get_attribute("data-route"), "on_ballot")
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "#financiering h2").text, "Uitslag van de stemdag")

    def test_who_pays_what_adds_up_per_wijk_and_funder(self) -> None:
        """The co-funding section at phone and desktop width: its cells equal the report's numbers, per wijk the
        funders' parts add up to the wijk's money, paid + returned + open = committed per row; axe finds nothing."""
        for name, size in (("phone", browser.PHONE), ("desktop", browser.DESKTOP)):
            self.open("index.html", size)
            self.audit("index.html")
            self.assertEqual(browser.axe_violations(self.driver), [], f"axe on index.html ({name})")
            self.driver.find_element(By.ID, "financiers").location_once_scrolled_into_view
            browser.screenshot(self.driver, f"proposals-site-funders-{name}")
        def cents(row, key: str) -> int:
            return int(row.find_element(By.CSS_SELECTOR, f'td[data-{key}]').get_attribute(f"data-{key}"))
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#financiers tr[data-wijk]")
        expected = [(w["code"], f) for w in self.report["wijken"] for f in w["funders"]]
        self.assertEqual(len(rows), len(expected))
        for row, (wijk, funder) in zip(rows, expected):
            self.assertEqual(row.get_attribute("data-wijk"), wijk)
            for key, field in (("committed-cents", "committedCents"), ("paid-cents", "paidCents"), ("returned-cents", "returnedCents")):
                self.assertEqual(cents(row, key), funder[field], f"{wijk} {funder['funder']} {key}")
            self.assertEqual(cents(row, "paid-cents") + cents(row, "returned-cents") + cents(row, "open-cents"), cents(row, "committed-cents"))
        for wijk in self.report["wijken"]:
            for field in ("committedCents", "paidCents", "returnedCents"):
                self.assertEqual(sum(f[field] for f in wijk["funders"]), wijk[field], f"{wijk['code']} {field}")
        totals = self.driver.find_elements(By.CSS_SELECTOR, '#financiers tr[data-total="true"]')
        self.assertEqual(len(totals), len(self.report["funders"]))
        self.assertTrue(any(f["funder"] != "Gemeente Groningen" and f["committedCents"] > 0 for f in self.report["funders"]),
                        "the demo has a co-funded proposal that is funded")

    def test_a_paid_proposal_shows_what_it_is_funded_at(self) -> None:
        paid = next(p for p in self.report["proposals"] if p["status"] == "completed")
        for name, size in (("phone", browser.PHONE), ("desktop", browser.DESKTOP)):
            self.open(f"aanvraag-{paid['id']}.html", size)
            self.audit(f"aanvraag-{paid['id']}.html")
            self.assertEqual(browser.axe_violations(self.driver), [], f"axe on aanvraag-{paid['id']}.html ({name})")
            browser.screenshot(self.driver, f"proposals-site-funded-{name}")
        funded = self.driver.find_element(By.CSS_SELECTOR, 'dd[data-figure="funded-cents"]').text
        euros, cents = divmod(paid["fundedCents"], 100)
        self.assertEqual(funded, f"€ {euros:,}".replace(",", ".") + f",{cents:02d}")


if __name__ == "__main__":
    unittest.main()
