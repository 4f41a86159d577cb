"""Browser test: the whole repair of a TV through sao, each step by the role
that does it in the station (R10-R17): reception takes it in, the
technician diagnoses, quotes and repairs, reception records the customer's
acceptance, the clerk takes the payment (prefilled with the balance,
issue 12) and hands the TV over, reception calls back and closes.

Every step is clicked in the web client by its role; the server is only
read (sao's rpc, the demo database) to check what the user saw."""
import datetime as dt
import unittest
from decimal import Decimal

from data.demo import PASSWORD

from . import harness
from .test_smoke import _check_requirements, demo_query, english_words

PARTY_MENU = [("往来单位", "Party"), ("往来单位", "Parties")]
ORDER_MENU = [("站点", "Stations"), ("维修服务", "Service"),
    ("维修单", "Service Orders")]
PAYMENT_MENU = [("站点", "Stations"), ("维修服务", "Service"),
    ("维修收款", "Service Payments")]

TV = 'TV-55U8'
PART = 'SP-PB-U8'  # U8 电视电源板
LABOUR = 'SV-LABOUR'  # 维修工时, per hour
HOURS = 1.5
SALE_PART = 'SP-RC-01'  # 智能语音遥控器

STATE = {
    'intake': "接修",
    'diagnosed': "已检测",
    'quoted': "已报价",
    'accepted': "客户已确认",
    'in_repair': "维修中",
    'repaired': "已修复",
    'delivered': "已交付",
    'closed': "已关闭",
    }


def decimal(value):
    "A Decimal read from SQLite (trytond stores Numeric as text or blob)"
    if isinstance(value, bytes):
        value = value.decode()
    return Decimal(str(value))


def amount(text):
    "The Decimal of an amount as sao shows it (thousands separators)"
    text = (text or '').replace(',', '').replace('\u00a0', '').strip()
    return Decimal(text) if text else None


