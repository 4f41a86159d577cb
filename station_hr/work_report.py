# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Weekly work reports reviewed by the manager (R56)"
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import DecisionLogMixin
from addons.station.model import StationMixin

from .common import in_group, user_employees
from .exceptions import HRApprovalError, WorkReportError


def week_start(date):
    "Return the Monday of the week of date"
    return date - dt.timedelta(days=date.weekday())


class WorkReport(
        StationMixin, DecisionLogMixin, Workflow, ModelSQL, ModelView):
    "Weekly Work Report"
    __name__ = 'station.work.report'
    _button_requires = {'review': ['annotation']}
    _logged_buttons = {'review'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states=_states)
    week = fields.Date(
        "Week", required=True, states=_states,
        help="The Monday of the week reported.")
    work_done = fields.Text("Work Done", required=True, states=_states)
    problems = fields.Text("Problems", states=_states)
    next_week = fields.Text("Next Week's Plan", states=_states)
    timesheet_hours = fields.Function(
        fields.TimeDelta("Timesheet Hours",
            help="The hours the employee entered in the timesheet "
            "for the week."),
        'get_timesheet_hours')
    annotation = fields.Text(
        "Manager's Annotation",
        states={
            'readonly': Eval('state') != 'submitted',
            })
    submitted_at = fields.Timestamp("Submitted At", readonly=True)
    reviewed_by = fields.Many2One(
        'res.user', "Reviewed By", readonly=True, ondelete='RESTRICT')
    reviewed_at = fields.Timestamp("Reviewed At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('reviewed', "Reviewed"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls.station.states = cls._states
        cls._sql_constraints += [
            ('employee_week_unique', Unique(t, t.employee, t.week),
                'station_hr.msg_work_report_unique'),
            ]
        cls._order.insert(0, ('week', 'DESC'))
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'draft'),
            ('submitted', 'reviewed'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'review': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_week(cls):
        return week_start(Pool().get('ir.date').today())

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
        return '%s: %s' % (self.employee.rec_name, self.week)

    @classmethod
    def get_timesheet_hours(cls, reports, name):
        pool = Pool()
        Line = pool.get('timesheet.line')
        result = {}
        for report in reports:
            # the report is readable: so are its week's hours
            with without_check_access():
                lines = Line.search([
                        ('employee', '=', report.employee.id),
                        ('date', '>=', report.week),
                        ('date', '<=', report.week + dt.timedelta(days=6)),
                        ])
            result[report.id] = sum(
                (l.duration for l in lines), dt.timedelta())
        return result

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('employee.rec_name',) + tuple(clause[1:])]

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if values.get('week'):
            values['week'] = week_start(values['week'])
        return values

    @classmethod
    def check_modification(cls, mode, reports, values=None, external=False):
        super().check_modification(
            mode, reports, values=values, external=external)
        if (mode == 'write' and external and 'annotation' in values
                and not in_group('manager', 'station_admin')):
            raise WorkReportError(gettext(
                    'station_hr.msg_work_report_annotation'))
        if mode == 'delete':
            for report in reports:
                if report.state != 'draft':
                    raise WorkReportError(gettext(
                            'station_hr.msg_work_report_delete',
                            report=report.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, reports):
        cls.write(reports, {'submitted_at': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, reports):
        cls.write(reports, {'submitted_at': dt.datetime.now()})

    @classmethod
    @ModelView.button
    @Workflow.transition('reviewed')
    def review(cls, reports):
        employees = user_employees()
        for report in reports:
            if report.employee.id in employees:
                raise HRApprovalError(gettext(
                        'station_hr.msg_approve_own',
                        record=report.rec_name, button='review'))
            if not (report.annotation or '').strip():
                # R56: the manager reviews and annotates each report
                raise WorkReportError(gettext(
                        'station_hr.msg_work_report_review_annotation',
                        report=report.rec_name))
        cls.write(reports, {
                'reviewed_by': Transaction().user or None,
                'reviewed_at': dt.datetime.now(),
                })
