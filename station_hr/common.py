# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Helpers shared by the station_hr models"
import datetime as dt

from trytond.pool import Pool
from trytond.transaction import Transaction


def in_group(*names):
    "Return True if the user holds one of the station.group_<name> groups"
    pool = Pool()
    ModelData = pool.get('ir.model.data')
    User = pool.get('res.user')
    transaction = Transaction()
    if not transaction.user:
        return True
    groups = set(User.get_groups())
    return any(
        ModelData.get_id('station', 'group_%s' % n) in groups for n in names)


def user_employees():
    "Return the ids of the employees of the current user"
    pool = Pool()
    User = pool.get('res.user')
    user_id = Transaction().user
    if not user_id:
        return set()
    return {e.id for e in User(user_id).employees}


def month_start(date):
    return date.replace(day=1)


def next_month(date):
    date = date.replace(day=1)
    return (date + dt.timedelta(days=32)).replace(day=1)


def default_working(date):
    "Monday to Friday are working days unless the calendar says otherwise"
    return date.weekday() < 5


def add_working_days(date, days, exceptions=None):
    """Return date plus days working days: Monday to Friday unless
    exceptions ({date: is_working}, from the company calendar) says
    otherwise"""
    exceptions = exceptions or {}
    while days > 0:
        date += dt.timedelta(days=1)
        if exceptions.get(date, default_working(date)):
            days -= 1
    return date
