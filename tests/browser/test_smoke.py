"""Browser smoke test: a technician logs into the demo through sao and sees
their own station only (issue 2: "a technician of station A sees nothing of
station B")."""
import os
import unittest

from data.demo import PASSWORD

from . import harness

STATION_MENU = [("站点", "Stations"), ("站点", "Stations")]


def _check_requirements():
    "Skip (or, in CI, fail) when the browser stack is missing"
    in_ci = bool(os.environ.get('CI'))
    if os.environ.get('STATION_BROWSER_TESTS') == '0':
        raise unittest.SkipTest("browser tests disabled (--no-browser)")
    problems = []
    if not harness.chromium_available():
        problems.append(
            f"Chromium not found at {harness.CHROMIUM} "
            "(apt-get install chromium chromium-driver)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the playwright Python package is not installed "
            "(scripts/bootstrap.sh installs it)")
    if problems:
        if in_ci:
            raise RuntimeError("; ".join(problems))
        raise unittest.SkipTest("; ".join(problems))


class SmokeTestCase(unittest.TestCase):
    "Log in to the demo as station staff"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _check_requirements()
        cls.server = harness.DemoServer()
        cls.server.__enter__()
        cls.addClassCleanup(cls.server.__exit__, None, None, None)

    def open_stations(self, browser):
        try:
            browser.open_menu(STATION_MENU)
        except LookupError:
            browser.screenshot('menu-not-found')
            raise
        return browser.list_rows()

    def test_technician_sees_own_station_only(self):
        "bj_tech1 sees 北京站 and nothing of 上海站 or 广州站"
        with harness.Browser(self.server) as browser:
            browser.login('bj_tech1', PASSWORD)
            browser.screenshot('bj_tech1-home')
            rows = self.open_stations(browser)
            browser.screenshot('bj_tech1-stations')
            text = '\n'.join(rows)
            self.assertIn("北京站", text, rows)
            self.assertNotIn("上海站", text, rows)
            self.assertNotIn("广州站", text, rows)
            self.assertEqual(len(rows), 1, rows)
            self.assertEqual(browser.errors, [])

    def test_hq_service_sees_every_station(self):
        "hq_service (HQ Service Management) sees all three stations"
        with harness.Browser(self.server) as browser:
            browser.login('hq_service', PASSWORD)
            rows = self.open_stations(browser)
            browser.screenshot('hq_service-stations')
            text = '\n'.join(rows)
            for name in ["北京站", "上海站", "广州站"]:
                self.assertIn(name, text, rows)
