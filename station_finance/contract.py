# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from addons.station.approval import ApprovalMixin
from addons.station.model import StationMixin

from .exceptions import ContractError


class Contract(StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Station Contract"
    __name__ = 'station.contract'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    kind = fields.Selection([
            ('contract', "Contract"),
            ('guarantee', "Guarantee"),
            ('loan', "Loan"),
            ], "Kind", required=True, states=_states,
        help="Guarantees and loans are approved by HQ Finance only.")
    party = fields.Many2One(
        'party.party', "Party", required=True, ondelete='RESTRICT',
        states=_states, help="The other party of the contract.")
    subject = fields.Char("Subject", required=True, states=_states)
    reference = fields.Char("Reference", states=_states)
    amount = fields.Numeric(
        "Amount", digits=(16, 2), states=_states,
        domain=['OR',
            ('amount', '=', None),
            ('amount', '>=', 0),
            ])
    start_date = fields.Date(
        "Start Date", required=True, states=_states,
        domain=[
            If(Eval('end_date'),
                ('start_date', '<=', Eval('end_date')),
                ()),
            ])
    end_date = fields.Date("End Date", states=_states)
    description = fields.Text("Description", states=_states)
    effective = fields.Function(fields.Boolean(
            "Effective",
            help="Approved by HQ and within its dates (R7)."),
        'get_effective', searcher='search_effective')
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
        cls._order.insert(0, ('start_date', 'DESC'))
        cls._transitions |= {
            ('draft', 'requested'),
            ('requested', 'draft'),
            ('requested', 'approved'),
            ('requested', 'rejected'),
            ('rejected', 'draft'),
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
    def default_kind(cls):
        return 'contract'

    def get_rec_name(self, name):
        return '%s: %s' % (self.party.rec_name, self.subject)

    def get_effective(self, name):
        today = Pool().get('ir.date').today()
        return (self.state == 'approved'
            and self.start_date <= today
            and (not self.end_date or today <= self.end_date))

    @classmethod
    def search_effective(cls, name, clause):
        today = Pool().get('ir.date').today()
        _, operator, value = clause
        domain = [
            ('state', '=', 'approved'),
            ('start_date', '<=', today),
            ['OR',
                ('end_date', '=', None),
                ('end_date', '>=', today),
                ],
            ]
        if (operator == '=') == bool(value):
            return domain
        return ['NOT', domain]

    @classmethod
    def check_modification(cls, mode, contracts, values=None, external=False):
        super().check_modification(
            mode, contracts, values=values, external=external)
        if mode == 'delete':
            for contract in contracts:
                if contract.state not in {'draft', 'cancelled'}:
                    raise ContractError(gettext(
                            'station_finance.msg_contract_delete',
                            contract=contract.rec_name))

    @classmethod
    def check_hq_finance(cls, contracts):
        "Guarantees and loans are refused unless HQ Finance approves (R7)"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        User = pool.get('res.user')
        transaction = Transaction()
        if not transaction.user:
            return
        finance = ModelData.get_id('station', 'group_hq_finance')
        if finance in User.get_groups():
            return
        for contract in contracts:
            if contract.kind in {'guarantee', 'loan'}:
                raise ContractError(gettext(
                        'station_finance.msg_contract_hq_finance',
                        contract=contract.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, contracts):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('requested')
    def request(cls, contracts):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, contracts):
        cls.check_hq_finance(contracts)
        cls.write(contracts, {
                'approved_by': Transaction().user,
                'approved_at': datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, contracts):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, contracts):
        pass
