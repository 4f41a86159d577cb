# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Service KPIs per station and technician, complaints on time"
from sql import Literal, Null
from sql.aggregate import Avg, Count, Max
from sql.conditionals import Case

from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool

from addons.station_xlsx.xlsx import Column, Section, XlsxReport

from .common import (
    StationReportMixin, count_if, days_between, integer, local_date,
    month_index, month_start, percentile, period, rank_window, ratio,
    report_timezone, use_native_percentile)

DONE = ['delivered', 'closed']
OPEN = ['intake', 'diagnosed', 'quoted', 'accepted', 'in_repair', 'repaired']
RATE_DIGITS = (16, 4)


class _ServiceKpis(StationReportMixin, ModelSQL, ModelView):
    __slots__ = ()

    month = fields.Date("Month", readonly=True,
        help="The month of the intake.")
    orders = fields.Integer("Orders", readonly=True)
    repairs = fields.Integer("Repairs", readonly=True)
    supports = fields.Integer("Technical Supports", readonly=True)
    upgrades = fields.Integer("Upgrades", readonly=True)
    parts_sales = fields.Integer("Spare-Parts Sales", readonly=True)
    open_orders = fields.Integer("Open", readonly=True,
        help="Not yet delivered nor cancelled.")
    delivered = fields.Integer("Delivered", readonly=True,
        help="Delivered or closed.")
    cancelled = fields.Integer("Cancelled", readonly=True)
    turnaround_median = fields.Float(
        "Turnaround Median (Days)", digits=(16, 1), readonly=True,
        help="Days from intake to delivery (in the company's time zone) "
        "of the delivered orders: median.")
    turnaround_p90 = fields.Float(
        "Turnaround 90th Percentile (Days)", digits=(16, 1), readonly=True,
        help="Days from intake to delivery: 9 orders out of 10 "
        "were delivered within.")
    delivered_repairs = fields.Integer("Delivered Repairs", readonly=True)
    came_back = fields.Integer(
        "Repeat Repairs", readonly=True,
        help="Delivered repairs brought back within 90 days (R21).")
    first_time_fix_rate = fields.Float(
        "First-Time Fix Rate", digits=RATE_DIGITS, readonly=True,
        help="Delivered repairs not brought back within 90 days.")
    callbacks = fields.Integer("Call-backs", readonly=True)
    callback_average = fields.Float(
        "Call-back Satisfaction", digits=(16, 2), readonly=True,
        help="The average call-back score (1 to 5).")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('month', 'DESC'), ('station', 'ASC'), ('id', 'ASC')]

    @classmethod
    def _partition(cls, base):
        raise NotImplementedError

    @classmethod
    def _base(cls):
        "One row per service order of the period with what the KPIs need"
        pool = Pool()
        Order = pool.get('station.service.order')
        order = Order.__table__()
        later = Order.__table__()
        from_date, _ = period()
        timezone = report_timezone()
        delivered_on = local_date(order.delivered_at, timezone, at=from_date)
        days = Case(
            ((order.delivered_at != Null) & order.state.in_(DONE),
                days_between(delivered_on, order.intake_date)),
            else_=Null)
        # orders brought back: a later order is a repeat of them (R21)
        repeated = later.select(
            later.repeat_of.as_('order'),
            where=later.repeat_of != Null,
            group_by=[later.repeat_of])
        came_back = repeated.order != Null
        query = order.join(repeated, 'LEFT',
            condition=repeated.order == order.id)
        return query.select(
            order.id.as_('order'),
            order.station.as_('station'),
            order.technician.as_('technician'),
            month_start(order.intake_date).as_('month'),
            month_index(order.intake_date).as_('month_index'),
            order.type.as_('type'),
            order.state.as_('state'),
            days.as_('days'),
            Case((came_back, integer(1)), else_=integer(0)).as_('came_back'),
            order.repeat_of.as_('repeat_of'),
            order.callback_score.as_('callback_score'),
            where=cls.date_where(order.intake_date)
            & cls.station_where(order.station)
            & cls._base_where(order))

    @classmethod
    def _base_where(cls, order):
        return Literal(True)

    @classmethod
    def _kpi_columns(cls, row, rank, count):
        done = row.state.in_(DONE)
        delivered_repairs = count_if(done & (row.type == 'repair'))
        came_back = count_if(
            done & (row.type == 'repair') & (row.came_back == 1))
        return [
            cls.month.sql_cast(row.month).as_('month'),
            Count().as_('orders'),
            count_if(row.type == 'repair').as_('repairs'),
            count_if(row.type == 'support').as_('supports'),
            count_if(row.type == 'upgrade').as_('upgrades'),
            count_if(row.type == 'parts_sale').as_('parts_sales'),
            count_if(row.state.in_(OPEN)).as_('open_orders'),
            count_if(done).as_('delivered'),
            count_if(row.state == 'cancelled').as_('cancelled'),
            cls.turnaround_median.sql_cast(
                percentile(row.days, rank, count, 1, 2)).as_(
                'turnaround_median'),
            cls.turnaround_p90.sql_cast(
                percentile(row.days, rank, count, 9, 10)).as_(
                'turnaround_p90'),
            delivered_repairs.as_('delivered_repairs'),
            came_back.as_('came_back'),
            cls.first_time_fix_rate.sql_cast(
                ratio(delivered_repairs - came_back, delivered_repairs)).as_(
                'first_time_fix_rate'),
            Count(row.callback_score).as_('callbacks'),
            cls.callback_average.sql_cast(
                Avg(row.callback_score)).as_('callback_average'),
            ]

    @classmethod
    def _ranked(cls):
        "The base rows, ranked by days when percentiles need it"
        base = cls._base()
        if use_native_percentile():
            return base, None, None
        partition = cls._partition(base)
        rank, count = rank_window(partition, base.days)
        columns = [
            base.order, base.station, base.technician, base.month,
            base.month_index, base.type, base.state, base.days,
            base.came_back, base.repeat_of, base.callback_score,
            rank.as_('rank'), count.as_('day_count'),
            ]
        ranked = base.select(*columns)
        return ranked, ranked.rank, ranked.day_count


