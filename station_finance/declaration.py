# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import ApprovalMixin
from addons.station.guard import ClientGuardMixin
from addons.station.model import StationMixin

from .exceptions import DeclarationError, SettledMonthError


def month_end(date):
    "Return the last day of the month of date"
    following = (date.replace(day=28) + datetime.timedelta(days=4))
    return following - datetime.timedelta(days=following.day)


class Declaration(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Monthly Expense Declaration"
    __name__ = 'station.expense.declaration'
    _logged_buttons = {'settle'}
    _button_requires = {'submit': ['lines']}
    _station_date_field = 'month'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    month = fields.Date(
        "Month", required=True, states=_states,
        help="The first day of the month declared.")
    month_end = fields.Function(fields.Date("Month End"), 'get_month_end')
    lines = fields.One2Many(
        'station.expense.declaration.line', 'declaration', "Lines",
        states={
            'readonly': ~Eval('state').in_(['draft', 'approved']),
            })
    total = fields.Function(
        fields.Numeric("Total", digits=(16, 2)), 'get_amounts')
    actual = fields.Function(
        fields.Numeric("Actual", digits=(16, 2)), 'get_amounts')
    over_budget = fields.Function(
        fields.Boolean("Over Budget",
            help="An approved out-of-budget request took a category "
            "past the declared amount."),
        'get_over_budget', searcher='search_over_budget')
    comment = fields.Text("Comment")
    submitted_by = fields.Many2One(
        'res.user', "Submitted By", readonly=True, ondelete='RESTRICT')
    submitted_at = fields.Timestamp("Submitted At", readonly=True)
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp("Approved At", readonly=True)
    settled_by = fields.Many2One(
        'res.user', "Settled By", readonly=True, ondelete='RESTRICT')
    settled_at = fields.Timestamp("Settled At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('approved', "Approved"),
            ('rejected', "Rejected"),
            ('settled', "Settled"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        t = cls.__table__()
        cls._sql_constraints += [
            ('station_month_unique', Unique(t, t.station, t.month),
                'station_finance.msg_declaration_unique'),
            ]
        cls._order.insert(0, ('month', 'DESC'))
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'draft'),
            ('submitted', 'approved'),
            ('submitted', 'rejected'),
            ('rejected', 'draft'),
            ('approved', 'settled'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(['submitted', 'rejected']),
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'approve': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reject': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                'settle': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_month(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        return Date.today().replace(day=1)

    @fields.depends('month')
    def on_change_month(self):
        if self.month:
            self.month = self.month.replace(day=1)

    def get_month_end(self, name):
        return month_end(self.month)

    def get_rec_name(self, name):
        return '%s %s' % (self.station.rec_name, self.month.strftime('%Y-%m'))

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('station.rec_name',) + tuple(clause[1:])]

    @classmethod
    def get_amounts(cls, declarations, names):
        result = {n: {} for n in names}
        for declaration in declarations:
            if 'total' in names:
                result['total'][declaration.id] = sum(
                    (l.amount or Decimal(0) for l in declaration.lines),
                    Decimal(0))
            if 'actual' in names:
                result['actual'][declaration.id] = sum(
                    (l.actual for l in declaration.lines), Decimal(0))
        return result

    def get_over_budget(self, name):
        return any(l.actual > (l.amount or 0) for l in self.lines)

    @classmethod
    def search_over_budget(cls, name, clause):
        _, operator, value = clause
        declarations = cls.search([('state', 'in', ['approved', 'settled'])])
        ids = [d.id for d in declarations if d.over_budget]
        if (operator == '=') == bool(value):
            return [('id', 'in', ids)]
        return [('id', 'not in', ids)]

    @classmethod
    def get_for_date(cls, station, date):
        "Return the declaration of station for the month of date"
        declarations = cls.search([
                ('station', '=', station.id),
                ('month', '=', date.replace(day=1)),
                ], limit=1)
        if declarations:
            return declarations[0]

    @classmethod
    def validate_fields(cls, declarations, field_names):
        super().validate_fields(declarations, field_names)
        if 'month' in field_names:
            for declaration in declarations:
                if declaration.month.day != 1:
                    raise DeclarationError(gettext(
                            'station_finance.msg_declaration_month_start',
                            declaration=declaration.rec_name))

    @classmethod
    def check_modification(
            cls, mode, declarations, values=None, external=False):
        super().check_modification(
            mode, declarations, values=values, external=external)
        if mode == 'delete':
            for declaration in declarations:
                if declaration.state != 'draft':
                    raise DeclarationError(gettext(
                            'station_finance.msg_declaration_delete_draft',
                            declaration=declaration.rec_name))
        elif mode == 'write' and external:
            for declaration in declarations:
                if declaration.state == 'settled':
                    raise SettledMonthError(gettext(
                            'station_finance.msg_month_settled',
                            declaration=declaration.rec_name))

    @classmethod
    def copy(cls, declarations, default=None):
        default = default.copy() if default is not None else {}
        for name in ['submitted_by', 'submitted_at', 'approved_by',
                'approved_at', 'settled_by', 'settled_at']:
            default.setdefault(name, None)
        return super().copy(declarations, default=default)

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, declarations):
        cls.write(declarations, {
                'submitted_by': None, 'submitted_at': None,
                'approved_by': None, 'approved_at': None,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, declarations):
        for declaration in declarations:
            if not declaration.lines:
                raise DeclarationError(gettext(
                        'station_finance.msg_declaration_no_lines',
                        declaration=declaration.rec_name))
        cls.write(declarations, {
                'submitted_by': Transaction().user,
                'submitted_at': datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, declarations):
        cls.write(declarations, {
                'approved_by': Transaction().user,
                'approved_at': datetime.datetime.now(),
                })
        cls.update_budgets(declarations)

    @classmethod
    def update_budgets(cls, declarations, extras=None):
        """Fill the station's account.budget of the fiscal year with the
        approved amounts (declared and out-of-budget) of its months: a line
        per expense account, a period per month; nothing without a fiscal
        year or category accounts.  declarations and extras are being
        approved: counted even if their state is not written yet."""
        pool = Pool()
        FiscalYear = pool.get('account.fiscalyear')
        with without_check_access():
            keys = set()
            for declaration in declarations:
                fiscalyears = FiscalYear.search([
                        ('company', '=', declaration.station.company.id),
                        ('start_date', '<=', declaration.month),
                        ('end_date', '>=', declaration.month),
                        ], limit=1)
                if fiscalyears:
                    keys.add((declaration.station, fiscalyears[0]))
            for station, fiscalyear in keys:
                cls._update_budget(
                    station, fiscalyear, declarations, extras or [])

    @classmethod
    def _update_budget(cls, station, fiscalyear, approving, extras):
        pool = Pool()
        Budget = pool.get('account.budget')
        BudgetLine = pool.get('account.budget.line')
        BudgetPeriod = pool.get('account.budget.line.period')
        Period = pool.get('account.period')
        Extra = pool.get('station.expense.extra')
        amounts = defaultdict(lambda: defaultdict(Decimal))
        declarations = cls.search([
                ('station', '=', station.id),
                ['OR',
                    ('state', 'in', ['approved', 'settled']),
                    ('id', 'in', [d.id for d in approving]),
                    ],
                ('month', '>=', fiscalyear.start_date),
                ('month', '<=', fiscalyear.end_date),
                ])
        extra_amounts = defaultdict(Decimal)
        for extra in Extra.search([
                    ('declaration', 'in', [d.id for d in declarations]),
                    ['OR',
                        ('state', '=', 'approved'),
                        ('id', 'in', [e.id for e in extras]),
                        ],
                    ]):
            extra_amounts[extra.declaration.id, extra.category.id] += (
                extra.amount)
        for declaration in declarations:
            periods = Period.search([
                    ('fiscalyear', '=', fiscalyear.id),
                    ('type', '=', 'standard'),
                    ('start_date', '<=', declaration.month),
                    ('end_date', '>=', declaration.month),
                    ], limit=1)
            if not periods:
                continue
            period, = periods
            for line in declaration.lines:
                account = line.category.account
                if not account:
                    continue
                amounts[account][period] += line.amount + extra_amounts[
                    declaration.id, line.category.id]
        budgets = Budget.search([
                ('station', '=', station.id),
                ('fiscalyear', '=', fiscalyear.id),
                ], limit=1)
        if budgets:
            budget, = budgets
        elif not amounts:
            return
        else:
            budget = Budget(
                name='%s %s' % (station.rec_name, fiscalyear.name),
                company=station.company, fiscalyear=fiscalyear,
                station=station)
            budget.save()
        lines = {l.account: l for l in BudgetLine.search([
                    ('budget', '=', budget.id),
                    ('account', '!=', None),
                    ])}
        BudgetLine.delete([l for a, l in lines.items() if a not in amounts])
        BudgetPeriod.delete([p for a, l in lines.items() if a in amounts
                for p in l.periods])
        new_periods = []
        for account, by_period in amounts.items():
            total = sum(by_period.values(), Decimal(0))
            line = lines.get(account) or BudgetLine(
                budget=budget, account=account)
            # expenses are negative in account_budget (credit - debit)
            line.amount = -total
            line.save()
            for period, amount in by_period.items():
                new_periods.append(BudgetPeriod(
                        budget_line=line, period=period,
                        ratio=(amount / total).quantize(
                            Decimal('0.0001'), rounding=ROUND_DOWN)
                        if total else Decimal(0)))
        BudgetPeriod.save(new_periods)

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, declarations):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('settled')
    def settle(cls, declarations):
        "Month-end settlement (R32): explain every difference, then lock"
        pool = Pool()
        Expense = pool.get('station.expense')
        for declaration in declarations:
            pending = Expense.search([
                    ('declaration', '=', declaration.id),
                    ('state', 'in', ['draft', 'reviewed']),
                    ], limit=1)
            if pending:
                pending, = pending
                raise DeclarationError(gettext(
                        'station_finance.msg_declaration_settle_pending',
                        declaration=declaration.rec_name,
                        expense=pending.rec_name))
            for line in declaration.lines:
                if (line.actual != (line.amount or 0)
                        and not (line.explanation or '').strip()):
                    raise DeclarationError(gettext(
                            'station_finance.msg_declaration_explain',
                            declaration=declaration.rec_name,
                            category=line.category.rec_name))
        cls.write(declarations, {
                'settled_by': Transaction().user,
                'settled_at': datetime.datetime.now(),
                })


class DeclarationLine(ClientGuardMixin, ModelSQL, ModelView):
    "Monthly Expense Declaration Line"
    __name__ = 'station.expense.declaration.line'

    declaration = fields.Many2One(
        'station.expense.declaration', "Declaration", required=True,
        ondelete='CASCADE')
    category = fields.Many2One(
        'station.expense.category', "Category", required=True,
        ondelete='RESTRICT',
        states={
            'readonly': Eval('declaration_state') != 'draft',
            })
    earmarked = fields.Function(
        fields.Boolean("Earmarked"), 'on_change_with_earmarked')
    amount = fields.Numeric(
        "Amount", digits=(16, 2), required=True,
        domain=[('amount', '>=', 0)],
        states={
            'readonly': Eval('declaration_state') != 'draft',
            },
        help="The amount declared; once approved, the month's budget "
        "of the category.")
    description = fields.Char(
        "Description",
        states={
            'readonly': Eval('declaration_state') != 'draft',
            })
    extra = fields.Function(fields.Numeric(
            "Out-of-Budget", digits=(16, 2),
            help="Approved out-of-budget requests of the category."),
        'get_amounts')
    actual = fields.Function(fields.Numeric(
            "Actual", digits=(16, 2),
            help="Expenses charged to the line and not cancelled."),
        'get_amounts')
    difference = fields.Function(fields.Numeric(
            "Difference", digits=(16, 2),
            help="Declared minus actual."),
        'get_amounts')
    committed = fields.Function(fields.Numeric(
            "Committed", digits=(16, 2),
            help="Approved purchase requests not yet recorded as "
            "expenses (R34)."),
        'get_amounts')
    explanation = fields.Text(
        "Explanation",
        states={
            'readonly': Eval('declaration_state') != 'approved',
            },
        help="Why the actual amount differs from the declared one "
        "(month-end settlement).")
    declaration_state = fields.Function(
        fields.Selection('get_declaration_states', "Declaration State"),
        'on_change_with_declaration_state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # in __setup__: Model.__setup__ resets a class-body __access__
        cls.__access__.add('declaration')
        t = cls.__table__()
        cls._sql_constraints += [
            ('declaration_category_unique',
                Unique(t, t.declaration, t.category),
                'station_finance.msg_declaration_line_unique'),
            ]

    @classmethod
    def get_declaration_states(cls):
        pool = Pool()
        Declaration = pool.get('station.expense.declaration')
        return Declaration.fields_get(['state'])['state']['selection']

    @fields.depends('declaration', '_parent_declaration.state')
    def on_change_with_declaration_state(self, name=None):
        if self.declaration:
            return self.declaration.state

    @fields.depends('category')
    def on_change_with_earmarked(self, name=None):
        return bool(self.category and self.category.earmarked)

    def get_rec_name(self, name):
        return '%s - %s' % (
            self.declaration.rec_name, self.category.rec_name)

    @classmethod
    def get_amounts(cls, lines, names):
        pool = Pool()
        Expense = pool.get('station.expense')
        Extra = pool.get('station.expense.extra')
        PurchaseRequest = pool.get('station.purchase.request')
        actual = defaultdict(Decimal)
        extra = defaultdict(Decimal)
        committed = defaultdict(Decimal)
        line_ids = [l.id for l in lines]
        if 'committed' in names:
            for request in PurchaseRequest.search([
                        ('line', 'in', line_ids),
                        ('state', '=', 'approved'),
                        ]):
                committed[request.line.id] += request.amount
        for expense in Expense.search([
                    ('line', 'in', line_ids),
                    ('state', '!=', 'cancelled'),
                    ]):
            actual[expense.line.id] += expense.amount
        by_key = {(l.declaration.id, l.category.id): l.id for l in lines}
        for request in Extra.search([
                    ('declaration', 'in',
                        list({l.declaration.id for l in lines})),
                    ('state', '=', 'approved'),
                    ]):
            key = (request.declaration.id, request.category.id)
            if key in by_key:
                extra[by_key[key]] += request.amount
        result = {n: {} for n in names}
        for line in lines:
            values = {
                'actual': actual[line.id],
                'extra': extra[line.id],
                'difference': (line.amount or Decimal(0)) - actual[line.id],
                'committed': committed[line.id],
                }
            for name in names:
                result[name][line.id] = values[name]
        return result

    def available_on(self, date):
        """Return what is left on the line for a spending of date: the
        declared amount plus the out-of-budget requests approved on or
        before date, minus the expenses not cancelled (R31, R34)"""
        pool = Pool()
        Expense = pool.get('station.expense')
        Extra = pool.get('station.expense.extra')
        with without_check_access():
            spent = sum((e.amount for e in Expense.search([
                            ('line', '=', self.id),
                            ('state', '!=', 'cancelled'),
                            ])), Decimal(0))
            extras = sum((r.amount for r in Extra.search([
                            ('declaration', '=', self.declaration.id),
                            ('category', '=', self.category.id),
                            ('state', '=', 'approved'),
                            ])
                    if r.approved_date <= date), Decimal(0))
        return (self.amount or Decimal(0)) + extras - spent

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if not external:
            return
        if mode == 'write' and set(values) <= {'explanation'}:
            allowed = {'approved'}
        else:
            allowed = {'draft'}
        for line in lines:
            if line.declaration.state not in allowed:
                raise DeclarationError(gettext(
                        'station_finance.msg_declaration_line_modify',
                        declaration=line.declaration.rec_name))
