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
    def test_station_index(self):
        "Test every station model is indexed by station (and its date)"
        missing = []
        for name, Class in self._own_models():
            if not issubclass(Class, StationMixin):
                continue
            date_field = Class._station_date_field
            if date_field:
                self.assertIn(date_field, Class._fields, msg=name)
            first = {
                tuple(getattr(e, 'name', None) for e, _ in i.expressions[:2])
                for i in Class._sql_indexes}
            if ('station', date_field) not in first and (
                    date_field or not any(f[0] == 'station' for f in first)):
                missing.append(name)
        self.assertFalse(missing,
            msg="Station models without their station index: %s" % missing)

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


    @with_transaction()
    def test_menus_open(self):
        "Test no menu is shown to a group that cannot open its action"
        pool = Pool()
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')
        menu_ids = [d.db_id for d in ModelData.search([
                    ('module', '=', self.module),
                    ('model', '=', 'ir.ui.menu'),
                    ])]
        def shown_to(menu):
            "Groups that see menu (None: everybody), parents included"
            groups = None
            while menu:
                if menu.groups:
                    own = set(menu.groups)
                    groups = own if groups is None else groups & own
                menu = menu.parent
            return groups

        dead = []
        for menu in Menu.browse(menu_ids):
            action = menu.action
            if not action or not action.action.groups:
                continue
            allowed = set(action.action.groups)
            shown = shown_to(menu)
            if shown is None or shown - allowed:
                dead.append('%s (shown to %s, opens for %s)' % (
                        menu.complete_name,
                        'all' if shown is None
                        else sorted(g.name for g in shown - allowed),
                        sorted(g.name for g in allowed)))
        self.assertFalse(dead,
            msg="Menus whose action their users cannot open: %s" % dead)

    # field types sao (the web client) draws as list columns; a datetime or
    # timestamp column must say widget="date" and/or widget="time", as
    # Tryton's own lists do, or sao stops with "ColumnFactory is not a
    # constructor" and the list (or the form holding it) never opens
    SAO_TREE_WIDGETS = {
        'binary', 'boolean', 'callto', 'char', 'date', 'dict', 'email',
        'float', 'image', 'integer', 'many2many', 'many2one', 'numeric',
        'one2many', 'one2one', 'progressbar', 'reference', 'selection',
        'multiselection', 'sip', 'text', 'time', 'timedelta', 'url',
        }

    @with_transaction()
    def test_tree_views_web_client(self):
        "Test every list column is one the web client can draw"
        from lxml import etree
        pool = Pool()
        View = pool.get('ir.ui.view')
        wrong = []
        for view in View.search([
                    ('module', '=', self.module),
                    ('type', 'in', ['tree', None]),
                    ]):
            if not view.model:
                continue
            Model = pool.get(view.model)
            arch = Model.fields_view_get(view_id=view.id)
            if arch['type'] != 'tree':
                continue
            tree = etree.fromstring(arch['arch'])
            for element in tree.iter('field'):
                name = element.get('name')
                field = arch['fields'].get(name, {})
                widget = element.get('widget', field.get('type'))
                if widget not in self.SAO_TREE_WIDGETS:
                    wrong.append('%s (%s): %s %s' % (
                            view.rec_name, view.model, name, widget))
        self.assertFalse(wrong,
            msg="List columns the web client cannot draw "
            "(use widget=\"date\"/\"time\"): %s" % wrong)


class StationTestCase(
        StationModuleTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test Station module"
    module = 'station'


del ModuleTestCase
