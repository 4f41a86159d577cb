# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelSQL, ModelView
from trytond.modules.company.tests import CompanyTestMixin
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction

from addons.station.model import STATION_DOMAIN, StationMixin


class StationModuleTestMixin:
    "Checks every station module passes: access, rules and buttons"

    def _own_models(self):
        pool = Pool()
        Model = pool.get('ir.model')
        names = {m.name for m in Model.search([('module', '=', self.module)])}
        for name in sorted(names):
            Class = pool.get(name)
            if issubclass(Class, ModelSQL) and not Class._is_table_query():
                yield name, Class

    @with_transaction()
    def test_default_deny_access(self):
        "Test every model has a default-deny access row"
        pool = Pool()
        Access = pool.get('ir.model.access')
        missing = []
        for name, Class in self._own_models():
            rows = Access.search([
                    ('model', '=', name),
                    ('group', '=', None),
                    ])
            if not any(not (r.perm_read or r.perm_write or r.perm_create
                        or r.perm_delete) for r in rows):
                missing.append(name)
        self.assertFalse(missing,
            msg="Models without a default-deny access row: %s" % missing)

    @with_transaction()
    def test_station_rule(self):
        "Test every station model has its station record rule"
        pool = Pool()
        RuleGroup = pool.get('ir.rule.group')
        from trytond.pyson import PYSONEncoder
        encoded = PYSONEncoder(sort_keys=True).encode(STATION_DOMAIN)
        missing = []
        for name, Class in self._own_models():
            if not issubclass(Class, StationMixin):
                continue
            groups = RuleGroup.search([
                    ('model', '=', name),
                    ('global_p', '=', True),
                    ])
            if not any(r.domain == encoded for g in groups for r in g.rules):
                missing.append(name)
        self.assertFalse(missing,
            msg="Station models without station rule: %s" % missing)

    @with_transaction()
    def test_buttons_restricted(self):
        "Test every button is restricted to groups"
        pool = Pool()
        Button = pool.get('ir.model.button')
        missing = []
        for name, Class in self._own_models():
            if not issubclass(Class, ModelView):
                continue
            for button in Class._buttons:
                buttons = Button.search([
                        ('model', '=', name),
                        ('name', '=', button),
                        ])
                if not buttons or not any(b.groups for b in buttons):
                    missing.append('%s.%s' % (name, button))
        self.assertFalse(missing,
            msg="Buttons without record or groups: %s" % missing)


class StationTestCase(
        StationModuleTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test Station module"
    module = 'station'


del ModuleTestCase
