"""Browser smoke test: a technician logs into the demo through sao and sees
their own station only (issue 2: "a technician of station A sees nothing of
station B")."""
import datetime as dt
import os
import re
import sqlite3
import unittest

from data.demo import PASSWORD

from . import harness

STATION_MENU = [("站点", "Stations"), ("站点", "Stations")]
DELEGATION_MENU = [("站点", "Stations"), ("代理站长授权", "Deputy Delegations")]
# an English word of letters (ignores codes such as "CNY", "PDF", "ID")
ENGLISH = re.compile(r'[A-Za-z]*[a-z][A-Za-z]*')


# product and brand names stay in Latin letters in Chinese screens
BRANDS = {'Jabber', 'Skype', 'Tryton', 'Excel', 'Mastodon', 'WhatsApp',
    'WeChat', 'QQ'}


def english_words(texts):
    "The texts that contain an English word (brand names aside)"
    return [t for t in texts
        if any(w not in BRANDS for w in ENGLISH.findall(t))]


def demo_query(sql, *args):
    "Read the browser tests' demo database directly (checks only)"
    path = os.path.join(harness.DB_DIR, harness.DATABASE + '.sqlite')
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, args).fetchall()


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

    def test_technician_menu_in_chinese(self):
        "Every menu entry bj_tech1 can open reads in Chinese (issue 3)"
        with harness.Browser(self.server) as browser:
            browser.login('bj_tech1', PASSWORD)
            top = browser.menu_entries()
            self.assertTrue(top)
            self.assertEqual(english_words(top), [], top)
            names = browser.all_menu_names()
            self.assertGreater(len(names), len(top))
            self.assertEqual(english_words(names), [], names)
            self.assertEqual(browser.errors, [])

    def test_manager_opens_station_form(self):
        "bj_manager opens 北京站: a Chinese form of their own station"
        with harness.Browser(self.server) as browser:
            browser.login('bj_manager', PASSWORD)
            rows = self.open_stations(browser)
            self.assertEqual(len(rows), 1, rows)
            browser.open_record("北京站")
            browser.screenshot('bj_manager-station-form')
            labels = browser.form_labels()
            self.assertIn("代码", labels)
            self.assertEqual(english_words(labels), [], labels)
            self.assertEqual(browser.value('name'), "北京站")
            self.assertEqual(browser.value('code'), "BJ")
            self.assertEqual(browser.errors, [])

    def test_manager_requests_deputy(self):
        """bj_manager fills a deputy delegation form, saves it and clicks
        its buttons: requested, then cancelled (R6)"""
        (deputy,), = demo_query(
            "SELECT p.name FROM res_user u "
            "JOIN company_employee e ON e.id = u.employee "
            "JOIN party_party p ON p.id = e.party WHERE u.login = ?",
            'bj_clerk')
        before = demo_query("SELECT COUNT(*) FROM station_delegation")[0][0]
        start = dt.date.today() + dt.timedelta(days=30)
        with harness.Browser(self.server) as browser:
            browser.login('bj_manager', PASSWORD)
            browser.open_menu(DELEGATION_MENU)
            browser.new_record()
            labels = browser.form_labels()
            self.assertEqual(english_words(labels), [], labels)
            browser.fill('deputy', deputy)
            browser.fill('date_from', start)
            browser.fill('date_to', start - dt.timedelta(days=1))
            browser.fill('reason', "浏览器测试：站长休假")
            # an end before the start is refused, in Chinese
            error = browser.save_refused()
            browser.screenshot('bj_manager-delegation-refused')
            self.assertIn("至", error)
            self.assertEqual(english_words([error]), [], error)
            browser.fill('date_to', start + dt.timedelta(days=6))
            browser.save()
            self.assertEqual(browser.value('deputy'), deputy)
            browser.click_button('request')
            browser.screenshot('bj_manager-delegation-requested')
            state = browser.value('state')
            browser.click_button('draft')
            browser.click_button('cancel')
            cancelled = browser.value('state')
            self.assertEqual(browser.errors, [])
        rows = demo_query(
            "SELECT d.state, s.code FROM station_delegation d "
            "JOIN station_station s ON s.id = d.station "
            "ORDER BY d.id DESC LIMIT 1")
        self.assertEqual(rows, [('cancelled', 'BJ')])
        self.assertEqual(
            demo_query("SELECT COUNT(*) FROM station_delegation")[0][0],
            before + 1)
        self.assertNotEqual(state, cancelled)
        self.assertFalse(ENGLISH.search(state), state)


