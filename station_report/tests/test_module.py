# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import io
from decimal import Decimal

from openpyxl import load_workbook

from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction

from addons.station.tests import StationModuleTestMixin

from .tools import D, create_dataset

JANUARY = D('2026-01-01')
FEBRUARY = D('2026-02-01')


class StationReportTestCase(
        StationModuleTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test Station Report module"
    module = 'station_report'
    maxDiff = None

    def setup_dataset(self, timezone='Asia/Shanghai'):
        company = create_company()
        company.timezone = timezone
        company.save()
        with set_company(company):
            ids = create_dataset(company)
        return company, ids

    def rows(self, model, company, key=('station', 'month'), **context):
        "Return {key: row} of the report model under the context"
        pool = Pool()
        Model = pool.get(model)
        context.setdefault('from_date', D('2026-01-01'))
        context.setdefault('to_date', D('2026-02-28'))
        with Transaction().set_context(company=company.id, **context):
            records = Model.search([])
            result = {}
            for record in records:
                values = []
                for name in key:
                    value = getattr(record, name)
                    values.append(getattr(value, 'code', None)
                        or getattr(getattr(value, 'party', None), 'name',
                            None) or value)
                result[tuple(values)] = record
            return result

    def assertFigures(self, record, **expected):
        actual = {}
        for name, value in expected.items():
            got = getattr(record, name)
            if isinstance(value, float) and got is not None:
                got = round(got, 4)
            actual[name] = got
        self.assertEqual(actual, expected)

    @with_transaction()
    def test_service_station(self):
        "Test service KPIs per station on the known dataset (R21)"
        company, ids = self.setup_dataset()
        with set_company(company):
            rows = self.rows('station.report.service', company)
        self.assertEqual(set(rows), {
                ('BJ', JANUARY), ('BJ', FEBRUARY), ('SH', JANUARY)})
        self.assertFigures(rows['BJ', JANUARY],
            orders=6, repairs=4, supports=1, upgrades=1, parts_sales=0,
            open_orders=1, delivered=4, cancelled=1,
            # days 2, 4, 11, 12 in Beijing time
            turnaround_median=7.5, turnaround_p90=11.7,
            delivered_repairs=3, came_back=1,
            first_time_fix_rate=round(2 / 3, 4), repeat_intakes=0,
            callbacks=3, callback_average=4.0)
        self.assertFigures(rows['BJ', FEBRUARY],
            orders=2, repairs=1, parts_sales=1, delivered=2,
            turnaround_median=1.0, turnaround_p90=1.8,
            delivered_repairs=1, came_back=0, first_time_fix_rate=1.0,
            repeat_intakes=1, callbacks=1, callback_average=2.0)
        self.assertFigures(rows['SH', JANUARY],
            orders=1, turnaround_median=2.0, turnaround_p90=2.0,
            first_time_fix_rate=1.0, callback_average=5.0)

    @with_transaction()
    def test_service_utc(self):
        "Test the turnaround follows the company's time zone"
        company, ids = self.setup_dataset(timezone='UTC')
        with set_company(company):
            rows = self.rows('station.report.service', company)
        # days 2, 4, 10, 11 in UTC
        self.assertFigures(rows['BJ', JANUARY],
            turnaround_median=7.0, turnaround_p90=10.7)

    @with_transaction()
    def test_service_period_and_station(self):
        "Test the period and station of the context filter the rows"
        company, ids = self.setup_dataset()
        with set_company(company):
            rows = self.rows('station.report.service', company,
                from_date=D('2026-02-01'))
            self.assertEqual(set(rows), {('BJ', FEBRUARY)})
            rows = self.rows('station.report.service', company,
                to_date=D('2026-01-31'), report_station=ids['sh'])
            self.assertEqual(set(rows), {('SH', JANUARY)})

    @with_transaction()
    def test_service_technician(self):
        "Test service KPIs per technician"
        company, ids = self.setup_dataset()
        with set_company(company):
            rows = self.rows('station.report.service.technician', company,
                key=('technician', 'month'))
        self.assertEqual(set(rows), {
                ("Tech One", JANUARY), ("Tech Two", JANUARY),
                ("Tech One", FEBRUARY), ("Tech Three", JANUARY)})
        self.assertFigures(rows["Tech One", JANUARY],
            orders=3, delivered=2, open_orders=1,
            turnaround_median=7.5, turnaround_p90=10.3,
            delivered_repairs=2, came_back=1, first_time_fix_rate=0.5,
            callbacks=1, callback_average=5.0)
        self.assertEqual(rows["Tech One", JANUARY].station.code, 'BJ')
        # drill-down from the station's month to its technicians
        with set_company(company):
            service = self.rows('station.report.service', company)
        self.assertEqual(
            rows["Tech One", JANUARY].service.id, service['BJ', JANUARY].id)
        self.assertEqual(
            rows["Tech One", FEBRUARY].service.id,
            service['BJ', FEBRUARY].id)
        self.assertFigures(rows["Tech Two", JANUARY],
            orders=2, delivered=2, turnaround_median=7.0,
            turnaround_p90=11.0, delivered_repairs=1, came_back=0,
            first_time_fix_rate=1.0, callbacks=2, callback_average=3.5)

    @with_transaction()
    def test_percentile_portable(self):
        "Test the portable percentile equals PostgreSQL's percentile_cont"
        company, ids = self.setup_dataset()
        with set_company(company):
            native = self.rows('station.report.service', company)
            portable = self.rows('station.report.service', company,
                report_percentile='portable')
        for key in native:
            for name in ['turnaround_median', 'turnaround_p90']:
                self.assertAlmostEqual(
                    getattr(native[key], name) or 0,
                    getattr(portable[key], name) or 0, places=6,
                    msg='%s %s' % (key, name))

    @with_transaction()
    def test_complaint(self):
        "Test complaints are counted in their local month, on time or not"
        company, ids = self.setup_dataset()
        with set_company(company):
            rows = self.rows('station.report.complaint', company)
        self.assertEqual(set(rows), {('BJ', JANUARY), ('BJ', FEBRUARY)})
        self.assertFigures(rows['BJ', JANUARY],
            complaints=2, open_complaints=1, answered=1,
            answered_on_time=1, answered_on_time_rate=0.5,
            resolved=1, resolved_on_time=0, resolved_on_time_rate=0.0,
            escalated=1)
        self.assertFigures(rows['BJ', FEBRUARY],
            complaints=1, answered=1, answered_on_time=0, resolved=0)

    @with_transaction()
    def test_budget(self):
        "Test budget against actual with out-of-budget requests (R31-R33)"
        company, ids = self.setup_dataset()
        with set_company(company):
            rows = self.rows('station.report.budget', company,
                key=('station', 'month', 'category'))
        self.assertEqual(len(rows), 2)
        office = rows['BJ', JANUARY, 'OFF']
        transport = rows['BJ', JANUARY, 'TRA']
        self.assertEqual(office.id, ids['office_line'])
        self.assertFigures(office,
            declared=Decimal('1000'), extra=Decimal(0),
            budget=Decimal('1000'), actual=Decimal('750'),
            difference=Decimal('250'), usage=0.75, over_declared=False,
            extra_requests=0)
        self.assertFigures(transport,
            declared=Decimal('500'), extra=Decimal('200'),
            budget=Decimal('700'), actual=Decimal('600'),
            difference=Decimal('100'), usage=round(600 / 700, 4),
            over_declared=True, extra_requests=2, extra_rejected=1,
            declaration_state='approved')

    @with_transaction()
    def test_cash(self):
        "Test cash days above the limit, deposits and late remittances"
        company, ids = self.setup_dataset()
        with set_company(company):
            rows = self.rows('station.report.cash', company)
        self.assertEqual(set(rows), {('BJ', JANUARY), ('BJ', FEBRUARY)})
        self.assertFigures(rows['BJ', JANUARY],
            closings=2, days_over_limit=1, counted=Decimal('2000'),
            deposits=1, deposited=Decimal('300'), remittances=2,
            remitted=Decimal('1000'), remittances_late=1)
        self.assertFigures(rows['BJ', FEBRUARY],
            closings=1, days_over_limit=0, counted=Decimal('300'),
            deposits=1, deposited=Decimal('700'), remittances=1,
            remitted=Decimal('500'), remittances_late=1)

    @with_transaction()
    def test_people(self):
        "Test sheets, appraisals and trip summaries late (R51)"
        company, ids = self.setup_dataset()
        with set_company(company):
            rows = self.rows('station.report.people', company)
            headcount = self.rows('station.report.headcount', company,
                key=('station',))
        self.assertEqual(set(rows), {
                ('BJ', JANUARY), ('BJ', FEBRUARY), ('SH', JANUARY)})
        self.assertFigures(rows['BJ', JANUARY],
            sheets=1, sheets_late=0, appraisals=2, appraisals_late=1,
            trips=2, trip_summaries_late=1)
        self.assertFigures(rows['BJ', FEBRUARY], sheets=1, sheets_late=1)
        self.assertFigures(rows['SH', JANUARY], sheets=1, sheets_late=1)
        self.assertFigures(headcount['BJ',],
            quota=3, occupied=2, vacant=1, employees=2, over_quota=False)
        self.assertFigures(headcount['SH',],
            quota=0, occupied=0, employees=1, over_quota=True)

    @with_transaction()
    def test_warranty(self):
        "Test claimed against approved, non-original and missing parts"
        company, ids = self.setup_dataset()
        with set_company(company):
            rows = self.rows('station.report.warranty', company)
        self.assertEqual(set(rows), {('BJ', JANUARY), ('SH', JANUARY)})
        self.assertFigures(rows['BJ', JANUARY],
            claims=1, claims_decided=1, lines=3,
            quantity_claimed=4.0, quantity_approved=2.0,
            amount_claimed=Decimal('750'), amount_approved=Decimal('400'),
            approval_rate=round(400 / 750, 4),
            non_original=1, non_original_rate=round(1 / 3, 4),
            missing=1, missing_rate=round(1 / 3, 4))
        self.assertFigures(rows['SH', JANUARY],
            claims=1, claims_decided=0, quantity_approved=0.0,
            amount_approved=Decimal(0), approval_rate=None)

    @with_transaction()
    def test_asset(self):
        "Test the assets per station"
        company, ids = self.setup_dataset()
        with set_company(company):
            rows = self.rows('station.report.asset', company,
                key=('station',))
        self.assertFigures(rows['BJ',],
            assets=3, value=Decimal('1250.50'), in_use=1, damaged=1,
            lost=1, lost_value=Decimal('250.50'),
            verified_on=D('2026-01-20'), verified=3, found_damaged=1,
            found_elsewhere=0, found_missing=1, differences=2)
        self.assertFigures(rows['SH',],
            assets=1, value=Decimal('80'), verified_on=None,
            differences=None)

    @with_transaction()
    def test_station_user_sees_own_station(self):
        "Test a station manager sees only the rows of the station"
        pool = Pool()
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        company, ids = self.setup_dataset()
        manager, = User.create([{
                    'name': "SH Manager", 'login': 'sh_manager',
                    'groups': [('add', [ModelData.get_id(
                                    'station', 'group_manager')])],
                    'companies': [('add', [company.id])],
                    'company': company.id,
                    'stations': [('add', [ids['sh']])],
                    'station': ids['sh'],
                    }])
        for model in ['station.report.service', 'station.report.people',
                'station.report.warranty', 'station.report.headcount',
                'station.report.asset']:
            with Transaction().set_user(manager.id), \
                    Transaction().set_context(_check_access=True):
                rows = self.rows(model, company, key=('station',))
            self.assertEqual(set(rows), {('SH',)}, msg=model)
        for model in ['station.report.budget', 'station.report.cash',
                'station.report.complaint']:
            with Transaction().set_user(manager.id), \
                    Transaction().set_context(_check_access=True):
                rows = self.rows(model, company, key=('station',))
            self.assertEqual(rows, {}, msg=model)

    @with_transaction()
    def test_service_xlsx(self):
        "Test the service workbook cell by cell"
        pool = Pool()
        Report = pool.get('station.report.service.xlsx', type='report')
        Service = pool.get('station.report.service')
        company, ids = self.setup_dataset()
        context = {
            'company': company.id,
            'from_date': D('2026-01-01'), 'to_date': D('2026-02-28'),
            }
        with set_company(company), Transaction().set_context(**context):
            listed = Service.search([])
            ext, content, _, name = Report.execute(
                [r.id for r in listed],
                {'model': 'station.report.service'})
        self.assertEqual(ext, 'xlsx')
        self.assertEqual(name, "Service KPIs (Excel)")
        workbook = load_workbook(io.BytesIO(content))
        self.assertEqual(workbook.sheetnames, [
                "Service KPIs per Station", "Service KPIs per Technician",
                "Complaints per Station"])
        sheet = workbook["Service KPIs per Station"]
        header = [c.value for c in sheet[1]]
        self.assertEqual(header[:4], ["Station", "Month", "Orders", "Repairs"])
        self.assertEqual(sheet.freeze_panes, 'A2')
        self.assertEqual(sheet.auto_filter.ref, 'A1:R4')
        rows = {(r[0], r[1].date()): r for r in sheet.iter_rows(
                min_row=2, values_only=True)}
        beijing = rows["[BJ] Beijing", JANUARY]
        self.assertEqual(beijing[:1] + beijing[2:14] + beijing[15:], (
                "[BJ] Beijing", 6, 4, 1, 1, 0, 1, 4, 1, 7.5, 11.7, 3, 1, 3,
                4.0, 0))
        self.assertAlmostEqual(beijing[14], 2 / 3, 6)
        cells = {c.value: c for c in sheet['B'][1:]}
        self.assertTrue(all(c.number_format == 'yyyy-mm'
                for c in cells.values()))
        self.assertEqual(sheet['O2'].number_format, '0.0%')
        technicians = workbook["Service KPIs per Technician"]
        self.assertEqual(technicians.max_row, 5)
        complaints = workbook["Complaints per Station"]
        self.assertEqual(
            sorted((r[0], r[1].date(), r[2]) for r in complaints.iter_rows(
                    min_row=2, values_only=True)),
            [("[BJ] Beijing", JANUARY, 2), ("[BJ] Beijing", FEBRUARY, 1)])

    @with_transaction()
    def test_budget_xlsx(self):
        "Test the budget workbook cell by cell"
        pool = Pool()
        Report = pool.get('station.report.budget.xlsx', type='report')
        company, ids = self.setup_dataset()
        with set_company(company), Transaction().set_context(
                company=company.id, from_date=JANUARY):
            _, content, _, _ = Report.execute(
                [], {'model': 'station.report.budget'})
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        rows = sorted(sheet.iter_rows(min_row=2, values_only=True),
            key=lambda r: r[2])
        self.assertEqual(len(rows), 2)
        office, transport = rows
        self.assertEqual(office[2:4], ("Office", "Approved"))
        self.assertEqual(office[4:11], (1000, 0, 0, 0, 1000, 750, 250))
        self.assertEqual(transport[4:11], (500, 2, 1, 200, 700, 600, 100))
        self.assertAlmostEqual(transport[11], 600 / 700, 6)
        self.assertEqual(transport[12], True)
        self.assertEqual(sheet['E2'].number_format, '#,##0.00')


del ModuleTestCase
