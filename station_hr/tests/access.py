# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"station_hr models in the access matrix (tests/access_matrix.py)"
import datetime as dt
from decimal import Decimal

from proteus import Model

from tests.access_matrix import ALL, READ, ModelCase, R, W, register

MODULES = ('station_hr',)


def _seq(ctx):
    ctx['hr_seq'] = ctx.get('hr_seq', 0) + 1
    return ctx['hr_seq']


def _month(ctx):
    seq = _seq(ctx)
    return dt.date(2030 + seq // 12, seq % 12 + 1, 1)


def _station(station):
    return Model.get('station.station')(station.id)


def _deputy(ctx, station):
    return Model.get('company.employee')(ctx['deputies'][station.id].id)


def _headcount(ctx, station):
    Headcount = Model.get('station.headcount')
    return Headcount(
        station=_station(station), name="Position %d" % _seq(ctx),
        role='technician', quota=2)


register(ModelCase(
        'station.headcount', _headcount,
        ('quota', lambda ctx: 5),
        modules=MODULES,
        own={
            'hq_service': READ, 'hq_finance': READ, 'hq_hr': ALL,
            'auditor': READ,
            'manager': READ, 'clerk': READ, 'technician': READ,
            'receptionist': READ,
            }))


def _hiring_request(ctx, station):
    Request = Model.get('station.hiring.request')
    return Request(
        station=_station(station), type='dismissal',
        employee=_deputy(ctx, station), date=dt.date(2030, 1, 31))


register(ModelCase(
        'station.hiring.request', _hiring_request,
        ('reason', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': READ, 'hq_hr': {R, W},
            'hq_finance': READ, 'auditor': READ,
            'manager': ALL, 'clerk': READ,
            }))


def _leave(ctx, station):
    Leave = Model.get('station.leave')
    start = dt.datetime(2030, 1, 1, 9, 0)
    return Leave(
        station=_station(station), employee=_deputy(ctx, station),
        type='absence', date_from=start,
        date_to=start + dt.timedelta(hours=2),
        expected_return=start + dt.timedelta(hours=2),
        destination="Bank", contact="138 0000 0000")


# station staff other than the manager see and file their own leaves only:
# the matrix's records belong to another employee
register(ModelCase(
        'station.leave', _leave,
        ('destination', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': {R, W}, 'hq_hr': READ,
            'hq_finance': READ, 'auditor': READ,
            'manager': ALL,
            }))


def _signin_sheet(ctx, station):
    Sheet = Model.get('station.signin.sheet')
    return Sheet(station=_station(station), month=_month(ctx))


register(ModelCase(
        'station.signin.sheet', _signin_sheet,
        ('notes', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': {R, W}, 'hq_hr': READ,
            'hq_finance': READ, 'auditor': READ,
            'manager': READ, 'clerk': ALL,
            }))


def _bonus_plan(ctx, station):
    Plan = Model.get('station.bonus.plan')
    return Plan(
        station=_station(station), month=_month(ctx),
        pool=Decimal('1000'))


register(ModelCase(
        'station.bonus.plan', _bonus_plan,
        ('notes', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': READ, 'hq_finance': READ, 'hq_hr': ALL,
            'auditor': READ,
            'manager': {R, W}, 'clerk': READ, 'technician': READ,
            }))


def _bonus_opinion(ctx, station):
    Opinion = Model.get('station.bonus.opinion')
    plan = _bonus_plan(ctx, station)
    plan.save()
    return Opinion(
        station=_station(station), plan=plan,
        employee=_deputy(ctx, station), opinion="Fair")


# an opinion is its employee's own: others read it only
register(ModelCase(
        'station.bonus.opinion', _bonus_opinion,
        ('opinion', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': READ, 'hq_hr': READ,
            'hq_finance': READ, 'auditor': READ,
            'manager': READ, 'clerk': READ, 'technician': READ,
            'receptionist': READ,
            }))


def _trip(ctx, station):
    Trip = Model.get('station.trip')
    return Trip(
        station=_station(station), employee=_deputy(ctx, station),
        destination="Tianjin", purpose="Training",
        date_from=dt.date(2030, 1, 1), date_to=dt.date(2030, 1, 2))


register(ModelCase(
        'station.trip', _trip,
        ('destination', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': {R, W}, 'hq_hr': READ,
            'hq_finance': READ, 'auditor': READ,
            'manager': ALL,
            }))


def _appraisal(ctx, station):
    Appraisal = Model.get('station.appraisal')
    return Appraisal(
        station=_station(station), employee=_deputy(ctx, station),
        period_start=dt.date(2030, 1, 1), period_end=dt.date(2030, 1, 31),
        due_date=dt.date(2030, 2, 5))


# HQ Finance appraises only clerks: the matrix's employee is not one
register(ModelCase(
        'station.appraisal', _appraisal,
        ('comment', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': ALL, 'hq_finance': READ, 'hq_hr': READ,
            'auditor': READ, 'manager': ALL,
            }))


def _work_report(ctx, station):
    Report = Model.get('station.work.report')
    ctx['hr_week'] = ctx.get('hr_week', 0) + 1
    return Report(
        station=_station(station), employee=_deputy(ctx, station),
        week=dt.date(2030, 1, 7) + dt.timedelta(weeks=ctx['hr_week']),
        work_done="Repairs")


register(ModelCase(
        'station.work.report', _work_report,
        ('work_done', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': READ, 'hq_hr': READ,
            'hq_finance': READ, 'auditor': READ,
            'manager': ALL,
            }))


def _day(ctx):
    "A date of its own for each record of the unique (…, date) models"
    return dt.date(2031, 1, 1) + dt.timedelta(days=_seq(ctx))


def _calendar_day(ctx, station):
    Day = Model.get('station.calendar.day')
    return Day(date=_day(ctx), name="Holiday")


# one company calendar for every station
register(ModelCase(
        'station.calendar.day', _calendar_day,
        ('name', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': READ, 'hq_finance': READ, 'hq_hr': ALL,
            'auditor': READ,
            'manager': READ, 'clerk': READ, 'technician': READ,
            'receptionist': READ,
            },
        other={
            'manager': READ, 'clerk': READ, 'technician': READ,
            'receptionist': READ,
            }))


def _work_time_variant(ctx, station):
    Variant = Model.get('station.work_time.variant')
    return Variant(
        station=_station(station), date_from=_day(ctx),
        hours_per_work_day=7, hours_per_work_week=35,
        schedule="09:00-17:00", reason="Mall hours")


register(ModelCase(
        'station.work_time.variant', _work_time_variant,
        ('reason', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': {R, W}, 'hq_finance': READ, 'hq_hr': READ,
            'auditor': READ,
            'manager': ALL, 'clerk': READ, 'technician': READ,
            'receptionist': READ,
            }))


def _monthly_report(ctx, station):
    Report = Model.get('station.monthly.report')
    return Report(station=_station(station), month=_month(ctx))


register(ModelCase(
        'station.monthly.report', _monthly_report,
        ('service', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': {R, W}, 'hq_finance': READ, 'hq_hr': READ,
            'auditor': READ,
            'manager': ALL, 'clerk': READ,
            }))


def _rota(ctx, station):
    Rota = Model.get('station.rota')
    return Rota(
        station=_station(station), date=_day(ctx), type='cleaning',
        employee=_deputy(ctx, station), area="Workshop")


register(ModelCase(
        'station.rota', _rota,
        ('area', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': READ, 'hq_hr': READ,
            'hq_finance': READ, 'auditor': READ,
            'manager': ALL, 'clerk': ALL, 'technician': READ,
            'receptionist': READ,
            }))


def _training(ctx, station):
    Training = Model.get('station.training')
    return Training(
        station=_station(station), employee=_deputy(ctx, station),
        type='onboarding', topic="Station manual", date=_day(ctx), hours=2)


# a training record is its employee's: other staff do not see it
register(ModelCase(
        'station.training', _training,
        ('topic', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': READ, 'hq_hr': ALL,
            'hq_finance': READ, 'auditor': READ,
            'manager': ALL,
            }))


def _meeting(ctx, station):
    Meeting = Model.get('station.meeting')
    return Meeting(
        station=_station(station), date=_day(ctx),
        chair=_deputy(ctx, station), minutes="Weekly meeting")


register(ModelCase(
        'station.meeting', _meeting,
        ('minutes', lambda ctx: "changed"),
        modules=MODULES,
        own={
            'hq_service': READ, 'hq_hr': READ,
            'hq_finance': READ, 'auditor': READ,
            'manager': ALL, 'clerk': ALL, 'technician': READ,
            'receptionist': READ,
            }))
