# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction, without_check_access


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.domain.help += (
            '\n- "stations" as list of ids of the current user\'s stations'
            ' (every station for groups that see all stations)'
            '\n- "station_warehouses" as list of ids of their warehouses'
            '\n- "user_stations" as list of ids of all the stations the user'
            ' holds, whichever is current'
            '\n- "all_stations" as True when the user sees every station')

    @classmethod
    def _get_context(cls, model_name):
        pool = Pool()
        User = pool.get('res.user')
        context = super()._get_context(model_name)
        access = User.get_station_access()
        context['stations'] = list(access['stations'])
        context['station_warehouses'] = list(access['warehouses'])
        context['all_stations'] = access['all']
        context['user_stations'] = list(access['held'])
        return context

    @classmethod
    def _get_cache_key(cls, model_names):
        pool = Pool()
        User = pool.get('res.user')
        key = super()._get_cache_key(model_names)
        access = User.get_station_access()
        return (*key, access['all'], access['stations'], access['held'])


class Lang(metaclass=PoolMeta):
    __name__ = 'ir.lang'

    @classmethod
    def on_modification(cls, mode, langs, field_names=None):
        super().on_modification(mode, langs, field_names=field_names)
        if mode == 'write' and any(
                l.code == 'zh_CN' and l.translatable for l in langs):
            translate_rule_names()


def translate_rule_names():
    """Name the station rules in zh_CN: a rule's name is what an access
    error shows (the rules are created before the language is loaded)"""
    from .model import RULE_NAMES_ZH, _translate_rule_name
    pool = Pool()
    RuleGroup = pool.get('ir.rule.group')
    with without_check_access(), Transaction().set_context(language='en'):
        groups = RuleGroup.search([('name', 'in', list(RULE_NAMES_ZH))])
        names = {g.id: g.name for g in groups}
    for group in groups:
        _translate_rule_name(group, names[group.id])
