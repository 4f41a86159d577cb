# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Working hours of a station: HQ's (company_work_time) unless HQ Service
Management approved a variant, filed with HQ HR (R51)"""
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, If
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import ApprovalMixin
from addons.station.model import StationMixin

from .exceptions import WorkTimeError


class WorkTimeVariant(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Working Hours Variant"
    __name__ = 'station.work_time.variant'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    date_from = fields.Date(
        "From", required=True, states=_states,
        domain=[
            If(Eval('date_to'),
                ('date_from', '<=', Eval('date_to')),
                ()),
            ])
    date_to = fields.Date(
        "To", states=_states,
        domain=[
            If(Eval('date_to') & Eval('date_from'),
                ('date_to', '>=', Eval('date_from')),
                ()),
            ],
        help="Leave empty while the variant holds.")
    hours_per_work_day = fields.Float(
        "Hours per Work Day", required=True, states=_states,
        domain=[
            ('hours_per_work_day', '>', 0),
            ('hours_per_work_day', '<=', 24),
            ])
    hours_per_work_week = fields.Float(
        "Hours per Work Week", required=True, states=_states,
        domain=[('hours_per_work_week', '>', 0)])
    schedule = fields.Char(
        "Schedule", required=True, states=_states,
        help="The local opening hours, for example 08:30-12:00 13:30-18:00.")
    reason = fields.Text("Reason", required=True, states=_states)
    hq_hours_per_work_day = fields.Function(
        fields.Float("HQ Hours per Work Day"),
        'on_change_with_hq_hours_per_work_day')
    hq_hours_per_work_week = fields.Function(
        fields.Float("HQ Hours per Work Week"),
        'on_change_with_hq_hours_per_work_week')
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
            ('rejected', 'draft'),
            ('draft', 'cancelled'),
            ('requested', 'cancelled'),
            ('approved', 'cancelled'),
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

    @classmethod
    def default_date_from(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_hours_per_work_day(cls):
        company = cls._company()
        return company.hours_per_work_day if company else 8

    @classmethod
    def default_hours_per_work_week(cls):
        company = cls._company()
        return company.hours_per_work_week if company else 40

    @staticmethod
    def _company():
        pool = Pool()
        Company = pool.get('company.company')
        company_id = Transaction().context.get('company')
        if company_id is not None and company_id >= 0:
            return Company(company_id)

    @fields.depends('station', '_parent_station.company')
    def on_change_with_hq_hours_per_work_day(self, name=None):
        if self.station:
            return self.station.company.hours_per_work_day

    @fields.depends('station', '_parent_station.company')
    def on_change_with_hq_hours_per_work_week(self, name=None):
        if self.station:
            return self.station.company.hours_per_work_week

    def get_rec_name(self, name):
        return '%s: %s (%s)' % (
            self.station.code, self.schedule, self.date_from)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('station.code', operator, operand, *extra),
            ('schedule', operator, operand, *extra),
            ]

    @classmethod
    def check_modification(cls, mode, variants, values=None, external=False):
        super().check_modification(
            mode, variants, values=values, external=external)
        if mode == 'delete':
            for variant in variants:
                if variant.state not in {'draft', 'cancelled'}:
                    raise WorkTimeError(gettext(
                            'station_hr.msg_work_time_delete',
                            variant=variant.rec_name))

    @classmethod
    def check_overlap(cls, variants):
        "A station has one approved variant at a time"
        far = dt.date.max
        for variant in variants:
            overlaps = cls.search([
                    ('station', '=', variant.station.id),
                    ('state', '=', 'approved'),
                    ('id', '!=', variant.id),
                    ('date_from', '<=', variant.date_to or far),
                    ['OR',
                        ('date_to', '=', None),
                        ('date_to', '>=', variant.date_from),
                        ],
                    ], limit=1)
            if overlaps:
                raise WorkTimeError(gettext(
                        'station_hr.msg_work_time_overlap',
                        variant=variant.rec_name,
                        other=overlaps[0].rec_name))

    @classmethod
    def get_variant(cls, station, date):
        "Return the approved variant of station at date or None"
        with without_check_access():
            variants = cls.search([
                    ('station', '=', station.id),
                    ('state', '=', 'approved'),
                    ('date_from', '<=', date),
                    ['OR',
                        ('date_to', '=', None),
                        ('date_to', '>=', date),
                        ],
                    ], limit=1)
        return variants[0] if variants else None

    @classmethod
    def hours_per_work_day_at(cls, station, date):
        "Return the hours per work day of station at date (R51)"
        variant = cls.get_variant(station, date)
        if variant:
            return variant.hours_per_work_day
        return station.company.hours_per_work_day

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, variants):
        cls.write(variants, {'approved_by': None, 'approved_at': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('requested')
    def request(cls, variants):
        cls.write(variants, {'requested_by': Transaction().user or None})

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, variants):
        cls.check_overlap(variants)
        cls.write(variants, {
                'approved_by': Transaction().user or None,
                'approved_at': dt.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, variants):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, variants):
        pass


class Station(metaclass=PoolMeta):
    __name__ = 'station.station'

    hours_per_work_day = fields.Function(
        fields.Float("Hours per Work Day",
            help="HQ's unless an approved variant says otherwise."),
        'get_work_time')
    work_schedule = fields.Function(
        fields.Char("Working Hours"), 'get_work_time')

    def get_work_time(self, name):
        pool = Pool()
        Date = pool.get('ir.date')
        Variant = pool.get('station.work_time.variant')
        variant = Variant.get_variant(self, Date.today())
        if name == 'hours_per_work_day':
            return Variant.hours_per_work_day_at(self, Date.today())
        return variant.schedule if variant else None
