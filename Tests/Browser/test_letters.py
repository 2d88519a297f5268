"""The letters a gemeente sends (`stempas issue --print-to`, `cheques issue --print-to`), printed by Chromium.

Every letter file is printed to PDF with headless Chromium (as a print shop would from the browser) and must give
exactly one A5 page per pass or cheque; each code must stand on one line in the PDF's text, and the QR code on the
page must decode (zbarimg) to exactly what the page says. The texts a resident needs are checked too: the sender,
"Aan de bewoners van", the area by name, whose pass it is where every resident votes, where and when to vote, the
paper option, a help line; for a cheque the round's name and where to hand it in.
Needs chromium, pdfinfo/pdftotext/pdftoppm (poppler-utils) and zbarimg (zbar-tools): scripts/install-deps.sh --browser.
"""

import csv
import os
import re
import shutil
import subprocess
import unittest

import browser

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PASSPHRASE = "letters test passphrase"
LETTER = """\
sender: Gemeente Groningen, wijkteam Korrewegwijk
sender_address: Postbus 30026, 9700 RM Groningen
locations:
  - place: Bibliotheek Korrewegwijk, Korreweg 150
    when: zaterdag 28 november, 9.00 tot 20.00 uur
  - place: Buurthuis De Dukdalf, Tuinbouwstraat 50
    when: zaterdag 28 november, 10.00 tot 16.00 uur
paper: Liever op papier stemmen? Bel 14 050 voor 20 november; u krijgt een stembiljet thuisgestuurd.
projects: Lees over de projecten op www.groningen.nl/wijkstemdag of in de bibliotheek.
help: Vragen of hulp bij het stemmen? Bel 14 050 (maandag tot vrijdag 8.30 tot 17.00 uur).
"""
CHEQUE_LETTER = """\
title: Ede Doet-cheque najaar 2026
redeem: Wijkbureau Korrewegwijk, Korreweg 150 (dinsdag 9.00 tot 12.00 uur)
help: Vragen? Bel 14 050 of mail buurtcheque@groningen.nl
"""
CODE = re.compile(r"\b[0-9A-Z]{3}(?:-[0-9A-Z]{3}){8}\b|\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}-[0-9A-Z]\b")


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise AssertionError(f"{name} is missing: run scripts/install-deps.sh --browser")
    return found