SIGNIN_MENU = [("我的工作台", "My Workplace"), ("签到/签退", "Sign In/Out")]


def _test_technician_signs_in_and_out(self):
    """bj_tech2 signs in and out in one click each from 我的工作台 (R51):
    the wizard confirms in Chinese and the attendance lines alternate"""
    query = ("SELECT l.type FROM attendance_line l "
        "JOIN res_user u ON u.employee = l.employee "
        "WHERE u.login = 'bj_tech2' ORDER BY l.at DESC, l.id DESC")
    before = demo_query(query)
    shown = []
    with harness.Browser(self.server) as browser:
        browser.login('bj_tech2', PASSWORD)
        for _ in range(2):
            browser.open_menu(SIGNIN_MENU)
            shown.append(browser.dialog_value('type'))
            browser.screenshot('bj_tech2-signin')
            browser.dialog_button("确定")
        self.assertEqual(browser.errors, [])
    after = demo_query(query)
    self.assertEqual(len(after), len(before) + 2)
    self.assertEqual({t for t, in after[:2]}, {'in', 'out'})
    expected = {'in': "已签到", 'out': "已签退"}
    self.assertEqual(shown, [expected[after[1][0]], expected[after[0][0]]])


SmokeTestCase.test_technician_signs_in_and_out = (
    _test_technician_signs_in_and_out)


PARTY_MENU = [("往来单位", "Party"), ("往来单位", "Parties")]


def _test_receptionist_adds_customer(self):
    "bj_reception adds a walk-in customer from the party list (R10, R17)"
    name = "浏览器测试客户%s" % dt.datetime.now().strftime('%H%M%S%f')
    with harness.Browser(self.server) as browser:
        browser.login('bj_reception', PASSWORD)
        browser.open_menu(PARTY_MENU)
        browser.new_record()
        browser.fill('name', name)
        browser.save()
        browser.screenshot('bj_reception-customer')
        self.assertEqual(browser.errors, [])
    self.assertEqual(demo_query(
            "SELECT COUNT(*) FROM party_party WHERE name = ?", name),
        [(1,)])


SmokeTestCase.test_receptionist_adds_customer = (
    _test_receptionist_adds_customer)


STATION_ROLES = ['bj_manager', 'bj_clerk', 'bj_tech1', 'bj_reception']


def screen_texts(browser):
    """{model: texts} of every list and form the logged-in user reaches from
    the menu: field labels and help, selection values, buttons, labels,
    pages and groups, as the server sends them in the user's language"""
    menus = browser.rpc('model.ir.ui.menu.search_read', [], 0, None, None,
        ['action'])
    action_ids = sorted({int(m['action'].split(',')[1]) for m in menus
            if m['action']
            and m['action'].startswith('ir.action.act_window,')})
    actions = browser.rpc('model.ir.action.act_window.read', action_ids,
        ['res_model'])
    texts = {}
    for model in sorted({a['res_model'] for a in actions if a['res_model']}):
        found = texts.setdefault(model, set())
        for view_type in ['tree', 'form']:
            view = browser.rpc(f'model.{model}.fields_view_get', None,
                view_type)
            for field in view['fields'].values():
                found.add(field.get('string') or '')
                found.add(field.get('help') or '')
                selection = field.get('selection')
                if isinstance(selection, list):
                    found.update(str(s[1]) for s in selection if s[1])
            found.update(re.findall(r'(?:string|help|confirm)="([^"]*)"',
                    view['arch']))
        found.discard('')
    return texts


def _test_station_roles_screens_in_chinese(self):
    """Labels, help, selections and buttons of every screen a station role
    reaches from its menu: no English (issue 3)"""
    english = {}
    for login in STATION_ROLES:
        with harness.Browser(self.server) as browser:
            browser.login(login, PASSWORD)
            for model, texts in screen_texts(browser).items():
                words = english_words(sorted(texts))
                if words:
                    english.setdefault(model, set()).update(words)
    self.assertEqual(english, {})


SmokeTestCase.test_station_roles_screens_in_chinese = (
    _test_station_roles_screens_in_chinese)


EXPENSE_MENU = [("站点", "Stations"), ("财务", "Finance"), ("费用", "Expenses")]


