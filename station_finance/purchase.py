# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import ApprovalMixin
from addons.station.model import StationMixin

from .exceptions import ExpenseError, OverBudgetError
from .expense import _check_open_month


class PurchaseRequest(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    """Station Purchase Request

    What the station buys goes through a request approved within the
    month's budget (R34); the approved amount is committed on its budget
    line until the purchase is recorded as an expense."""
    __name__ = 'station.purchase.request'
    _approval_buttons = {'approve', 'reject'}
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
        states=_states)
    category = fields.Many2One(
        'station.expense.category', "Category", required=True,
        ondelete='RESTRICT', states=_states)
    line = fields.Many2One(
        'station.expense.declaration.line', "Budget Line", required=True,
        ondelete='RESTRICT',
        domain=[
            ('declaration', '=', Eval('declaration', -1)),
            ('category', '=', Eval('category', -1)),
            ],
        states=_states)
    description = fields.Char("Description", required=True, states=_states)
    product = fields.Many2One(
        'product.product', "Product", ondelete='RESTRICT', states=_states)
    quantity = fields.Float(
        "Quantity", required=True, states=_states,
        domain=[('quantity', '>', 0)])
    unit_price = fields.Numeric(
        "Unit Price", digits=(16, 2), required=True, states=_states,
        domain=[('unit_price', '>=', 0)])
    amount = fields.Function(fields.Numeric(
            "Amount", digits=(16, 2)), 'on_change_with_amount')
    supplier = fields.Many2One(
        'party.party', "Supplier", ondelete='RESTRICT', states=_states)
    expense = fields.Many2One(
        'station.expense', "Expense", readonly=True, ondelete='RESTRICT',
        help="The expense that records the purchase.")
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp("Approved At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('requested', "Requested"),
            ('approved', "Approved"),
            ('rejected', "Rejected"),
            ('purchased', "Purchased"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order.insert(0, ('date', 'DESC'))
        cls._transitions |= {
            ('draft', 'requested'),
            ('requested', 'draft'),
            ('requested', 'approved'),
            ('requested', 'rejected'),
            ('rejected', 'draft'),
            ('approved', 'purchased'),
            ('draft', 'cancelled'),
            ('requested', 'cancelled'),
            ('approved', 'cancelled'),
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
                'purchase': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(
                        ['draft', 'requested', 'approved']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_quantity(cls):
        return 1.

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
        self.line = None
        if self.declaration and self.category:
            for line in self.declaration.lines:
                if line.category == self.category:
                    self.line = line
                    break

    @fields.depends('quantity', 'unit_price')
    def on_change_with_amount(self, name=None):
        if self.quantity is not None and self.unit_price is not None:
            return (Decimal(str(self.quantity)) * self.unit_price).quantize(
                Decimal('0.01'))

    def get_rec_name(self, name):
        return '%s %s %s' % (self.date, self.description, self.amount)

    @classmethod
    def check_modification(cls, mode, requests, values=None, external=False):
        super().check_modification(
            mode, requests, values=values, external=external)
        _check_open_month(requests)
        if mode == 'delete':
            for request in requests:
                if request.state not in {'draft', 'cancelled'}:
                    raise ExpenseError(gettext(
                            'station_finance.msg_purchase_delete',
                            request=request.rec_name))

    @classmethod
    def check_budget(cls, requests):
        """Refuse to approve a request that the budget line cannot pay:
        expenses and other approved requests included (R34)"""
        pool = Pool()
        Line = pool.get('station.expense.declaration.line')
        with without_check_access():
            for request in requests:
                line = Line(request.line.id)
                committed = sum((r.amount for r in cls.search([
                                ('line', '=', line.id),
                                ('state', '=', 'approved'),
                                ('id', '!=', request.id),
                                ])), Decimal(0))
                available = line.available_on(request.date)
                if request.amount + committed > available:
                    raise OverBudgetError(gettext(
                            'station_finance.msg_purchase_over_budget',
                            request=request.rec_name,
                            line=line.rec_name,
                            available=available - committed))

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
        cls.check_budget(requests)
        cls.write(requests, {
                'approved_by': Transaction().user,
                'approved_at': datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, requests):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('purchased')
    def purchase(cls, requests):
        "Record the purchase as a draft expense charged to its budget line"
        pool = Pool()
        Expense = pool.get('station.expense')
        expenses = []
        for request in requests:
            expenses.append(Expense(
                    station=request.station,
                    date=request.date,
                    declaration=request.declaration,
                    category=request.category,
                    line=request.line,
                    amount=request.amount,
                    description=request.description))
        Expense.save(expenses)
        for request, expense in zip(requests, expenses):
            request.expense = expense
        cls.save(requests)

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, requests):
        pass