class ServiceReport(_ServiceKpis):
    "Service KPIs per Station and Month"
    __name__ = 'station.report.service'
    __string__ = "Service KPIs per Station"

    repeat_intakes = fields.Integer(
        "Repeat Intakes", readonly=True,
        help="Orders of the month taken in less than 90 days after the "
        "delivery of an earlier repair of the same product (R21).")

    @classmethod
    def _partition(cls, base):
        return [base.station, base.month_index]

    @classmethod
    def table_query(cls):
        row, rank, count = cls._ranked()
        return row.select(
            (row.station * integer(1000) + row.month_index).as_('id'),
            row.station.as_('station'),
            *cls._kpi_columns(row, rank, count),
            count_if(row.repeat_of != Null).as_('repeat_intakes'),
            group_by=[row.station, row.month, row.month_index])


class ServiceTechnicianReport(_ServiceKpis):
    "Service KPIs per Technician and Month"
    __name__ = 'station.report.service.technician'
    __string__ = "Service KPIs per Technician"

    technician = fields.Many2One(
        'company.employee', "Technician", readonly=True)
    service = fields.Many2One(
        'station.report.service', "Station Month", readonly=True,
        help="The row of the station and month (drill-down).")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(2, ('technician', 'ASC'))

    @classmethod
    def _base_where(cls, order):
        return order.technician != Null

    @classmethod
    def _partition(cls, base):
        return [base.technician, base.month_index]

    @classmethod
    def table_query(cls):
        row, rank, count = cls._ranked()
        return row.select(
            (row.technician * integer(1000) + row.month_index).as_('id'),
            Max(row.station).as_('station'),
            row.technician.as_('technician'),
            (Max(row.station) * integer(1000) + row.month_index).as_(
                'service'),
            *cls._kpi_columns(row, rank, count),
            group_by=[row.technician, row.month, row.month_index])


