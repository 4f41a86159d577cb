# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Leave and work-hour absence (R52)"
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from addons.station.approval import ApprovalMixin
from addons.station.model import StationMixin

from .common import in_group, user_employees
from .exceptions import HRApprovalError, LeaveError


def check_approver(records, button):
    """Refuse the approval of one's own record and, but for HQ Service
    Management, of the station manager's record (R52, R53)"""
    transaction = Transaction()
    if not transaction.user:
        return
    employees = user_employees()
    hq = in_group('hq_service')
    for record in records:
        if record.employee.id in employees:
            raise HRApprovalError(gettext(
                    'station_hr.msg_approve_own',
                    record=record.rec_name, button=button))
        manager = record.station.manager
        if not hq and manager and record.employee == manager:
            raise HRApprovalError(gettext(
                    'station_hr.msg_approve_manager_hq',
                    record=record.rec_name, button=button))


class Leave(StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Leave and Absence"
    __name__ = 'station.leave'
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
    type = fields.Selection([
            ('absence', "Work-Hour Absence"),
            ('personal', "Personal Leave"),
            ], "Type", required=True, states=_states,
        help="A work-hour absence is declared to the manager, "
        "a personal leave needs approval.")
    date_from = fields.DateTime(
        "From", required=True, states=_states,
        domain=[
            If(Eval('date_to'),
                ('date_from', '<=', Eval('date_to')),
                ()),
            ])
    date_to = fields.DateTime(
        "To", required=True, states=_states,
        domain=[
            If(Eval('date_from'),
                ('date_to', '>=', Eval('date_from')),
                ()),
            ])
    destination = fields.Char("Destination", required=True, states=_states)
    expected_return = fields.DateTime(
        "Expected Return", required=True, states=_states)
    contact = fields.Char(
        "Contact", required=True, states=_states,
        help="How to reach the employee during the absence.")
    reason = fields.Text("Reason", states=_states)
    declared_at = fields.Timestamp("Declared At", readonly=True)
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp("Approved At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('declared', "Declared"),
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
            ('draft', 'declared'),
            ('draft', 'requested'),
            ('requested', 'approved'),
            ('requested', 'rejected'),
            ('requested', 'draft'),
            ('rejected', 'draft'),
            ('cancelled', 'draft'),
            ('draft', 'cancelled'),
            ('declared', 'cancelled'),
            ('requested', 'cancelled'),
            ('approved', 'cancelled'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(
                        ['requested', 'rejected', 'cancelled']),
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'declare': {
                    'invisible': ((Eval('state') != 'draft')
                        | (Eval('type') != 'absence')),
                    'icon': 'tryton-forward',
                    'depends': ['state', 'type'],
                    },
                'request': {
                    'invisible': ((Eval('state') != 'draft')
                        | (Eval('type') != 'personal')),
                    'icon': 'tryton-forward',
                    'depends': ['state', 'type'],
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
                        ['draft', 'declared', 'requested', 'approved']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_type(cls):
        return 'absence'

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
    def default_date_from(cls):
        return dt.datetime.now().replace(microsecond=0)

    def get_rec_name(self, name):
        return '%s: %s' % (self.employee.rec_name, self.date_from)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('employee.rec_name',) + tuple(clause[1:])]

    @fields.depends('date_to', 'expected_return')
    def on_change_date_to(self):
        if self.date_to and not self.expected_return:
            self.expected_return = self.date_to

    @classmethod
    def validate_fields(cls, leaves, field_names):
        super().validate_fields(leaves, field_names)
        for leave in leaves:
            if leave.date_to < leave.date_from:
                raise LeaveError(gettext(
                        'station_hr.msg_leave_dates', leave=leave.rec_name))

    @classmethod
    def check_modification(cls, mode, leaves, values=None, external=False):
        super().check_modification(
            mode, leaves, values=values, external=external)
        if mode == 'delete':
            for leave in leaves:
                if leave.state not in {'draft', 'cancelled'}:
                    raise LeaveError(gettext(
                            'station_hr.msg_leave_delete',
                            leave=leave.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, leaves):
        cls.write(leaves, {
                'approved_by': None,
                'approved_at': None,
                'declared_at': None,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('declared')
    def declare(cls, leaves):
        # a work-hour absence is declared to the manager, not approved
        cls.write(leaves, {'declared_at': dt.datetime.now()})

    @classmethod
    @ModelView.button
    @Workflow.transition('requested')
    def request(cls, leaves):
        cls.write(leaves, {'requested_by': Transaction().user or None})

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, leaves):
        check_approver(leaves, 'approve')
        cls.write(leaves, {
                'approved_by': Transaction().user or None,
                'approved_at': dt.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, leaves):
        check_approver(leaves, 'reject')

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, leaves):
        pass