class RepairFlowTestCase(unittest.TestCase):
    "A service order from intake to call-back, each step by its role"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _check_requirements()
        cls.server = harness.DemoServer()
        cls.server.__enter__()
        cls.addClassCleanup(cls.server.__exit__, None, None, None)

    # helpers ---------------------------------------------------------------

    def assertChinese(self, browser, where):
        "The active form shows no English word"
        texts = browser.form_texts()
        self.assertTrue(texts, where)
        self.assertEqual(english_words(texts), [], where)

    def assertState(self, browser, state):
        shown = browser.value('state')
        self.assertEqual(shown, STATE[state])
        return shown

    def order_row(self, number):
        "The order as stored (read for the checks only)"
        rows = demo_query(
            "SELECT o.id, o.state, s.code, "
            "(SELECT login FROM res_user WHERE id = o.diagnosed_by), "
            "(SELECT login FROM res_user WHERE id = o.accepted_by), "
            "(SELECT login FROM res_user WHERE id = o.checked_by), "
            "(SELECT login FROM res_user WHERE id = o.delivered_by), "
            "(SELECT login FROM res_user WHERE id = o.called_back_by), "
            "o.callback_score, o.technician "
            "FROM station_service_order o "
            "JOIN station_station s ON s.id = o.station "
            "WHERE o.number = ?", number)
        self.assertEqual(len(rows), 1, rows)
        keys = ['id', 'state', 'station', 'diagnosed_by', 'accepted_by',
            'checked_by', 'delivered_by', 'called_back_by', 'callback_score',
            'technician']
        return dict(zip(keys, rows[0]))

    def line_states(self, number):
        "States of the order's lines as stored (read for the checks only)"
        return [r[0] for r in demo_query(
                "SELECT l.state FROM station_service_order_line l "
                "JOIN station_service_order o ON o.id = l.\"order\" "
                "WHERE o.number = ? ORDER BY l.id", number)]

    def read_amounts(self, browser, number):
        "amount_due and amount_balance of the order, as the server has them"
        orders = browser.rpc('model.station.service.order.search_read',
            [('number', '=', number)], 0, 1, None,
            ['amount_total', 'amount_due', 'amount_balance', 'amount_paid'])
        self.assertEqual(len(orders), 1, orders)
        return {k: v for k, v in orders[0].items() if k.startswith('amount')}

    def open_order(self, browser, number, tab):
        """Open the order from the service order list, in the list tab a
        user of the role works from"""
        browser.open_menu(ORDER_MENU)
        browser.open_tab_domain(tab)
        rows = browser.list_rows()
        self.assertTrue(any(number in r for r in rows),
            f"{number} not in the {tab} tab: {rows}")
        browser.open_record(number)
        self.assertEqual(browser.value('number'), number)

    def click(self, browser, name, label):
        "Click the workflow button name, checking its Chinese label"
        visible, enabled = browser.button_state(name)
        if not (visible and enabled):
            browser.screenshot(f'repair-blocked-{name}')
        where = (f"station.service.order button {name} ({label}) for "
            f"{browser.user} on {browser.value('number')} in state "
            f"{browser.value('state')}")
        self.assertTrue(visible, f"{where}: not shown")
        self.assertTrue(enabled, f"{where}: shown but disabled (the user "
            "is not in the button's groups)")
        button = browser.active(f'.form button[name="{name}"]').first
        self.assertEqual(' '.join(button.inner_text().split()), label)
        browser.click_button(name)

    # the flow --------------------------------------------------------------

    def test_repair_flow(self):
        """A walk-in customer's TV: intake, diagnosis, quote, acceptance,
        repair, payment prefilled with the balance, delivery and
        call-back, each by its role in sao (R10-R17, issue 12)"""
        stamp = dt.datetime.now().strftime('%m%d%H%M%S%f')
        customer = f"浏览器测试维修客户{stamp}"
        phone = f"139{stamp[-8:]}"
        serial = f"BT-TV-{stamp}"
        (technician,), = demo_query(
            "SELECT p.name FROM res_user u "
            "JOIN company_employee e ON e.id = u.employee "
            "JOIN party_party p ON p.id = e.party WHERE u.login = ?",
            'bj_tech1')
        expected_due = self.expected_due()

        number = self.intake(customer, phone, serial, technician)
        self.diagnose_and_quote(number, expected_due)
        self.accept(number, expected_due)
        self.repair(number)
        self.pay_and_deliver(number, expected_due)
        self.call_back(number)

    def expected_due(self):
        "What the customer owes for the part and the hours at HQ's prices"
        (part_price,), = demo_query(
            "SELECT l.list_price FROM product_product p "
            "JOIN product_list_price l ON l.template = p.template "
            "WHERE p.code = ?",
            PART)
        (labour_price,), = demo_query(
            "SELECT l.list_price FROM product_product p "
            "JOIN product_list_price l ON l.template = p.template "
            "WHERE p.code = ?",
            LABOUR)
        due = decimal(part_price) + decimal(labour_price) * Decimal(
            str(HOURS))
        return due.quantize(Decimal('0.01'))

    def intake(self, customer, phone, serial, technician):
        "1. reception: the walk-in customer and the order"
        with harness.Browser(self.server) as browser:
            browser.login('bj_reception', PASSWORD)
            browser.open_menu(PARTY_MENU)
            browser.new_record()
            browser.fill('name', customer)
            row = browser.new_line('contact_mechanisms')
            browser.fill_line(row, 'value', phone)
            browser.save()
            browser.screenshot('repair-01-customer')
            self.assertChinese(browser, "customer form")
            self.assertIn(phone, ' '.join(browser.lines('contact_mechanisms')))

            browser.open_menu(ORDER_MENU)
            browser.new_record()
            self.assertState(browser, 'intake')
            self.assertEqual(browser.value('type'), "维修")
            browser.fill('customer', customer)
            browser.fill('contact_phone', phone)
            browser.fill('product', TV)
            browser.fill('serial_number', serial)
            browser.fill('symptom', "开机无图像，指示灯闪烁")
            browser.fill('accessories', "遥控器一个")
            browser.open_page("维修")
            browser.fill('technician', technician)
            browser.save()
            browser.screenshot('repair-02-intake')
            number = browser.value('number')
            self.assertTrue(number.startswith('BJ-'), number)
            self.assertEqual(browser.value('customer'), customer)
            self.assertEqual(browser.value('technician'), technician)
            self.assertState(browser, 'intake')
            self.assertChinese(browser, "order at intake")
            self.assertEqual(browser.errors, [])
        order = self.order_row(number)
        self.assertEqual((order['state'], order['station']), ('intake', 'BJ'))
        self.assertTrue(order['technician'])
        return number

    def diagnose_and_quote(self, number, expected_due):
        "2. technician: diagnosis, lines, diagnose and quote"
        with harness.Browser(self.server) as browser:
            browser.login('bj_tech1', PASSWORD)
            self.open_order(browser, number, "我的维修单")
            browser.screenshot('repair-03-my-orders')
            browser.open_page("维修")
            browser.fill('diagnosis', "电源板保险管熔断，更换电源板")
            row = browser.new_line('lines')
            browser.fill_line(row, 'type', "备件")
            browser.fill_line(row, 'product', PART)
            browser.fill_line(row, 'quantity', 1)
            row = browser.new_line('lines')
            browser.fill_line(row, 'type', "工时")
            browser.fill_line(row, 'product', LABOUR)
            browser.fill_line(row, 'quantity', HOURS)
            browser.screenshot('repair-04-lines')
            browser.save()
            lines = browser.lines('lines', count=2)
            self.assertEqual(len(lines), 2, lines)
            self.assertIn("备件", lines[0])
            self.assertIn("工时", lines[1])
            self.click(browser, 'diagnose', "检测")
            self.assertState(browser, 'diagnosed')
            self.click(browser, 'quote', "报价")
            self.assertState(browser, 'quoted')
            browser.open_page("收款")
            self.assertEqual(amount(browser.value('amount_due')),
                expected_due)
            browser.screenshot('repair-05-quoted')
            self.assertChinese(browser, "order quoted")
            self.assertEqual(browser.errors, [])
        order = self.order_row(number)
        self.assertEqual((order['state'], order['diagnosed_by']),
            ('quoted', 'bj_tech1'))

    def accept(self, number, expected_due):
        "3. reception: the customer accepts the quote"
        with harness.Browser(self.server) as browser:
            browser.login('bj_reception', PASSWORD)
            self.open_order(browser, number, "等待客户确认")
            browser.open_page("收款")
            self.assertEqual(amount(browser.value('amount_due')),
                expected_due)
            self.click(browser, 'accept', "客户确认报价")
            self.assertState(browser, 'accepted')
            browser.screenshot('repair-06-accepted')
            self.assertChinese(browser, "order accepted")
            self.assertEqual(browser.errors, [])
        order = self.order_row(number)
        self.assertEqual((order['state'], order['accepted_by']),
            ('accepted', 'bj_reception'))

    def repair(self, number):
        "4. technician: repair and quality check"
        with harness.Browser(self.server) as browser:
            browser.login('bj_tech1', PASSWORD)
            self.open_order(browser, number, "我的维修单")
            self.click(browser, 'start_repair', "开始维修")
            self.assertState(browser, 'in_repair')
            browser.screenshot('repair-07-in-repair')
            self.click(browser, 'finish', "修复（质检通过）")
            self.assertState(browser, 'repaired')
            browser.open_page("维修")
            lines = browser.lines('lines', count=2)
            self.assertIn("已出库", lines[0])
            browser.screenshot('repair-08-repaired')
            self.assertChinese(browser, "order repaired")
            self.assertEqual(browser.errors, [])
        order = self.order_row(number)
        self.assertEqual((order['state'], order['checked_by']),
            ('repaired', 'bj_tech1'))

    def pay_and_deliver(self, number, expected_due):
        "5. clerk: the payment, prefilled with the balance; delivery"
        with harness.Browser(self.server) as browser:
            browser.login('bj_clerk', PASSWORD)
            due = self.read_amounts(browser, number)
            self.assertEqual(due['amount_due'], expected_due)
            self.assertEqual(due['amount_balance'], expected_due)
            browser.open_menu(PAYMENT_MENU)
            browser.new_record()
            browser.fill('order', number)
            self.assertEqual(browser.value('order'), number)
            prefilled = amount(browser.value('amount'))
            browser.screenshot('repair-09-payment-prefilled')
            self.assertEqual(prefilled, due['amount_due'])
            self.assertEqual(browser.value('method'), "现金")
            browser.save()
            browser.screenshot('repair-10-payment-saved')
            self.assertChinese(browser, "payment")
            self.assertEqual(amount(browser.value('amount')), expected_due)

            self.open_order(browser, number, "待交付")
            browser.open_page("收款")
            self.assertEqual(amount(browser.value('amount_paid')),
                expected_due)
            self.assertEqual(amount(browser.value('amount_balance')),
                Decimal('0.00'))
            self.click(browser, 'deliver', "交付")
            self.assertState(browser, 'delivered')
            browser.screenshot('repair-11-delivered')
            self.assertChinese(browser, "order delivered")
            self.assertEqual(browser.errors, [])
        order = self.order_row(number)
        self.assertEqual((order['state'], order['delivered_by']),
            ('delivered', 'bj_clerk'))
        payments = demo_query(
            "SELECT p.amount, p.method, u.login "
            "FROM station_service_payment p "
            'JOIN res_user u ON u.id = p.received_by WHERE p."order" = ?',
            order['id'])
        self.assertEqual([(decimal(a).quantize(Decimal('0.01')), m, u)
                for a, m, u in payments],
            [(expected_due, 'cash', 'bj_clerk')])

    def call_back(self, number):
        "6. reception: the call-back and closing"
        with harness.Browser(self.server) as browser:
            browser.login('bj_reception', PASSWORD)
            self.open_order(browser, number, "待回访")
            browser.open_page("回访")
            browser.fill('callback_score', 5)
            browser.fill('callback_notes', "客户对维修结果满意")
            browser.save()
            self.click(browser, 'close', "回访后关闭")
            self.assertState(browser, 'closed')
            browser.screenshot('repair-12-closed')
            self.assertChinese(browser, "order closed")
            self.assertEqual(browser.errors, [])
        order = self.order_row(number)
        self.assertEqual(
            (order['state'], order['called_back_by'],
                order['callback_score']),
            ('closed', 'bj_reception', 5))

    # a spare-parts sale at the counter ---------------------------------------

    def test_parts_sale_by_reception_and_clerk(self):
        """A walk-in customer buys a remote at the counter: reception
        writes the sale (type 备件销售) with its part line, quotes it and
        records the acceptance, the clerk takes the payment (prefilled with
        the balance) and hands the part over (R10, R13, issue 12)"""
        stamp = dt.datetime.now().strftime('%m%d%H%M%S%f')
        customer = f"浏览器测试购件客户{stamp}"
        phone = f"138{stamp[-8:]}"
        (price,), = demo_query(
            "SELECT l.list_price FROM product_product p "
            "JOIN product_list_price l ON l.template = p.template "
            "WHERE p.code = ?", SALE_PART)
        expected_due = decimal(price).quantize(Decimal('0.01'))

        # reception: the customer, the sale, its quote and acceptance
        with harness.Browser(self.server) as browser:
            browser.login('bj_reception', PASSWORD)
            browser.open_menu(PARTY_MENU)
            browser.new_record()
            browser.fill('name', customer)
            row = browser.new_line('contact_mechanisms')
            browser.fill_line(row, 'value', phone)
            browser.save()

            browser.open_menu(ORDER_MENU)
            browser.new_record()
            browser.fill('type', "备件销售")
            browser.fill('customer', customer)
            browser.fill('contact_phone', phone)
            browser.open_page("维修")
            row = browser.new_line('lines')
            self.assertEqual(browser.line_widget(row, 'type').evaluate(
                    'e => e.options[e.selectedIndex].text'), "备件")
            browser.fill_line(row, 'product', SALE_PART)
            browser.fill_line(row, 'quantity', 1)
            browser.save()
            browser.screenshot('parts-sale-01-intake')
            number = browser.value('number')
            self.assertTrue(number.startswith('BJ-'), number)
            self.assertEqual(browser.value('type'), "备件销售")
            self.assertState(browser, 'intake')
            lines = browser.lines('lines', count=1)
            self.assertEqual(len(lines), 1, lines)
            self.click(browser, 'quote', "报价")
            self.assertState(browser, 'quoted')
            self.click(browser, 'accept', "客户确认报价")
            self.assertState(browser, 'accepted')
            browser.open_page("收款")
            self.assertEqual(amount(browser.value('amount_due')),
                expected_due)
            browser.screenshot('parts-sale-02-accepted')
            self.assertChinese(browser, "parts sale accepted")
            self.assertEqual(browser.errors, [])
        order = self.order_row(number)
        self.assertEqual((order['state'], order['accepted_by']),
            ('accepted', 'bj_reception'))

        # clerk: the payment, prefilled with the balance
        with harness.Browser(self.server) as browser:
            browser.login('bj_clerk', PASSWORD)
            due = self.read_amounts(browser, number)
            self.assertEqual(due['amount_balance'], expected_due)
            browser.open_menu(PAYMENT_MENU)
            browser.new_record()
            browser.fill('order', number)
            self.assertEqual(amount(browser.value('amount')), expected_due)
            browser.save()
            browser.screenshot('parts-sale-03-paid')
            self.assertChinese(browser, "parts sale payment")
            self.assertEqual(
                self.read_amounts(browser, number)['amount_balance'], 0)
            self.assertEqual(browser.errors, [])

        # a sale needs no repair: the clerk who took the money hands the
        # part over, and it leaves the stock then
        with harness.Browser(self.server) as browser:
            browser.login('bj_clerk', PASSWORD)
            self.open_order(browser, number, "全部")
            browser.screenshot('parts-sale-04-to-deliver')
            self.click(browser, 'deliver', "交付")
            self.assertState(browser, 'delivered')
            browser.screenshot('parts-sale-05-delivered')
            self.assertChinese(browser, "parts sale delivered")
            self.assertEqual(browser.errors, [])
        order = self.order_row(number)
        self.assertEqual((order['state'], order['delivered_by']),
            ('delivered', 'bj_clerk'))
        self.assertEqual(self.line_states(number), ['issued'])
