# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import DeactivableMixin, ModelSQL, ModelView, Unique, fields
from trytond.pyson import Eval

from addons.station.guard import ClientGuardMixin


class ExpenseCategory(ClientGuardMixin, DeactivableMixin, ModelSQL, ModelView):
    "Station Expense Category"
    __name__ = 'station.expense.category'
    # HQ's catalogue of expense categories, the same for every station
    _station_shared = True

    code = fields.Char("Code", required=True, strip=True)
    name = fields.Char("Name", required=True, translate=True)
    earmarked = fields.Boolean(
        "Earmarked",
        help="Money budgeted for this category is never spent "
        "on another category (R33).")
    employee_cap = fields.Numeric(
        "Monthly Cap per Employee", digits=(16, 2),
        domain=['OR',
            ('employee_cap', '=', None),
            ('employee_cap', '>=', 0),
            ],
        help="Allowances reimbursed at actual up to this amount per "
        "employee and month (R39: communication 300 yuan); "
        "expenses of the category then name the employee.")
    account = fields.Many2One(
        'account.account', "Account", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('context', {}).get('company', -1)),
            ('type.expense', '=', True),
            ('closed', '!=', True),
            ],
        help="The expense account the paid expenses of the category are "
        "posted to, with the station's analytic account.")
    description = fields.Text("Description", translate=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'station_finance.msg_category_code_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))

    @classmethod
    def default_earmarked(cls):
        return False

    def get_rec_name(self, name):
        return self.name

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
            ]
