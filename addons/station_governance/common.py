# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Guards shared by the governance documents.

Tryton checks neither ``readonly`` nor ``states`` on the server, so the
fields that only buttons may set and the fields that may change only while a
document is a draft are checked here for every call coming from a client.
"""
import datetime
from functools import wraps

from trytond.i18n import gettext
from trytond.pool import Pool
from trytond.transaction import Transaction, without_check_access

from .exceptions import GovernanceAccessError


def act(verb):
    """Decorate a button body to stamp <verb>_by and <verb>_at

    The body runs without access checks: who may press the button is
    decided by ir.model.button-res.group and by the record rules checked by
    ModelView.button before."""
    def decorator(func):
        @wraps(func)
        def wrapper(cls, records, *args, **kwargs):
            with without_check_access():
                result = func(cls, records, *args, **kwargs)
                if records:
                    cls.write(list(records), {
                            '%s_by' % verb: Transaction().user or None,
                            '%s_at' % verb: datetime.datetime.now(),
                            })
            return result
        return wrapper
    return decorator


def unchecked(func):
    "Run a button transition (including its state write) without access check"
    @wraps(func)
    def wrapper(cls, records, *args, **kwargs):
        with without_check_access():
            return func(cls, records, *args, **kwargs)
    return wrapper


class GuardedMixin:
    "Refuse client writes to button-set fields and to non-draft contents"
    __slots__ = ()
    # fields that only buttons (or the server) set
    _protected_fields = {'state'}
    # fields that may change only in these states
    _draft_fields = set()
    _draft_states = {'draft'}

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if mode == 'delete':
            for record in records:
                if record.state not in cls._draft_states:
                    raise GovernanceAccessError(gettext(
                            'station_governance.msg_delete_draft',
                            record=record.rec_name))
        if not external:
            return
        if mode == 'write':
            protected = values.keys() & cls._protected_fields
            if protected:
                raise GovernanceAccessError(gettext(
                        'station_governance.msg_write_protected',
                        field=cls._field_string(sorted(protected)[0]),
                        **cls.__names__()))
            if values.keys() & cls._draft_fields:
                for record in records:
                    if record.state not in cls._draft_states:
                        raise GovernanceAccessError(gettext(
                                'station_governance.msg_modify_draft',
                                record=record.rec_name))
        elif mode == 'create':
            default_state = cls.default_state()
            protected = sorted(cls._protected_on_create())
            for record in records:
                if record.state != default_state:
                    protected = ['state']
                else:
                    protected = [
                        f for f in protected if getattr(record, f, None)]
                if protected:
                    raise GovernanceAccessError(gettext(
                            'station_governance.msg_write_protected',
                            field=cls._field_string(protected[0]),
                            **cls.__names__()))

    @classmethod
    def _protected_on_create(cls):
        "Return the protected fields that must be empty on creation"
        # the number is filled by preprocess_values
        return cls._protected_fields - {'state', 'number'}

    @classmethod
    def _field_string(cls, name):
        pool = Pool()
        Field = pool.get('ir.model.field')
        with without_check_access():
            return Field.get_name(cls.__name__, name) or name
