# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Station isolation for the models of every station module.

A model that inherits :class:`StationMixin` gets a required ``station`` field
and, when its module is activated or updated, a global record rule
``('station', 'in', Eval('stations', []))``.  The rule context ``stations``
holds the stations of the current user (every station for members of a group
with *All Stations* ticked), see ``ir.Rule._get_context``.
"""
from sql import Column, Table

from trytond.model import Index, fields
from trytond.pool import Pool
from trytond.pyson import Eval, PYSONEncoder
from trytond.transaction import Transaction, without_check_access

from .guard import ClientGuardMixin

STATION_DOMAIN = [('station', 'in', Eval('stations', []))]
STATION_RULE_NAME = "Records of the user's stations"
# the rule's name is what an access error shows: in the users' language too
RULE_NAMES_ZH = {
    STATION_RULE_NAME: "您所在站点的记录",
    "Transfers sent or received by the user's stations":
        "您所在站点发出或接收的调拨",
    }


def register_station_rule(model_name, domain=None, name=STATION_RULE_NAME):
    "Create the global station rule of model_name unless it exists"
    pool = Pool()
    RuleGroup = pool.get('ir.rule.group')
    Rule = pool.get('ir.rule')
    if domain is None:
        domain = STATION_DOMAIN
    encoded = PYSONEncoder(sort_keys=True).encode(domain)
    with without_check_access(), \
            Transaction().set_context(active_test=False, language='en'):
        for group in RuleGroup.search([
                    ('model', '=', model_name),
                    ('global_p', '=', True),
                    ]):
            if any(r.domain == encoded for r in group.rules):
                break
        else:
            group = RuleGroup(
                name=name, model=model_name, global_p=True, default_p=False,
                perm_read=True, perm_write=True, perm_create=True,
                perm_delete=True)
            group.rules = [Rule(domain=encoded)]
            group.save()
    _translate_rule_name(group, name)
    return group


def _translate_rule_name(group, name):
    "Give the rule group its zh_CN name when the language is installed"
    pool = Pool()
    Lang = pool.get('ir.lang')
    RuleGroup = pool.get('ir.rule.group')
    name_zh = RULE_NAMES_ZH.get(name)
    if not name_zh:
        return
    with without_check_access():
        if not Lang.search([
                    ('code', '=', 'zh_CN'), ('translatable', '=', True)]):
            return
        with Transaction().set_context(language='zh_CN'):
            if RuleGroup(group.id).name != name_zh:
                RuleGroup.write([RuleGroup(group.id)], {'name': name_zh})


class StationMixin(ClientGuardMixin):
    """Bind a record to one station and isolate it by a record rule; what
    clients may set is guarded (ClientGuardMixin)"""
    __slots__ = ()

    station = fields.Many2One(
        'station.station', "Station", required=True, ondelete='RESTRICT',
        states={
            'readonly': Eval('id', -1) >= 0,
            })

    # the name of the document's date field: the station's documents of a
    # period (what the record rule and the reports select) are then found
    # by an index on (station, date) instead of on the station alone
    _station_date_field = None

    @classmethod
    def __setup__(cls):
        super().__setup__()
        if (not hasattr(cls, '_sql_indexes')
                or (cls._is_table_query()
                    and not cls._table_query_materialized())):
            return
        t = Table(cls._table)
        if cls._station_date_field:
            cls._sql_indexes.add(Index(t,
                    (t.station, Index.Equality()),
                    (Column(t, cls._station_date_field), Index.Range())))
        else:
            cls._sql_indexes.add(Index(t, (t.station, Index.Equality())))

    @classmethod
    def __register__(cls, module):
        super().__register__(module)
        register_station_rule(cls.__name__)

    @classmethod
    def default_station(cls):
        pool = Pool()
        User = pool.get('res.user')
        return User.get_current_station()
