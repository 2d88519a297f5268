"""Shared helpers for the browser tests: headless Chromium through selenium, the CLI, screenshots.

The tests run from scripts/browser-tests.sh, which sets BUURTSTEM_BIN, BUURTSTEM_VERIFY_BIN and
BUURTSTEM_ARTIFACTS. Chromium and chromedriver come from Debian's packages (scripts/install-deps.sh --browser).
"""

import os
import shutil
import subprocess
import tempfile
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

PHONE = (390, 844)
DESKTOP = (1280, 900)


def binary(name: str) -> str:
    """The path of a built executable: from the environment, else the default debug build."""
    variable = {"buurtstem": "BUURTSTEM_BIN", "buurtstem-verify": "BUURTSTEM_VERIFY_BIN"}[name]
    path = os.environ.get(variable) or os.path.join(".build", "debug", name)
    if not os.access(path, os.X_OK):
        raise unittest.SkipTest(f"{path} is not built; run scripts/browser-tests.sh after 'swift build'")
    return os.path.abspath(path)


def artifacts_dir() -> str:
    """Where screenshots are kept after the run."""
    path = os.path.join(os.environ.get("BUURTSTEM_ARTIFACTS", "test-artifacts"), "screenshots")
    os.makedirs(path, exist_ok=True)
    return path


def run_cli(*arguments: str, cwd: str, env: dict | None = None, check: bool = True,
            stdin: str | None = None) -> subprocess.CompletedProcess:
    """Runs `buurtstem ARGUMENTS` in CWD; fails the test with its output when it does not exit 0."""
    environment = dict(os.environ)
    environment.update(env or {})
    result = subprocess.run([binary("buurtstem"), *arguments], cwd=cwd, env=environment, input=stdin,
                            capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"buurtstem {' '.join(arguments)} exited {result.returncode}\n"
                             f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise AssertionError("Chromium is not installed; run scripts/install-deps.sh --browser")


def chromedriver_path() -> str:
    found = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
    if not os.access(found, os.X_OK):
        raise AssertionError("chromedriver is not installed; run scripts/install-deps.sh --browser")
    return found


def new_driver(size: tuple[int, int] = DESKTOP) -> webdriver.Chrome:
    """A headless Chromium with the browser console captured (read it with console_errors)."""
    options = Options()
    options.binary_location = chromium_path()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-extensions", f"--window-size={size[0]},{size[1]}",
                 "--lang=nl-NL"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver_path()), options=options)
    driver.set_window_size(*size)
    return driver


def console_errors(driver: webdriver.Chrome) -> list[str]:
    """Console messages at SEVERE level since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def axe_violations(driver: webdriver.Chrome) -> list[str]:
    """Runs axe-core (WCAG 2.0/2.1 A and AA rules, and best practices) on the page as it is now; one line per
    violation and element. axe-core comes from the selenium-axe-python package (scripts/install-deps.sh --browser)."""
    try:
        import selenium_axe_python
    except ImportError as error:
        raise AssertionError("axe-core is missing: run scripts/install-deps.sh --browser "
                             "(it installs selenium-axe-python)") from error
    script = os.path.join(os.path.dirname(selenium_axe_python.__file__), "axe-core", "axe.min.js")
    with open(script, encoding="utf-8") as f:
        driver.execute_script(f.read())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        ".then((r) => done(r.violations.map((v) => v.nodes.map((n) => `${v.id}: ${v.help} (${n.target.join(' ')})`)).flat()))"
        ".catch((e) => done([`axe failed: ${e}`]));")
    return result


def screenshot(driver: webdriver.Chrome, name: str, full_page: bool = True) -> str:
    """Saves a PNG of the page as test-artifacts/screenshots/NAME.png and returns its path."""
    path = os.path.join(artifacts_dir(), f"{name}.png")
    if full_page:
        width = driver.execute_script("return document.documentElement.scrollWidth")
        height = driver.execute_script("return document.documentElement.scrollHeight")
        original = driver.get_window_size()
        driver.set_window_size(original["width"], max(original["height"], min(height, 12000)))
        driver.save_screenshot(path)
        driver.set_window_size(original["width"], original["height"])
        del width
    else:
        driver.save_screenshot(path)
    return path


class Workspace:
    """A temporary directory for one test's store and files, removed afterwards."""

    def __init__(self) -> None:
        self.path = tempfile.mkdtemp(prefix="buurtstem-browser-")

    def file(self, name: str) -> str:
        return os.path.join(self.path, name)

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
