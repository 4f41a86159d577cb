# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelSQL, ModelView
from trytond.modules.company.tests import CompanyTestMixin
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction

from addons.station.model import STATION_DOMAIN, StationMixin


def _parents_read(Model, states):
    """The parent fields (of _parent_<name>) that the PYSON of states reads,
    directly or through an on_change_with Function field"""
    from trytond.model.fields.field import get_eval_fields
    parents = set()
    for name in get_eval_fields(states):
        if name.startswith('_parent_'):
            parents.add(name[len('_parent_'):].split('.')[0])
            continue
        method = getattr(Model, 'on_change_with_%s' % name, None)
        for depend in getattr(method, 'depends', ()):
            if depend.startswith('_parent_'):
                parents.add(depend[len('_parent_'):].split('.')[0])
    return parents


def _selection_values(field):
    from trytond.model import fields
    if isinstance(field, fields.Boolean):
        return [False, True]
    if isinstance(field, fields.Selection) and isinstance(
            field.selection, (list, tuple)):
        return [v for v, _ in field.selection]
    return None


def _required_problems(Model, button_name, required, ModelAccess,
        FieldAccess):
    """What keeps the current user from filling the required fields in the
    states where the button shows"""
    import itertools

    from lxml import etree

    from trytond.model.fields.field import get_eval_fields
    from trytond.pyson import PYSONDecoder, PYSONEncoder

    problems = []
    if not ModelAccess.check(Model.__name__, 'write', raise_exception=False):
        problems.append('no write access to the model')
    for field_name in required:
        if not FieldAccess.check(Model.__name__, [field_name], 'write',
                raise_exception=False):
            problems.append('no write access to %s' % field_name)
    if problems:
        return problems
    arch = Model.fields_view_get(view_type='form')
    tree = etree.fromstring(arch['arch'])
    button = Model._buttons[button_name]

    def decode(value, env):
        if isinstance(value, str):
            try:
                value = PYSONDecoder(env).decode(value)
            except ValueError:
                pass
        else:
            value = PYSONDecoder(env).decode(PYSONEncoder().encode(value))
        return bool(value)

    elements = {}
    for field_name in required:
        found = [e for e in tree.iter('field')
            if e.get('name') == field_name]
        if not found:
            problems.append('%s is not in the form' % field_name)
            continue
        elements[field_name] = found[0]
    if not elements:
        return problems

    # the fields whose values the PYSON reads: every combination of those
    # with a finite set of values
    evals = set(get_eval_fields(button))
    for field_name, element in elements.items():
        evals |= get_eval_fields(Model._fields[field_name].states)
        for node in element.iterancestors():
            if node.get('states'):
                evals |= get_eval_fields(
                    PYSONDecoder(noeval=True).decode(node.get('states')))
    axes = {}
    for name in sorted(evals):
        field = Model._fields.get(name)
        values = _selection_values(field) if field else None
        if values:
            axes[name] = values
    defaults = Model.default_get(list(Model._fields), with_rec_name=False)
    base = {n: None for n in Model._fields}
    base.update(defaults)
    base['id'] = 1
    seen = set()
    for combination in itertools.product(*axes.values()):
        env = dict(base, **dict(zip(axes, combination)))
        env['context'] = {}
        if decode(button.get('invisible', False), env):
            continue
        if decode(button.get('readonly', False), env):
            continue
        for field_name, element in elements.items():
            field = Model._fields[field_name]
            states = field.states
            what = None
            if (element.get('invisible') == '1'
                    or decode(states.get('invisible', False), env)
                    or any(node.get('invisible') == '1'
                        or (node.get('states')
                            and decode(PYSONDecoder(noeval=True).decode(
                                    node.get('states')).get(
                                    'invisible', False), env))
                        for node in element.iterancestors())):
                what = 'hidden'
            elif (field.readonly or element.get('readonly') == '1'
                    or decode(states.get('readonly', False), env)):
                what = 'read-only'
            if what:
                where = ', '.join('%s=%s' % (n, env[n]) for n in axes)
                key = (field_name, what, where)
                if key not in seen:
                    seen.add(key)
                    problems.append('%s is %s when %s' % key)
    return problems


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
    def test_client_guard(self):
        "Test every model guards what a client may set (ClientGuardMixin)"
        from addons.station.guard import ClientGuardMixin
        missing = [name for name, Class in self._own_models()
            if not issubclass(Class, ClientGuardMixin)]
        self.assertFalse(missing,
            msg="Models without ClientGuardMixin: %s" % missing)

    @with_transaction()
    def test_client_guard_create(self):
        """Test a client cannot create a record of any model with a value in
        a field that only buttons or the server set: the workflow state
        other than the first one, a stamp, a requester (issue 13)"""
        import datetime
        from decimal import Decimal

        from addons.station.exceptions import ClientFieldError
        samples = {
            'char': 'forged', 'text': 'forged', 'integer': 7, 'float': 7.0,
            'numeric': Decimal('7'), 'boolean': True, 'many2one': 999999,
            'date': datetime.date(2000, 1, 1),
            'datetime': datetime.datetime(2000, 1, 1, 8),
            'timestamp': datetime.datetime(2000, 1, 1, 8),
            }
        accepted = []
        tried = 0
        for name, Class in self._own_models():
            cases = []
            for field_name, field in Class._fields.items():
                if (not field.readonly or field_name in {'id'}
                        or field_name in Class._client_fields
                        or hasattr(field, 'getter')
                        or field_name in {
                            'create_uid', 'create_date', 'write_uid',
                            'write_date', 'rec_name'}):
                    continue
                if field._type == 'selection' and isinstance(
                        field.selection, (list, tuple)):
                    default = Class.default_get(
                        [field_name], with_rec_name=False).get(field_name)
                    cases.extend((field_name, v) for v, _ in field.selection
                        if v is not None and v != default)
                elif field._type in samples:
                    cases.append((field_name, samples[field._type]))
            for field_name, value in cases:
                tried += 1
                with Transaction().set_user(1), \
                        Transaction().set_context(_check_access=True):
                    try:
                        Class.check_client_create([{field_name: value}])
                    except ClientFieldError:
                        continue
                accepted.append('%s.%s=%r' % (name, field_name, value))
        self.assertFalse(accepted,
            msg="Client values accepted on create: %s" % accepted)

    @with_transaction()
    def test_decisions_logged(self):
        "Test every decision button logs who pressed it and when (R40)"
        from addons.station.approval import DECISION_BUTTONS, DecisionLogMixin
        missing = []
        for name, Class in self._own_models():
            if not issubclass(Class, ModelView):
                continue
            for button in sorted(set(Class._buttons) & DECISION_BUTTONS):
                if (not issubclass(Class, DecisionLogMixin)
                        or button not in Class._decision_buttons()
                        or not getattr(getattr(Class, button),
                            '_station_approval', False)):
                    missing.append('%s.%s' % (name, button))
        self.assertFalse(missing,
            msg="Decision buttons not logged: %s" % missing)

    @with_transaction()
    def test_lists_open_on_waiting(self):
        """Test every list with counted tabs (what waits for someone) opens
        on one of them, not on an empty draft tab (issue 12)"""
        pool = Pool()
        ActWindow = pool.get('ir.action.act_window')
        ModelData = pool.get('ir.model.data')
        ids = [d.db_id for d in ModelData.search([
                    ('module', '=', self.module),
                    ('model', '=', 'ir.action.act_window'),
                    ])]
        wrong = []
        for action in ActWindow.browse(ids):
            domains = sorted(action.act_window_domains,
                key=lambda d: (d.sequence or 0, d.id))
            if any(d.count for d in domains) and not domains[0].count:
                wrong.append('%s (opens on %s)' % (
                        action.name, domains[0].name))
        self.assertFalse(wrong,
            msg="Lists opening on a tab that counts nothing: %s" % wrong)

    STATION_ROLES = ['group_manager', 'group_clerk', 'group_technician',
        'group_receptionist']

    @with_transaction()
    def test_station_isolation(self):
        """Test every model a station role reads is isolated (issue 14): a
        global record rule, or __access__ (on the registered class) to
        parents that are isolated; shared catalogues say so with
        _station_shared"""
        pool = Pool()
        Access = pool.get('ir.model.access')
        ModelData = pool.get('ir.model.data')
        RuleGroup = pool.get('ir.rule.group')
        roles = [ModelData.get_id('station', g) for g in self.STATION_ROLES]

        def isolated(name, seen=()):
            Class = pool.get(name)
            if getattr(Class, '_station_shared', False):
                return True
            if RuleGroup.search([
                        ('model', '=', name),
                        ('global_p', '=', True),
                        ]):
                return True
            parents = getattr(Class, '__access__', set())
            return bool(parents) and all(
                name not in seen and isolated(
                    Class._fields[p].model_name, seen + (name,))
                for p in parents)

        leaks = []
        for name, Class in self._own_models():
            if not Access.search([
                        ('model', '=', name),
                        ['OR',
                            ('group', 'in', roles),
                            ('group', '=', None),
                            ],
                        ('perm_read', '=', True),
                        ]):
                continue
            if not isolated(name):
                leaks.append(name)
        self.assertFalse(leaks,
            msg="Models station roles read without isolation: %s" % leaks)

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

    @with_transaction()
    def test_editable_lists_carry_parent(self):
        """Test every editable list whose cells' states read the parent
        carries the parent field (issue 12): sao sets the parent of a new
        line only through that field, else the line is read-only"""
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
            if not tree.get('editable'):
                continue
            names = {e.get('name') for e in tree.iter('field')}
            needed = set()
            for name in names | set(arch['fields']):
                field = Model._fields.get(name)
                if not field:
                    continue
                needed |= _parents_read(Model, field.states)
            for button in tree.iter('button'):
                needed |= _parents_read(Model,
                    Model._buttons.get(button.get('name'), {}))
            missing = needed - names
            if missing:
                wrong.append('%s (%s): %s' % (
                        view.rec_name, view.model, sorted(missing)))
        self.assertFalse(wrong,
            msg="Editable lists whose states read a parent field the "
            "list does not carry: %s" % wrong)

    @with_transaction()
    def test_button_required_fields_editable(self):
        """Test every field a button requires (_button_requires) is visible
        and editable in the form wherever the button shows, for every group
        that may press it (issue 12)"""
        pool = Pool()
        Button = pool.get('ir.model.button')
        User = pool.get('res.user')
        ModelAccess = pool.get('ir.model.access')
        FieldAccess = pool.get('ir.model.field.access')
        wrong = []
        for name, Class in self._own_models():
            requires = getattr(Class, '_button_requires', None)
            if not requires or not issubclass(Class, ModelView):
                continue
            for button_name, required in requires.items():
                self.assertIn(button_name, Class._buttons,
                    msg='%s._button_requires: %s' % (name, button_name))
                for field_name in required:
                    self.assertIn(field_name, Class._fields,
                        msg='%s._button_requires: %s' % (name, field_name))
                groups = set()
                for button in Button.search([
                            ('model', '=', name),
                            ('name', '=', button_name),
                            ]):
                    groups.update(button.groups)
                for group in sorted(groups, key=lambda g: g.id):
                    user = User(login='check-%s-%s-%s' % (
                            group.id, name, button_name),
                        name=group.name, groups=[group])
                    user.save()
                    with Transaction().set_user(user.id), \
                            Transaction().set_context(_check_access=True):
                        problems = _required_problems(
                            Class, button_name, required,
                            ModelAccess, FieldAccess)
                    for problem in problems:
                        wrong.append('%s.%s (%s): %s' % (
                                name, button_name, group.name, problem))
        self.assertFalse(wrong,
            msg="Fields a button requires that its users cannot fill: %s"
            % wrong)


class StationTestCase(
        StationModuleTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test Station module"
    module = 'station'


del ModuleTestCase
