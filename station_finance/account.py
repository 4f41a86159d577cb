# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The stations' money in Tryton's accounting: paid expenses are moves on
the station's analytic account (expense.py), approved declarations are the
station's ``account.budget`` whose actual amounts are the moves of that
analytic account."""
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

ANALYTIC_KEY = 'station_analytic_account'


class Move(metaclass=PoolMeta):
    __name__ = 'account.move'

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + ['station.expense']


class MoveLine(metaclass=PoolMeta):
    __name__ = 'account.move.line'

    @classmethod
    def query_get(cls, table):
        "Keep the lines of the station's analytic account for its budget"
        pool = Pool()
        AnalyticLine = pool.get('analytic_account.line')
        where, fiscalyear_ids = super().query_get(table)
        analytic_account = Transaction().context.get(ANALYTIC_KEY)
        if analytic_account:
            analytic_line = AnalyticLine.__table__()
            where &= table.id.in_(analytic_line.select(
                    analytic_line.move_line,
                    where=analytic_line.account == analytic_account))
        return where, fiscalyear_ids


class Budget(metaclass=PoolMeta):
    __name__ = 'account.budget'

    station = fields.Many2One(
        'station.station', "Station", readonly=True, ondelete='RESTRICT',
        help="The station whose approved monthly declarations fill the "
        "budget; its actual amounts are the moves of the station's "
        "analytic account.")


def _analytic_key(budget):
    station = budget.station
    if station and station.analytic_account:
        return station.analytic_account.id
    return 0


class BudgetLine(metaclass=PoolMeta):
    __name__ = 'account.budget.line'

    @classmethod
    def _get_amount_group_key(cls, record):
        # the keys are the context of the amount query (query_get)
        return super()._get_amount_group_key(record) + (
            (ANALYTIC_KEY, _analytic_key(record.budget)),)


class BudgetLinePeriod(metaclass=PoolMeta):
    __name__ = 'account.budget.line.period'

    @classmethod
    def _get_amount_group_key(cls, record):
        return super()._get_amount_group_key(record) + (
            (ANALYTIC_KEY, _analytic_key(record.budget_line.budget)),)
