# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The station's monthly work report to HQ Service Management (R4): figures
filled from the system plus the manager's text.  The figures of
station_service and station_finance are read only when those modules are
activated (extras_depend)."""
import datetime as dt
from decimal import Decimal

from sql.aggregate import Count, Sum
from sql.conditionals import Coalesce

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import DecisionLogMixin
from addons.station.model import StationMixin

from .common import month_start, next_month
from .exceptions import MonthlyReportError

DIGITS = (16, 2)
# the report of a month reaches HQ by the 5th of the next month
DUE_DAY = 5


class MonthlyReport(
        StationMixin, DecisionLogMixin, Workflow, ModelSQL, ModelView):
    "Monthly Work Report"
    __name__ = 'station.monthly.report'
    _logged_buttons = {'receive'}
    _button_requires = {'submit': ['service', 'plan']}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    month = fields.Date(
        "Month", required=True, states=_states,
        help="The first day of the month reported.")
    due_date = fields.Function(
        fields.Date("Due Date"), 'on_change_with_due_date')
    # figures filled from the system
    orders = fields.Integer(
        "Orders Received", readonly=True,
        help="Service orders taken in during the month.")
    orders_delivered = fields.Integer(
        "Orders Delivered", readonly=True,
        help="Service orders delivered to the customer during the month.")
    takings = fields.Numeric(
        "Takings", digits=DIGITS, readonly=True,
        help="Payments received for service orders during the month.")
    complaints = fields.Integer(
        "Complaints", readonly=True,
        help="Complaints received during the month.")
    expenses = fields.Numeric(
        "Expenses", digits=DIGITS, readonly=True,
        help="Expenses of the month, but the cancelled ones.")
    headcount = fields.Integer(
        "Headcount", readonly=True,
        help="Employees at the end of the month.")
    quota = fields.Integer(
        "Quota", readonly=True, help="Positions filed at HQ.")
    leaves = fields.Integer(
        "Leaves", readonly=True,
        help="Approved personal leaves starting during the month.")
    trips = fields.Integer(
        "Trips", readonly=True,
        help="Business trips starting during the month.")
    computed_at = fields.Timestamp("Figures At", readonly=True)
    # the manager's text (§6A)
    service = fields.Text(
        "Service Situation", states=_states,
        help="How the service went during the month.")
    staffing = fields.Text("Staffing", states=_states)
    suggestions = fields.Text("Suggestions", states=_states)
    plan = fields.Text("Next Month's Plan", states=_states)
    submitted_by = fields.Many2One(
        'res.user', "Submitted By", readonly=True, ondelete='RESTRICT')
    submitted_on = fields.Date("Submitted On", readonly=True)
    late = fields.Function(
        fields.Boolean("Late"), 'get_late', searcher='search_late')
    hq_comment = fields.Text(
        "HQ Comment",
        states={
            'readonly': Eval('state') != 'submitted',
            })
    received_by = fields.Many2One(
        'res.user', "Received By", readonly=True, ondelete='RESTRICT')
    received_at = fields.Timestamp("Received At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('received', "Received"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls.station.states = cls._states
        cls._sql_constraints += [
            ('station_month_unique', Unique(t, t.station, t.month),
                'station_hr.msg_monthly_report_unique'),
            ]
        cls._order.insert(0, ('month', 'DESC'))
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'draft'),
            ('submitted', 'received'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'compute': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-refresh',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'receive': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_month(cls):
        # written at the start of the next month
        today = Pool().get('ir.date').today()
        return month_start(month_start(today) - dt.timedelta(days=1))

    def get_rec_name(self, name):
        return '%s %s' % (self.station.code, self.month.strftime('%Y-%m'))

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('station.code',) + tuple(clause[1:])]

    @fields.depends('month')
    def on_change_with_due_date(self, name=None):
        if self.month:
            return next_month(self.month).replace(day=DUE_DAY)

    def get_late(self, name):
        today = Pool().get('ir.date').today()
        due = self.on_change_with_due_date()
        return (self.submitted_on or today) > due

    @classmethod
    def search_late(cls, name, clause):
        pool = Pool()
        Date = pool.get('ir.date')
        _, operator, value = clause
        if operator not in {'=', '!='}:
            return []
        today = Date.today()
        # reports due before today are late unless submitted in time
        with without_check_access():
            reports = cls.search([('month', '<', month_start(
                            today - dt.timedelta(days=DUE_DAY)))])
            late = [r.id for r in reports if r.late]
        if (operator == '=') == bool(value):
            return [('id', 'in', late)]
        return [('id', 'not in', late)]

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if values.get('month'):
            values['month'] = month_start(values['month'])
        return values

    @classmethod
    def check_modification(cls, mode, reports, values=None, external=False):
        super().check_modification(
            mode, reports, values=values, external=external)
        if mode == 'delete':
            for report in reports:
                if report.state != 'draft':
                    raise MonthlyReportError(gettext(
                            'station_hr.msg_monthly_report_delete',
                            report=report.rec_name))

    @property
    def period(self):
        "Return the first and last day of the month"
        return self.month, next_month(self.month) - dt.timedelta(days=1)

    def _get_figures(self):
        """Return the figures of the month as a dictionary of field values;
        modules extend it"""
        pool = Pool()
        Employee = pool.get('company.employee')
        Headcount = pool.get('station.headcount')
        Leave = pool.get('station.leave')
        Trip = pool.get('station.trip')
        start, end = self.period
        employee = Employee.__table__()
        headcount = Headcount.__table__()
        leave = Leave.__table__()
        trip = Trip.__table__()
        cursor = Transaction().connection.cursor()
        station = self.station.id

        cursor.execute(*employee.select(Count(employee.id), where=(
                    (employee.station == station)
                    & ((employee.start_date == None)  # noqa: E711
                        | (employee.start_date <= end))
                    & ((employee.end_date == None)  # noqa: E711
                        | (employee.end_date >= end)))))
        staff, = cursor.fetchone()
        cursor.execute(*headcount.select(
                Coalesce(Sum(headcount.quota), 0),
                where=headcount.station == station))
        quota, = cursor.fetchone()
        start_dt = dt.datetime.combine(start, dt.time())
        end_dt = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
        cursor.execute(*leave.select(Count(leave.id), where=(
                    (leave.station == station)
                    & (leave.type == 'personal')
                    & (leave.state == 'approved')
                    & (leave.date_from >= start_dt)
                    & (leave.date_from < end_dt))))
        leaves, = cursor.fetchone()
        cursor.execute(*trip.select(Count(trip.id), where=(
                    (trip.station == station)
                    & trip.state.in_(['approved', 'returned', 'done'])
                    & (trip.date_from >= start)
                    & (trip.date_from <= end))))
        trips, = cursor.fetchone()
        return {
            'headcount': staff,
            'quota': int(quota or 0),
            'leaves': leaves,
            'trips': trips,
            }

    @classmethod
    @ModelView.button
    def compute(cls, reports):
        # the figures HQ received stay as they were
        reports = [r for r in reports if r.state == 'draft']
        for report in reports:
            for name, value in report._get_figures().items():
                setattr(report, name, value)
            report.computed_at = dt.datetime.now()
        cls.save(reports)

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, reports):
        cls.write(reports, {
                'submitted_by': None,
                'submitted_on': None,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, reports):
        pool = Pool()
        Date = pool.get('ir.date')
        for report in reports:
            if not report.service or not report.plan:
                raise MonthlyReportError(gettext(
                        'station_hr.msg_monthly_report_text',
                        report=report.rec_name))
        # HQ receives the figures as they are at submission
        cls.compute(reports)
        cls.write(reports, {
                'submitted_by': Transaction().user or None,
                'submitted_on': Date.today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('received')
    def receive(cls, reports):
        cls.write(reports, {
                'received_by': Transaction().user or None,
                'received_at': dt.datetime.now(),
                })


def _amount(value):
    return Decimal(str(value or 0)).quantize(Decimal('0.01'))


class MonthlyReportService(metaclass=PoolMeta):
    __name__ = 'station.monthly.report'

    def _get_figures(self):
        pool = Pool()
        Order = pool.get('station.service.order')
        Payment = pool.get('station.service.payment')
        Complaint = pool.get('station.complaint')
        figures = super()._get_figures()
        start, end = self.period
        start_dt = dt.datetime.combine(start, dt.time())
        end_dt = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
        order = Order.__table__()
        payment = Payment.__table__()
        complaint = Complaint.__table__()
        cursor = Transaction().connection.cursor()
        station = self.station.id

        cursor.execute(*order.select(Count(order.id), where=(
                    (order.station == station)
                    & (order.state != 'cancelled')
                    & (order.intake_date >= start)
                    & (order.intake_date <= end))))
        figures['orders'], = cursor.fetchone()
        cursor.execute(*order.select(Count(order.id), where=(
                    (order.station == station)
                    & (order.delivered_at >= start_dt)
                    & (order.delivered_at < end_dt))))
        figures['orders_delivered'], = cursor.fetchone()
        cursor.execute(*payment.select(
                Sum(payment.amount), where=(
                    (payment.station == station)
                    & (payment.date >= start)
                    & (payment.date <= end))))
        figures['takings'] = _amount(cursor.fetchone()[0])
        cursor.execute(*complaint.select(Count(complaint.id), where=(
                    (complaint.station == station)
                    & (complaint.received_at >= start_dt)
                    & (complaint.received_at < end_dt))))
        figures['complaints'], = cursor.fetchone()
        return figures


class MonthlyReportFinance(metaclass=PoolMeta):
    __name__ = 'station.monthly.report'

    def _get_figures(self):
        pool = Pool()
        Expense = pool.get('station.expense')
        figures = super()._get_figures()
        start, end = self.period
        expense = Expense.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*expense.select(
                Sum(expense.amount), where=(
                    (expense.station == self.station.id)
                    & (expense.state != 'cancelled')
                    & (expense.date >= start)
                    & (expense.date <= end))))
        figures['expenses'] = _amount(cursor.fetchone()[0])
        return figures
