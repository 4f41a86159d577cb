# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Duty roster and cleaning rota (R57)"
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import without_check_access

from addons.station.model import StationMixin

from .exceptions import RotaError


class Rota(StationMixin, ModelSQL, ModelView):
    "Duty and Cleaning Rota"
    __name__ = 'station.rota'

    date = fields.Date("Date", required=True)
    weekday = fields.Function(
        fields.Char("Weekday"), 'on_change_with_weekday')
    type = fields.Selection([
            ('duty', "Duty"),
            ('cleaning', "Daily Cleaning"),
            ('big_clean', "Weekly Big Clean"),
            ], "Type", required=True)
    type_string = type.translated('type')
    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ])
    area = fields.Char(
        "Area", help="The place to clean or the desk to hold.")
    notes = fields.Char("Notes")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('rota_unique', Unique(t, t.station, t.date, t.type, t.employee),
                'station_hr.msg_rota_unique'),
            ]
        cls._order = [
            ('date', 'DESC'), ('type', 'ASC'), ('id', 'ASC')]

    @classmethod
    def default_type(cls):
        return 'duty'

    @fields.depends('date')
    def on_change_with_weekday(self, name=None):
        if self.date:
            return self.date.strftime('%A')

    def get_rec_name(self, name):
        return '%s %s: %s' % (
            self.date, self.employee.rec_name, self.type_string)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('employee.rec_name',) + tuple(clause[1:])]

    @classmethod
    def validate_fields(cls, rotas, field_names):
        super().validate_fields(rotas, field_names)
        if field_names & {'date', 'employee'}:
            cls.check_available(rotas)

    @classmethod
    def check_available(cls, rotas):
        """Nobody is put on the rota while on approved personal leave or on a
        trip; a declared work-hour absence lasts only hours"""
        pool = Pool()
        Leave = pool.get('station.leave')
        Trip = pool.get('station.trip')
        for rota in rotas:
            start = dt.datetime.combine(rota.date, dt.time())
            end = start + dt.timedelta(days=1)
            with without_check_access():
                away = Leave.search([
                        ('employee', '=', rota.employee.id),
                        ('type', '=', 'personal'),
                        ('state', '=', 'approved'),
                        ('date_from', '<', end),
                        ('date_to', '>=', start),
                        ], limit=1)
                away = away or Trip.search([
                        ('employee', '=', rota.employee.id),
                        ('state', 'in', ['approved', 'returned', 'done']),
                        ('date_from', '<=', rota.date),
                        ('date_to', '>=', rota.date),
                        ], limit=1)
            if away:
                raise RotaError(gettext(
                        'station_hr.msg_rota_away',
                        rota=rota.rec_name,
                        away=away[0].rec_name))
