#!/usr/bin/env python3
"""Regenerate <module>/locale/zh_CN.po from the module's strings.

Activates the module in a throw-away SQLite database, collects its strings
with Tryton's own wizards (ir.translation.set, ir.translation.export) and
keeps every msgstr already in the po file (same msgctxt and msgid).

    scripts/update_po.py station station_governance
"""
import csv
import os
import sys

os.environ.setdefault('DB_NAME', ':memory:')
os.environ.setdefault('TRYTOND_DATABASE_URI', 'sqlite://')

import polib  # noqa: E402
from proteus import Model, Wizard  # noqa: E402
from trytond.model import fields  # noqa: E402
from trytond.pool import Pool  # noqa: E402
from trytond.transaction import Transaction  # noqa: E402
from trytond.tests.tools import activate_modules  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def module_path(name):
    for base in ['addons', '.']:
        path = os.path.join(ROOT, base, name)
        if os.path.exists(os.path.join(path, 'tryton.cfg')):
            return path
    raise SystemExit("unknown module %s" % name)


def load_glossary():
    "Return the project's English to zh_CN glossary (i18n/zh_CN.csv)"
    with open(os.path.join(ROOT, 'i18n', 'zh_CN.csv'), newline='') as f:
        return {row['english']: row['zh_CN'] for row in csv.DictReader(f)}


# product.product shows the fields a module adds to product.template under
# its own name: Tryton looks their labels up as product.product fields
MIRRORS = {'product.template': 'product.product'}


def add_mirrors(po, pool):
    "Add the mirrored entries (e.g. product.product) of template fields"
    have = {(e.msgctxt, e.msgid) for e in po}
    for entry in list(po):
        kind, _, rest = (entry.msgctxt or '').partition(':')
        model, _, field = rest.partition(',')
        field = field.rstrip(':')
        if kind not in {'field', 'help'} or model not in MIRRORS:
            continue

        target = MIRRORS[model]
        try:
            Target = pool.get(target)
        except KeyError:
            continue
        if not isinstance(getattr(Target, field, None), fields.Field):
            continue
        msgctxt = f'{kind}:{target},{field}:'
        if (msgctxt, entry.msgid) in have:
            continue
        po.append(polib.POEntry(
                msgctxt=msgctxt, msgid=entry.msgid, msgstr=''))
        have.add((msgctxt, entry.msgid))


def main(modules):
    config = activate_modules(modules)
    Lang = Model.get('ir.lang')
    zh, = Lang.find([('code', '=', 'zh_CN')])
    zh.translatable = True
    zh.save()
    Wizard('ir.translation.set').execute('set_')
    update = Wizard('ir.translation.update')
    update.form.language = zh
    update.execute('update')
    for name in modules:
        with Transaction().start(config.database_name, 0, readonly=True):
            Translation = Pool(config.database_name).get('ir.translation')
            content = Translation.translation_export('zh_CN', name)
        path = os.path.join(module_path(name), 'locale', 'zh_CN.po')
        os.makedirs(os.path.dirname(path), exist_ok=True)
        new = polib.pofile(content.decode('utf-8'))
        with Transaction().start(
                config.database_name, 0, readonly=True):
            add_mirrors(new, Pool(config.database_name))
        old = {}
        if os.path.exists(path):
            old = {(e.msgctxt, e.msgid): e.msgstr
                for e in polib.pofile(path) if e.msgstr}
        glossary = load_glossary()
        for entry in new:
            entry.msgstr = old.get(
                (entry.msgctxt, entry.msgid), glossary.get(entry.msgid, ''))
        # a mirrored label reads as its template field's
        filled = {(e.msgctxt, e.msgid): e.msgstr for e in new if e.msgstr}
        for entry in new:
            if entry.msgstr:
                continue
            for source, target in MIRRORS.items():
                ctxt = (entry.msgctxt or '').replace(
                    f':{target},', f':{source},', 1)
                entry.msgstr = filled.get((ctxt, entry.msgid), '')
        new.sort(key=lambda e: (e.msgctxt or '', e.msgid))
        new.save(path)
        missing = [e for e in new if not e.msgstr]
        print(f"{name}: {len(new)} strings, {len(missing)} untranslated")


if __name__ == '__main__':
    main(sys.argv[1:])
