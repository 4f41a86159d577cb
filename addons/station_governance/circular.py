# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from sql import Cast, Column, Join, Literal, Values
from sql.aggregate import Count, Min
from sql.operators import Exists

from trytond.i18n import gettext
from trytond.model import (
    Index, ModelSQL, ModelView, Unique, Workflow, fields)
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.tools import timezone as tz
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import StateAction, Wizard

from addons.station.guard import ClientGuardMixin
from addons.station.model import StationMixin

from .common import GuardedMixin, act, unchecked
from .exceptions import CircularError

# Working days of the R2 inbox rule: Monday to Friday; holidays are not
# modelled.
WORKING_WEEKDAYS = {0, 1, 2, 3, 4}
# Longest period the shortfall view computes
SHORTFALL_MAX_DAYS = 366
_EPOCH = dt.date(2000, 1, 1)


class Circular(ClientGuardMixin, GuardedMixin, Workflow, ModelSQL, ModelView):
    __name__ = 'station.circular'
    _rec_name = 'number'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    number = fields.Char(
        "Number", readonly=True,
        help="Filled from the circular sequence of the configuration.")
    title = fields.Char("Title", required=True, states=_states)
    category = fields.Selection([
            ('notice', "Notice"),
            ('policy', "Policy"),
            ('technical', "Technical"),
            ('price', "Price"),
            ('finance', "Finance"),
            ('personnel', "Personnel"),
            ('other', "Other"),
            ], "Category", required=True, states=_states)
    date = fields.Date("Date", required=True, states=_states)
    body = fields.Text("Body", states=_states)
    stations = fields.Many2Many(
        'station.circular-station.station', 'circular', 'station',
        "Stations", states=_states,
        help="The stations the circular is addressed to; "
        "empty for every station.")
    acknowledgements = fields.One2Many(
        'station.circular.acknowledgement', 'circular', "Acknowledgements",
        readonly=True)
    acknowledged = fields.Function(
        fields.Boolean(
            "Acknowledged",
            help="The current user acknowledged the circular."),
        'get_acknowledged', searcher='search_acknowledged')
    published_by = fields.Many2One(
        'res.user', "Published By", readonly=True, ondelete='RESTRICT')
    published_at = fields.Timestamp("Published At", readonly=True)
    archived_by = fields.Many2One(
        'res.user', "Archived By", readonly=True, ondelete='RESTRICT')
    archived_at = fields.Timestamp("Archived At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('published', "Published"),
            ('archived', "Archived"),
            ], "State", readonly=True, required=True, sort=False)

    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(
            Index(t, (t.state, Index.Equality(cardinality='low'))))
        cls._order = [
            ('date', 'DESC NULLS FIRST'),
            ('id', 'DESC'),
            ]
        cls._protected_fields = cls._protected_fields | {
            'number', 'published_by', 'published_at',
            'archived_by', 'archived_at'}
        cls._draft_fields = cls._draft_fields | {
            'title', 'category', 'date', 'body', 'stations'}
        cls._transitions |= {
            ('draft', 'published'),
            ('published', 'draft'),
            ('published', 'archived'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'published',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'publish': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'archive': {
                    'invisible': Eval('state') != 'published',
                    'depends': ['state'],
                    },
                'acknowledge': {
                    'invisible': ((Eval('state') != 'published')
                        | Eval('acknowledged', False)),
                    'icon': 'tryton-ok',
                    'depends': ['state', 'acknowledged'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_category(cls):
        return 'notice'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('station.governance.configuration')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and not values.get('number'):
            with without_check_access():
                sequence = Configuration(1).circular_sequence
                if sequence:
                    values['number'] = sequence.get()
        return values

    def get_rec_name(self, name):
        if self.number:
            return '%s - %s' % (self.number, self.title)
        return self.title

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op,
            ('number', operator, operand, *extra),
            ('title', operator, operand, *extra),
            ]

    @classmethod
    def _acknowledged_query(cls):
        pool = Pool()
        Acknowledgement = pool.get('station.circular.acknowledgement')
        ack = Acknowledgement.__table__()
        return ack.select(
            ack.circular, where=ack.user == Transaction().user)

    @classmethod
    def get_acknowledged(cls, circulars, name):
        cursor = Transaction().connection.cursor()
        cursor.execute(*cls._acknowledged_query())
        acknowledged = {c for c, in cursor}
        return {c.id: c.id in acknowledged for c in circulars}

    @classmethod
    def search_acknowledged(cls, name, clause):
        _, operator, value = clause
        if operator not in {'=', '!='}:
            return []
        if (operator == '=') == bool(value):
            return [('id', 'in', cls._acknowledged_query())]
        return [('id', 'not in', cls._acknowledged_query())]

    @classmethod
    def copy(cls, circulars, default=None):
        default = default.copy() if default is not None else {}
        for fname in cls._protected_fields - {'state'}:
            default.setdefault(fname, None)
        default.setdefault('acknowledgements', None)
        return super().copy(circulars, default=default)

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('draft')
    def draft(cls, circulars):
        cls.write(circulars, {'published_by': None, 'published_at': None})

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('published')
    @act('published')
    def publish(cls, circulars):
        pass

    @classmethod
    @ModelView.button
    @unchecked
    @Workflow.transition('archived')
    @act('archived')
    def archive(cls, circulars):
        pass

    @classmethod
    @ModelView.button
    def acknowledge(cls, circulars):
        "Record that the user read the circulars for their current station"
        pool = Pool()
        User = pool.get('res.user')
        Acknowledgement = pool.get('station.circular.acknowledgement')
        transaction = Transaction()
        user = User(transaction.user)
        station = User.get_current_station()
        if not station:
            raise CircularError(gettext(
                    'station_governance.msg_circular_acknowledge_station'))
        now = dt.datetime.now()
        to_save = []
        with without_check_access():
            for circular in cls.browse(circulars):
                if circular.state != 'published':
                    raise CircularError(gettext(
                            'station_governance'
                            '.msg_circular_acknowledge_published',
                            circular=circular.rec_name))
                if (circular.stations
                        and station not in {s.id for s in circular.stations}):
                    raise CircularError(gettext(
                            'station_governance'
                            '.msg_circular_acknowledge_station_target',
                            circular=circular.rec_name))
                if Acknowledgement.search([
                            ('circular', '=', circular.id),
                            ('user', '=', user.id),
                            ], limit=1):
                    raise CircularError(gettext(
                            'station_governance'
                            '.msg_circular_already_acknowledged',
                            circular=circular.rec_name))
                to_save.append(Acknowledgement(
                        circular=circular,
                        station=station,
                        user=user,
                        employee=user.employee,
                        acknowledged_at=now))
            Acknowledgement.save(to_save)


class CircularStation(ClientGuardMixin, ModelSQL):
    __name__ = 'station.circular-station.station'

    circular = fields.Many2One(
        'station.circular', "Circular", required=True, ondelete='CASCADE')
    station = fields.Many2One(
        'station.station', "Station", required=True, ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # the addressees of a circular are read as the circular is
        cls.__access__.add('circular')
        t = cls.__table__()
        cls._sql_constraints += [
            ('circular_station_unique', Unique(t, t.circular, t.station),
                'station_governance.msg_circular_station_unique'),
            ]
        cls._sql_indexes.add(
            Index(t, (t.station, Index.Equality())))


class Acknowledgement(StationMixin, ModelSQL, ModelView):
    __name__ = 'station.circular.acknowledgement'

    circular = fields.Many2One(
        'station.circular', "Circular", required=True, readonly=True,
        ondelete='CASCADE')
    user = fields.Many2One(
        'res.user', "User", required=True, readonly=True,
        ondelete='RESTRICT')
    employee = fields.Many2One(
        'company.employee', "Employee", readonly=True, ondelete='RESTRICT')
    acknowledged_at = fields.Timestamp(
        "Acknowledged At", required=True, readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('circular_user_unique', Unique(t, t.circular, t.user),
                'station_governance.msg_circular_already_acknowledged_sql'),
            ]
        cls._sql_indexes.add(
            Index(t, (t.circular, Index.Equality()),
                (t.station, Index.Equality())))
        cls._order.insert(0, ('acknowledged_at', 'DESC'))

    def get_rec_name(self, name):
        return '%s @ %s' % (self.circular.rec_name, self.user.rec_name)


class Unread(StationMixin, ModelSQL, ModelView):
    "Published circulars a station has not acknowledged yet (R2)"
    __name__ = 'station.circular.unread'

    circular = fields.Many2One('station.circular', "Circular")
    category = fields.Selection('get_categories', "Category")
    date = fields.Date("Date")
    published_at = fields.Timestamp("Published At")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('published_at', 'ASC'),
            ('station', 'ASC'),
            ('id', 'ASC'),
            ]

    @classmethod
    def get_categories(cls):
        pool = Pool()
        Circular = pool.get('station.circular')
        return Circular.fields_get(['category'])['category']['selection']

    @classmethod
    def table_query(cls):
        pool = Pool()
        Circular = pool.get('station.circular')
        CircularStation = pool.get('station.circular-station.station')
        Acknowledgement = pool.get('station.circular.acknowledgement')
        Station = pool.get('station.station')
        circular = Circular.__table__()
        station = Station.__table__()
        target = CircularStation.__table__()
        any_target = CircularStation.__table__()
        ack = Acknowledgement.__table__()

        targeted = Exists(target.select(
                target.id,
                where=(target.circular == circular.id)
                & (target.station == station.id)))
        for_all = ~Exists(any_target.select(
                any_target.id,
                where=any_target.circular == circular.id))
        unread = ~Exists(ack.select(
                ack.id,
                where=(ack.circular == circular.id)
                & (ack.station == station.id)))
        return Join(circular, station, type_='CROSS').select(
            (Cast(circular.id, 'BIGINT') * 100000 + station.id).as_('id'),
            circular.id.as_('circular'),
            station.id.as_('station'),
            circular.category.as_('category'),
            circular.date.as_('date'),
            circular.published_at.as_('published_at'),
            where=(circular.state == 'published')
            & (station.active == Literal(True))
            & (targeted | for_all)
            & unread)


class InboxOpening(StationMixin, ModelSQL, ModelView):
    "Opening of the HQ inbox by a station user (R2)"
    __name__ = 'station.inbox.opening'

    # Only the inbox wizard logs openings; the station administrator may
    # record missed ones by hand (access rights), nobody else writes them.
    user = fields.Many2One(
        'res.user', "User", required=True, ondelete='RESTRICT',
        states={
            'readonly': Eval('id', -1) >= 0,
            })
    opened_at = fields.Timestamp(
        "Opened At", required=True,
        states={
            'readonly': Eval('id', -1) >= 0,
            })
    date = fields.Date(
        "Date", required=True, readonly=True,
        help="The day of the opening in the company's time zone.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(
            Index(t, (t.station, Index.Equality()), (t.date, Index.Range())))
        cls._order.insert(0, ('opened_at', 'DESC'))

    @classmethod
    def default_user(cls):
        return Transaction().user or None

    @classmethod
    def default_opened_at(cls):
        return dt.datetime.now()

    @fields.depends('opened_at', 'station', '_parent_station.company')
    def on_change_with_date(self):
        if not self.opened_at:
            return
        at = self.opened_at
        company = self.station.company if self.station else None
        if company and company.timezone:
            timezone = tz.ZoneInfo(company.timezone)
            at = at.replace(tzinfo=tz.UTC).astimezone(timezone)
        return at.date()

    def compute_fields(self, field_names=None):
        cls = self.__class__
        values = super().compute_fields(field_names=field_names)
        if (field_names is None
                or (cls.date.on_change_with & field_names)):
            date = self.on_change_with_date()
            if getattr(self, 'date', None) != date:
                values['date'] = date
        return values

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Station = pool.get('station.station')
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            values.setdefault('opened_at', cls.default_opened_at())
            station = values.get('station', cls.default_station())
            if station is not None and values['opened_at']:
                with without_check_access():
                    opening = cls(
                        opened_at=values['opened_at'],
                        station=Station(station))
                    values['date'] = opening.on_change_with_date()
        return values

    def get_rec_name(self, name):
        return '%s @ %s' % (self.user.rec_name, self.opened_at)

    @classmethod
    def log_opening(cls):
        "Log one opening for each station the user works for now"
        pool = Pool()
        User = pool.get('res.user')
        access = User.get_station_access()
        if access['all'] or not Transaction().user:
            return []
        now = dt.datetime.now()
        with without_check_access():
            openings = [cls(
                    station=s, user=Transaction().user, opened_at=now)
                for s in access['stations']]
            cls.save(openings)
        return openings


class InboxShortfallContext(ModelView):
    __name__ = 'station.inbox.shortfall.context'

    from_date = fields.Date(
        "From Date", required=True,
        domain=[
            ('from_date', '<=', Eval('to_date', None)),
            ])
    to_date = fields.Date(
        "To Date", required=True,
        domain=[
            ('to_date', '>=', Eval('from_date', None)),
            ])

    @classmethod
    def default_to_date(cls):
        return Pool().get('ir.date').today() - dt.timedelta(days=1)

    @classmethod
    def default_from_date(cls):
        return cls.default_to_date() - dt.timedelta(days=30)


class InboxShortfall(StationMixin, ModelSQL, ModelView):
    "Working days on which a station opened the HQ inbox less than twice (R2)"
    __name__ = 'station.inbox.shortfall'

    date = fields.Date("Date")
    openings = fields.Integer("Openings")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('date', 'DESC'),
            ('station', 'ASC'),
            ('id', 'ASC'),
            ]

    @classmethod
    def _working_days(cls):
        "Return the working days of the period of the context"
        pool = Pool()
        Date = pool.get('ir.date')
        Context = pool.get('station.inbox.shortfall.context')
        context = Transaction().context
        to_date = context.get('to_date') or Context.default_to_date()
        from_date = context.get('from_date') or (
            to_date - dt.timedelta(days=30))
        if isinstance(to_date, str):
            to_date = dt.date.fromisoformat(to_date)
        if isinstance(from_date, str):
            from_date = dt.date.fromisoformat(from_date)
        # the current day is not over: it is never listed
        to_date = min(to_date, Date.today() - dt.timedelta(days=1))
        from_date = max(
            from_date, to_date - dt.timedelta(days=SHORTFALL_MAX_DAYS))
        days = []
        day = from_date
        while day <= to_date:
            if day.weekday() in WORKING_WEEKDAYS:
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    @classmethod
    def _station_starts(cls):
        """Return the first day of each active station: its creation or its
        first logged opening, whichever is earlier"""
        pool = Pool()
        Station = pool.get('station.station')
        Opening = pool.get('station.inbox.opening')
        station = Station.__table__()
        opening = Opening.__table__()
        cursor = Transaction().connection.cursor()
        starts = {}
        cursor.execute(*station.select(
                station.id, station.create_date,
                where=station.active == Literal(True)))
        for station_id, create_date in cursor:
            if isinstance(create_date, str):
                create_date = dt.datetime.fromisoformat(create_date)
            starts[station_id] = create_date.date()
        cursor.execute(*opening.select(
                opening.station, Min(opening.date),
                group_by=[opening.station]))
        for station_id, first in cursor:
            if isinstance(first, str):
                first = dt.date.fromisoformat(first)
            if station_id in starts and first:
                starts[station_id] = min(starts[station_id], first)
        return starts

    @classmethod
    def table_query(cls):
        pool = Pool()
        Opening = pool.get('station.inbox.opening')
        opening = Opening.__table__()
        starts = cls._station_starts()
        rows = [
            (station_id, day, station_id * 100000 + (day - _EPOCH).days)
            for day in cls._working_days()
            for station_id, start in sorted(starts.items())
            if day >= start]
        if not rows:
            return opening.select(
                opening.id.as_('id'),
                opening.station.as_('station'),
                opening.date.as_('date'),
                Literal(0).as_('openings'),
                where=Literal(False))
        days = Values(rows)
        station = Column(days, 'column1')
        date = Column(days, 'column2')
        id_ = Column(days, 'column3')
        return days.join(opening, 'LEFT',
            condition=(opening.station == station)
            & (opening.date == date)
            ).select(
                id_.as_('id'),
                station.as_('station'),
                date.as_('date'),
                Count(opening.id).as_('openings'),
                group_by=[id_, station, date],
                having=Count(opening.id) < 2)


class Inbox(Wizard):
    "Open the HQ inbox and log the opening (R2)"
    __name__ = 'station.circular.inbox'
    start_state = 'open_'
    open_ = StateAction('station_governance.act_circular_inbox')

    def do_open_(self, action):
        pool = Pool()
        Opening = pool.get('station.inbox.opening')
        Opening.log_opening()
        return action, {}
