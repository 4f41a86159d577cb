# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
import logging

from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import without_check_access

from addons.station.model import StationMixin

from .common import GuardedMixin, act, unchecked
from .exceptions import AgreementValidationError

logger = logging.getLogger(__name__)


class Agreement(GuardedMixin, StationMixin, Workflow, ModelSQL, ModelView):
    __name__ = 'station.agreement'
    _rec_name = 'number'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    number = fields.Char("Number", readonly=True)
    name = fields.Char("Name", required=True, states=_states)
    date_start = fields.Date(
        "Start Date", required=True, states=_states,
        help="The first day the agreement applies.")
    date_end = fields.Date(
        "End Date", required=True, states=_states,
        help="The last day the agreement applies.")
    terms = fields.Text("Terms", states=_states)
    expiring = fields.Function(
        fields.Boolean(
            "Expiring",
            help="The agreement ends within the warning delay "
            "of the governance configuration."),
        'get_expiring', searcher='search_expiring')
    expiry_warned = fields.Boolean(
        "Expiry Warned", readonly=True,
        help="Set by the scheduled task when HQ was warned.")
    expiry_warned_at = fields.Timestamp("Expiry Warned At", readonly=True)
    sent_by = fields.Many2One(
        'res.user', "Sent By", readonly=True, ondelete='RESTRICT')
    sent_at = fields.Timestamp("Sent At", readonly=True)
    accepted_by = fields.Many2One(
        'res.user', "Accepted By", readonly=True, ondelete='RESTRICT')
    accepted_at = fields.Timestamp("Accepted At", readonly=True)
    terminated_by = fields.Many2One(
        'res.user', "Terminated By", readonly=True, ondelete='RESTRICT')
    terminated_at = fields.Timestamp("Terminated At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('sent', "Sent"),
            ('accepted', "Accepted"),
            ('expired', "Expired"),
            ('terminated', "Terminated"),
            ], "State", readonly=True, required=True, sort=False)

    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.station, Index.Equality())),
                Index(
                    t,
                    (t.state, Index.Equality(cardinality='low')),
                    (t.date_end, Index.Range())),
                })
        cls._order = [
            ('date_start', 'DESC NULLS FIRST'),
            ('id', 'DESC'),
            ]
        cls._protected_fields = cls._protected_fields | {
            'number', 'expiry_warned', 'expiry_warned_at',
            'sent_by', 'sent_at', 'accepted_by', 'accepted_at',
            'terminated_by', 'terminated_at'}
        cls._draft_fields = cls._draft_fields | {
            'station', 'name', 'date_start', 'date_end', 'terms'}
        cls._transitions |= {
            ('draft', 'sent'),
            ('sent', 'draft'),
            ('sent', 'accepted'),
            ('accepted', 'expired'),
            ('sent', 'terminated'),
            ('accepted', 'terminated'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'sent',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'send': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'accept': {
                    'invisible': Eval('state') != 'sent',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'expire': {
                    'invisible': Eval('state') != 'accepted',
                    'depends': ['state'],
                    },
                'terminate': {
                    'invisible': ~Eval('state').in_(['sent', 'accepted']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_expiry_warned(cls):
        return False

    @classmethod
    def _expiry_limits(cls):
        pool = Pool()
        Configuration = pool.get('station.governance.configuration')
        Date = pool.get('ir.date')
        with without_check_access():
            days = Configuration(1).agreement_expiry_days or 0
        today = Date.today()
        return today, today + dt.timedelta(days=days)

    def get_expiring(self, name):
        today, limit = self._expiry_limits()
        return bool(
            self.state in {'sent', 'accepted'}
            and self.date_end
            and today <= self.date_end <= limit)

    @classmethod
    def search_expiring(cls, name, clause):
        _, operator, value = clause
        today, limit = cls._expiry_limits()
        if operator not in {'=', '!='}:
            return []
        expiring = (operator == '=') == bool(value)
        domain = [
            ('state', 'in', ['sent', 'accepted']),
            ('date_end', '>=', today),
            ('date_end', '<=', limit),
            ]
        if expiring:
            return domain
        return ['OR',
            ('state', 'not in', ['sent', 'accepted']),
            ('date_end', '<', today),
            ('date_end', '>', limit),
            ]

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('station.governance.configuration')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and not values.get('number'):
            with without_check_access():
                sequence = Configuration(1).agreement_sequence
                if sequence:
                    values['number'] = sequence.get()
        return values

    def get_rec_name(self, name):
        if self.number:
            return '%s - %s' % (self.number, self.name)
        return self.name

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op,
            ('number', operator, operand, *extra),
            ('name', operator, operand, *extra),
            ]

    @classmethod
    def validate_fields(cls, agreements, field_names):
        super().validate_fields(agreements, field_names)
        if field_names & {'date_start', 'date_end'}:
            for agreement in agreements:
                if (agreement.date_start and agreement.date_end
                        and agreement.date_end <= agreement.date_start):
                    raise AgreementValidationError(gettext(
                            'station_governance.msg_agreement_dates',
                            agreement=agreement.rec_name))

    @classmethod
    def copy(cls, agreements, default=None):
        default = default.copy() if default is not None else {}
        for fname in cls._protected_fields - {'state'}:
            default.setdefault(fname, None)
        default.setdefault('expiry_warned', False)
        return super().copy(agreements, default=default)

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('draft')
    def draft(cls, agreements):
        cls.write(agreements, {'sent_by': None, 'sent_at': None})

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('sent')
    @act('sent')
    def send(cls, agreements):
        pass

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('accepted')
    @act('accepted')
    def accept(cls, agreements):
        pass

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('expired')
    def expire(cls, agreements):
        pass

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('terminated')
    @act('terminated')
    def terminate(cls, agreements):
        pass

    @classmethod
    def warn_expiry(cls):
        """Flag the agreements that enter the warning delay (R1) and expire
        the accepted agreements whose end date has passed"""
        pool = Pool()
        Date = pool.get('ir.date')
        today = Date.today()
        to_warn = cls.search([
                ('expiring', '=', True),
                ('expiry_warned', '=', False),
                ])
        if to_warn:
            cls.write(to_warn, {
                    'expiry_warned': True,
                    'expiry_warned_at': dt.datetime.now(),
                    })
            for agreement in to_warn:
                logger.info(
                    "agreement %s of station %s ends on %s",
                    agreement.rec_name, agreement.station.rec_name,
                    agreement.date_end)
        to_expire = cls.search([
                ('state', '=', 'accepted'),
                ('date_end', '<', today),
                ])
        if to_expire:
            cls.expire(to_expire)
