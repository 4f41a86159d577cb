# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""SQL building blocks shared by the report models.

Every report is a ``table_query`` grouped in SQL (PostgreSQL or SQLite):
month buckets, local dates of timestamps, day differences and percentiles
have one spelling per backend here.
"""
import datetime as dt
from zoneinfo import ZoneInfo

from sql import Cast, Literal, Null, Window
from sql.aggregate import Aggregate, Count, Max, Sum
from sql.conditionals import Case, Coalesce
from sql.functions import AtTimeZone, Function, RowNumber

from trytond import backend
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from addons.station.model import register_station_rule


class _SQLiteDate(Function):
    __slots__ = ()
    _function = 'DATE'


class _SQLiteStrftime(Function):
    __slots__ = ()
    _function = 'STRFTIME'


class _JulianDay(Function):
    __slots__ = ()
    _function = 'JULIANDAY'


class _DateTrunc(Function):
    __slots__ = ()
    _function = 'DATE_TRUNC'


class PercentileCont(Aggregate):
    __slots__ = ()
    _sql = 'PERCENTILE_CONT'


def is_sqlite():
    return backend.name == 'sqlite'


def integer(value):
    "An integer literal typed as such by every backend"
    return Cast(Literal(value), 'INTEGER')


def month_start(date):
    "The first day of the month of the date expression"
    if is_sqlite():
        return _SQLiteDate(date, 'start of month')
    return Cast(_DateTrunc('month', date), 'DATE')


def month_index(date):
    "year * 12 + month - 1 of the date expression (to build row ids)"
    if is_sqlite():
        year = Cast(_SQLiteStrftime('%Y', date), 'INTEGER')
        month = Cast(_SQLiteStrftime('%m', date), 'INTEGER')
    else:
        from sql.functions import Extract
        year = Cast(Extract('YEAR', date), 'INTEGER')
        month = Cast(Extract('MONTH', date), 'INTEGER')
    # since 2000: stays below 1000 until 2083
    return (year - integer(2000)) * integer(12) + month - integer(1)


def weekday(date):
    "0 for Sunday to 6 for Saturday"
    if is_sqlite():
        return Cast(_SQLiteStrftime('%w', date), 'INTEGER')
    from sql.functions import Extract
    return Cast(Extract('DOW', date), 'INTEGER')


def add_months_days(date, months, days):
    "The date expression plus months and days"
    if is_sqlite():
        return _SQLiteDate(date, '%+d month' % months, '%+d day' % days)
    interval = Cast(Literal('%d month %d day' % (months, days)), 'INTERVAL')
    return Cast(date + interval, 'DATE')


def days_between(end, start):
    "end - start in days of two date expressions"
    if is_sqlite():
        return Cast(_JulianDay(end) - _JulianDay(start), 'INTEGER')
    return end - start


def report_timezone():
    "The name of the company's time zone (UTC without company)"
    pool = Pool()
    Company = pool.get('company.company')
    company_id = Transaction().context.get('company')
    if company_id:
        company = Company(company_id)
        if company.timezone:
            return company.timezone
    return 'UTC'


def local_date(timestamp, timezone, at=None):
    """The date in timezone of a UTC timestamp expression

    SQLite has no time zone database: the offset of the zone at the date at
    (today by default) applies, exact for zones without daylight saving
    time (China)."""
    if is_sqlite():
        when = dt.datetime.combine(at or dt.date.today(), dt.time(12))
        offset = ZoneInfo(timezone).utcoffset(when)
        seconds = int(offset.total_seconds())
        return _SQLiteDate(timestamp, '%+d seconds' % seconds)
    return Cast(AtTimeZone(AtTimeZone(timestamp, 'UTC'), timezone), 'DATE')


def use_native_percentile():
    "PostgreSQL's percentile_cont unless the context asks the portable SQL"
    context = Transaction().context
    return (not is_sqlite()
        and context.get('report_percentile') != 'portable')


def rank_window(partition, value):
    """Columns ranking value inside partition, NULLs last: (rank, count)

    Used by the portable percentile."""
    nulls_last = Case((value == Null, integer(1)), else_=integer(0))
    rank = RowNumber(window=Window(partition, order_by=[nulls_last, value]))
    count = Count(value, window=Window(partition))
    return rank, count


def percentile(value, rank, count, numerator, denominator):
    """Aggregate: the continuous percentile numerator/denominator of value

    value, rank and count come from a subquery using rank_window (portable
    path) or rank and count are None (PostgreSQL's percentile_cont).
    Interpolates like percentile_cont: h = (n - 1) * p, v[floor(h)] +
    (h - floor(h)) * (v[floor(h) + 1] - v[floor(h)])."""
    if rank is None:
        return PercentileCont(
            Literal(numerator / denominator), within=[value])
    scaled = (count - integer(1)) * integer(numerator)
    low = scaled / integer(denominator)
    fraction = (
        Cast(scaled - low * integer(denominator), 'FLOAT')
        / Cast(integer(denominator), 'FLOAT'))
    position = rank - integer(1)
    weighted = Case(
        (position == low, Cast(value, 'FLOAT') * (Literal(1.0) - fraction)),
        (position == low + integer(1), Cast(value, 'FLOAT') * fraction),
        else_=Literal(0.0))
    return Case((Max(count) > 0, Sum(weighted)), else_=Null)


def ratio(numerator, denominator):
    "numerator / denominator as a float, NULL when denominator is 0"
    return Case(
        (Cast(denominator, 'FLOAT') > 0,
            Cast(numerator, 'FLOAT') / Cast(denominator, 'FLOAT')),
        else_=Null)


def count_if(condition):
    return Sum(Case((condition, integer(1)), else_=integer(0)))


def sum_if(condition, value):
    return Sum(Case((condition, value), else_=Literal(0)))


def coalesce_zero(value):
    return Coalesce(value, 0)


def period():
    "(from_date, to_date) of the report context"
    context = Transaction().context
    return context.get('from_date'), context.get('to_date')


def today():
    return Pool().get('ir.date').today()


class ReportContext(ModelView):
    "Report Period and Station"
    __name__ = 'station.report.context'
    __string__ = "Report Period and Station"

    from_date = fields.Date(
        "From Date",
        domain=[
            If(Eval('to_date') & Eval('from_date'),
                ('from_date', '<=', Eval('to_date')),
                ()),
            ])
    to_date = fields.Date(
        "To Date",
        domain=[
            If(Eval('from_date') & Eval('to_date'),
                ('to_date', '>=', Eval('from_date')),
                ()),
            ])
    report_station = fields.Many2One(
        'station.station', "Station",
        help="Leave empty for every station you see.")

    @classmethod
    def default_from_date(cls):
        context = Transaction().context
        if 'from_date' in context:
            return context['from_date']
        return today().replace(month=1, day=1)

    @classmethod
    def default_to_date(cls):
        return Transaction().context.get('to_date')

    @classmethod
    def default_report_station(cls):
        return Transaction().context.get('report_station')


class StationReportMixin:
    """A report row of one station, visible by the station rule

    Subclasses define ``_query()`` and the ``station`` column."""
    __slots__ = ()

    station = fields.Many2One('station.station', "Station", readonly=True)

    @classmethod
    def __register__(cls, module):
        super().__register__(module)
        register_station_rule(cls.__name__)

    @classmethod
    def station_where(cls, column):
        "The condition of the context's station (report_station)"
        context = Transaction().context
        station = context.get('report_station')
        if station:
            return column == station
        return Literal(True)

    @classmethod
    def date_where(cls, column):
        "The condition of the context's period on a date column"
        from_date, to_date = period()
        where = Literal(True)
        if from_date:
            where &= column >= from_date
        if to_date:
            where &= column <= to_date
        return where
