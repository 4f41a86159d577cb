# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Headcount against quota, sign-in sheets, appraisals and trip summaries"
from sql import Literal, Null, Union
from sql.aggregate import Sum
from sql.conditionals import Case, Coalesce

from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool

from addons.station_xlsx.xlsx import Column, Section, XlsxReport

from .common import (
    StationReportMixin, add_months_days, days_between, integer, month_index,
    month_start, today, weekday)


def _late(done_on, due, pending):
    """1 when done after due, or not done and overdue while pending"""
    return Case((
            ((done_on != Null) & (done_on > due))
            | ((done_on == Null) & pending & (due < today())),
            integer(1)), else_=integer(0))


def _sheet_due(month):
    "The 2nd of the month after month (R51)"
    return add_months_days(month, 1, 1)


def _summary_days(returned):
    """Calendar days from the return to the summary due date: 2 working
    days (Monday to Friday) after the return (station_hr.trip)"""
    dow = weekday(returned)
    return Case(
        (dow == integer(4), integer(4)),  # Thursday: Monday, Tuesday
        (dow == integer(5), integer(4)),  # Friday: Monday, Tuesday
        (dow == integer(6), integer(3)),  # Saturday: Monday, Tuesday
        else_=integer(2))


class HeadcountReport(StationReportMixin, ModelSQL, ModelView):
    "Headcount against Quota per Station"
    __name__ = 'station.report.headcount'
    __string__ = "Headcount against Quota"

    quota = fields.Integer("Quota", readonly=True,
        help="The positions HQ filed for the station.")
    occupied = fields.Integer("Occupied", readonly=True,
        help="Employees holding a position of the station today.")
    vacant = fields.Integer("Vacant", readonly=True)
    employees = fields.Integer("Employees", readonly=True,
        help="Employees of the station today, with or without position.")
    over_quota = fields.Boolean("Over Quota", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('station', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Headcount = pool.get('station.headcount')
        Employee = pool.get('company.employee')
        headcount = Headcount.__table__()
        employee = Employee.__table__()
        holder = Employee.__table__()
        date = today()
        active = (employee.end_date == Null) | (employee.end_date >= date)
        held = (holder.end_date == Null) | (holder.end_date >= date)
        zero, one = integer(0), integer(1)
        positions = headcount.select(
            headcount.station.as_('station'),
            headcount.quota.as_('quota'),
            zero.as_('occupied'),
            zero.as_('employees'),
            where=cls.station_where(headcount.station))
        occupied = holder.join(headcount,
            condition=holder.position == headcount.id).select(
            headcount.station.as_('station'),
            zero.as_('quota'),
            one.as_('occupied'),
            zero.as_('employees'),
            where=held & cls.station_where(headcount.station))
        staff = employee.select(
            employee.station.as_('station'),
            zero.as_('quota'),
            zero.as_('occupied'),
            one.as_('employees'),
            where=active & (employee.station != Null)
            & cls.station_where(employee.station))
        union = Union(positions, occupied, staff, all_=True)
        quota = Sum(union.quota)
        occupied_ = Sum(union.occupied)
        return union.select(
            union.station.as_('id'),
            union.station.as_('station'),
            quota.as_('quota'),
            occupied_.as_('occupied'),
            (quota - occupied_).as_('vacant'),
            Sum(union.employees).as_('employees'),
            Case((Sum(union.employees) > quota, Literal(True)),
                else_=Literal(False)).as_('over_quota'),
            group_by=[union.station])


class PeopleReport(StationReportMixin, ModelSQL, ModelView):
    "Sheets, Appraisals and Trips per Station and Month"
    __name__ = 'station.report.people'
    __string__ = "People per Station"

    month = fields.Date("Month", readonly=True)
    sheets = fields.Integer(
        "Sign-in Sheets", readonly=True,
        help="Monthly sign-in sheets of the month.")
    sheets_late = fields.Integer(
        "Sign-in Sheets Late", readonly=True,
        help="Submitted after the 2nd of the next month, or overdue (R51).")
    appraisals = fields.Integer(
        "Appraisals Due", readonly=True,
        help="Appraisals due in the month.")
    appraisals_late = fields.Integer("Appraisals Late", readonly=True)
    trips = fields.Integer(
        "Trips Returned", readonly=True,
        help="Business trips ended in the month.")
    trip_summaries_late = fields.Integer(
        "Trip Summaries Late", readonly=True,
        help="Summaries written more than 2 working days after the return, "
        "or overdue.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('month', 'DESC'), ('station', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Sheet = pool.get('station.signin.sheet')
        Appraisal = pool.get('station.appraisal')
        Trip = pool.get('station.trip')
        sheet = Sheet.__table__()
        appraisal = Appraisal.__table__()
        trip = Trip.__table__()
        zero, one = integer(0), integer(1)

        def row(table, date, sheets=zero, sheets_late=zero,
                appraisals=zero, appraisals_late=zero, trips=zero,
                trips_late=zero, where=None):
            return table.select(
                table.station.as_('station'),
                month_start(date).as_('month'),
                month_index(date).as_('month_index'),
                sheets.as_('sheets'),
                sheets_late.as_('sheets_late'),
                appraisals.as_('appraisals'),
                appraisals_late.as_('appraisals_late'),
                trips.as_('trips'),
                trips_late.as_('trips_late'),
                where=cls.date_where(date) & cls.station_where(table.station)
                & (where if where is not None else Literal(True)))

        returned = Coalesce(trip.returned_on, trip.date_to)
        summarized = Coalesce(trip.summarized_on, today())
        trip_late = Case((
                days_between(summarized, returned)
                > _summary_days(returned), one), else_=zero)
        union = Union(
            row(sheet, sheet.month, sheets=one,
                sheets_late=_late(
                    sheet.submitted_on, _sheet_due(sheet.month),
                    Literal(True))),
            row(appraisal, appraisal.due_date, appraisals=one,
                appraisals_late=_late(
                    appraisal.submitted_on, appraisal.due_date,
                    Literal(True)),
                where=appraisal.state != 'cancelled'),
            row(trip, returned, trips=one, trips_late=trip_late,
                where=trip.state.in_(['returned', 'done'])),
            all_=True)
        return union.select(
            (union.station * integer(1000) + union.month_index).as_('id'),
            union.station.as_('station'),
            cls.month.sql_cast(union.month).as_('month'),
            Sum(union.sheets).as_('sheets'),
            Sum(union.sheets_late).as_('sheets_late'),
            Sum(union.appraisals).as_('appraisals'),
            Sum(union.appraisals_late).as_('appraisals_late'),
            Sum(union.trips).as_('trips'),
            Sum(union.trips_late).as_('trip_summaries_late'),
            group_by=[union.station, union.month, union.month_index])


class PeopleXlsx(XlsxReport):
    "People (Excel)"
    __name__ = 'station.report.people.xlsx'
    sections = [
        Section('station.report.people', [
                Column('station', width=20),
                Column('month', num_format='yyyy-mm'),
                Column('sheets'),
                Column('sheets_late'),
                Column('appraisals'),
                Column('appraisals_late'),
                Column('trips'),
                Column('trip_summaries_late'),
                ]),
        Section('station.report.headcount', [
                Column('station', width=20),
                Column('quota'),
                Column('occupied'),
                Column('vacant'),
                Column('employees'),
                Column('over_quota'),
                ]),
        ]
