"""The Pabulib export of a record (`record export` writes `pabulib/AREA.pb` per contest, issue 17).

Each file of the demo's record must pass pabulib-checker 1.0.8 (the tool Pabulib itself runs on contributions), and
`buurtstem allocate FILE --official` must fund exactly the projects the file marks `selected`, which are those the
signed result funds. pabulib-checker refuses an instance in which every project fits the budget (Pabulib collects
only contested budgets); that error, and only that one, is accepted for such a contest, after checking that it is so.
Likewise its warning "project with no votes" (it suspects a project that was never on the ballot) is accepted only
for a project that is on the ballot and that no line of VOTES names: on a real stemdag a project can get no votes.
Needs pabulib-checker (PyPI): scripts/install-deps.sh --browser.
"""

import glob
import io
import json
import os
import shutil
import tempfile
import unittest
from contextlib import redirect_stdout

import browser

try:
    from pabulib.checker import Checker
except ImportError as error:  # pragma: no cover - the install script provides it
    raise ImportError("pabulib-checker is missing: run scripts/install-deps.sh --browser") from error


class PabulibExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.work = tempfile.mkdtemp(prefix="buurtstem-pabulib-")
        browser.run_cli("demo", "--households", "900", "--out", "demo", cwd=cls.work)
        cls.record = os.path.join(cls.work, "demo", "record-demo-wijkstemdag")
        cls.files = sorted(glob.glob(os.path.join(cls.record, "pabulib", "*.pb")))
        with open(os.path.join(cls.record, "result.json"), encoding="utf-8") as handle:
            cls.result = json.load(handle)

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_one_file_per_contest(self) -> None:
        areas = sorted(contest["area"] for contest in self.result["contests"])
        self.assertEqual([os.path.basename(path)[:-3] for path in self.files], areas)

    def test_pabulib_checker_accepts_every_file(self) -> None:
        with redirect_stdout(io.StringIO()):
            report = Checker().process_files(self.files)
        for path in self.files:
            name = os.path.basename(path)[:-3]
            results = report[name]["results"]
            errors = dict(results.get("errors", {}))
            if "all projects funded" in errors:
                projects, budget = self.read_projects(path)
                self.assertLessEqual(sum(cost for cost, _ in projects.values()), budget,
                                     f"{name}: 'all projects funded' although the projects exceed the budget")
                del errors["all projects funded"]
            self.assertEqual(errors, {}, f"{name}: pabulib-checker errors")
            warnings = dict(results.get("warnings", {}))
            if "project with no votes" in warnings:
                projects, _ = self.read_projects(path)
                voted = self.voted_projects(path)
                for message in warnings.pop("project with no votes").values():
                    project = message.rsplit("Project: ", 1)[-1].strip()
                    self.assertIn(project, projects, f"{name}: {message}")
                    self.assertNotIn(project, voted, f"{name}: 'no votes' for a project that VOTES names")
            self.assertEqual(warnings, {}, f"{name}: pabulib-checker warnings")

    def test_official_rerun_funds_the_selected_projects(self) -> None:
        funded_by_result = {contest["area"]: {p["id"] for p in contest["projects"] if p["funded"]}
                            for contest in self.result["contests"]}
        for path in self.files:
            area = os.path.basename(path)[:-3]
            projects, _ = self.read_projects(path)
            selected = {project for project, (_, chosen) in projects.items() if chosen}
            self.assertEqual(selected, funded_by_result[area], f"{area}: selected differs from the signed result")
            run = browser.run_cli("allocate", path, "--official", "--json", cwd=self.work)
            funded = {p["id"] for p in json.loads(run.stdout)["projects"] if p["funded"]}
            self.assertEqual(funded, selected, f"{area}: allocate --official funds another set than the file's selected")

    @staticmethod
    def rows(path: str):
        """Every data line of the file as (section, {column: value}), by the header line of its section."""
        section, header = "", []
        with open(path, encoding="utf-8") as handle:
            for line in handle.read().splitlines():
                if line in ("META", "PROJECTS", "VOTES"):
                    section, header = line, []
                    continue
                fields = line.split(";")
                if not header:
                    header = fields
                else:
                    yield section, dict(zip(header, fields))

    @classmethod
    def read_projects(cls, path: str) -> tuple[dict[str, tuple[float, bool]], float]:
        """The PROJECTS section as {id: (cost, selected)} and META budget."""
        projects, budget = {}, 0.0
        for section, row in cls.rows(path):
            if section == "META" and row.get("key") == "budget":
                budget = float(row["value"])
            elif section == "PROJECTS":
                projects[row["project_id"]] = (float(row["cost"]), row["selected"] == "1")
        return projects, budget

    @classmethod
    def voted_projects(cls, path: str) -> set[str]:
        """Every project that some line of the VOTES section names."""
        return {project for section, row in cls.rows(path) if section == "VOTES"
                for project in row["vote"].split(",") if project}


if __name__ == "__main__":
    unittest.main()
