# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.modules.product import price_digits
from trytond.pyson import Bool, Eval, If
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import ApprovalMixin
from addons.station.model import StationMixin

from .exceptions import PriceError


class PricePolicy(StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Local Price Policy"
    __name__ = 'station.price.policy'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    product = fields.Many2One(
        'product.product', "Product", required=True, ondelete='RESTRICT',
        states=_states,
        help="The part or the labour (service) the local price is for.")
    hq_price = fields.Function(fields.Numeric(
            "HQ Price", digits=price_digits), 'on_change_with_hq_price')
    price = fields.Numeric(
        "Local Price", digits=price_digits, required=True, states=_states,
        domain=[('price', '>=', 0)])
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
            ],
        help="Leave empty for no end.")
    reason = fields.Text("Reason", required=True, states=_states)
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp("Approved At", readonly=True)
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
        cls._order.insert(0, ('date_from', 'DESC'))
        cls._transitions |= {
            ('draft', 'requested'),
            ('requested', 'draft'),
            ('requested', 'approved'),
            ('requested', 'rejected'),
            ('draft', 'cancelled'),
            ('requested', 'cancelled'),
            ('approved', 'cancelled'),
            ('rejected', 'draft'),
            ('cancelled', 'draft'),
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

    @fields.depends('product')
    def on_change_with_hq_price(self, name=None):
        if self.product:
            return self.product.list_price_used

    def get_rec_name(self, name):
        return '%s: %s %s (%s)' % (
            self.station.code, self.product.rec_name, self.price,
            self.date_from)

    @classmethod
    def get_applicable(cls, station, product, date):
        "Return the approved policy of station for product at date"
        with without_check_access():
            policies = cls.search([
                    ('station', '=', station.id),
                    ('product', '=', product.id),
                    ('state', '=', 'approved'),
                    ('date_from', '<=', date),
                    ['OR',
                        ('date_to', '=', None),
                        ('date_to', '>=', date),
                        ],
                    ], order=[('date_from', 'DESC'), ('id', 'DESC')],
                limit=1)
        if policies:
            return policies[0]

    @classmethod
    def check_modification(cls, mode, policies, values=None, external=False):
        super().check_modification(
            mode, policies, values=values, external=external)
        if mode == 'delete':
            for policy in policies:
                # R12: the history stays on file
                if policy.state not in {'draft', 'cancelled'} or (
                        policy.approvals):
                    raise PriceError(gettext(
                            'station_service.msg_price_policy_delete',
                            policy=policy.rec_name))

    @classmethod
    def copy(cls, policies, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('approved_by', None)
        default.setdefault('approved_at', None)
        return super().copy(policies, default=default)

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, policies):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('requested')
    def request(cls, policies):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, policies):
        cls.write(policies, {
                'approved_by': Transaction().user,
                'approved_at': datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, policies):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, policies):
        pass
