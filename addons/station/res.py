# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from sql import Literal

from trytond.cache import Cache
from trytond.model import ModelSQL, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access

from .guard import ClientGuardMixin


class Group(metaclass=PoolMeta):
    __name__ = 'res.group'

    all_stations = fields.Boolean(
        "All Stations",
        help="Members see and act on the records of every station "
        "(headquarters).")

    @classmethod
    def default_all_stations(cls):
        return False

    @classmethod
    def on_modification(cls, mode, groups, field_names=None):
        pool = Pool()
        User = pool.get('res.user')
        super().on_modification(mode, groups, field_names=field_names)
        User._station_access_cache.clear()


class UserStation(ClientGuardMixin, ModelSQL):
    __name__ = 'res.user-station.station'
    # which stations a user works for: as readable as the users are
    # (their names stand on other stations' records, see doc/design.rst)
    _station_shared = True

    user = fields.Many2One(
        'res.user', "User", ondelete='CASCADE', required=True)
    station = fields.Many2One(
        'station.station', "Station", ondelete='CASCADE', required=True)

    @classmethod
    def on_modification(cls, mode, records, field_names=None):
        pool = Pool()
        User = pool.get('res.user')
        super().on_modification(mode, records, field_names=field_names)
        User._station_access_cache.clear()


# what nobody but an administrator searches, sorts or reads
SECRET_FIELDS = {'password_hash', 'password_reset'}


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    stations = fields.Many2Many(
        'res.user-station.station', 'user', 'station', "Stations",
        help="The stations the user works for.")
    station = fields.Many2One(
        'station.station', "Current Station",
        domain=[
            ('id', 'in', Eval('stations', [])),
            ],
        states={
            'invisible': ~Eval('stations', []),
            },
        help="The station the user works for now; "
        "empty to work for all of the user's stations.")
    _station_access_cache = Cache(
        'res.user.get_station_access', context=False)
    _deputy_groups_cache = Cache('res.user.deputy_groups', context=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._context_fields.insert(0, 'station')

    @classmethod
    def read(cls, ids, fields_names):
        """The secrets (hidden from search and sort by their field access)
        read as empty for who may not read them, so that a client reading
        every field of a user (proteus does) is not refused (issue 14)"""
        pool = Pool()
        FieldAccess = pool.get('ir.model.field.access')
        transaction = Transaction()
        hidden = set()
        if transaction.user and transaction.check_access:
            hidden = {f for f in SECRET_FIELDS & set(fields_names)
                if not FieldAccess.check(
                    cls.__name__, [f], 'read', raise_exception=False)}
        if not hidden:
            return super().read(ids, fields_names)
        result = super().read(
            ids, [f for f in fields_names if f not in hidden])
        for row in result:
            for name in hidden:
                row[name] = None
        return result

    def get_status_bar(self, name):
        status = super().get_status_bar(name)
        if self.station:
            status += ' - %s' % self.station.rec_name
        return status

    @classmethod
    def _get_preferences(cls, user, context_only=False):
        res = super()._get_preferences(user, context_only=context_only)
        if not context_only:
            res['stations'] = [s.id for s in user.stations]
        return res

    @fields.depends('stations', 'station')
    def on_change_stations(self):
        if self.station and self.station not in (self.stations or []):
            self.station = None

    @classmethod
    def get_station_access(cls):
        """Return a dict with the station ids the user works for now,
        their warehouses and whether the user sees all stations"""
        pool = Pool()
        Station = pool.get('station.station')
        Group = pool.get('res.group')
        transaction = Transaction()
        user_id = transaction.user
        context_station = transaction.context.get('station')
        if not user_id:
            # root bypasses the record rules
            return {'all': True, 'stations': (), 'warehouses': (), 'held': ()}
        key = (user_id, context_station, cls.get_groups())
        access = cls._station_access_cache.get(key)
        if access is not None:
            return access
        station = Station.__table__()
        user_station = pool.get('res.user-station.station').__table__()
        group = Group.__table__()
        cursor = transaction.connection.cursor()

        groups = cls.get_groups()
        see_all = False
        if groups:
            cursor.execute(*group.select(group.id,
                    where=group.id.in_(list(groups))
                    & (group.all_stations == Literal(True)),
                    limit=1))
            see_all = bool(cursor.fetchone())
        if see_all:
            cursor.execute(*station.select(
                    station.id, station.warehouse, order_by=[station.id]))
            rows = cursor.fetchall()
            held = tuple(r[0] for r in rows)
        else:
            cursor.execute(*user_station.join(station,
                    condition=user_station.station == station.id
                    ).select(station.id, station.warehouse,
                    where=user_station.user == user_id,
                    order_by=[station.id]))
            rows = cursor.fetchall()
            held = tuple(r[0] for r in rows)
            allowed = set(held)
            current = None
            if context_station in allowed:
                current = context_station
            elif context_station is None:
                user = cls.__table__()
                cursor.execute(*user.select(
                        user.station, where=user.id == user_id))
                row = cursor.fetchone()
                if row and row[0] in allowed:
                    current = row[0]
            if current:
                rows = [r for r in rows if r[0] == current]
        access = {
            'all': see_all,
            'stations': tuple(r[0] for r in rows),
            'warehouses': tuple(r[1] for r in rows if r[1]),
            'held': held,
            }
        return cls._station_access_cache.set(key, access)

    @classmethod
    def get_stations(cls):
        "Return the ids of the stations the user works for now"
        return cls.get_station_access()['stations']

    @classmethod
    def get_current_station(cls):
        "Return the id of the station new records belong to"
        stations = cls.get_station_access()['stations']
        context_station = Transaction().context.get('station')
        if context_station in stations:
            return context_station
        if len(stations) == 1:
            return stations[0]

    @classmethod
    def get_groups(cls):
        groups = super().get_groups()
        transaction = Transaction()
        if ('_groups' in transaction.context
                or transaction.context.get('_station_deputy_lookup')):
            return groups
        deputy_groups = cls._get_deputy_groups()
        if deputy_groups and not deputy_groups.issubset(groups):
            groups = tuple(sorted(set(groups) | deputy_groups))
        return groups

    @classmethod
    def _get_deputy_groups(cls):
        """Return the groups the user holds as deputy of a station manager
        for today (R6)"""
        pool = Pool()
        Date = pool.get('ir.date')
        ModelData = pool.get('ir.model.data')
        Delegation = pool.get('station.delegation')
        transaction = Transaction()
        user_id = transaction.user
        if not user_id:
            return set()
        with transaction.set_context(_station_deputy_lookup=True), \
                without_check_access():
            today = Date.today()
            key = (user_id, today.isoformat())
            groups = cls._deputy_groups_cache.get(key)
            if groups is not None:
                return set(groups)
            groups = set()
            employees = [e.id for e in cls(user_id).employees]
            if employees and Delegation.search([
                        ('deputy', 'in', employees),
                        ('state', '=', 'approved'),
                        ('date_from', '<=', today),
                        ('date_to', '>=', today),
                        ], limit=1):
                groups.add(ModelData.get_id('station', 'group_manager'))
            cls._deputy_groups_cache.set(key, list(groups))
        return groups

    @classmethod
    def on_modification(cls, mode, users, field_names=None):
        super().on_modification(mode, users, field_names=field_names)
        cls._station_access_cache.clear()
        cls._deputy_groups_cache.clear()
