# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Sign-in (签到) on Tryton's attendance and the monthly sheet (R51)"
import datetime as dt
from collections import defaultdict

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from addons.station.approval import ApprovalMixin
from addons.station.guard import ClientGuardMixin
from addons.station.model import StationMixin

from .common import month_start, next_month
from .exceptions import SigninError

DUE_DAY = 2


def sheet_due_date(month):
    "Return the date the sheet of month is due: the 2nd of the next month"
    return next_month(month).replace(day=DUE_DAY)


def sheet_late(month, submitted_on, today):
    "Return whether a sheet submitted on submitted_on (or not yet) is late"
    due = sheet_due_date(month)
    if submitted_on:
        return submitted_on > due
    return today > due


class SignIn(Wizard):
    "Sign In / Sign Out"
    __name__ = 'station.signin'
    start = StateTransition()
    done = StateView('station.signin.done',
        'station_hr.signin_done_view_form', [
            Button("OK", 'end', 'tryton-ok', default=True),
            ])

    def transition_start(self):
        pool = Pool()
        Line = pool.get('attendance.line')
        User = pool.get('res.user')
        user = User(Transaction().user)
        employee = user.employee
        if not employee:
            raise SigninError(gettext(
                    'station_hr.msg_signin_no_employee', user=user.rec_name))
        at = dt.datetime.now().replace(microsecond=0)
        last = Line.search([
                ('employee', '=', employee.id),
                ('at', '<=', at),
                ], order=[('at', 'DESC'), ('id', 'DESC')], limit=1)
        type_ = 'out' if last and last[0].type == 'in' else 'in'
        line = Line(
            company=employee.company, employee=employee, at=at, type=type_)
        line.save()
        self.done.line = line
        return 'done'

    def default_done(self, fields):
        return {
            'line': self.done.line.id,
            'type': self.done.line.type,
            'at': self.done.line.at,
            'employee': self.done.line.employee.id,
            }


class SignInDone(ModelView):
    "Sign In / Sign Out"
    __name__ = 'station.signin.done'

    line = fields.Many2One('attendance.line', "Attendance", readonly=True)
    employee = fields.Many2One('company.employee', "Employee", readonly=True)
    type = fields.Selection([
            ('in', "Signed In"),
            ('out', "Signed Out"),
            ], "Type", readonly=True)
    at = fields.DateTime("At", readonly=True)


