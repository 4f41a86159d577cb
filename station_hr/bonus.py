# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Bonus distribution plans (R55)"
import datetime as dt
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval, Id
from trytond.transaction import Transaction

from addons.station.approval import ApprovalMixin
from addons.station.guard import ClientGuardMixin
from addons.station.model import StationMixin

from .common import in_group, month_start
from .exceptions import BonusPlanError

DIGITS = (16, 2)


class BonusPlan(StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Bonus Plan"
    __name__ = 'station.bonus.plan'
    _button_requires = {'submit': ['lines']}
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    month = fields.Date(
        "Month", required=True, states=_states,
        help="The first day of the month of the bonus.")
    pool = fields.Numeric(
        "Pool", digits=DIGITS, required=True,
        domain=[('pool', '>=', 0)],
        states={
            'readonly': ((Eval('state') != 'draft')
                | ~Id('station', 'group_hq_hr').in_(
                    Eval('context', {}).get('groups', []))),
            },
        help="The month's wage and bonus pool set by HQ HR.")
    lines = fields.One2Many(
        'station.bonus.plan.line', 'plan', "Shares", states=_states)
    total = fields.Function(
        fields.Numeric("Total", digits=DIGITS), 'get_total')
    remaining = fields.Function(
        fields.Numeric("Remaining", digits=DIGITS), 'get_total')
    opinions = fields.One2Many(
        'station.bonus.opinion', 'plan', "Opinions", readonly=True)
    notes = fields.Text("Notes", states=_states)
    submitted_by = fields.Many2One(
        'res.user', "Submitted By", readonly=True, ondelete='RESTRICT')
    submitted_at = fields.Timestamp("Submitted At", readonly=True)
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp("Approved At", readonly=True)
    paid_by = fields.Many2One(
        'res.user', "Paid By", readonly=True, ondelete='RESTRICT')
    paid_at = fields.Timestamp("Paid At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('approved', "Approved"),
            ('rejected', "Rejected"),
            ('paid', "Paid"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls.station.states = cls._states
        cls._sql_constraints += [
            ('station_month_unique', Unique(t, t.station, t.month),
                'station_hr.msg_bonus_plan_unique'),
            ]
        cls._order.insert(0, ('month', 'DESC'))
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'approved'),
            ('submitted', 'rejected'),
            ('submitted', 'draft'),
            ('rejected', 'draft'),
            ('approved', 'paid'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(['submitted', 'rejected']),
                    'icon': 'tryton-back',
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
                'pay': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_month(cls):
        return month_start(Pool().get('ir.date').today())

    @classmethod
    def default_pool(cls):
        return Decimal(0)

    def get_rec_name(self, name):
        return '%s %s' % (self.station.code, self.month.strftime('%Y-%m'))

    @classmethod
    def get_total(cls, plans, names):
        result = {n: {} for n in names}
        for plan in plans:
            total = sum((l.amount or Decimal(0) for l in plan.lines),
                Decimal(0))
            if 'total' in result:
                result['total'][plan.id] = total
            if 'remaining' in result:
                result['remaining'][plan.id] = (plan.pool or 0) - total
        return result

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if values.get('month'):
            values['month'] = month_start(values['month'])
        return values

    @classmethod
    def check_modification(cls, mode, plans, values=None, external=False):
        super().check_modification(
            mode, plans, values=values, external=external)
        if (mode == 'write' and external and 'pool' in values
                and not in_group('hq_hr', 'station_admin')):
            # R55: HQ sets the pool
            raise BonusPlanError(gettext(
                    'station_hr.msg_bonus_plan_pool_hq'))
        if mode == 'delete':
            for plan in plans:
                if plan.state != 'draft':
                    raise BonusPlanError(gettext(
                            'station_hr.msg_bonus_plan_delete',
                            plan=plan.rec_name))

    @classmethod
    def validate_fields(cls, plans, field_names):
        super().validate_fields(plans, field_names)
        cls.check_pool(plans)

    @classmethod
    def check_pool(cls, plans):
        "The shares never exceed the pool (R55)"
        for plan in plans:
            if plan.total > plan.pool:
                raise BonusPlanError(gettext(
                        'station_hr.msg_bonus_plan_over_pool',
                        plan=plan.rec_name,
                        total=plan.total,
                        pool=plan.pool))

    def technicians(self):
        "Return the employees of the shares who are technicians"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        User = pool.get('res.user')
        group = ModelData.get_id('station', 'group_technician')
        employees = {l.employee for l in self.lines}
        users = User.search([
                ('employees', 'in', [e.id for e in employees]),
                ('groups', '=', group),
                ])
        return {e for u in users for e in u.employees if e in employees}

    @classmethod
    def check_opinions(cls, plans):
        "The technicians are heard before submission (R55)"
        for plan in plans:
            heard = {o.employee for o in plan.opinions if o.opinion}
            missing = plan.technicians() - heard
            if missing:
                raise BonusPlanError(gettext(
                        'station_hr.msg_bonus_plan_opinion_missing',
                        plan=plan.rec_name,
                        employees=', '.join(sorted(
                                e.rec_name for e in missing))))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, plans):
        cls.write(plans, {
                'submitted_by': None,
                'submitted_at': None,
                'approved_by': None,
                'approved_at': None,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, plans):
        for plan in plans:
            if not plan.lines:
                raise BonusPlanError(gettext(
                        'station_hr.msg_bonus_plan_empty',
                        plan=plan.rec_name))
        cls.check_pool(plans)
        cls.check_opinions(plans)
        user = Transaction().user or None
        cls.write(plans, {
                'submitted_by': user,
                'submitted_at': dt.datetime.now(),
                'requested_by': user,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, plans):
        cls.check_pool(plans)
        cls.write(plans, {
                'approved_by': Transaction().user or None,
                'approved_at': dt.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, plans):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('paid')
    def pay(cls, plans):
        cls.write(plans, {
                'paid_by': Transaction().user or None,
                'paid_at': dt.datetime.now(),
                })


class BonusPlanLine(ClientGuardMixin, ModelSQL, ModelView):
    "Bonus Plan Share"
    __name__ = 'station.bonus.plan.line'

    plan = fields.Many2One(
        'station.bonus.plan', "Plan", required=True, ondelete='CASCADE')
    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('_parent_plan', {}).get('station', -1)),
            ])
    amount = fields.Numeric(
        "Amount", digits=DIGITS, required=True,
        domain=[('amount', '>=', 0)])
    comment = fields.Char("Comment")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('plan')
        t = cls.__table__()
        cls._sql_constraints += [
            ('plan_employee_unique', Unique(t, t.plan, t.employee),
                'station_hr.msg_bonus_line_unique'),
            ]

    @classmethod
    def default_amount(cls):
        return Decimal(0)

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if mode in {'create', 'write', 'delete'}:
            for line in lines:
                if line.plan.state != 'draft':
                    raise BonusPlanError(gettext(
                            'station_hr.msg_bonus_plan_modify',
                            plan=line.plan.rec_name))

    @classmethod
    def validate_fields(cls, lines, field_names):
        pool = Pool()
        Plan = pool.get('station.bonus.plan')
        super().validate_fields(lines, field_names)
        Plan.check_pool(Plan.browse({l.plan.id for l in lines}))


class BonusOpinion(StationMixin, ModelSQL, ModelView):
    "Bonus Plan Opinion"
    __name__ = 'station.bonus.opinion'

    plan = fields.Many2One(
        'station.bonus.plan', "Plan", required=True, ondelete='CASCADE',
        domain=[
            ('station', '=', Eval('station', -1)),
            ('state', '=', 'draft'),
            ])
    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ])
    opinion = fields.Text("Opinion", required=True)
    agree = fields.Boolean(
        "Agree", help="Ticked when the employee agrees with the proposal.")
    recorded_at = fields.Timestamp("Recorded At", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('plan_employee_unique', Unique(t, t.plan, t.employee),
                'station_hr.msg_bonus_opinion_unique'),
            ]

    @classmethod
    def default_employee(cls):
        pool = Pool()
        User = pool.get('res.user')
        user_id = Transaction().user
        if user_id:
            employee = User(user_id).employee
            if employee:
                return employee.id

    @classmethod
    def default_agree(cls):
        return True

    @fields.depends('plan', 'station')
    def on_change_plan(self):
        if self.plan:
            self.station = self.plan.station

    def get_rec_name(self, name):
        return '%s: %s' % (self.plan.rec_name, self.employee.rec_name)

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        values['recorded_at'] = dt.datetime.now()
        return values

    @classmethod
    def check_modification(cls, mode, opinions, values=None, external=False):
        super().check_modification(
            mode, opinions, values=values, external=external)
        for opinion in opinions:
            if opinion.plan.state != 'draft':
                raise BonusPlanError(gettext(
                        'station_hr.msg_bonus_plan_modify',
                        plan=opinion.plan.rec_name))
