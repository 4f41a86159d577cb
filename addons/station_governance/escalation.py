# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access

from addons.station.model import StationMixin

from .common import GuardedMixin, act, unchecked
from .exceptions import EscalationError, GovernanceAccessError


class Escalation(GuardedMixin, StationMixin, Workflow, ModelSQL, ModelView):
    "Problem raised by a station to HQ (R5)"
    __name__ = 'station.escalation'
    _button_requires = {'answer': ['reply']}
    _rec_name = 'subject'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    subject = fields.Char("Subject", required=True, states=_states)
    category = fields.Selection([
            ('technical', "Technical"),
            ('quality', "Product Quality"),
            ('spare_parts', "Spare Parts"),
            ('customer', "Customer"),
            ('finance', "Finance"),
            ('personnel', "Personnel"),
            ('other', "Other"),
            ], "Category", required=True, states=_states)
    description = fields.Text("Description", required=True, states=_states)
    raised_by = fields.Many2One(
        'res.user', "Raised By", required=True, readonly=True,
        ondelete='RESTRICT')
    raised_at = fields.Timestamp(
        "Raised At", readonly=True,
        help="When the escalation was submitted to HQ.")
    reply = fields.Text(
        "Answer",
        states={
            'readonly': Eval('state') != 'submitted',
            'invisible': Eval('state') == 'draft',
            },
        help="The answer of HQ Service Management.")
    answered_by = fields.Many2One(
        'res.user', "Answered By", readonly=True, ondelete='RESTRICT')
    answered_at = fields.Timestamp("Answered At", readonly=True)
    closed_by = fields.Many2One(
        'res.user', "Closed By", readonly=True, ondelete='RESTRICT')
    closed_at = fields.Timestamp("Closed At", readonly=True)
    overdue = fields.Function(
        fields.Boolean(
            "Overdue",
            help="Submitted and still not answered after the delay "
            "of the governance configuration."),
        'get_overdue', searcher='search_overdue')
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('answered', "Answered"),
            ('closed', "Closed"),
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
                    (t.raised_at, Index.Range())),
                })
        cls._order = [
            ('raised_at', 'DESC NULLS FIRST'),
            ('id', 'DESC'),
            ]
        cls._protected_fields = cls._protected_fields | {
            'raised_by', 'raised_at', 'answered_by', 'answered_at',
            'closed_by', 'closed_at'}
        cls._draft_fields = cls._draft_fields | {
            'station', 'subject', 'category', 'description'}
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'answered'),
            ('answered', 'submitted'),
            ('answered', 'closed'),
            }
        cls._buttons.update({
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'answer': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reopen': {
                    'invisible': Eval('state') != 'answered',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'answered',
                    'icon': 'tryton-close',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_category(cls):
        return 'other'

    @classmethod
    def default_raised_by(cls):
        return Transaction().user or None

    @classmethod
    def _overdue_limit(cls):
        pool = Pool()
        Configuration = pool.get('station.governance.configuration')
        with without_check_access():
            days = Configuration(1).escalation_overdue_days or 0
        return dt.datetime.now() - dt.timedelta(days=days)

    def get_overdue(self, name):
        return bool(
            self.state == 'submitted'
            and self.raised_at
            and self.raised_at <= self._overdue_limit())

    @classmethod
    def search_overdue(cls, name, clause):
        _, operator, value = clause
        if operator not in {'=', '!='}:
            return []
        limit = cls._overdue_limit()
        if (operator == '=') == bool(value):
            return [
                ('state', '=', 'submitted'),
                ('raised_at', '<=', limit),
                ]
        return ['OR',
            ('state', '!=', 'submitted'),
            ('raised_at', '>', limit),
            ('raised_at', '=', None),
            ]

    @classmethod
    def check_modification(cls, mode, escalations, values=None,
            external=False):
        super().check_modification(
            mode, escalations, values=values, external=external)
        if mode == 'write' and external and 'reply' in values:
            for escalation in escalations:
                if escalation.state != 'submitted':
                    raise GovernanceAccessError(gettext(
                            'station_governance.msg_escalation_answer_state',
                            escalation=escalation.rec_name))

    @classmethod
    def copy(cls, escalations, default=None):
        default = default.copy() if default is not None else {}
        for fname in cls._protected_fields - {'state', 'raised_by'}:
            default.setdefault(fname, None)
        default.setdefault('raised_by', cls.default_raised_by())
        default.setdefault('reply', None)
        return super().copy(escalations, default=default)

    @classmethod
    def _protected_on_create(cls):
        return super()._protected_on_create() - {'raised_by'}

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('submitted')
    def submit(cls, escalations):
        now = dt.datetime.now()
        cls.write(
            [e for e in escalations if not e.raised_at],
            {'raised_at': now})

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('answered')
    @act('answered')
    def answer(cls, escalations):
        for escalation in escalations:
            if not (escalation.reply or '').strip():
                raise EscalationError(gettext(
                        'station_governance.msg_escalation_answer_required',
                        escalation=escalation.rec_name))

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('submitted')
    def reopen(cls, escalations):
        cls.write(escalations, {
                'answered_by': None,
                'answered_at': None,
                })

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('closed')
    @act('closed')
    def close(cls, escalations):
        pass
