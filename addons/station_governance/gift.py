# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from trytond.modules.currency.fields import Monetary

from addons.station.model import StationMixin

from .common import GuardedMixin, act, unchecked
from .exceptions import GiftValidationError


class Gift(GuardedMixin, StationMixin, Workflow, ModelSQL, ModelView):
    "Gift received from a customer or a dealer (R8)"
    __name__ = 'station.gift'
    _rec_name = 'description'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    date = fields.Date("Date", required=True, states=_states)
    giver = fields.Char(
        "Giver", required=True, states=_states,
        help="The name of the customer, dealer or person who gave the gift.")
    giver_party = fields.Many2One(
        'party.party', "Giver Party", ondelete='RESTRICT', states=_states,
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        help="The party of the giver when it is in the system.")
    giver_type = fields.Selection([
            ('customer', "Customer"),
            ('dealer', "Dealer"),
            ('other', "Other"),
            ], "Giver Type", required=True, states=_states)
    description = fields.Char("Description", required=True, states=_states)
    company = fields.Many2One(
        'company.company', "Company", required=True, states=_states)
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    estimated_value = Monetary(
        "Estimated Value", currency='currency', digits='currency',
        required=True, states=_states,
        domain=[('estimated_value', '>=', 0)])
    received_by = fields.Many2One(
        'company.employee', "Received By", required=True, states=_states,
        ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        help="The employee who received the gift.")
    reported_by = fields.Many2One(
        'res.user', "Reported By", readonly=True, ondelete='RESTRICT')
    reported_at = fields.Timestamp("Reported At", readonly=True)
    handed_in_by = fields.Many2One(
        'res.user', "Handed In By", readonly=True, ondelete='RESTRICT',
        help="The manager who confirmed that the gift was handed in.")
    handed_in_at = fields.Timestamp("Handed In At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('reported', "Reported"),
            ('handed_in', "Handed In"),
            ], "State", readonly=True, required=True, sort=False)

    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(
                    t,
                    (t.station, Index.Equality()),
                    (t.date, Index.Range())),
                Index(t, (t.state, Index.Equality(cardinality='low'))),
                })
        cls._order = [
            ('date', 'DESC'),
            ('id', 'DESC'),
            ]
        cls._protected_fields = cls._protected_fields | {
            'reported_by', 'reported_at', 'handed_in_by', 'handed_in_at'}
        cls._draft_fields = cls._draft_fields | {
            'station', 'date', 'giver', 'giver_party', 'giver_type',
            'description', 'company', 'estimated_value', 'received_by'}
        cls._transitions |= {
            ('draft', 'reported'),
            ('reported', 'draft'),
            ('reported', 'handed_in'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'reported',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'report': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'hand_in': {
                    'invisible': Eval('state') != 'reported',
                    'icon': 'tryton-ok',
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
    def default_giver_type(cls):
        return 'customer'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_received_by(cls):
        return Transaction().context.get('employee')

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    @fields.depends('giver_party', 'giver')
    def on_change_giver_party(self):
        if self.giver_party and not self.giver:
            self.giver = self.giver_party.rec_name

    @classmethod
    def validate_fields(cls, gifts, field_names):
        super().validate_fields(gifts, field_names)
        if field_names & {'station', 'received_by'}:
            for gift in gifts:
                employee_station = getattr(gift.received_by, 'station', None)
                if employee_station and employee_station != gift.station:
                    raise GiftValidationError(gettext(
                            'station_governance.msg_gift_received_by_station',
                            gift=gift.rec_name,
                            employee=gift.received_by.rec_name,
                            station=gift.station.rec_name))

    @classmethod
    def copy(cls, gifts, default=None):
        default = default.copy() if default is not None else {}
        for fname in cls._protected_fields - {'state'}:
            default.setdefault(fname, None)
        return super().copy(gifts, default=default)

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('draft')
    def draft(cls, gifts):
        cls.write(gifts, {'reported_by': None, 'reported_at': None})

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('reported')
    @act('reported')
    def report(cls, gifts):
        pass

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('handed_in')
    @act('handed_in')
    def hand_in(cls, gifts):
        pass
