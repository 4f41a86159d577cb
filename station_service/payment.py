# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import ApprovalMixin
from addons.station.model import StationMixin

from .exceptions import (
    DealerAuthorizationError, PaymentError, PaymentValidationError)
from .service_order import AMOUNT_DIGITS


class Payment(StationMixin, ModelSQL, ModelView):
    """Service Payment

    The station's service takings: station_finance closes the cash days
    with these records (R13, R36)."""
    __name__ = 'station.service.payment'
    _station_date_field = 'date'

    order = fields.Many2One(
        'station.service.order', "Service Order", required=True,
        ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ('state', 'not in', ['delivered', 'closed', 'cancelled']),
            ],
        states={
            'readonly': Eval('id', -1) >= 0,
            })
    date = fields.Date("Date", required=True)
    amount = fields.Numeric(
        "Amount", digits=AMOUNT_DIGITS, required=True,
        domain=[('amount', '>', 0)])
    method = fields.Selection([
            ('cash', "Cash"),
            ('bank', "Bank"),
            ], "Method", required=True)
    reference = fields.Char("Reference", help="Bank slip or receipt number.")
    received_by = fields.Many2One(
        'res.user', "Received By", readonly=True, ondelete='RESTRICT')
    collected_by = fields.Many2One(
        'party.party', "Collected by Dealer", ondelete='RESTRICT',
        help="The dealer who collected the payment on the station's behalf; "
        "needs an authorization approved by HQ.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_method(cls):
        return 'cash'

    @classmethod
    def default_received_by(cls):
        return Transaction().user or None

    @fields.depends('order', 'amount', '_parent_order.amount_balance')
    def on_change_order(self):
        "The clerk takes what the customer still owes (issue 12)"
        if self.order and not self.amount:
            balance = self.order.amount_balance
            if balance and balance > 0:
                self.amount = balance

    def get_rec_name(self, name):
        return '%s %s %s' % (self.order.rec_name, self.date, self.amount)

    @classmethod
    def validate_fields(cls, payments, field_names):
        super().validate_fields(payments, field_names)
        for payment in payments:
            if payment.order.station != payment.station:
                raise PaymentValidationError(gettext(
                        'station_service.msg_payment_station',
                        payment=payment.rec_name))
            if payment.collected_by and field_names & {
                    'collected_by', 'date', 'station'}:
                payment.check_dealer()

    def check_dealer(self):
        "R13: a dealer collects only with HQ's authorization"
        pool = Pool()
        Authorization = pool.get('station.dealer.authorization')
        if not Authorization.get_valid(
                self.station, self.collected_by, self.date):
            raise DealerAuthorizationError(gettext(
                    'station_service.msg_payment_dealer_unauthorized',
                    dealer=self.collected_by.rec_name,
                    station=self.station.rec_name))

    @classmethod
    def check_modification(cls, mode, payments, values=None, external=False):
        super().check_modification(
            mode, payments, values=values, external=external)
        if mode in {'write', 'delete'}:
            for payment in payments:
                if payment.order.state in {'delivered', 'closed'}:
                    raise PaymentError(gettext(
                            'station_service.msg_payment_locked',
                            payment=payment.rec_name))

    @classmethod
    def copy(cls, payments, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('received_by', cls.default_received_by())
        return super().copy(payments, default=default)


class DealerAuthorization(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Dealer Collection Authorization"
    __name__ = 'station.dealer.authorization'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    dealer = fields.Many2One(
        'party.party', "Dealer", required=True, ondelete='RESTRICT',
        states=_states)
    date_from = fields.Date(
        "From", required=True, states=_states,
        domain=[
            If(Bool(Eval('date_to')),
                ('date_from', '<=', Eval('date_to')),
                ()),
            ])
    date_to = fields.Date(
        "To", states=_states,
        domain=[
            If(Bool(Eval('date_to')),
                ('date_to', '>=', Eval('date_from')),
                ()),
            ])
    collect_fees = fields.Boolean(
        "Collect Fees", states=_states,
        help="The dealer may collect repair fees.")
    take_goods = fields.Boolean(
        "Take Goods", states=_states,
        help="The dealer may take repaired goods on the station's behalf.")
    reason = fields.Text("Reason", states=_states)
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp("Approved At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('requested', "Requested"),
            ('approved', "Approved"),
            ('rejected', "Rejected"),
            ('revoked', "Revoked"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order.insert(0, ('date_from', 'DESC'))
        cls._transitions |= {
            ('draft', 'requested'),
            ('requested', 'draft'),
            ('requested', 'approved'),
            ('requested', 'rejected'),
            ('approved', 'revoked'),
            ('rejected', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(
                        ['requested', 'rejected']),
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
                'revoke': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_collect_fees(cls):
        return True

    @classmethod
    def default_take_goods(cls):
        return False

    def get_rec_name(self, name):
        return '%s: %s' % (self.station.code, self.dealer.rec_name)

    @classmethod
    def get_valid(cls, station, dealer, date):
        with without_check_access():
            return cls.search([
                    ('station', '=', station.id),
                    ('dealer', '=', dealer.id),
                    ('state', '=', 'approved'),
                    ('collect_fees', '=', True),
                    ('date_from', '<=', date),
                    ['OR',
                        ('date_to', '=', None),
                        ('date_to', '>=', date),
                        ],
                    ], limit=1)

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if mode == 'delete':
            for record in records:
                if record.state != 'draft':
                    raise PaymentError(gettext(
                            'station_service.msg_dealer_authorization_delete',
                            authorization=record.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, records):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('requested')
    def request(cls, records):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, records):
        cls.write(records, {
                'approved_by': Transaction().user,
                'approved_at': datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, records):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('revoked')
    def revoke(cls, records):
        pass
