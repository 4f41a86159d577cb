# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class StationGovernanceTestCase(CompanyTestMixin, ModuleTestCase):
    "Test Station Governance module"
    module = 'station_governance'


del ModuleTestCase
