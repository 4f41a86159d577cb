# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import ApprovalMixin
from addons.station.model import StationMixin

from .exceptions import (
    EarmarkedError, ExpenseError, OverBudgetError, SegregationError,
    SettledMonthError)


def _check_open_month(records):
    "Refuse any change to the documents of a settled month (R32)"
    for record in records:
        if record.declaration and record.declaration.state == 'settled':
            raise SettledMonthError(gettext(
                    'station_finance.msg_month_settled',
                    declaration=record.declaration.rec_name))


class ExpenseExtra(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Out-of-Budget Expense Request"
    __name__ = 'station.expense.extra'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    declaration = fields.Many2One(
        'station.expense.declaration', "Month", required=True,
        ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ('state', '=', 'approved'),
            ],
        states=_states,
        help="The approved month whose budget is raised.")
    category = fields.Many2One(
        'station.expense.category', "Category", required=True,
        ondelete='RESTRICT', states=_states)
    amount = fields.Numeric(
        "Amount", digits=(16, 2), required=True, states=_states,
        domain=[('amount', '>', 0)])
    reason = fields.Text("Reason", required=True, states=_states)
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp(
        "Approved At", readonly=True,
        help="Only expenses dated on or after this day may use the "
        "approved amount.")
    state = fields.Selection([
            ('draft', "Draft"),
            ('requested', "Requested"),
            ('approved', "Approved"),
            ('rejected', "Rejected"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order.insert(0, ('id', 'DESC'))
        cls._transitions |= {
            ('draft', 'requested'),
            ('requested', 'draft'),
            ('requested', 'approved'),
            ('requested', 'rejected'),
            ('draft', 'cancelled'),
            ('requested', 'cancelled'),
            ('rejected', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(['requested', 'rejected']),
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'request': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'approve': {
                    'invisible': Eval('state') != 'requested',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reject': {
                    'invisible': Eval('state') != 'requested',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(['draft', 'requested']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    def get_rec_name(self, name):
        return '%s - %s: %s' % (
            self.declaration.rec_name, self.category.rec_name, self.amount)

    @property
    def approved_date(self):
        if self.approved_at:
            return self.approved_at.date()

    @classmethod
    def check_modification(cls, mode, requests, values=None, external=False):
        super().check_modification(
            mode, requests, values=values, external=external)
        _check_open_month(requests)
        if mode == 'delete':
            for request in requests:
                if request.state not in {'draft', 'cancelled'}:
                    raise ExpenseError(gettext(
                            'station_finance.msg_extra_delete',
                            request=request.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, requests):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('requested')
    def request(cls, requests):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, requests):
        pool = Pool()
        Declaration = pool.get('station.expense.declaration')
        cls.write(requests, {
                'approved_by': Transaction().user,
                'approved_at': datetime.datetime.now(),
                })
        Declaration.update_budgets(
            list({r.declaration for r in requests}), extras=requests)

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, requests):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, requests):
        pass


class Expense(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Station Expense"
    __name__ = 'station.expense'
    _station_date_field = 'date'
    # the manager's signature is an approval: logged, never of one's own
    _approval_buttons = {'review'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    date = fields.Date("Date", required=True, states=_states)
    declaration = fields.Many2One(
        'station.expense.declaration', "Month", required=True,
        ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ('state', '=', 'approved'),
            ],
        states=_states,
        help="The approved month the expense is recorded against (R31).")
    category = fields.Many2One(
        'station.expense.category', "Category", required=True,
        ondelete='RESTRICT', states=_states)
    line = fields.Many2One(
        'station.expense.declaration.line', "Budget Line", required=True,
        ondelete='RESTRICT',
        domain=[
            ('declaration', '=', Eval('declaration', -1)),
            ],
        states=_states,
        help="The approved amount the expense is charged to.")
    amount = fields.Numeric(
        "Amount", digits=(16, 2), required=True, states=_states,
        domain=[('amount', '>', 0)])
    description = fields.Char("Description", required=True, states=_states)
    employee = fields.Many2One(
        'company.employee', "Employee", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states={
            'readonly': Eval('state') != 'draft',
            'required': Bool(Eval('employee_cap')),
            'invisible': ~Eval('employee_cap'),
            },
        help="The employee whose allowance is reimbursed.")
    employee_cap = fields.Function(fields.Numeric(
            "Monthly Cap per Employee", digits=(16, 2)),
        'on_change_with_employee_cap')
    receipts = fields.Function(
        fields.Integer("Receipts",
            help="The number of attachments (scanned receipts)."),
        'get_receipts')
    reviewed_by = fields.Many2One(
        'res.user', "Signed By", readonly=True, ondelete='RESTRICT')
    reviewed_at = fields.Timestamp("Signed At", readonly=True)
    paid_by = fields.Many2One(
        'res.user', "Paid By", readonly=True, ondelete='RESTRICT')
    paid_at = fields.Timestamp("Paid At", readonly=True)
    move = fields.Function(fields.Many2One(
            'account.move', "Account Move",
            help="Posted when the expense is paid, on the station's "
            "analytic account, so that HQ reads it in the accounting "
            "reports; shown to the users of the accounting only."),
        'get_move')
    state = fields.Selection([
            ('draft', "Draft"),
            ('reviewed', "Signed"),
            ('paid', "Paid"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            # R31: told when saving, not only when the manager signs
            ('//label[@id="receipt_notice"]', 'states', {
                    'invisible': ((Eval('receipts', 0) > 0)
                        | (Eval('state') != 'draft')),
                    }),
            ]

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order.insert(0, ('date', 'DESC'))
        cls._transitions |= {
            ('draft', 'reviewed'),
            ('reviewed', 'draft'),
            ('reviewed', 'paid'),
            ('draft', 'cancelled'),
            ('reviewed', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(['reviewed', 'cancelled']),
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'review': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'pay': {
                    'invisible': Eval('state') != 'reviewed',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(['draft', 'reviewed']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_date(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        return Date.today()

    @fields.depends('station', 'date', 'declaration')
    def on_change_date(self):
        pool = Pool()
        Declaration = pool.get('station.expense.declaration')
        if self.station and self.date:
            declaration = Declaration.get_for_date(self.station, self.date)
            if declaration and declaration.state == 'approved':
                self.declaration = declaration

    @fields.depends('declaration', 'category', 'line')
    def on_change_category(self):
        if self.declaration and self.category:
            for line in self.declaration.lines:
                if line.category == self.category:
                    self.line = line
                    break

    @fields.depends('category')
    def on_change_with_employee_cap(self, name=None):
        if self.category:
            return self.category.employee_cap

    def get_rec_name(self, name):
        return '%s %s %s' % (
            self.date, self.category.rec_name, self.amount)

    @classmethod
    def get_receipts(cls, expenses, name):
        pool = Pool()
        Attachment = pool.get('ir.attachment')
        result = {e.id: 0 for e in expenses}
        with without_check_access():
            attachments = Attachment.search([
                    ('resource', 'in', [str(e) for e in expenses]),
                    ])
        for attachment in attachments:
            result[attachment.resource.id] += 1
        return result

    @classmethod
    def validate_fields(cls, expenses, field_names):
        super().validate_fields(expenses, field_names)
        if field_names & {
                'date', 'declaration', 'line', 'category', 'amount',
                'employee', 'state'}:
            cls.check_month(expenses)
            cls.check_earmarked(expenses)
            cls.check_allowance(expenses)
            cls.check_budget(expenses)

    @classmethod
    def check_month(cls, expenses):
        for expense in expenses:
            declaration = expense.declaration
            if not (declaration.month <= expense.date
                    <= declaration.month_end):
                raise ExpenseError(gettext(
                        'station_finance.msg_expense_date_month',
                        expense=expense.rec_name,
                        declaration=declaration.rec_name))
            if expense.line.declaration != declaration:
                raise ExpenseError(gettext(
                        'station_finance.msg_expense_line_month',
                        expense=expense.rec_name,
                        declaration=declaration.rec_name))

    @classmethod
    def check_earmarked(cls, expenses):
        "Earmarked money is spent on its own category only (R33)"
        for expense in expenses:
            line = expense.line
            if (line.category.earmarked
                    and line.category != expense.category):
                raise EarmarkedError(gettext(
                        'station_finance.msg_expense_earmarked',
                        expense=expense.rec_name,
                        earmarked=line.category.rec_name))

    @classmethod
    def check_allowance(cls, expenses):
        "Allowances are reimbursed at actual up to a cap (R39)"
        with without_check_access():
            for expense in expenses:
                cap = expense.category.employee_cap
                if cap is None or expense.state == 'cancelled':
                    continue
                if not expense.employee:
                    raise ExpenseError(gettext(
                            'station_finance.msg_expense_allowance_employee',
                            expense=expense.rec_name))
                total = sum((e.amount for e in cls.search([
                                ('declaration', '=', expense.declaration.id),
                                ('category', '=', expense.category.id),
                                ('employee', '=', expense.employee.id),
                                ('state', '!=', 'cancelled'),
                                ])), Decimal(0))
                if total > cap:
                    raise OverBudgetError(gettext(
                            'station_finance.msg_expense_allowance_cap',
                            expense=expense.rec_name,
                            employee=expense.employee.rec_name,
                            total=total, cap=cap))

    @classmethod
    def check_budget(cls, expenses):
        """Refuse an expense that takes its budget line past the approved
        amount, unless out-of-budget requests approved on or before the
        expense date cover the excess (R31)"""
        pool = Pool()
        Extra = pool.get('station.expense.extra')
        with without_check_access():
            for expense in expenses:
                if expense.state == 'cancelled':
                    continue
                line = expense.line
                spent = sum((e.amount for e in cls.search([
                                ('line', '=', line.id),
                                ('state', '!=', 'cancelled'),
                                ])), Decimal(0))
                if spent <= line.amount:
                    continue
                extras = Extra.search([
                        ('declaration', '=', line.declaration.id),
                        ('category', '=', line.category.id),
                        ('state', '=', 'approved'),
                        ])
                allowed = line.amount + sum(
                    (r.amount for r in extras
                        if r.approved_date
                        and r.approved_date <= expense.date), Decimal(0))
                if spent > allowed:
                    # a request without approval date was never approved
                    # through its button: it covers nothing
                    later = [r for r in extras
                        if r.approved_date
                        and r.approved_date > expense.date]
                    if later:
                        raise OverBudgetError(gettext(
                                'station_finance.msg_expense_extra_late',
                                expense=expense.rec_name,
                                request=later[0].rec_name,
                                approved=later[0].approved_date))
                    raise OverBudgetError(gettext(
                            'station_finance.msg_expense_over_budget',
                            expense=expense.rec_name,
                            line=line.rec_name,
                            budget=allowed,
                            spent=spent))

    @classmethod
    def check_modification(cls, mode, expenses, values=None, external=False):
        super().check_modification(
            mode, expenses, values=values, external=external)
        _check_open_month(expenses)
        if mode == 'delete':
            for expense in expenses:
                if expense.state not in {'draft', 'cancelled'}:
                    raise ExpenseError(gettext(
                            'station_finance.msg_expense_delete',
                            expense=expense.rec_name))
        elif mode == 'write' and external:
            for expense in expenses:
                if expense.state != 'draft':
                    raise ExpenseError(gettext(
                            'station_finance.msg_expense_modify',
                            expense=expense.rec_name))

    @classmethod
    def copy(cls, expenses, default=None):
        default = default.copy() if default is not None else {}
        for name in ['reviewed_by', 'reviewed_at', 'paid_by', 'paid_at']:
            default.setdefault(name, None)
        return super().copy(expenses, default=default)

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, expenses):
        cls.write(expenses, {'reviewed_by': None, 'reviewed_at': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('reviewed')
    def review(cls, expenses):
        "The manager reviews and signs every expense (R31)"
        for expense in expenses:
            if not expense.receipts:
                raise ExpenseError(gettext(
                        'station_finance.msg_expense_receipt',
                        expense=expense.rec_name))
        cls.check_budget(expenses)
        cls.write(expenses, {
                'reviewed_by': Transaction().user,
                'reviewed_at': datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('paid')
    def pay(cls, expenses):
        "Who signs an expense does not pay it (R41)"
        user = Transaction().user
        for expense in expenses:
            if expense.reviewed_by and expense.reviewed_by.id == user:
                raise SegregationError(gettext(
                        'station_finance.msg_expense_pay_own',
                        expense=expense.rec_name))
        cls.write(expenses, {
                'paid_by': user,
                'paid_at': datetime.datetime.now(),
                })
        cls.post_moves(expenses)

    @classmethod
    def get_move(cls, expenses, name):
        pool = Pool()
        Move = pool.get('account.move')
        ModelAccess = pool.get('ir.model.access')
        result = {e.id: None for e in expenses}
        # function fields are computed without access check: ask the groups
        access = ModelAccess.get_access(['account.move'])['account.move']
        if access['read'] is not None and not access['read']:
            return result
        for move in Move.search([
                    ('origin', 'in', [str(e) for e in expenses]),
                    ]):
            result[move.origin.id] = move.id
        return result

    def compose_move(self):
        """Return the account move of the paid expense: the category's
        expense account on the station's analytic account against the
        station's cash account; None when the station or the category
        is not set up for accounting"""
        pool = Pool()
        Move = pool.get('account.move')
        Line = pool.get('account.move.line')
        AnalyticLine = pool.get('analytic_account.line')
        Period = pool.get('account.period')
        station = self.station
        account = self.category.account
        if not (station.finance_journal and station.cash_account
                and account):
            return
        company = station.company
        amount = company.currency.round(self.amount)
        description = '%s: %s' % (self.category.rec_name, self.description)
        expense_line = Line(
            account=account, debit=amount, credit=Decimal(0),
            description=description)
        if station.analytic_account:
            expense_line.analytic_lines = [AnalyticLine(
                    account=station.analytic_account, date=self.date,
                    debit=amount, credit=Decimal(0))]
        cash_line = Line(
            account=station.cash_account, debit=Decimal(0), credit=amount,
            description=description)
        return Move(
            company=company,
            journal=station.finance_journal,
            period=Period.find(company, date=self.date),
            date=self.date,
            origin=self,
            description=description,
            lines=[expense_line, cash_line])

    @classmethod
    def post_moves(cls, expenses):
        "Post the moves of the paid expenses (HQ reads them, R40)"
        pool = Pool()
        Move = pool.get('account.move')
        # the clerk pays, the accounting is HQ's: no access needed
        with without_check_access():
            moves = {}
            for expense in expenses:
                move = expense.compose_move()
                if move:
                    moves[expense] = move
            if moves:
                Move.save(list(moves.values()))
                Move.post(list(moves.values()))

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, expenses):
        pass
