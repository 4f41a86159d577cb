# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from decimal import Decimal

from trytond.model import fields
from trytond.pool import PoolMeta


class Station(metaclass=PoolMeta):
    __name__ = 'station.station'

    cash_limit = fields.Numeric(
        "Cash Limit", digits=(16, 2), required=True,
        domain=[('cash_limit', '>=', 0)],
        help="Cash above this amount is deposited the same day (R35).")

    @classmethod
    def default_cash_limit(cls):
        return Decimal(500)