def _test_clerk_expense_over_budget(self):
    """bj_clerk records an expense past the month's approved transport
    budget: refused in Chinese and nothing saved; within the budget it is
    saved against the approved month (R31, R33)"""
    (month, budget), = demo_query(
        "SELECT d.month, l.amount FROM station_expense_declaration d "
        "JOIN station_station s ON s.id = d.station "
        "JOIN station_expense_declaration_line l ON l.declaration = d.id "
        "JOIN station_expense_category c ON c.id = l.category "
        "WHERE s.code = 'BJ' AND d.state = 'approved' "
        "AND c.code = 'transport' ORDER BY d.month DESC LIMIT 1")
    month = dt.date.fromisoformat(month)
    count = "SELECT COUNT(*) FROM station_expense"
    before = demo_query(count)[0][0]
    description = "浏览器测试：上门服务打车费%s" % (
        dt.datetime.now().strftime('%H%M%S%f'))
    with harness.Browser(self.server) as browser:
        browser.login('bj_clerk', PASSWORD)
        browser.open_menu(EXPENSE_MENU)
        browser.new_record()
        browser.fill('date', month)
        self.assertTrue(browser.value('declaration'))
        browser.fill('category', "交通费")
        browser.fill('description', description)
        browser.fill('amount', int(budget) + 500)
        error = browser.save_refused()
        browser.screenshot('bj_clerk-expense-over-budget')
        self.assertIn("预算", error)
        self.assertEqual(english_words([error]), [], error)
        self.assertEqual(demo_query(count)[0][0], before)
        browser.fill('amount', 120)
        browser.save()
        browser.screenshot('bj_clerk-expense-saved')
        self.assertEqual(browser.errors, [])
    rows = demo_query(
        "SELECT e.amount, e.state, d.month, s.code FROM station_expense e "
        "JOIN station_expense_declaration d ON d.id = e.declaration "
        "JOIN station_station s ON s.id = e.station "
        "WHERE e.description = ?", description)
    self.assertEqual(len(rows), 1, rows)
    amount, state, saved_month, station = rows[0]
    self.assertEqual((float(amount), state, saved_month, station),
        (120.0, 'draft', month.isoformat(), 'BJ'))
    self.assertEqual(demo_query(count)[0][0], before + 1)


SmokeTestCase.test_clerk_expense_over_budget = (
    _test_clerk_expense_over_budget)


SERVICE_REPORT_MENU = [("站点", "Stations"), ("总部报表", "HQ Reports"),
    ("各站点服务指标", "Service KPIs per Station")]


def _test_hq_downloads_service_report(self):
    """hq_service opens the service KPIs of every station, selects the rows
    and downloads them as an Excel workbook that opens cleanly, in Chinese,
    with the figures of the screen (issue 7)"""
    import io

    from openpyxl import load_workbook
    with harness.Browser(self.server) as browser:
        browser.login('hq_service', PASSWORD)
        browser.open_menu(SERVICE_REPORT_MENU)
        browser.wait_idle()
        browser.active('.treeview thead input[type=checkbox]').first.click()
        browser.active('button#print').click()
        page = browser.page
        with page.expect_download() as download:
            page.locator('.dropdown-menu:visible li a',
                has_text="服务指标").first.click()
        browser.screenshot('hq_service-report')
        shown = browser.list_rows()
        self.assertEqual(browser.errors, [])
        filename = download.value.suggested_filename
        with open(download.value.path(), 'rb') as fp:
            workbook = load_workbook(io.BytesIO(fp.read()))
    self.assertTrue(filename.endswith('.xlsx'), filename)
    sheet = workbook['各站点服务指标']
    header = [c.value for c in sheet[1]]
    self.assertEqual(header[:3], ["站点", "月份", "维修单数"])
    self.assertEqual(english_words([h for h in header if h]), [], header)
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    # the demo's history: every station has its months
    self.assertEqual({r[0][:4] for r in rows}, {'[BJ]', '[SH]', '[GZ]'})
    # the same figures as on the screen: station, month, orders
    on_screen = sorted(tuple(text.split()[:4]) for text in shown)
    self.maxDiff = None
    in_workbook = sorted((*r[0].split(), r[1].date().isoformat(), str(r[2]))
        for r in rows)
    self.assertEqual(in_workbook, on_screen)


SmokeTestCase.test_hq_downloads_service_report = (
    _test_hq_downloads_service_report)
