# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Warranty claims: claimed against approved, non-original and missing parts"
from sql import Cast, Literal
from sql.aggregate import Count, Sum
from sql.conditionals import Case, Coalesce

from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool

from addons.station_xlsx.xlsx import Column, Section, XlsxReport

from .common import (
    StationReportMixin, count_if, integer, month_index, month_start, ratio)

AMOUNT = (16, 2)
RATE_DIGITS = (16, 4)
DECIDED = ['approved', 'partially_approved', 'rejected']


class WarrantyReport(StationReportMixin, ModelSQL, ModelView):
    "Warranty Claims per Station and Month"
    __name__ = 'station.report.warranty'
    __string__ = "Warranty Claims per Station"

    month = fields.Date("Month", readonly=True,
        help="The month the claimed period starts.")
    claims = fields.Integer("Claims", readonly=True,
        help="Claims submitted to HQ.")
    claims_decided = fields.Integer("Claims Decided", readonly=True)
    lines = fields.Integer("Parts Claimed", readonly=True)
    quantity_claimed = fields.Float(
        "Quantity Claimed", digits=(16, 2), readonly=True)
    quantity_approved = fields.Float(
        "Quantity Approved", digits=(16, 2), readonly=True,
        help="Of the claims decided by HQ.")
    amount_claimed = fields.Numeric(
        "Amount Claimed", digits=AMOUNT, readonly=True)
    amount_approved = fields.Numeric(
        "Amount Approved", digits=AMOUNT, readonly=True,
        help="Approved quantities at HQ's prices.")
    approval_rate = fields.Float(
        "Approval Rate", digits=RATE_DIGITS, readonly=True,
        help="Amount approved out of the amount claimed "
        "of the decided claims.")
    non_original = fields.Integer("Non-Original Parts", readonly=True)
    non_original_rate = fields.Float(
        "Non-Original Rate", digits=RATE_DIGITS, readonly=True)
    missing = fields.Integer("Missing Parts", readonly=True)
    missing_rate = fields.Float(
        "Missing Rate", digits=RATE_DIGITS, readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('month', 'DESC'), ('station', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Claim = pool.get('station.warranty.claim')
        Line = pool.get('station.warranty.claim.line')
        claim = Claim.__table__()
        line = Line.__table__()
        zero = Cast(Literal(0), 'NUMERIC')
        base = claim.join(line, 'LEFT', condition=line.claim == claim.id
            ).select(
            claim.id.as_('claim'),
            claim.station.as_('station'),
            month_start(claim.date_from).as_('month'),
            month_index(claim.date_from).as_('month_index'),
            Case((claim.state.in_(DECIDED), integer(1)),
                else_=integer(0)).as_('decided'),
            line.id.as_('line'),
            line.quantity.as_('quantity'),
            line.approved_quantity.as_('approved_quantity'),
            Coalesce(line.unit_price, zero).as_('price'),
            line.non_original.as_('non_original'),
            line.missing_part.as_('missing_part'),
            where=(claim.state != 'draft')
            & cls.date_where(claim.date_from)
            & cls.station_where(claim.station))
        decided = base.decided == integer(1)
        claimed = Cast(Coalesce(base.quantity, 0), 'NUMERIC') * base.price
        approved = Case((decided,
                Cast(Coalesce(base.approved_quantity, 0), 'NUMERIC')
                * base.price),
            else_=zero)
        decided_claimed = Sum(Case((decided, claimed), else_=zero))
        lines = Count(base.line)
        non_original = count_if(base.non_original == Literal(True))
        missing = count_if(base.missing_part == Literal(True))
        return base.select(
            (base.station * integer(1000) + base.month_index).as_('id'),
            base.station.as_('station'),
            cls.month.sql_cast(base.month).as_('month'),
            Count(base.claim, distinct=True).as_('claims'),
            Count(Case((decided, base.claim)), distinct=True).as_(
                'claims_decided'),
            lines.as_('lines'),
            cls.quantity_claimed.sql_cast(
                Sum(Coalesce(base.quantity, 0))).as_('quantity_claimed'),
            cls.quantity_approved.sql_cast(Sum(Case((decided,
                            Coalesce(base.approved_quantity, 0)),
                        else_=0))).as_('quantity_approved'),
            cls.amount_claimed.sql_cast(Sum(claimed)).as_('amount_claimed'),
            cls.amount_approved.sql_cast(Sum(approved)).as_(
                'amount_approved'),
            cls.approval_rate.sql_cast(
                ratio(Sum(approved), decided_claimed)).as_('approval_rate'),
            non_original.as_('non_original'),
            cls.non_original_rate.sql_cast(ratio(non_original, lines)).as_(
                'non_original_rate'),
            missing.as_('missing'),
            cls.missing_rate.sql_cast(ratio(missing, lines)).as_(
                'missing_rate'),
            group_by=[base.station, base.month, base.month_index])


class WarrantyXlsx(XlsxReport):
    "Warranty Claims (Excel)"
    __name__ = 'station.report.warranty.xlsx'
    sections = [
        Section('station.report.warranty', [
                Column('station', width=20),
                Column('month', num_format='yyyy-mm'),
                Column('claims'),
                Column('claims_decided'),
                Column('lines'),
                Column('quantity_claimed', num_format='0.##'),
                Column('quantity_approved', num_format='0.##'),
                Column('amount_claimed'),
                Column('amount_approved'),
                Column('approval_rate', type='percent'),
                Column('non_original'),
                Column('non_original_rate', type='percent'),
                Column('missing'),
                Column('missing_rate', type='percent'),
                ]),
        ]
