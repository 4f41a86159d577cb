# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Weekly meeting minutes (R58)"
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from addons.station.guard import ClientGuardMixin
from addons.station.model import StationMixin


class Meeting(StationMixin, ModelSQL, ModelView):
    "Weekly Meeting"
    __name__ = 'station.meeting'

    date = fields.Date("Date", required=True)
    chair = fields.Many2One(
        'company.employee', "Chair", required=True, ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ])
    attendees = fields.Many2Many(
        'station.meeting-company.employee', 'meeting', 'employee',
        "Attendees",
        domain=[
            ('station', '=', Eval('station', -1)),
            ])
    topics = fields.Text("Topics")
    minutes = fields.Text("Minutes", required=True)
    decisions = fields.Text("Decisions")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('station_date_unique', Unique(t, t.station, t.date),
                'station_hr.msg_meeting_unique'),
            ]
        cls._order.insert(0, ('date', 'DESC'))

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_chair(cls):
        pool = Pool()
        User = pool.get('res.user')
        user_id = Transaction().user
        if user_id:
            employee = User(user_id).employee
            if employee:
                return employee.id

    def get_rec_name(self, name):
        return '%s %s' % (self.station.code, self.date)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('station.code',) + tuple(clause[1:])]


class MeetingAttendee(ClientGuardMixin, ModelSQL):
    "Weekly Meeting Attendee"
    __name__ = 'station.meeting-company.employee'

    meeting = fields.Many2One(
        'station.meeting', "Meeting", required=True, ondelete='CASCADE')
    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('meeting')