class SigninSheet(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Monthly Sign-in Sheet"
    __name__ = 'station.signin.sheet'
    _button_requires = {'submit': ['lines']}
    _station_date_field = 'month'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    month = fields.Date(
        "Month", required=True, states=_states,
        help="The first day of the month of the sheet.")
    due_date = fields.Function(
        fields.Date("Due Date", help="The 2nd of the next month."),
        'on_change_with_due_date')
    lines = fields.One2Many(
        'station.signin.sheet.line', 'sheet', "Lines", states=_states)
    notes = fields.Text("Notes", states=_states)
    submitted_by = fields.Many2One(
        'res.user', "Submitted By", readonly=True, ondelete='RESTRICT')
    submitted_on = fields.Date("Submitted On", readonly=True)
    late = fields.Function(
        fields.Boolean("Late",
            help="Submitted after the 2nd of the next month, "
            "or still not submitted after it."),
        'get_late', searcher='search_late')
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp("Approved At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('approved', "Approved"),
            ('rejected', "Rejected"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls.station.states = cls._states
        cls._sql_constraints += [
            ('station_month_unique', Unique(t, t.station, t.month),
                'station_hr.msg_signin_sheet_unique'),
            ]
        cls._order.insert(0, ('month', 'DESC'))
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'approved'),
            ('submitted', 'rejected'),
            ('submitted', 'draft'),
            ('rejected', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(['submitted', 'rejected']),
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
                'approve': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reject': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_month(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        # the sheet is prepared at the start of the next month
        today = Date.today()
        return month_start(month_start(today) - dt.timedelta(days=1))

    def get_rec_name(self, name):
        return '%s %s' % (self.station.code, self.month.strftime('%Y-%m'))

    @fields.depends('month')
    def on_change_with_due_date(self, name=None):
        if self.month:
            return sheet_due_date(self.month)

    @fields.depends('month')
    def on_change_month(self):
        if self.month:
            self.month = month_start(self.month)

    def get_late(self, name):
        pool = Pool()
        Date = pool.get('ir.date')
        return sheet_late(self.month, self.submitted_on, Date.today())

    @classmethod
    def search_late(cls, name, clause):
        pool = Pool()
        Date = pool.get('ir.date')
        _, operator, value = clause
        if operator not in {'=', '!='}:
            return []
        today = Date.today()
        # sheets due before today are late unless submitted in time
        with without_check_access():
            sheets = cls.search([('month', '<', month_start(
                            today - dt.timedelta(days=DUE_DAY)))])
            late = [s.id for s in sheets if s.late]
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
    def check_modification(cls, mode, sheets, values=None, external=False):
        super().check_modification(
            mode, sheets, values=values, external=external)
        if mode == 'delete':
            for sheet in sheets:
                if sheet.state != 'draft':
                    raise SigninError(gettext(
                            'station_hr.msg_signin_sheet_delete',
                            sheet=sheet.rec_name))

    def _compute_lines(self):
        "Return the sheet lines computed from the station's attendance"
        pool = Pool()
        Attendance = pool.get('attendance.sheet')
        Calendar = pool.get('station.calendar.day')
        Employee = pool.get('company.employee')
        Line = pool.get('station.signin.sheet.line')
        Variant = pool.get('station.work_time.variant')
        start = self.month
        end = next_month(start) - dt.timedelta(days=1)
        # the hours due on each working day of the month: HQ's or the
        # station's approved variant (R51)
        company = self.station.company
        hours = {}
        date = start
        while date <= end:
            if Calendar.is_working(company, date):
                hours[date] = Variant.hours_per_work_day_at(
                    self.station, date)
            date += dt.timedelta(days=1)
        with Transaction().set_context(active_test=False):
            employees = Employee.search([
                    ('station', '=', self.station.id),
                    ['OR',
                        ('start_date', '=', None),
                        ('start_date', '<=', end),
                        ],
                    ['OR',
                        ('end_date', '=', None),
                        ('end_date', '>=', start),
                        ],
                    ], order=[('party.name', 'ASC'), ('id', 'ASC')])
        days = defaultdict(set)
        durations = defaultdict(dt.timedelta)
        for day in Attendance.search([
                    ('employee', 'in', [e.id for e in employees]),
                    ('date', '>=', start),
                    ('date', '<=', end),
                    ]):
            days[day.employee.id].add(day.date)
            durations[day.employee.id] += day.duration or dt.timedelta()

        def expected(employee):
            return [h for d, h in hours.items()
                if (not employee.start_date or employee.start_date <= d)
                and (not employee.end_date or d <= employee.end_date)]
        lines = []
        for employee in employees:
            due = expected(employee)
            lines.append(Line(
                    employee=employee,
                    days=len(days[employee.id]),
                    duration=durations[employee.id],
                    working_days=len(due),
                    expected=dt.timedelta(hours=sum(due))))
        return lines

    @classmethod
    @ModelView.button
    def compute(cls, sheets):
        pool = Pool()
        Line = pool.get('station.signin.sheet.line')
        Line.delete([l for s in sheets for l in s.lines])
        for sheet in sheets:
            sheet.lines = sheet._compute_lines()
        cls.save(sheets)

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, sheets):
        cls.write(sheets, {
                'submitted_by': None,
                'submitted_on': None,
                'approved_by': None,
                'approved_at': None,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, sheets):
        pool = Pool()
        Date = pool.get('ir.date')
        for sheet in sheets:
            if not sheet.lines:
                raise SigninError(gettext(
                        'station_hr.msg_signin_sheet_empty',
                        sheet=sheet.rec_name))
        user = Transaction().user or None
        cls.write(sheets, {
                'submitted_by': user,
                'requested_by': user,
                'submitted_on': Date.today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, sheets):
        cls.write(sheets, {
                'approved_by': Transaction().user or None,
                'approved_at': dt.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, sheets):
        pass


class SigninSheetLine(ClientGuardMixin, ModelSQL, ModelView):
    "Monthly Sign-in Sheet Line"
    __name__ = 'station.signin.sheet.line'

    sheet = fields.Many2One(
        'station.signin.sheet', "Sheet", required=True, ondelete='CASCADE')
    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT')
    days = fields.Integer("Days Present")
    working_days = fields.Integer(
        "Working Days",
        help="The working days of the month in the company calendar "
        "while the employee was employed.")
    duration = fields.TimeDelta("Hours Worked")
    expected = fields.TimeDelta(
        "Hours Due",
        help="The station's hours per work day (HQ's or its approved "
        "variant) times the working days.")
    missing = fields.Function(
        fields.TimeDelta("Hours Missing"), 'get_missing')
    notes = fields.Char("Notes")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('sheet')

    def get_missing(self, name):
        if self.expected is not None:
            return max(
                self.expected - (self.duration or dt.timedelta()),
                dt.timedelta())