class ComplaintReport(StationReportMixin, ModelSQL, ModelView):
    "Complaints per Station and Month"
    __name__ = 'station.report.complaint'
    __string__ = "Complaints per Station"

    month = fields.Date("Month", readonly=True,
        help="The month the complaint was received, "
        "in the company's time zone.")
    complaints = fields.Integer("Complaints", readonly=True)
    open_complaints = fields.Integer("Open", readonly=True)
    answered = fields.Integer("Answered", readonly=True)
    answered_on_time = fields.Integer("Answered on Time", readonly=True)
    answered_on_time_rate = fields.Float(
        "Answered on Time Rate", digits=RATE_DIGITS, readonly=True,
        help="Answered by the first answer deadline, "
        "out of all the complaints received.")
    resolved = fields.Integer("Resolved", readonly=True)
    resolved_on_time = fields.Integer("Resolved on Time", readonly=True)
    resolved_on_time_rate = fields.Float(
        "Resolved on Time Rate", digits=RATE_DIGITS, readonly=True,
        help="Resolved by the resolution deadline, "
        "out of all the complaints received.")
    escalated = fields.Integer("Escalated", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('month', 'DESC'), ('station', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Complaint = pool.get('station.complaint')
        complaint = Complaint.__table__()
        from_date, _ = period()
        received_on = local_date(
            complaint.received_at, report_timezone(), at=from_date)
        base = complaint.select(
            complaint.station.as_('station'),
            month_start(received_on).as_('month'),
            month_index(received_on).as_('month_index'),
            complaint.state.as_('state'),
            complaint.answered_at.as_('answered_at'),
            complaint.answer_deadline.as_('answer_deadline'),
            complaint.resolved_at.as_('resolved_at'),
            complaint.resolution_deadline.as_('resolution_deadline'),
            complaint.escalated.as_('escalated'),
            where=cls.date_where(received_on)
            & cls.station_where(complaint.station))
        answered = base.answered_at != Null
        on_time = answered & (base.answered_at <= base.answer_deadline)
        resolved = base.resolved_at != Null
        resolved_on_time = resolved & (
            base.resolved_at <= base.resolution_deadline)
        total = Count()
        return base.select(
            (base.station * integer(1000) + base.month_index).as_('id'),
            base.station.as_('station'),
            cls.month.sql_cast(base.month).as_('month'),
            total.as_('complaints'),
            count_if(base.state == 'open').as_('open_complaints'),
            count_if(answered).as_('answered'),
            count_if(on_time).as_('answered_on_time'),
            cls.answered_on_time_rate.sql_cast(
                ratio(count_if(on_time), total)).as_(
                'answered_on_time_rate'),
            count_if(resolved).as_('resolved'),
            count_if(resolved_on_time).as_('resolved_on_time'),
            cls.resolved_on_time_rate.sql_cast(
                ratio(count_if(resolved_on_time), total)).as_(
                'resolved_on_time_rate'),
            count_if(base.escalated == Literal(True)).as_('escalated'),
            group_by=[base.station, base.month, base.month_index])


_KPI_COLUMNS = [
    Column('month', num_format='yyyy-mm'),
    Column('orders'),
    Column('repairs'),
    Column('supports'),
    Column('upgrades'),
    Column('parts_sales'),
    Column('open_orders'),
    Column('delivered'),
    Column('cancelled'),
    Column('turnaround_median', num_format='0.0'),
    Column('turnaround_p90', num_format='0.0'),
    Column('delivered_repairs'),
    Column('came_back'),
    Column('first_time_fix_rate', type='percent'),
    Column('callbacks'),
    Column('callback_average', num_format='0.00'),
    ]


class ServiceXlsx(XlsxReport):
    "Service KPIs (Excel)"
    __name__ = 'station.report.service.xlsx'
    sections = [
        Section('station.report.service', [
                Column('station', width=20),
                *_KPI_COLUMNS,
                Column('repeat_intakes'),
                ]),
        Section('station.report.service.technician', [
                Column('station', width=20),
                Column('technician', width=20),
                *_KPI_COLUMNS,
                ]),
        Section('station.report.complaint', [
                Column('station', width=20),
                Column('month', num_format='yyyy-mm'),
                Column('complaints'),
                Column('open_complaints'),
                Column('answered'),
                Column('answered_on_time'),
                Column('answered_on_time_rate', type='percent'),
                Column('resolved'),
                Column('resolved_on_time'),
                Column('resolved_on_time_rate', type='percent'),
                Column('escalated'),
                ]),
        ]
