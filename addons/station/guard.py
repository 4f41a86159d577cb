# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What a client may set on the documents of the station modules.

trytond checks neither ``readonly`` nor ``states`` on the server: a client
(sao, proteus or anyone calling the JSON-RPC) can send any value.
:class:`ClientGuardMixin` refuses, on a create or write coming from a client
(the same test as trytond's ``external``: a user and access checks on),

- any value of a field declared ``readonly=True`` (the workflow ``state``,
  the who/when stamps, ``requested_by``, numbers ...) that differs from its
  default on create or from the stored value on write;
- any value of a field whose ``states['readonly']`` is true for the record
  as the client sees it (the PYSON is evaluated on the server, as the web
  client evaluates it);
- once a workflow record has left its first state, any value of a field
  that declares no ``readonly`` state: the content of a submitted document
  is frozen except the fields its current state opens.

It also refuses to export (``export_data``) records the user's search does
not return (:func:`check_export`, also used for core models).

Buttons, wizards, crons and server code run without access checks and are
not concerned.  ``StationMixin`` includes the mixin, child models (lines)
inherit it themselves; ``StationModuleTestMixin.test_client_guard`` checks
that no model of a station module escapes it.
"""
import datetime
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import Model
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import PYSON, PYSONDecoder, PYSONEncoder
from trytond.tools import grouped_slice
from trytond.transaction import Transaction, without_check_access

from .exceptions import ClientFieldError, ClientValueError

_X2MANY = {'one2many', 'many2many'}
_EMPTY = (None, '', False, (), [])
# what a client may type (issue 14): longer texts, absurd numbers and dates
# are refused with a message instead of breaking a list, an index or a
# computation later
CHAR_SIZE = 1024
TEXT_SIZE = 65536
NUMBER_LIMIT = Decimal('1e12')
INTEGER_LIMIT = 2 ** 31 - 1
YEARS = (1900, 2999)


def _plain(value):
    "The value as the client's PYSON sees it"
    if isinstance(value, Model):
        return value.id
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _same(field, a, b):
    "Whether two values of field are the same for the client"
    a, b = _plain(a), _plain(b)
    if a in _EMPTY and b in _EMPTY:
        return True
    if isinstance(a, (int, float, Decimal)) and isinstance(
            b, (int, float, Decimal)) and not isinstance(a, bool):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except ArithmeticError:
            return False
    if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime):
        return a.replace(microsecond=0) == b.replace(microsecond=0)
    if field._type == 'reference':
        return str(a) == str(b)
    return a == b


def _evaluate(expression, env):
    if isinstance(expression, PYSON):
        expression = PYSONEncoder().encode(expression)
        return bool(PYSONDecoder(env).decode(expression))
    return bool(expression)


def check_export(Model_, records):
    """Refuse to export records the user's search does not return: trytond
    checks the record rules of an export in Python and takes the clauses it
    cannot evaluate there (dotted paths, parents) as true (issue 14)"""
    ids = {r.id for r in records}
    if not ids:
        return
    found = set()
    for sub_ids in grouped_slice(list(ids)):
        found.update(map(int, Model_.search(
                    [('id', 'in', list(sub_ids))], order=[])))
    if ids - found:
        pool = Pool()
        Model_name = pool.get('ir.model')
        with without_check_access():
            model = Model_name.get_name(Model_.__name__) or Model_.__name__
        raise AccessError(gettext(
                'station.msg_export_denied', model=model,
                count=len(ids - found)))


class ClientGuardMixin:
    "Refuse from clients the values of the fields they cannot set"
    __slots__ = ()
    # readonly fields a client may still send (rare: say why)
    _client_fields = set()

    @classmethod
    def _client_call(cls):
        transaction = Transaction()
        return bool(transaction.user and transaction.check_access)

    @classmethod
    def create(cls, vlist):
        if cls._client_call():
            # who may not create at all is told so first
            Pool().get('ir.model.access').check(cls.__name__, 'create')
            cls.check_client_create(vlist)
        return super().create(vlist)

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if mode == 'write' and external and values:
            cls.check_client_write(records, values)

    @classmethod
    def export_data(cls, records, fields_names, header=False):
        if cls._client_call():
            check_export(cls, records)
        return super().export_data(records, fields_names, header=header)

    @classmethod
    def _guard_initial_states(cls):
        "The states in which every field without readonly state is open"
        if 'state' not in cls._fields or not hasattr(cls, 'default_state'):
            return None
        return {cls.default_state()}

    @classmethod
    def _client_readonly(cls, name, env, state=None):
        "Whether the client cannot change field name for env"
        field = cls._fields.get(name)
        if field is None or name in cls._client_fields:
            return False
        if field.readonly:
            return True
        readonly = field.states.get('readonly')
        if readonly is not None:
            return _evaluate(readonly, env)
        initial = cls._guard_initial_states()
        if initial is not None and state is not None and name != 'state':
            return state not in initial
        return False

    @classmethod
    def _client_env(cls, record, names, values=None):
        "The values the client's PYSON reads: record's, updated by values"
        # the groups a PYSON reads are the user's on the server, never the
        # ones a client puts in its context
        context = dict(Transaction().context)
        context['groups'] = list(Pool().get('res.user').get_groups())
        env = {'context': context, 'id': record.id or -1}
        values = values or {}
        for name in names:
            if name in {'context', 'id'} or name.startswith('_parent_'):
                continue
            field = cls._fields.get(name)
            if field is None:
                continue
            if name in values and field._type not in _X2MANY:
                env[name] = _plain(values[name])
                continue
            method = getattr(cls, 'on_change_with_%s' % name, None)
            try:
                if record.id is None or record.id < 0:
                    value = (method(record) if method
                        else getattr(record, name, None))
                else:
                    value = getattr(record, name)
            except Exception:
                value = None
            env[name] = _plain(value)
        return env

    @classmethod
    def _client_eval_names(cls, names):
        from trytond.model.fields.field import get_eval_fields
        evals = set()
        for name in names:
            field = cls._fields.get(name)
            if field is not None:
                evals |= get_eval_fields(field.states)
        return evals

    @classmethod
    def check_client_create(cls, vlist):
        names = set().union(*vlist) if vlist else set()
        evals = cls._client_eval_names(names)
        defaults = cls.default_get(
            [n for n in names | evals | {'state'} if n in cls._fields],
            with_rec_name=False)
        for values in vlist:
            merged = dict(defaults)
            merged.update(values)
            record = cls(**{
                    k: v for k, v in merged.items()
                    if k in cls._fields
                    and cls._fields[k]._type not in _X2MANY
                    and getattr(cls._fields[k], 'setter', True)})
            env = cls._client_env(record, evals, merged)
            state = merged.get('state')
            for name, value in values.items():
                field = cls._fields.get(name)
                if field is None:
                    continue
                cls._check_client_value(name, field, value)
                if field._type in _X2MANY:
                    if value and cls._client_readonly(name, env):
                        cls._raise_client_field(name, None)
                    continue
                if not cls._client_readonly(name, env):
                    continue
                if not _same(field, value, defaults.get(name)):
                    cls._raise_client_field(name, None)
            if (state is not None and 'state' in values
                    and cls._guard_initial_states() is not None
                    and state not in cls._guard_initial_states()):
                cls._raise_client_field('state', None)

    @classmethod
    def check_client_write(cls, records, values):
        evals = cls._client_eval_names(values.keys())
        for record in records:
            env = cls._client_env(record, evals | {'state'}, values)
            state = getattr(record, 'state', None)
            for name, value in values.items():
                field = cls._fields.get(name)
                if field is None:
                    continue
                cls._check_client_value(name, field, value, record)
                if not cls._client_readonly(name, env, state=state):
                    continue
                if field._type in _X2MANY:
                    if value:
                        cls._raise_client_field(name, record)
                    continue
                if not _same(field, value, getattr(record, name, None)):
                    cls._raise_client_field(name, record)

    @classmethod
    def _check_client_value(cls, name, field, value, record=None):
        "Refuse what no user types: huge texts, absurd numbers and dates"
        if value is None or isinstance(value, bool):
            return
        message = None
        if field._type in {'char', 'text'} and isinstance(value, str):
            size = (field.size if getattr(field, 'size', None)
                else CHAR_SIZE if field._type == 'char' else TEXT_SIZE)
            if len(value) > size:
                message, extra = 'station.msg_client_value_size', {
                    'size': size}
        elif field._type in {'float', 'numeric'} and isinstance(
                value, (int, float, Decimal)):
            try:
                number = Decimal(str(value))
                bad = not number.is_finite() or abs(number) > NUMBER_LIMIT
            except ArithmeticError:
                bad = True
            if bad:
                message, extra = 'station.msg_client_value_number', {
                    'limit': NUMBER_LIMIT}
        elif field._type == 'integer' and isinstance(value, int):
            if abs(value) > INTEGER_LIMIT:
                message, extra = 'station.msg_client_value_number', {
                    'limit': INTEGER_LIMIT}
        elif field._type in {'date', 'datetime', 'timestamp'} and isinstance(
                value, (datetime.date, datetime.datetime)):
            if not YEARS[0] <= value.year <= YEARS[1]:
                message, extra = 'station.msg_client_value_date', {
                    'first': YEARS[0], 'last': YEARS[1]}
        if message:
            pool = Pool()
            Field = pool.get('ir.model.field')
            Model_ = pool.get('ir.model')
            with without_check_access():
                field_name = Field.get_name(cls.__name__, name) or name
                model = Model_.get_name(cls.__name__) or cls.__name__
            raise ClientValueError(gettext(message,
                    field=field_name, model=model,
                    record=record.rec_name if record else model, **extra))

    @classmethod
    def _raise_client_field(cls, name, record):
        pool = Pool()
        Field = pool.get('ir.model.field')
        Model_ = pool.get('ir.model')
        with without_check_access():
            field = Field.get_name(cls.__name__, name) or name
            model = Model_.get_name(cls.__name__) or cls.__name__
        if record is None:
            raise ClientFieldError(gettext(
                    'station.msg_client_field_create',
                    field=field, model=model))
        raise ClientFieldError(gettext(
                'station.msg_client_field_write',
                field=field, record=record.rec_name, model=model))
