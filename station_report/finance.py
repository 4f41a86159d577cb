# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Budget against actual, out-of-budget requests, cash, remittances, assets"
from sql import Cast, Literal, Null, Union
from sql.aggregate import Count, Max, Sum
from sql.conditionals import Case, Coalesce

from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool

from addons.station_xlsx.xlsx import Column, Section, XlsxReport

from .common import (
    StationReportMixin, count_if, integer, month_index, month_start, ratio,
    today)

AMOUNT = (16, 2)
RATE_DIGITS = (16, 4)


def _zero():
    return Cast(Literal(0), 'NUMERIC')


class BudgetReport(StationReportMixin, ModelSQL, ModelView):
    "Budget against Actual per Station, Month and Category"
    __name__ = 'station.report.budget'
    __string__ = "Budget against Actual"

    month = fields.Date("Month", readonly=True)
    category = fields.Many2One(
        'station.expense.category', "Category", readonly=True)
    declaration_state = fields.Selection([
            ('approved', "Approved"),
            ('settled', "Settled"),
            ], "Declaration State", readonly=True)
    declared = fields.Numeric(
        "Declared", digits=AMOUNT, readonly=True,
        help="The amount of the approved monthly declaration.")
    extra_requests = fields.Integer(
        "Out-of-Budget Requests", readonly=True,
        help="Out-of-budget requests sent to HQ for the category "
        "and month.")
    extra_rejected = fields.Integer(
        "Out-of-Budget Rejected", readonly=True)
    extra = fields.Numeric(
        "Out-of-Budget Approved", digits=AMOUNT, readonly=True)
    budget = fields.Numeric(
        "Budget", digits=AMOUNT, readonly=True,
        help="Declared plus approved out-of-budget amounts.")
    actual = fields.Numeric(
        "Actual", digits=AMOUNT, readonly=True,
        help="The expenses charged and not cancelled.")
    difference = fields.Numeric(
        "Difference", digits=AMOUNT, readonly=True,
        help="Budget minus actual.")
    usage = fields.Float(
        "Usage", digits=RATE_DIGITS, readonly=True,
        help="Actual out of budget.")
    over_declared = fields.Boolean(
        "Over Declared", readonly=True,
        help="The actual amount exceeds the declared amount.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('month', 'DESC'), ('station', 'ASC'), ('category', 'ASC'),
            ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Declaration = pool.get('station.expense.declaration')
        Line = pool.get('station.expense.declaration.line')
        Expense = pool.get('station.expense')
        Extra = pool.get('station.expense.extra')
        declaration = Declaration.__table__()
        line = Line.__table__()
        expense = Expense.__table__()
        extra = Extra.__table__()

        actual = expense.select(
            expense.line.as_('line'),
            Sum(expense.amount).as_('amount'),
            where=expense.state != 'cancelled',
            group_by=[expense.line])
        requests = extra.select(
            extra.declaration.as_('declaration'),
            extra.category.as_('category'),
            count_if(extra.state.in_(
                    ['requested', 'approved', 'rejected'])).as_('requests'),
            count_if(extra.state == 'rejected').as_('rejected'),
            Sum(Case((extra.state == 'approved', extra.amount),
                    else_=_zero())).as_('approved'),
            group_by=[extra.declaration, extra.category])

        declared = Coalesce(line.amount, _zero())
        extra_amount = Coalesce(requests.approved, _zero())
        actual_amount = Coalesce(actual.amount, _zero())
        budget = declared + extra_amount
        query = (line
            .join(declaration, condition=line.declaration == declaration.id)
            .join(actual, 'LEFT', condition=actual.line == line.id)
            .join(requests, 'LEFT',
                condition=(requests.declaration == declaration.id)
                & (requests.category == line.category)))
        return query.select(
            line.id.as_('id'),
            declaration.station.as_('station'),
            cls.month.sql_cast(declaration.month).as_('month'),
            line.category.as_('category'),
            declaration.state.as_('declaration_state'),
            cls.declared.sql_cast(declared).as_('declared'),
            Coalesce(requests.requests, integer(0)).as_('extra_requests'),
            Coalesce(requests.rejected, integer(0)).as_('extra_rejected'),
            cls.extra.sql_cast(extra_amount).as_('extra'),
            cls.budget.sql_cast(budget).as_('budget'),
            cls.actual.sql_cast(actual_amount).as_('actual'),
            cls.difference.sql_cast(budget - actual_amount).as_(
                'difference'),
            cls.usage.sql_cast(ratio(actual_amount, budget)).as_('usage'),
            Case((Cast(actual_amount, 'NUMERIC') > Cast(declared, 'NUMERIC'),
                    Literal(True)),
                else_=Literal(False)).as_('over_declared'),
            where=declaration.state.in_(['approved', 'settled'])
            & cls.date_where(declaration.month)
            & cls.station_where(declaration.station))


class CashReport(StationReportMixin, ModelSQL, ModelView):
    "Cash and Remittances per Station and Month"
    __name__ = 'station.report.cash'
    __string__ = "Cash and Remittances"

    month = fields.Date("Month", readonly=True)
    closings = fields.Integer("Closed Days", readonly=True)
    days_over_limit = fields.Integer(
        "Days over Cash Limit", readonly=True,
        help="Closed days after which more than the station's cash limit "
        "(500 yuan) stayed at the station overnight (R35).")
    counted = fields.Numeric("Cash Counted", digits=AMOUNT, readonly=True)
    deposits = fields.Integer("Deposits", readonly=True)
    deposited = fields.Numeric("Deposited", digits=AMOUNT, readonly=True)
    remittances = fields.Integer(
        "Remittances Due", readonly=True,
        help="Remittances due in the month.")
    remitted = fields.Numeric("Remitted", digits=AMOUNT, readonly=True)
    remittances_late = fields.Integer(
        "Remittances Late", readonly=True,
        help="Sent after their due date, or not yet sent and overdue "
        "(R36).")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('month', 'DESC'), ('station', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Closing = pool.get('station.cash.closing')
        Deposit = pool.get('station.cash.deposit')
        Remittance = pool.get('station.remittance')
        closing = Closing.__table__()
        deposit = Deposit.__table__()
        remittance = Remittance.__table__()
        zero, one = integer(0), integer(1)

        def row(table, date, closings=zero, over=zero, counted=None,
                deposits=zero, deposited=None, remittances=zero,
                remitted=None, late=zero, where=None):
            return table.select(
                table.station.as_('station'),
                month_start(date).as_('month'),
                month_index(date).as_('month_index'),
                closings.as_('closings'),
                over.as_('over'),
                (counted if counted is not None else _zero()).as_('counted'),
                deposits.as_('deposits'),
                (deposited if deposited is not None else _zero()).as_(
                    'deposited'),
                remittances.as_('remittances'),
                (remitted if remitted is not None else _zero()).as_(
                    'remitted'),
                late.as_('late'),
                where=cls.date_where(date) & cls.station_where(table.station)
                & (where if where is not None else Literal(True)))

        late = Case((
                ((remittance.sent_date != Null)
                    & (remittance.sent_date > remittance.due_date))
                | ((remittance.sent_date == Null)
                    & (remittance.due_date < today())),
                one), else_=zero)
        union = Union(
            row(closing, closing.date, closings=one,
                over=Case((closing.kept_overnight == Literal(True), one),
                    else_=zero),
                counted=closing.counted,
                where=closing.state == 'closed'),
            row(deposit, deposit.date, deposits=one,
                deposited=deposit.amount),
            row(remittance, remittance.due_date, remittances=one,
                remitted=Case((remittance.sent_date != Null,
                        remittance.amount), else_=_zero()),
                late=late),
            all_=True)
        return union.select(
            (union.station * integer(1000) + union.month_index).as_('id'),
            union.station.as_('station'),
            cls.month.sql_cast(union.month).as_('month'),
            Sum(union.closings).as_('closings'),
            Sum(union.over).as_('days_over_limit'),
            cls.counted.sql_cast(Sum(union.counted)).as_('counted'),
            Sum(union.deposits).as_('deposits'),
            cls.deposited.sql_cast(Sum(union.deposited)).as_('deposited'),
            Sum(union.remittances).as_('remittances'),
            cls.remitted.sql_cast(Sum(union.remitted)).as_('remitted'),
            Sum(union.late).as_('remittances_late'),
            group_by=[union.station, union.month, union.month_index])


class AssetReport(StationReportMixin, ModelSQL, ModelView):
    "Assets and Last Verification per Station"
    __name__ = 'station.report.asset'
    __string__ = "Assets per Station"

    assets = fields.Integer("Assets", readonly=True)
    value = fields.Numeric("Value", digits=AMOUNT, readonly=True)
    in_use = fields.Integer("In Use", readonly=True)
    damaged = fields.Integer("Damaged", readonly=True)
    lost = fields.Integer("Lost", readonly=True)
    lost_value = fields.Numeric(
        "Value Damaged or Lost", digits=AMOUNT, readonly=True)
    verified_on = fields.Date(
        "Last Verification", readonly=True,
        help="The date of the last counted verification of the assets.")
    verified = fields.Integer(
        "Assets Verified", readonly=True,
        help="The assets counted by the last verification.")
    found_damaged = fields.Integer("Found Damaged", readonly=True)
    found_elsewhere = fields.Integer("Found Elsewhere", readonly=True)
    found_missing = fields.Integer("Missing", readonly=True)
    differences = fields.Integer(
        "Differences", readonly=True,
        help="Assets of the last verification not found as registered.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('station', 'ASC'), ('id', 'ASC')]

    @classmethod
    def _verification_query(cls):
        """Per station, the counts of the last counted verification;
        None without station_finance's verifications"""
        pool = Pool()
        try:
            Verification = pool.get('station.asset.verification')
            Line = pool.get('station.asset.verification.line')
        except KeyError:
            return None
        verification = Verification.__table__()
        last = Verification.__table__()
        line = Line.__table__()
        done = ['counted', 'reviewed']
        latest = last.select(
            last.station.as_('station'),
            Max(last.date).as_('date'),
            where=last.state.in_(done),
            group_by=[last.station])
        query = (verification
            .join(latest, condition=(latest.station == verification.station)
                & (latest.date == verification.date))
            .join(line, 'LEFT',
                condition=line.verification == verification.id))
        return query.select(
            verification.station.as_('station'),
            Max(verification.date).as_('date'),
            Count(line.id).as_('verified'),
            count_if(line.result == 'damaged').as_('damaged'),
            count_if(line.result == 'moved').as_('moved'),
            count_if(line.result == 'missing').as_('missing'),
            count_if((line.id != Null) & ((line.result == Null)
                    | (line.result != 'found'))).as_('differences'),
            where=verification.state.in_(done),
            group_by=[verification.station])

    @classmethod
    def table_query(cls):
        pool = Pool()
        Asset = pool.get('station.asset')
        asset = Asset.__table__()
        value = Coalesce(asset.value, _zero())
        assets = asset.select(
            asset.station.as_('station'),
            Count().as_('assets'),
            Sum(value).as_('value'),
            count_if(asset.state == 'in_use').as_('in_use'),
            count_if(asset.state == 'damaged').as_('damaged'),
            count_if(asset.state == 'lost').as_('lost'),
            Sum(Case((asset.state.in_(['damaged', 'lost']), value),
                    else_=_zero())).as_('lost_value'),
            where=cls.station_where(asset.station),
            group_by=[asset.station])
        verification = cls._verification_query()
        if verification is not None:
            query = assets.join(verification, 'LEFT',
                condition=verification.station == assets.station)
            columns = [
                cls.verified_on.sql_cast(verification.date).as_(
                    'verified_on'),
                verification.verified.as_('verified'),
                verification.damaged.as_('found_damaged'),
                verification.moved.as_('found_elsewhere'),
                verification.missing.as_('found_missing'),
                verification.differences.as_('differences'),
                ]
        else:
            query = assets
            columns = [Literal(None).as_(n) for n in [
                    'verified_on', 'verified', 'found_damaged',
                    'found_elsewhere', 'found_missing', 'differences']]
        return query.select(
            assets.station.as_('id'),
            assets.station.as_('station'),
            assets.assets.as_('assets'),
            cls.value.sql_cast(assets.value).as_('value'),
            assets.in_use.as_('in_use'),
            assets.damaged.as_('damaged'),
            assets.lost.as_('lost'),
            cls.lost_value.sql_cast(assets.lost_value).as_('lost_value'),
            *columns)


class BudgetXlsx(XlsxReport):
    "Budget against Actual (Excel)"
    __name__ = 'station.report.budget.xlsx'
    sections = [
        Section('station.report.budget', [
                Column('station', width=20),
                Column('month', num_format='yyyy-mm'),
                Column('category', width=18),
                Column('declaration_state'),
                Column('declared'),
                Column('extra_requests'),
                Column('extra_rejected'),
                Column('extra'),
                Column('budget'),
                Column('actual'),
                Column('difference'),
                Column('usage', type='percent'),
                Column('over_declared'),
                ]),
        ]


class CashXlsx(XlsxReport):
    "Cash and Remittances (Excel)"
    __name__ = 'station.report.cash.xlsx'
    sections = [
        Section('station.report.cash', [
                Column('station', width=20),
                Column('month', num_format='yyyy-mm'),
                Column('closings'),
                Column('days_over_limit'),
                Column('counted'),
                Column('deposits'),
                Column('deposited'),
                Column('remittances'),
                Column('remitted'),
                Column('remittances_late'),
                ]),
        ]


class AssetXlsx(XlsxReport):
    "Assets (Excel)"
    __name__ = 'station.report.asset.xlsx'
    sections = [
        Section('station.report.asset', [
                Column('station', width=20),
                Column('assets'),
                Column('value'),
                Column('in_use'),
                Column('damaged'),
                Column('lost'),
                Column('lost_value'),
                Column('verified_on'),
                Column('verified'),
                Column('found_damaged'),
                Column('found_elsewhere'),
                Column('found_missing'),
                Column('differences'),
                ]),
        Section('station.asset', [
                Column('station', width=20),
                Column('code'),
                Column('name', width=24),
                Column('category'),
                Column('custodian', width=18),
                Column('location'),
                Column('acquisition_date'),
                Column('value'),
                Column('state'),
                ], order=[('station', 'ASC'), ('code', 'ASC')]),
        ]
