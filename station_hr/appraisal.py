# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Appraisals (考核, R54)"
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction, without_check_access

from addons.station.guard import ClientGuardMixin
from addons.station.model import StationMixin

from .common import in_group, user_employees
from .exceptions import AppraisalError, HRApprovalError


class Appraisal(StationMixin, Workflow, ModelSQL, ModelView):
    "Appraisal"
    __name__ = 'station.appraisal'
    _button_requires = {'submit': ['lines'], 'discuss': ['feedback']}
    _station_date_field = 'due_date'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states=_states)
    period_start = fields.Date(
        "Period Start", required=True, states=_states,
        domain=[
            If(Eval('period_end'),
                ('period_start', '<=', Eval('period_end')),
                ()),
            ])
    period_end = fields.Date(
        "Period End", required=True, states=_states,
        domain=[
            If(Eval('period_start'),
                ('period_end', '>=', Eval('period_start')),
                ()),
            ])
    due_date = fields.Date(
        "Due Date", required=True, states=_states,
        help="When the result must reach HQ.")
    lines = fields.One2Many(
        'station.appraisal.line', 'appraisal', "Criteria", states=_states)
    total = fields.Function(
        fields.Numeric("Total", digits=(16, 2),
            help="The weighted average of the scores."),
        'get_total')
    comment = fields.Text("Comment", states=_states)
    submitted_by = fields.Many2One(
        'res.user', "Appraised By", readonly=True, ondelete='RESTRICT')
    submitted_on = fields.Date("Submitted On", readonly=True)
    late = fields.Function(
        fields.Boolean("Late"), 'get_late', searcher='search_late')
    feedback = fields.Text(
        "Feedback Talk",
        states={
            'readonly': Eval('state') != 'submitted',
            },
        help="What was discussed with the employee.")
    feedback_on = fields.Date("Feedback On", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('discussed', "Discussed"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order.insert(0, ('period_end', 'DESC'))
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'discussed'),
            ('submitted', 'draft'),
            ('draft', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(
                        ['submitted', 'cancelled']),
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'discuss': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    def get_rec_name(self, name):
        return '%s: %s – %s' % (
            self.employee.rec_name, self.period_start, self.period_end)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('employee.rec_name',) + tuple(clause[1:])]

    @classmethod
    def get_total(cls, appraisals, names):
        totals = {}
        for appraisal in appraisals:
            weight = sum((l.weight or 0 for l in appraisal.lines), Decimal(0))
            score = sum(((l.weight or 0) * (l.score or 0)
                    for l in appraisal.lines), Decimal(0))
            totals[appraisal.id] = (
                (score / weight).quantize(Decimal('0.01'))
                if weight else None)
        return {'total': totals}

    def get_late(self, name):
        pool = Pool()
        Date = pool.get('ir.date')
        if self.state == 'cancelled':
            return False
        if self.submitted_on:
            return self.submitted_on > self.due_date
        return Date.today() > self.due_date

    @classmethod
    def search_late(cls, name, clause):
        pool = Pool()
        Date = pool.get('ir.date')
        _, operator, value = clause
        if operator not in {'=', '!='}:
            return []
        with without_check_access():
            appraisals = cls.search([
                    ('due_date', '<', Date.today()),
                    ('state', '!=', 'cancelled'),
                    ])
            late = [a.id for a in appraisals if a.late]
        if (operator == '=') == bool(value):
            return [('id', 'in', late)]
        return [('id', 'not in', late)]

    @classmethod
    def check_appraiser(cls, appraisals):
        """The manager appraises the staff, HQ Service Management the manager,
        HQ Service Management and Finance the clerk; nobody themselves
        (R54)"""
        if not Transaction().user:
            return
        employees = user_employees()
        for appraisal in appraisals:
            employee = appraisal.employee
            station = appraisal.station
            if employee.id in employees:
                allowed = False
            elif station.manager and employee == station.manager:
                allowed = in_group('hq_service', 'station_admin')
            elif station.clerk and employee == station.clerk:
                allowed = in_group('hq_service', 'hq_finance', 'station_admin')
            else:
                allowed = in_group('manager', 'hq_service', 'station_admin')
            if not allowed:
                raise HRApprovalError(gettext(
                        'station_hr.msg_appraisal_appraiser',
                        appraisal=appraisal.rec_name))

    @classmethod
    def check_modification(
            cls, mode, appraisals, values=None, external=False):
        super().check_modification(
            mode, appraisals, values=values, external=external)
        if external and mode in {'create', 'write'}:
            cls.check_appraiser(appraisals)
        if mode == 'delete':
            for appraisal in appraisals:
                if appraisal.state not in {'draft', 'cancelled'}:
                    raise AppraisalError(gettext(
                            'station_hr.msg_appraisal_delete',
                            appraisal=appraisal.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, appraisals):
        cls.check_appraiser(appraisals)
        cls.write(appraisals, {'submitted_by': None, 'submitted_on': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, appraisals):
        pool = Pool()
        Date = pool.get('ir.date')
        cls.check_appraiser(appraisals)
        for appraisal in appraisals:
            if not appraisal.lines:
                raise AppraisalError(gettext(
                        'station_hr.msg_appraisal_no_criteria',
                        appraisal=appraisal.rec_name))
        cls.write(appraisals, {
                'submitted_by': Transaction().user or None,
                'submitted_on': Date.today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('discussed')
    def discuss(cls, appraisals):
        pool = Pool()
        Date = pool.get('ir.date')
        cls.check_appraiser(appraisals)
        for appraisal in appraisals:
            if not appraisal.feedback:
                raise AppraisalError(gettext(
                        'station_hr.msg_appraisal_feedback_missing',
                        appraisal=appraisal.rec_name))
        cls.write(appraisals, {'feedback_on': Date.today()})

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, appraisals):
        cls.check_appraiser(appraisals)


class AppraisalLine(ClientGuardMixin, ModelSQL, ModelView):
    "Appraisal Criterion"
    __name__ = 'station.appraisal.line'

    appraisal = fields.Many2One(
        'station.appraisal', "Appraisal", required=True, ondelete='CASCADE')
    criterion = fields.Char("Criterion", required=True)
    weight = fields.Numeric(
        "Weight", digits=(16, 2), required=True,
        domain=[('weight', '>', 0)])
    score = fields.Numeric(
        "Score", digits=(16, 2), required=True,
        domain=[('score', '>=', 0), ('score', '<=', 100)],
        help="From 0 to 100.")
    comment = fields.Char("Comment")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('appraisal')

    @classmethod
    def default_weight(cls):
        return Decimal(1)
