# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from decimal import Decimal

from trytond.model import fields
from trytond.pool import PoolMeta
from trytond.pyson import Eval


class Station(metaclass=PoolMeta):
    __name__ = 'station.station'

    cash_limit = fields.Numeric(
        "Cash Limit", digits=(16, 2), required=True,
        domain=[('cash_limit', '>=', 0)],
        help="Cash above this amount is deposited the same day (R35).")
    finance_journal = fields.Many2One(
        'account.journal', "Finance Journal", ondelete='RESTRICT',
        help="The journal of the account moves of the station's paid "
        "expenses; with a cash account, paying an expense posts it.")
    cash_account = fields.Many2One(
        'account.account', "Cash Account", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type', '!=', None),
            ('closed', '!=', True),
            ],
        help="The account the station's expenses are paid from.")

    @classmethod
    def default_cash_limit(cls):
        return Decimal(500)
