# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.tests.test_tryton import ModuleTestCase


class StationZhTestCase(ModuleTestCase):
    "Test Station zh_CN module"
    module = 'station_zh'


del ModuleTestCase
