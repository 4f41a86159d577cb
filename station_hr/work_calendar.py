# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Company calendar of working days and holidays (R53)"
import datetime as dt

from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.transaction import Transaction, without_check_access

from addons.station.guard import ClientGuardMixin

from .common import add_working_days, default_working


class CalendarDay(ClientGuardMixin, ModelSQL, ModelView):
    "Calendar Day"
    __name__ = 'station.calendar.day'

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='CASCADE')
    date = fields.Date("Date", required=True)
    name = fields.Char("Name", required=True, translate=True)
    type = fields.Selection([
            ('holiday', "Holiday"),
            ('working', "Working Day"),
            ], "Type", required=True,
        help="A holiday on a weekday, or a working day on a weekend "
        "(make-up day).")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('company_date_unique', Unique(t, t.company, t.date),
                'station_hr.msg_calendar_day_unique'),
            ]
        cls._order.insert(0, ('date', 'ASC'))

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_type(cls):
        return 'holiday'

    @classmethod
    def _exceptions(cls, company, start, end):
        "Return {date: is_working} of the calendar between start and end"
        with without_check_access():
            days = cls.search([
                    ('company', '=', company.id if company else None),
                    ('date', '>=', start),
                    ('date', '<=', end),
                    ])
        return {d.date: d.type == 'working' for d in days}

    @classmethod
    def is_working(cls, company, date):
        return cls._exceptions(company, date, date).get(
            date, default_working(date))

    @classmethod
    def add_working_days(cls, company, date, days):
        "Return the date days working days after date"
        # holidays rarely last more than 10 days in a row
        window = 3 * days + 15
        exceptions = cls._exceptions(
            company, date, date + dt.timedelta(days=window))
        return add_working_days(date, days, exceptions)

    @classmethod
    def working_days(cls, company, start, end):
        "Return the number of working days from start to end included"
        exceptions = cls._exceptions(company, start, end)
        count, date = 0, start
        while date <= end:
            if exceptions.get(date, default_working(date)):
                count += 1
            date += dt.timedelta(days=1)
        return count

