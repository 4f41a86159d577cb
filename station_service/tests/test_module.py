# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase

from addons.station.tests import StationModuleTestMixin


class StationServiceTestCase(
        StationModuleTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test Station Service module"
    module = 'station_service'


del ModuleTestCase
