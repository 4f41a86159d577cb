# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Find the strings without zh_CN translation (tests and scripts/zh_core.py)"
from collections import namedtuple
from importlib.metadata import entry_points

from proteus import Model, Wizard
from trytond.modules import get_module_info
from trytond.pool import Pool
from trytond.transaction import Transaction

LANG = 'zh_CN'
# Models whose record ids are exported through the model data of another
# model (ir.translation.extra_model_data)
_ACTION_MODELS = {
    'ir.action.report', 'ir.action.act_window', 'ir.action.wizard',
    'ir.action.url'}

String = namedtuple('String', 'module msgctxt msgid msgid_plural value fuzzy')


def station_modules(exclude=()):
    "Return the station modules registered with a tryton.cfg"
    names = []
    for ep in entry_points(group='trytond.modules'):
        if not ep.name.startswith('station') or ep.name in exclude:
            continue
        if get_module_info(ep.name):
            names.append(ep.name)
    return sorted(set(names))


def dependencies(modules, extras=False):
    "Return the modules and all the modules they depend on (tryton.cfg)"
    result, todo = set(), list(modules)
    while todo:
        name = todo.pop()
        if name in result:
            continue
        info = get_module_info(name)
        if info is None:
            continue
        result.add(name)
        todo.extend(info.get('depends', []))
        if extras:
            todo.extend(m for m in info.get('extras_depend', [])
                if get_module_info(m))
    return result


def load_zh(config=None):
    """Make zh_CN translatable, load every module's zh_CN po, collect the
    source strings of views and reports and create the missing zh_CN rows
    (as the Translate menu does)"""
    Lang = Model.get('ir.lang', config=config)
    zh, = Lang.find([('code', '=', LANG)])
    Lang.click([zh], 'load_translations')
    Wizard('ir.translation.set', config=config).execute('set_')
    update = Wizard('ir.translation.update', config=config)
    update.form.language = zh
    update.execute('update')


def strings(modules):
    "Yield every zh_CN String of the modules (inside a transaction)"
    pool = Pool()
    Translation = pool.get('ir.translation')
    ModelData = pool.get('ir.model.data')
    fs_ids = {}
    for data in ModelData.search([('module', 'in', list(modules))]):
        models = [data.model]
        if data.model in _ACTION_MODELS:
            models.append('ir.action')
        for model in models:
            fs_ids[(data.module, model, data.db_id)] = data.fs_id
    with Transaction().set_context(language='en'):
        rows = Translation.search([
                ('lang', '=', LANG),
                ('module', 'in', list(modules)),
                ], order=[('module', 'ASC'), ('type', 'ASC'), ('name', 'ASC'),
                ('id', 'ASC')])
    for row in rows:
        if not row.src and not row.src_plural:
            continue
        fs_id = ''
        if row.res_id is not None and row.res_id >= 0:
            fs_id = fs_ids.get(
                (row.module, row.name.split(',')[0], row.res_id))
            if fs_id is None:
                # record not created by the module's XML (e.g. test data)
                continue
        yield String(row.module, '%s:%s:%s' % (row.type, row.name, fs_id),
            row.src, row.src_plural, row.value or '', bool(row.fuzzy))


def untranslated(modules):
    "Return the Strings of the modules a zh_CN user sees in English"
    return [s for s in strings(modules) if not s.value or s.fuzzy]
