# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Headcount (人员编制): positions per station and hiring requests (R50)"
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from addons.station.approval import ApprovalMixin
from addons.station.model import StationMixin

from .exceptions import HeadcountError

ROLES = [
    ('manager', "Station Manager"),
    ('clerk', "Finance & Parts Clerk"),
    ('technician', "Technician"),
    ('receptionist', "Receptionist"),
    ('other', "Other"),
    ]


class Headcount(StationMixin, ModelSQL, ModelView):
    "Station Headcount"
    __name__ = 'station.headcount'

    name = fields.Char("Position", required=True)
    role = fields.Selection(ROLES, "Role", required=True)
    quota = fields.Integer(
        "Quota", required=True,
        domain=[('quota', '>=', 0)],
        help="The number of employees HQ filed for the position.")
    employees = fields.One2Many(
        'company.employee', 'position', "Employees", readonly=True)
    occupied = fields.Function(
        fields.Integer("Occupied"), 'get_occupied')
    vacant = fields.Function(fields.Integer("Vacant"), 'get_occupied')
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('station_name_unique', Unique(t, t.station, t.name),
                'station_hr.msg_headcount_name_unique'),
            ]
        cls._order.insert(0, ('name', 'ASC'))

    @classmethod
    def default_quota(cls):
        return 1

    @classmethod
    def default_role(cls):
        return 'technician'

    def get_rec_name(self, name):
        return '%s - %s' % (self.station.code, self.name)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('name', operator, operand, *extra),
            ('station.code', operator, operand, *extra),
            ]

    @classmethod
    def count_occupied(cls, positions, date=None):
        "Return the number of employees holding each position at date"
        pool = Pool()
        Date = pool.get('ir.date')
        Employee = pool.get('company.employee')
        if date is None:
            date = Date.today()
        result = {p.id: 0 for p in positions}
        with Transaction().set_context(active_test=False):
            employees = Employee.search([
                    ('position', 'in', [p.id for p in positions]),
                    ['OR',
                        ('end_date', '=', None),
                        ('end_date', '>=', date),
                        ],
                    ])
        for employee in employees:
            result[employee.position.id] += 1
        return result

    @classmethod
    def get_occupied(cls, positions, names):
        occupied = cls.count_occupied(positions)
        result = {'occupied': occupied}
        result['vacant'] = {
            p.id: (p.quota or 0) - occupied[p.id] for p in positions}
        return {n: result[n] for n in names}


class Employee(metaclass=PoolMeta):
    __name__ = 'company.employee'

    position = fields.Many2One(
        'station.headcount', "Position", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        help="The position of the station's headcount the employee holds.")


class HiringRequest(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Hiring or Dismissal Request"
    __name__ = 'station.hiring.request'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    type = fields.Selection([
            ('hiring', "Hiring"),
            ('dismissal', "Dismissal"),
            ], "Type", required=True, states=_states)
    position = fields.Many2One(
        'station.headcount', "Position", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states={
            'readonly': Eval('state') != 'draft',
            'required': Eval('type') == 'hiring',
            })
    party = fields.Many2One(
        'party.party', "Candidate", ondelete='RESTRICT',
        states={
            'readonly': Eval('state') != 'draft',
            'required': Eval('type') == 'hiring',
            'invisible': Eval('type') != 'hiring',
            })
    employee = fields.Many2One(
        'company.employee', "Employee", ondelete='RESTRICT',
        domain=[
            If(Eval('type') == 'dismissal',
                ('station', '=', Eval('station', -1)),
                ()),
            ],
        states={
            'readonly': ((Eval('state') != 'draft')
                | (Eval('type') == 'hiring')),
            'required': Eval('type') == 'dismissal',
            },
        help="The employee dismissed, or hired once approved.")
    date = fields.Date(
        "Date", required=True, states=_states,
        help="The first working day for a hiring, "
        "the last one for a dismissal.")
    reason = fields.Text("Reason", states=_states)
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
        cls._order.insert(0, ('date', 'DESC'))
        cls._transitions |= {
            ('draft', 'requested'),
            ('requested', 'approved'),
            ('requested', 'rejected'),
            ('requested', 'draft'),
            ('rejected', 'draft'),
            ('cancelled', 'draft'),
            ('draft', 'cancelled'),
            ('requested', 'cancelled'),
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
                    'invisible': ~Eval('state').in_(['draft', 'requested']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_type(cls):
        return 'hiring'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        who = self.party or self.employee
        return '%s: %s (%s)' % (
            self.station.code, who.rec_name if who else '', self.date)

    @fields.depends('type', 'employee', 'position')
    def on_change_employee(self):
        if self.type == 'dismissal' and self.employee:
            self.position = self.employee.position

    @classmethod
    def check_modification(cls, mode, requests, values=None, external=False):
        super().check_modification(
            mode, requests, values=values, external=external)
        if mode == 'delete':
            for request in requests:
                if request.state not in {'draft', 'cancelled'}:
                    raise HeadcountError(gettext(
                            'station_hr.msg_hiring_delete',
                            request=request.rec_name))

    @classmethod
    def check_quota(cls, requests, pending=True):
        "Refuse hirings that take their position past its quota (R50)"
        pool = Pool()
        Headcount = pool.get('station.headcount')
        for request in requests:
            if request.type != 'hiring':
                continue
            position = request.position
            occupied = Headcount.count_occupied(
                [position], date=request.date)[position.id]
            others = 0
            if pending:
                others = cls.search_count([
                        ('position', '=', position.id),
                        ('type', '=', 'hiring'),
                        ('state', '=', 'requested'),
                        ('id', '!=', request.id),
                        ])
            if occupied + others + 1 > position.quota:
                raise HeadcountError(gettext(
                        'station_hr.msg_hiring_quota',
                        request=request.rec_name,
                        position=position.rec_name,
                        quota=position.quota,
                        occupied=occupied + others))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, requests):
        cls.write(requests, {'approved_by': None, 'approved_at': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('requested')
    def request(cls, requests):
        cls.check_quota(requests)
        cls.write(requests, {'requested_by': Transaction().user or None})

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, requests):
        pool = Pool()
        Employee = pool.get('company.employee')
        cls.check_quota(requests, pending=False)
        for request in requests:
            if request.type == 'hiring':
                employee = Employee(
                    party=request.party,
                    company=request.station.company,
                    station=request.station,
                    position=request.position,
                    start_date=request.date)
                employee.save()
                request.employee = employee
            else:
                employee = request.employee
                employee.end_date = request.date
                employee.save()
            request.approved_by = Transaction().user or None
            request.approved_at = dt.datetime.now()
        cls.save(requests)

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, requests):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, requests):
        pass
