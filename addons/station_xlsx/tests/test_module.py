# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from trytond.exceptions import UserError
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction

from addons.station_xlsx.xlsx import Column, Section, display_width, sheet_name


class StationXlsxTestCase(ModuleTestCase):
    "Test Station XLSX module"
    module = 'station_xlsx'

    def create_action(self):
        "Declare the report action (test directories load no XML)"
        pool = Pool()
        ActionReport = pool.get('ir.action.report')
        action, = ActionReport.create([{
                    'name': "XLSX Test",
                    'model': 'station.xlsx.test',
                    'report_name': 'station.xlsx.test.report',
                    'records': 'listed',
                    }])
        return action

    def create_records(self):
        pool = Pool()
        self.create_action()
        Record = pool.get('station.xlsx.test')
        User = pool.get('res.user')
        admin, = User.search([('login', '=', 'admin')])
        return Record.create([{
                    'name': "Beta",
                    'quantity': 3,
                    'amount': Decimal('1234.50'),
                    'ratio': 0.25,
                    'date': dt.date(2026, 1, 31),
                    'at': dt.datetime(2026, 2, 1, 8, 30),
                    'done': True,
                    'state': 'closed',
                    'user': admin.id,
                    }, {
                    'name': "Alpha",
                    'quantity': 0,
                    'amount': Decimal('-2.05'),
                    'ratio': None,
                    'date': None,
                    'at': None,
                    'done': False,
                    'state': 'open',
                    'user': None,
                    }])

    def execute(self, ids=None, language=None):
        pool = Pool()
        Report = pool.get('station.xlsx.test.report', type='report')
        context = {'language': language} if language else {}
        with Transaction().set_context(**context):
            ext, content, direct_print, name = Report.execute(
                ids or [], {'model': 'station.xlsx.test'})
        self.assertEqual(ext, 'xlsx')
        self.assertFalse(direct_print)
        self.assertEqual(name, "XLSX Test")
        return load_workbook(io.BytesIO(content))

    @with_transaction()
    def test_sheets_cells_and_formats(self):
        "Test every cell, type and number format of the declared sheets"
        beta, alpha = self.create_records()
        workbook = self.execute()

        self.assertEqual(
            workbook.sheetnames, ["XLSX Test Record", "Closed   only"])
        sheet = workbook["XLSX Test Record"]
        self.assertEqual(
            [c.value for c in sheet[1]],
            ["Name", "Quantity", "Amount", "Ratio", "Date", "At", "Done",
                "State", "User"])
        self.assertTrue(all(c.font.bold for c in sheet[1]))
        # ordered by name: Alpha then Beta
        self.assertEqual(
            [c.value for c in sheet[2]],
            ["Alpha", 0, -2.05, None, None, None, False, "Open", None])
        self.assertEqual(
            [c.value for c in sheet[3]],
            ["Beta", 3, 1234.5, 0.25, dt.datetime(2026, 1, 31),
                dt.datetime(2026, 2, 1, 8, 30), True, "Closed",
                "Administrator"])
        self.assertEqual(sheet.max_row, 3)
        self.assertEqual(sheet['B3'].data_type, 'n')
        self.assertEqual(sheet['C3'].data_type, 'n')
        self.assertEqual(sheet['G3'].data_type, 'b')
        self.assertEqual(sheet['B3'].number_format, '0')
        self.assertEqual(sheet['C3'].number_format, '#,##0.00')
        self.assertEqual(sheet['D3'].number_format, '0.0%')
        self.assertEqual(sheet['E3'].number_format, 'yyyy-mm-dd')
        self.assertEqual(sheet['F3'].number_format, 'yyyy-mm-dd hh:mm')
        self.assertTrue(sheet['E3'].is_date)

        self.assertEqual(sheet.freeze_panes, 'A2')
        self.assertEqual(sheet.auto_filter.ref, 'A1:I3')
        self.assertAlmostEqual(sheet.column_dimensions['I'].width, 30, delta=1)
        self.assertGreaterEqual(sheet.column_dimensions['A'].width, 24)
        self.assertGreaterEqual(sheet.column_dimensions['E'].width, 12)

        closed = workbook["Closed   only"]
        self.assertEqual(
            [[c.value for c in row] for row in closed.iter_rows()],
            [["Name", "Amount"], ["Beta", 1234.5]])
        self.assertEqual(closed['B2'].number_format, '0.0')
        self.assertEqual(closed.freeze_panes, 'A2')
        self.assertEqual(closed.auto_filter.ref, 'A1:B2')

    @with_transaction()
    def test_listed_records(self):
        "Test the first sheet holds only the records passed, in their order"
        beta, alpha = self.create_records()
        workbook = self.execute([beta.id])
        sheet = workbook.worksheets[0]
        self.assertEqual(
            [r[0].value for r in sheet.iter_rows()], ["Name", "Beta"])

        workbook = self.execute([beta.id, alpha.id])
        sheet = workbook.worksheets[0]
        self.assertEqual(
            [r[0].value for r in sheet.iter_rows()], ["Name", "Beta", "Alpha"])

    @with_transaction()
    def test_empty_sheet(self):
        "Test a report without rows still opens with headers and filter"
        self.create_action()
        workbook = self.execute()
        sheet = workbook.worksheets[0]
        self.assertEqual(sheet.max_row, 1)
        self.assertEqual(sheet.auto_filter.ref, 'A1:I2')
        self.assertEqual(sheet.freeze_panes, 'A2')

    @with_transaction()
    def test_zh_cn_headers(self):
        "Test the headers are the translated field strings"
        pool = Pool()
        Lang = pool.get('ir.lang')
        Translation = pool.get('ir.translation')
        zh, = Lang.search([('code', '=', 'zh_CN')])
        zh.translatable = True
        zh.save()
        Translation.create([{
                    'name': 'station.xlsx.test,amount',
                    'type': 'field',
                    'lang': 'zh_CN',
                    'src': "Amount",
                    'value': "金额",
                    'module': 'station_xlsx',
                    'fuzzy': False,
                    }, {
                    'name': 'station.xlsx.test,state',
                    'type': 'selection',
                    'lang': 'zh_CN',
                    'src': "Closed",
                    'value': "已关闭",
                    'module': 'station_xlsx',
                    'fuzzy': False,
                    }])
        self.create_records()
        workbook = self.execute(language='zh_CN')
        sheet = workbook.worksheets[0]
        self.assertEqual(sheet['C1'].value, "金额")
        self.assertEqual(sheet['H3'].value, "已关闭")

    @with_transaction()
    def test_unknown_field(self):
        "Test a column of an unknown field is refused with a message"
        pool = Pool()
        Report = pool.get('station.xlsx.test.report', type='report')
        action = self.create_action()
        with self.assertRaises(UserError):
            Report.render_sections(action, [
                    Section('station.xlsx.test', [Column('nothing')])],
                None, [])

    def test_sheet_name(self):
        "Test sheet names are valid and unique"
        used = set()
        self.assertEqual(sheet_name("A/B", used), "A B")
        self.assertEqual(sheet_name("a b", used), "a b (2)")
        self.assertEqual(len(sheet_name("x" * 40, used)), 31)
        self.assertEqual(display_width("服务ab"), 6)


del ModuleTestCase
