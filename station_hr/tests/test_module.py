# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
import unittest

from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase

from addons.station.tests import StationModuleTestMixin
from station_hr.common import add_working_days
from station_hr.signin import sheet_due_date, sheet_late


class StationHRTestCase(
        StationModuleTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test Station HR module"
    module = 'station_hr'


class DatesTestCase(unittest.TestCase):
    "Test the due dates of station_hr"

    def test_sheet_due_second_of_next_month(self):
        "Test the sign-in sheet is due on the 2nd of the next month (R51)"
        self.assertEqual(
            sheet_due_date(dt.date(2026, 10, 1)), dt.date(2026, 11, 2))
        self.assertEqual(
            sheet_due_date(dt.date(2026, 12, 1)), dt.date(2027, 1, 2))

    def test_sheet_late(self):
        "Test a sheet submitted on the 2nd is on time, on the 3rd late (R51)"
        month = dt.date(2026, 10, 1)
        today = dt.date(2026, 11, 20)
        self.assertFalse(sheet_late(month, dt.date(2026, 11, 2), today))
        self.assertTrue(sheet_late(month, dt.date(2026, 11, 3), today))
        self.assertFalse(sheet_late(month, None, dt.date(2026, 11, 2)))
        self.assertTrue(sheet_late(month, None, dt.date(2026, 11, 3)))

    def test_working_days(self):
        "Test 2 working days after a Friday is the Tuesday (R53)"
        friday = dt.date(2026, 11, 27)
        self.assertEqual(add_working_days(friday, 2), dt.date(2026, 12, 1))
        monday = dt.date(2026, 11, 23)
        self.assertEqual(add_working_days(monday, 2), dt.date(2026, 11, 25))

    def test_working_days_calendar(self):
        "Test holidays and make-up days of the calendar are counted (R53)"
        wednesday = dt.date(2026, 9, 30)
        holidays = {dt.date(2026, 10, d): False for d in range(1, 8)}
        self.assertEqual(
            add_working_days(wednesday, 2, holidays), dt.date(2026, 10, 9))
        holidays[dt.date(2026, 10, 10)] = True
        self.assertEqual(
            add_working_days(dt.date(2026, 10, 8), 2, holidays),
            dt.date(2026, 10, 10))


del ModuleTestCase