class Letters(unittest.TestCase):
    """Every letter file prints as one A5 page per letter, with the code on one line and a QR code that scans."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.workspace = browser.Workspace()
        env = {"BUURTSTEM_PASSPHRASE": PASSPHRASE}
        cls.run_cli = lambda *a: browser.run_cli(*a, cwd=cls.workspace.path, env=env)  # noqa: E731
        households = os.path.join(ROOT, "Examples/groningen/households.csv")
        cls.run_cli("init", "--gemeente", "Groningen", "--code", "GM0014")
        cls.run_cli("areas", "import", os.path.join(ROOT, "Examples/groningen/areas.csv"))
        cls.run_cli("register", "import", households)
        with open(os.path.join(ROOT, "Ballots/wijkstemdag-korrewegwijk-2026.yaml"), encoding="utf-8") as f:
            shipped = f.read()
        # A household election with no letter file: what the data allows. A per-resident one with a letter file.
        for election, text in (("huishouden", shipped),
                               ("bewoners", shipped.replace("eligibility: household", "eligibility: resident\nminimum_age: 16"))):
            path = cls.workspace.file(f"{election}.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(re.sub(r"^id: .*$", f"id: {election}", text, flags=re.M))
            cls.run_cli("election", "create", path)
            cls.run_cli("kiosk", "add", "--election", election, "--name", "bibliotheek")
        with open(cls.workspace.file("letter.yaml"), "w", encoding="utf-8") as f:
            f.write(LETTER)
        with open(cls.workspace.file("cheque-letter.yaml"), "w", encoding="utf-8") as f:
            f.write(CHEQUE_LETTER)
        cls.run_cli("stempas", "issue", "--election", "huishouden", "--print-to", "print-huishouden", "--addresses", households)
        cls.run_cli("stempas", "issue", "--election", "bewoners", "--print-to", "print-bewoners", "--addresses", households,
                    "--letter", "letter.yaml")
        for round_id, extra in (("najaar", ["--redeem-url", "https://www.groningen.nl/cheque/", "--letter", "cheque-letter.yaml"]),
                                ("zonder", [])):
            cls.run_cli("cheques", "round", "create", "--id", round_id, "--value", "7.50", "--issue-date", "2026-10-01",
                        "--valid-until", "2026-12-31", "--scope", "buurt")
            cls.run_cli("cheques", "issue", "--round", round_id, "--print-to", f"print-{round_id}", "--addresses", households, *extra)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.workspace.close()

    def pdf(self, html: str) -> str:
        """Prints `html` with headless Chromium; the PDF's path."""
        out = html[:-len(".html")] + ".pdf"
        subprocess.run([browser.chromium_path(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", "file://" + html], capture_output=True, timeout=300, check=True)
        return out

    def pages(self, pdf: str) -> tuple[int, str]:
        info = subprocess.run([tool("pdfinfo"), pdf], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)), re.search(r"^Page size:.*$", info, re.M).group(0)

    def text(self, pdf: str, page: int) -> str:
        return subprocess.run([tool("pdftotext"), "-layout", "-f", str(page), "-l", str(page), pdf, "-"],
                              capture_output=True, text=True, check=True).stdout

    def qr(self, pdf: str, page: int) -> list[str]:
        png = pdf[:-4] + f"-{page}"
        subprocess.run([tool("pdftoppm"), "-f", str(page), "-l", str(page), "-r", "150", "-png", "-singlefile", pdf, png], check=True)
        scanned = subprocess.run([tool("zbarimg"), "-q", "--raw", png + ".png"], capture_output=True, text=True)
        return scanned.stdout.split()

    def check_file(self, html: str, section: str, qr_of) -> list[str]:
        """One page per letter; per page the code on one line and the QR code's text. Returns the pages' texts."""
        with open(html, encoding="utf-8") as f:
            letters = f.read().count(f'<section class="{section}">')
        self.assertGreater(letters, 0, html)
        pdf = self.pdf(html)
        pages, size = self.pages(pdf)
        self.assertEqual(pages, letters, f"{os.path.basename(html)}: one page per letter")
        self.assertIn("A5", size)
        texts = []
        for page in (1, pages):  # the first and the last letter of the file
            text = self.text(pdf, page)
            codes = CODE.findall(text)
            self.assertEqual(len(codes), 1, f"{html} page {page}: the code stands on one line:\n{text}")
            self.assertEqual(self.qr(pdf, page), [qr_of(codes[0])], f"{html} page {page}: the QR code scans")
            texts.append(text)
        return texts

    def test_household_passes_without_letter_file(self) -> None:
        folder = os.path.join(self.workspace.path, "print-huishouden")
        text = self.check_file(os.path.join(folder, "stempassen-0001.html"), "pass",
                               lambda code: "STEMPAS:" + code.replace("-", ""))[0]
        for expected in ("Gemeente Groningen", "Aan de bewoners van", "Korrewegwijk", "brengt uw huishouden één stem uit",
                         "Waar en wanneer stemt u?", "stemzuil bibliotheek", "zaterdag 28 november 2026 van 09:00 tot 20:00 uur",
                         "Op papier stemmen", "stembiljet", "Neem contact op met gemeente Groningen"):
            self.assertIn(expected, " ".join(text.split()), expected)
        self.assertNotIn("WK001401", text, "the area by name, not its code")

    def test_resident_passes_with_letter_file(self) -> None:
        folder = os.path.join(self.workspace.path, "print-bewoners")
        texts = self.check_file(os.path.join(folder, "stempassen-0001.html"), "pass",
                                lambda code: "STEMPAS:" + code.replace("-", ""))
        flat = " ".join(texts[0].split())
        for expected in ("Gemeente Groningen, wijkteam Korrewegwijk", "Postbus 30026", "Aan de bewoners van",
                         "Bibliotheek Korrewegwijk, Korreweg 150", "Buurthuis De Dukdalf", "Bel 14 050 voor 20 november",
                         "www.groningen.nl/wijkstemdag", "maandag tot vrijdag"):
            self.assertIn(expected, flat)
        self.assertNotIn("uw huishouden", flat, "a resident's pass is not the household's")
        # Whose pass it is: 'bewoner N van M' for a household of several voters, as the CSV has them.
        with open(os.path.join(folder, "stempassen.csv"), encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        sizes: dict[str, int] = {}
        for row in rows:
            sizes[row["household_id"]] = sizes.get(row["household_id"], 0) + 1
        with open(os.path.join(folder, "stempassen-0001.html"), encoding="utf-8") as f:
            html = f.read()
        several = [household for household, count in sizes.items() if count > 1]
        self.assertTrue(several, "the register has households with several voters")
        count = sizes[several[0]]
        for number in range(1, count + 1):
            self.assertIn(f"<b>bewoner {number} van {count}</b>", html)

    def test_cheque_letters(self) -> None:
        for round_id, name, redeem in (("najaar", "Ede Doet-cheque najaar 2026", "https://www.groningen.nl/cheque/"),
                                       ("zonder", "Buurtcheque najaar 2026", None)):
            folder = os.path.join(self.workspace.path, f"print-{round_id}")
            files = sorted(f for f in os.listdir(folder) if f.endswith(".html"))
            self.assertGreater(len(files), 1)
            for file in files:
                texts = self.check_file(os.path.join(folder, file), "cheque", lambda code: (redeem or "") + code)
                flat = " ".join(texts[0].split())
                self.assertIn("Aan de bewoners van", flat)
                self.assertIn(f"{name}: € 7,50", flat)
                self.assertNotIn(f"ronde {round_id}", flat)
                if redeem:
                    self.assertIn(redeem, flat)
                    self.assertIn("Wijkbureau Korrewegwijk, Korreweg 150", flat)
                    self.assertIn("buurtcheque@groningen.nl", flat)
                else:
                    self.assertIn("Vraag de gemeente waar u de cheque kunt inleveren", flat)


if __name__ == "__main__":
    unittest.main()
