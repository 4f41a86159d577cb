# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Business trips: request, approval, log and summary (R53)"
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import ApprovalMixin
from addons.station.model import StationMixin

from .exceptions import TripError
from .leave import check_approver

SUMMARY_DAYS = 2


class Trip(StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Business Trip"
    __name__ = 'station.trip'
    _button_requires = {'summarize': ['summary']}
    _station_date_field = 'date_from'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states=_states)
    destination = fields.Char("Destination", required=True, states=_states)
    purpose = fields.Text("Purpose", required=True, states=_states)
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
    contact = fields.Char("Contact", states=_states)
    trip_log = fields.Text(
        "Trip Log",
        states={
            'readonly': ~Eval('state').in_(['approved', 'returned']),
            },
        help="What was done, day by day.")
    returned_on = fields.Date("Returned On", readonly=True)
    summary = fields.Text(
        "Summary",
        states={
            'readonly': Eval('state') != 'returned',
            })
    summary_due = fields.Function(
        fields.Date("Summary Due",
            help="2 working days after the return."),
        'on_change_with_summary_due')
    summarized_on = fields.Date("Summarized On", readonly=True)
    summary_late = fields.Function(
        fields.Boolean("Summary Late"),
        'get_summary_late', searcher='search_summary_late')
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp("Approved At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('requested', "Requested"),
            ('approved', "Approved"),
            ('rejected', "Rejected"),
            ('returned', "Returned"),
            ('done', "Done"),
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
            ('approved', 'returned'),
            ('returned', 'done'),
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
                'back': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'summarize': {
                    'invisible': Eval('state') != 'returned',
                    'icon': 'tryton-ok',
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
    def default_employee(cls):
        pool = Pool()
        User = pool.get('res.user')
        user_id = Transaction().user
        if user_id:
            employee = User(user_id).employee
            if employee:
                return employee.id

    def get_rec_name(self, name):
        return '%s: %s (%s)' % (
            self.employee.rec_name, self.destination, self.date_from)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('employee.rec_name', operator, operand, *extra),
            ('destination', operator, operand, *extra),
            ]

    @fields.depends('returned_on', 'date_to', 'station')
    def on_change_with_summary_due(self, name=None):
        pool = Pool()
        Calendar = pool.get('station.calendar.day')
        returned = self.returned_on or self.date_to
        if returned:
            # working days of the company calendar (R53)
            company = self.station.company if self.station else None
            return Calendar.add_working_days(company, returned, SUMMARY_DAYS)

    def get_summary_late(self, name):
        pool = Pool()
        Date = pool.get('ir.date')
        # R53: a trip never marked back is due from its last planned day
        if self.state not in {'approved', 'returned', 'done'}:
            return False
        due = self.summary_due
        if not due:
            return False
        if self.summarized_on:
            return self.summarized_on > due
        return Date.today() > due

    @classmethod
    def search_summary_late(cls, name, clause):
        _, operator, value = clause
        if operator not in {'=', '!='}:
            return []
        with without_check_access():
            trips = cls.search([
                    ('state', 'in', ['approved', 'returned', 'done'])])
            late = [t.id for t in trips if t.summary_late]
        if (operator == '=') == bool(value):
            return [('id', 'in', late)]
        return [('id', 'not in', late)]

    @classmethod
    def check_modification(cls, mode, trips, values=None, external=False):
        super().check_modification(
            mode, trips, values=values, external=external)
        if mode == 'delete':
            for trip in trips:
                if trip.state not in {'draft', 'cancelled'}:
                    raise TripError(gettext(
                            'station_hr.msg_trip_delete', trip=trip.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, trips):
        cls.write(trips, {'approved_by': None, 'approved_at': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('requested')
    def request(cls, trips):
        cls.write(trips, {'requested_by': Transaction().user or None})

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, trips):
        check_approver(trips, 'approve')
        cls.write(trips, {
                'approved_by': Transaction().user or None,
                'approved_at': dt.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, trips):
        check_approver(trips, 'reject')

    @classmethod
    @ModelView.button
    @Workflow.transition('returned')
    def back(cls, trips):
        pool = Pool()
        Date = pool.get('ir.date')
        today = Date.today()
        for trip in trips:
            # the trip ended at the latest on its last planned day
            trip.returned_on = min(today, trip.date_to)
        cls.save(trips)

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def summarize(cls, trips):
        pool = Pool()
        Date = pool.get('ir.date')
        for trip in trips:
            if not trip.summary:
                raise TripError(gettext(
                        'station_hr.msg_trip_summary_missing',
                        trip=trip.rec_name))
        cls.write(trips, {'summarized_on': Date.today()})

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, trips):
        pass
