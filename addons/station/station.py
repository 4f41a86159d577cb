# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields)
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .exceptions import StationValidationError
from .guard import ClientGuardMixin


class Station(ClientGuardMixin, DeactivableMixin, ModelSQL, ModelView):
    "Service Station"
    __name__ = 'station.station'
    _rec_name = 'name'

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT')
    code = fields.Char(
        "Code", required=True, strip=True,
        help="Short unique code used in document numbers.")
    name = fields.Char("Name", required=True)
    city = fields.Char("City")
    address = fields.Text("Address")
    phone = fields.Char("Phone")
    manager = fields.Many2One(
        'company.employee', "Manager", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ])
    clerk = fields.Many2One(
        'company.employee', "Finance & Parts Clerk", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        help="Appointed by HQ; not subordinate to the manager in finance.")
    deputy = fields.Function(fields.Many2One(
            'company.employee', "Deputy",
            help="The deputy who holds the manager's approvals "
            "during the current or next approved delegation."),
        'get_delegation')
    deputy_from = fields.Function(
        fields.Date("Deputy From"), 'get_delegation')
    deputy_to = fields.Function(
        fields.Date("Deputy To"), 'get_delegation')
    delegations = fields.One2Many(
        'station.delegation', 'station', "Delegations", readonly=True)
    warehouse = fields.Many2One(
        'stock.location', "Warehouse", ondelete='RESTRICT',
        domain=[
            ('type', '=', 'warehouse'),
            ],
        help="The station's own stock of parts and products.")
    analytic_account = fields.Many2One(
        'analytic_account.account', "Analytic Account", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type', '=', 'normal'),
            ],
        help="Where the station's income and expenses are analysed.")
    employees = fields.One2Many(
        'company.employee', 'station', "Employees", readonly=True)
    users = fields.Many2Many(
        'res.user-station.station', 'station', 'user', "Users",
        readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'station.msg_station_code_unique'),
            ('warehouse_unique', Unique(t, t.warehouse),
                'station.msg_station_warehouse_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))

    @staticmethod
    def default_company():
        return Transaction().context.get('company')

    def get_rec_name(self, name):
        return '[%s] %s' % (self.code, self.name)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op,
            ('code', operator, operand, *extra),
            ('name', operator, operand, *extra),
            ('city', operator, operand, *extra),
            ]

    @classmethod
    def get_delegation(cls, stations, names):
        pool = Pool()
        Date = pool.get('ir.date')
        Delegation = pool.get('station.delegation')
        today = Date.today()
        result = {n: {s.id: None for s in stations} for n in names}
        delegations = Delegation.search([
                ('station', 'in', [s.id for s in stations]),
                ('state', '=', 'approved'),
                ('date_to', '>=', today),
                ], order=[('date_from', 'DESC')])
        for delegation in delegations:
            # the earliest current or coming delegation wins
            sid = delegation.station.id
            if 'deputy' in result:
                result['deputy'][sid] = delegation.deputy.id
            if 'deputy_from' in result:
                result['deputy_from'][sid] = delegation.date_from
            if 'deputy_to' in result:
                result['deputy_to'][sid] = delegation.date_to
        return result

    @classmethod
    def validate_fields(cls, stations, field_names):
        super().validate_fields(stations, field_names)
        if field_names & {'manager', 'clerk'}:
            for station in stations:
                if (station.manager and station.clerk
                        and station.manager == station.clerk):
                    # R41: the clerk is not the manager
                    raise StationValidationError(gettext(
                            'station.msg_station_manager_clerk',
                            station=station.rec_name))

    @classmethod
    def on_modification(cls, mode, stations, field_names=None):
        pool = Pool()
        User = pool.get('res.user')
        super().on_modification(mode, stations, field_names=field_names)
        User._station_access_cache.clear()

    @classmethod
    def copy(cls, stations, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('warehouse', None)
        default.setdefault('analytic_account', None)
        return super().copy(stations, default=default)
