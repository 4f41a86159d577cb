# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime
import unittest

from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase

from addons.station.tests import StationModuleTestMixin

from ..declaration import month_end


class MonthEndTestCase(unittest.TestCase):
    "Test the month arithmetic"

    def test_month_end(self):
        "Test the last day of a month"
        for date, expected in [
                (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)),
                (datetime.date(2026, 2, 15), datetime.date(2026, 2, 28)),
                (datetime.date(2028, 2, 1), datetime.date(2028, 2, 29)),
                (datetime.date(2026, 4, 30), datetime.date(2026, 4, 30)),
                (datetime.date(2026, 12, 31), datetime.date(2026, 12, 31)),
                ]:
            with self.subTest(date=date):
                self.assertEqual(month_end(date), expected)


class StationFinanceTestCase(
        StationModuleTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test Station Finance module"
    module = 'station_finance'
    extras = ['account_asset', 'station_service']


del ModuleTestCase
