# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from .approval import ApprovalMixin
from .exceptions import DelegationValidationError
from .model import StationMixin


class Delegation(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Deputy Delegation"
    __name__ = 'station.delegation'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    deputy = fields.Many2One(
        'company.employee', "Deputy", required=True, ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states=_states,
        help="The employee who holds the manager's approvals "
        "during the dates.")
    date_from = fields.Date(
        "From", required=True, states=_states,
        domain=[
            If(Eval('date_to'),
                ('date_from', '<=', Eval('date_to')),
                ()),
            ])
    date_to = fields.Date(
        "To", required=True, states=_states,
        domain=[
            If(Eval('date_from'),
                ('date_to', '>=', Eval('date_from')),
                ()),
            ])
    reason = fields.Text("Reason", states=_states)
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
            ('requested', 'approved'),
            ('requested', 'rejected'),
            ('requested', 'draft'),
            ('draft', 'cancelled'),
            ('requested', 'cancelled'),
            ('approved', 'cancelled'),
            ('rejected', 'draft'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(
                        ['requested', 'rejected', 'cancelled']),
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

    def get_rec_name(self, name):
        return '%s: %s (%s – %s)' % (
            self.station.rec_name, self.deputy.rec_name,
            self.date_from, self.date_to)

    @classmethod
    def validate_fields(cls, delegations, field_names):
        super().validate_fields(delegations, field_names)
        for delegation in delegations:
            if delegation.date_to < delegation.date_from:
                raise DelegationValidationError(gettext(
                        'station.msg_delegation_dates',
                        delegation=delegation.rec_name))

    @classmethod
    def check_overlap(cls, delegations):
        for delegation in delegations:
            others = cls.search([
                    ('station', '=', delegation.station.id),
                    ('state', '=', 'approved'),
                    ('id', '!=', delegation.id),
                    ('date_from', '<=', delegation.date_to),
                    ('date_to', '>=', delegation.date_from),
                    ], limit=1)
            if others:
                other, = others
                raise DelegationValidationError(gettext(
                        'station.msg_delegation_overlap',
                        delegation=delegation.rec_name,
                        other=other.rec_name))

    @classmethod
    def check_modification(cls, mode, delegations, values=None, external=False):
        super().check_modification(
            mode, delegations, values=values, external=external)
        if mode == 'delete':
            for delegation in delegations:
                if delegation.state not in {'draft', 'cancelled'}:
                    raise DelegationValidationError(gettext(
                            'station.msg_delegation_delete',
                            delegation=delegation.rec_name))

    @classmethod
    def on_modification(cls, mode, delegations, field_names=None):
        pool = Pool()
        User = pool.get('res.user')
        super().on_modification(mode, delegations, field_names=field_names)
        User._deputy_groups_cache.clear()

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, delegations):
        cls.write(delegations, {'approved_by': None, 'approved_at': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('requested')
    def request(cls, delegations):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, delegations):
        cls.check_overlap(delegations)
        cls.write(delegations, {
                'approved_by': Transaction().user,
                'approved_at': datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, delegations):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, delegations):
        pass
