# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"R20: the monthly service plan and parts allocation plan of a station"
import datetime

from dateutil.relativedelta import relativedelta

from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Workflow, fields, sequence_ordered)
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from addons.station.approval import DecisionLogMixin
from addons.station.guard import ClientGuardMixin
from addons.station.model import StationMixin

from .exceptions import ServicePlanError


class ServicePlan(
        StationMixin, DecisionLogMixin, Workflow, ModelSQL, ModelView):
    "Monthly Service Plan"
    __name__ = 'station.service.plan'
    _logged_buttons = {'approve', 'reject'}
    _button_requires = {'reject': ['hq_comment']}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    month = fields.Date(
        "Month", required=True, states=_states,
        help="The first day of the planned month.")
    planned_orders = fields.Integer(
        "Planned Orders", required=True, states=_states,
        domain=[('planned_orders', '>=', 0)])
    planned_visits = fields.Integer(
        "Planned Return Visits", required=True, states=_states,
        domain=[('planned_visits', '>=', 0)])
    actual_orders = fields.Function(
        fields.Integer("Actual Orders"), 'get_actuals')
    actual_visits = fields.Function(
        fields.Integer("Actual Return Visits"), 'get_actuals')
    notes = fields.Text("Notes", states=_states)
    lines = fields.One2Many(
        'station.service.plan.line', 'plan', "Parts Allocation",
        states={
            # HQ allocates on the lines of a submitted plan; what each
            # line's fields allow says the rest
            'readonly': ~Eval('state').in_(['draft', 'submitted']),
            })
    hq_comment = fields.Text("HQ Comment", states={
            'readonly': Eval('state') != 'submitted',
            })
    submitted_by = fields.Many2One(
        'res.user', "Submitted By", readonly=True, ondelete='RESTRICT')
    submitted_at = fields.Timestamp("Submitted At", readonly=True)
    approved_by = fields.Many2One(
        'res.user', "Decided By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp("Decided At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('approved', "Approved"),
            ('rejected', "Rejected"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order = [('month', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'approved'),
            ('submitted', 'rejected'),
            ('rejected', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'rejected',
                    'icon': 'tryton-undo',
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
    def default_month(cls):
        today = Pool().get('ir.date').today()
        return today.replace(day=1) + relativedelta(months=1)

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_planned_orders(cls):
        return 0

    @classmethod
    def default_planned_visits(cls):
        return 0

    def get_rec_name(self, name):
        return '%s %s' % (
            self.station.rec_name if self.station else '',
            self.month.strftime('%Y-%m') if self.month else '')

    @classmethod
    def get_actuals(cls, plans, names):
        pool = Pool()
        Order = pool.get('station.service.order')
        Visit = pool.get('station.customer.visit')
        result = {n: {} for n in names}
        for plan in plans:
            start = plan.month.replace(day=1)
            end = start + relativedelta(months=1)
            if 'actual_orders' in names:
                result['actual_orders'][plan.id] = Order.search_count([
                        ('station', '=', plan.station.id),
                        ('intake_date', '>=', start),
                        ('intake_date', '<', end),
                        ('state', '!=', 'cancelled'),
                        ])
            if 'actual_visits' in names:
                result['actual_visits'][plan.id] = Visit.search_count([
                        ('station', '=', plan.station.id),
                        ('date', '>=', start),
                        ('date', '<', end),
                        ('state', '=', 'done'),
                        ])
        return result

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if values.get('month'):
            values['month'] = values['month'].replace(day=1)
        return values

    @classmethod
    def validate_fields(cls, plans, field_names):
        super().validate_fields(plans, field_names)
        if field_names & {'station', 'month'}:
            for plan in plans:
                others = cls.search([
                        ('station', '=', plan.station.id),
                        ('month', '=', plan.month),
                        ('id', '!=', plan.id),
                        ('state', '!=', 'rejected'),
                        ], limit=1)
                if others:
                    raise ServicePlanError(gettext(
                            'station_service.msg_plan_month_unique',
                            plan=plan.rec_name))

    @classmethod
    def check_modification(cls, mode, plans, values=None, external=False):
        super().check_modification(
            mode, plans, values=values, external=external)
        if mode == 'delete':
            for plan in plans:
                if plan.state != 'draft':
                    raise ServicePlanError(gettext(
                            'station_service.msg_plan_delete',
                            plan=plan.rec_name))

    @classmethod
    def _stamp(cls, plans, verb):
        cls.write(plans, {
                '%s_by' % verb: Transaction().user,
                '%s_at' % verb: datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, plans):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, plans):
        cls._stamp(plans, 'submitted')

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, plans):
        "HQ allocates the parts: unset quantities are approved as requested"
        pool = Pool()
        Line = pool.get('station.service.plan.line')
        lines = []
        for plan in plans:
            for line in plan.lines:
                if line.approved_quantity is None:
                    line.approved_quantity = line.quantity
                    lines.append(line)
        Line.save(lines)
        cls._stamp(plans, 'approved')

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, plans):
        for plan in plans:
            if not (plan.hq_comment or '').strip():
                raise ServicePlanError(gettext(
                        'station_service.msg_plan_reject_comment',
                        plan=plan.rec_name))
        cls._stamp(plans, 'approved')


class ServicePlanLine(
        ClientGuardMixin, sequence_ordered(), ModelSQL, ModelView):
    "Parts Allocation Plan Line"
    __name__ = 'station.service.plan.line'

    plan = fields.Many2One(
        'station.service.plan', "Plan", required=True, ondelete='CASCADE',
        states={
            'readonly': Eval('id', -1) >= 0,
            })
    product = fields.Many2One(
        'product.product', "Part", required=True, ondelete='RESTRICT',
        domain=[('type', '=', 'goods')],
        states={
            'readonly': Eval('plan_state') != 'draft',
            })
    quantity = fields.Float(
        "Requested Quantity", digits='unit', required=True,
        domain=[('quantity', '>', 0)],
        states={
            'readonly': Eval('plan_state') != 'draft',
            })
    approved_quantity = fields.Float(
        "Allocated Quantity", digits='unit',
        domain=['OR',
            ('approved_quantity', '=', None),
            ('approved_quantity', '>=', 0),
            ],
        states={
            'readonly': Eval('plan_state') != 'submitted',
            },
        help="Set by HQ Service Management.")
    unit = fields.Function(
        fields.Many2One('product.uom', "Unit"), 'on_change_with_unit')
    plan_state = fields.Function(
        fields.Selection('get_plan_states', "Plan State"),
        'on_change_with_plan_state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('plan')

    @classmethod
    def get_plan_states(cls):
        Plan = Pool().get('station.service.plan')
        return Plan.fields_get(['state'])['state']['selection']

    @fields.depends('plan', '_parent_plan.state')
    def on_change_with_plan_state(self, name=None):
        if self.plan:
            return self.plan.state

    @fields.depends('product')
    def on_change_with_unit(self, name=None):
        if self.product:
            return self.product.default_uom
