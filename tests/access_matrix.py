# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Access matrix: for every role and station model, try read, create, write
and delete on a record of the user's own station and of another station, and
compare with the expected outcome.  A refused operation must leave the data
as it was (same values, same number of records).

Each module registers its models with ``register(ModelCase(...))``.
"""
import datetime as dt
from dataclasses import dataclass, field

from proteus import Model
from trytond.model.exceptions import AccessError
from trytond.tests.tools import set_user

ROLES = [
    'hq_service', 'hq_finance', 'hq_hr', 'auditor',
    'manager', 'clerk', 'technician', 'receptionist']
STATION_ROLES = {'manager', 'clerk', 'technician', 'receptionist'}
R, C, W, D = 'read', 'create', 'write', 'delete'
READ = {R}
ALL = {R, C, W, D}


@dataclass
class ModelCase:
    """Expected access to a model

    factory(ctx, station) returns an unsaved record bound to station (ctx
    holds the fixtures); target(ctx, station), when given, returns the
    existing record to read and write instead of a new one; write is
    (field name, value factory).  own maps a role to the operations allowed
    on its own station's records; other does the same for another station's
    records and defaults to nothing for station roles and to own for HQ
    roles (HQ has no own station).
    """
    model: str
    factory: object
    write: tuple
    own: dict
    other: dict = field(default_factory=dict)
    target: object = None
    modules: tuple = ('station',)
    # values(ctx, station) for the create attempt; default: the factory's
    values: object = None

    def expected(self, role, side):
        if side == 'own' or role not in STATION_ROLES:
            return self.own.get(role, set()) if side == 'own' else \
                self.other.get(role, self.own.get(role, set()))
        return self.other.get(role, set())


@dataclass
class ReportCase:
    """Expected access to a report (a read-only SQL view of station rows)

    readers are the roles that read it: station roles their own station's
    rows only, HQ roles every station's.  Nobody creates, writes or deletes
    a report row.  The rows come from the fixtures of the SETUPS; the
    report is read over period (the report context)."""
    model: str
    readers: set
    period: dict
    modules: tuple = ('station_report',)

    def run(self, test, ctx, users):
        run_report_case(test, self, ctx, users)


MATRIX = {}
# functions(ctx) that add fixtures the modules' factories need
SETUPS = []


def register(case):
    MATRIX[case.model] = case
    return case


def _allowed(func):
    try:
        func()
    except AccessError:
        return False
    return True


def forged_values(Record, users):
    """(field, value) a client may not write on any record of Record: every
    state but the record's, every readonly stored field, another requester
    (issue 13). Discovered from the model: a new model is covered."""
    from decimal import Decimal
    samples = {
        'char': 'forged', 'text': 'forged', 'integer': 7, 'float': 7.0,
        'numeric': Decimal('7'), 'boolean': True,
        'many2one': None,
        'date': dt.date(2000, 1, 1),
        'datetime': dt.datetime(2000, 1, 1, 8),
        'timestamp': dt.datetime(2000, 1, 1, 8),
        }
    other_user = users['auditor'].id
    fields = Record._fields
    for name, definition in sorted(fields.items()):
        if (not definition.get('readonly') or name in {
                    'id', 'rec_name', 'create_uid', 'create_date',
                    'write_uid', 'write_date'}
                or definition.get('type') in {'one2many', 'many2many'}):
            continue
        type_ = definition['type']
        if type_ == 'selection' and isinstance(
                definition.get('selection'), list):
            for value, _ in definition['selection']:
                if value is not None:
                    yield name, value
        elif type_ == 'many2one':
            if definition.get('relation') == 'res.user':
                yield name, other_user
        elif type_ in samples:
            yield name, samples[type_]


def check_forged_writes(test, Record, record, label, users, user):
    """As a role that may write the record: each forged value is refused
    (a translated ClientFieldError) and the record is unchanged"""
    # the fields readonly for this user (fields_get of the user: a field
    # access may open a field to one group only)
    set_user(user)
    UserRecord = Model.get(Record.__name__)
    context = Record._config.context
    for name, value in list(forged_values(UserRecord, users)):
        set_user(1)
        before = repr(getattr(Record(record.id), name))
        if repr(value) == before or (
                hasattr(getattr(Record(record.id), name), 'id')
                and getattr(Record(record.id), name).id == value):
            continue
        set_user(user)
        with test.subTest(label, op='forge', field=name, value=value):
            try:
                Record._proxy.write([record.id], {name: value}, context)
            except AccessError:
                pass
            else:
                test.fail(f"{label}: {name}={value!r} accepted")
            set_user(1)
            test.assertEqual(repr(getattr(Record(record.id), name)), before,
                f"{label}: {name} unchanged")


def run_case(test, case, ctx, users):
    "Run one model's matrix; the station users belong to ctx['station_a']"
    Record = Model.get(case.model)
    wname, wvalue = case.write
    for role in ROLES:
        user = users[role]
        for side, station in [
                ('own', ctx['station_a']), ('other', ctx['station_b'])]:
            expected = case.expected(role, side)
            label = f"{role} on {side} station's {case.model}"
            set_user(1)
            if case.target:
                record = case.target(ctx, station)
            else:
                record = case.factory(ctx, station)
                record.save()
            victim = case.factory(ctx, station)
            victim.save()
            if case.values:
                new_values = case.values(ctx, station)
            else:
                new_values = case.factory(ctx, station)._get_values()
            count = len(Record.find([]))
            before = repr(getattr(Record(record.id), wname))
            context = Record._config.context

            set_user(user)
            context = Record._config.context

            def read():
                if not Record.find([('id', '=', record.id)]):
                    raise AccessError("hidden")
                Record._proxy.read([record.id], [wname], context)
            with test.subTest(label, op=R):
                test.assertEqual(_allowed(read), R in expected, f"{label}: read")

            # an export by id shows no more than read (issue 14)
            def export():
                Record._proxy.export_data(
                    [record.id], ['id', wname], context)
            with test.subTest(label, op='export'):
                test.assertEqual(
                    _allowed(export), R in expected, f"{label}: export")

            def create():
                Record._proxy.create([new_values], context)
            with test.subTest(label, op=C):
                allowed = _allowed(create)
                test.assertEqual(allowed, C in expected, f"{label}: create")

            def write():
                Record._proxy.write([record.id], {wname: wvalue(ctx)}, context)
            with test.subTest(label, op=W):
                allowed_write = _allowed(write)
                test.assertEqual(
                    allowed_write, W in expected, f"{label}: write")

            def delete():
                Record._proxy.delete([victim.id], context)
            with test.subTest(label, op=D):
                allowed_delete = _allowed(delete)
                test.assertEqual(
                    allowed_delete, D in expected, f"{label}: delete")

            if W in expected:
                check_forged_writes(test, Record, record, label, users, user)

            # refused operations changed nothing
            set_user(1)
            with test.subTest(label, op='unchanged'):
                test.assertEqual(
                    len(Record.find([])),
                    count + (1 if allowed else 0) - (1 if allowed_delete else 0),
                    f"{label}: number of records")
                if not allowed_write:
                    test.assertEqual(
                        repr(getattr(Record(record.id), wname)), before,
                        f"{label}: value unchanged")
                test.assertEqual(
                    bool(Record.find([('id', '=', victim.id)])),
                    not allowed_delete, f"{label}: deleted")
    set_user(1)


# --- station ---------------------------------------------------------------

def _new_station(ctx, station):
    Station = Model.get('station.station')
    ctx['seq'] = ctx.get('seq', 0) + 1
    return Station(
        code='T%d' % ctx['seq'], name="Test %d" % ctx['seq'],
        company=ctx['company'])


register(ModelCase(
        'station.station', _new_station,
        ('phone', lambda ctx: '010-0000'),
        target=lambda ctx, station: station,
        own={
            'hq_service': {R, W}, 'hq_finance': READ, 'hq_hr': READ,
            'auditor': READ,
            'manager': READ, 'clerk': READ, 'technician': READ,
            'receptionist': READ,
            }))


def _delegation(ctx, station):
    Delegation = Model.get('station.delegation')
    Employee = Model.get('company.employee')
    Station = Model.get('station.station')
    return Delegation(
        station=Station(station.id),
        deputy=Employee(ctx['deputies'][station.id].id),
        date_from=dt.date(2030, 1, 1), date_to=dt.date(2030, 1, 2))


register(ModelCase(
        'station.delegation', _delegation,
        ('reason', lambda ctx: "changed"),
        own={
            'hq_service': {R, W}, 'hq_finance': READ, 'hq_hr': READ,
            'auditor': READ,
            'manager': ALL, 'clerk': READ, 'technician': READ,
            'receptionist': READ,
            }))


def run_report_case(test, case, ctx, users):
    "Run one report's matrix: who reads which station's rows, nobody writes"
    Report = Model.get(case.model)
    a, b = ctx['station_a'].id, ctx['station_b'].id

    def rows(station=None):
        domain = [('station', '=', station)] if station else []
        with Report._config.set_context(case.period):
            return [r.id for r in Report.find(domain)]

    set_user(1)
    everything = rows()
    own_rows, other_rows = rows(a), rows(b)
    # the fixtures must give both stations rows, or the test proves nothing
    test.assertTrue(own_rows and other_rows,
        f"{case.model}: no rows for both stations in the fixtures")
    for role in ROLES:
        set_user(users[role])
        Report = Model.get(case.model)
        with Report._config.set_context(case.period):
            context = Report._config.context
        for side, station, ids in [
                ('own', a, own_rows), ('other', b, other_rows)]:
            label = f"{role} on {side} station's {case.model}"
            expected = role in case.readers and (
                side == 'own' or role not in STATION_ROLES)

            def read():
                if rows(station) != ids:
                    raise AccessError("hidden")
                Report._proxy.read(ids, ['station'], context)
            with test.subTest(label, op=R):
                test.assertEqual(_allowed(read), expected, f"{label}: read")

            def create():
                Report._proxy.create([{'station': station}], context)

            def write():
                Report._proxy.write(ids[:1], {'station': a}, context)

            def delete():
                Report._proxy.delete(ids[:1], context)
            for op, func in [(C, create), (W, write), (D, delete)]:
                with test.subTest(label, op=op):
                    # refused by the access rows, or by Tryton itself on an
                    # SQL view before it checks them: no row to change
                    try:
                        func()
                    except (AccessError, NotImplementedError):
                        continue
                    test.fail(f"{label}: {op} allowed")
    set_user(1)
    test.assertEqual(rows(), everything, f"{case.model}: rows unchanged")
