#!/usr/bin/env python3
"""Complete the zh_CN translations of the Tryton core modules we build on.

Activates the core modules in scope (every module the station modules depend
on, through their tryton.cfg) in a throw-away database, loads Tryton's own
zh_CN translations and writes
addons/station_zh/locale/override/zh_CN.po: one override entry
("type:name:<module>.<fs_id>") for every core string that is empty or fuzzy
in Tryton and for every string we deliberately retranslate.  msgstr already
in that po are kept; new ones come from --memory files (TSV english<TAB>zh,
"\\n" for new lines), from the same English elsewhere in the po and from the
glossary i18n/zh_CN.csv; i18n/zh_CN_avoid.csv then replaces the terms the
glossary rejects, also in Tryton's own translations.

    scripts/zh_core.py                      # status, writes the po
    scripts/zh_core.py --todo /tmp/todo.tsv # + English still untranslated
    scripts/zh_core.py --memory a.tsv b.tsv # + merge translations
    scripts/zh_core.py --with stock_lot     # + modules not yet depended on
"""
import argparse
import csv
import os
import re
import sys
from collections import Counter, defaultdict

os.environ.setdefault('DB_NAME', ':memory:')
os.environ.setdefault('TRYTOND_DATABASE_URI', 'sqlite://')

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import polib  # noqa: E402
from trytond.modules import get_module_info  # noqa: E402
from trytond.tests.tools import activate_modules  # noqa: E402
from trytond.transaction import Transaction  # noqa: E402

from addons.station_zh.tests import tools  # noqa: E402

PO = os.path.join(ROOT, 'addons', 'station_zh', 'locale', 'override',
    'zh_CN.po')


def unescape(text):
    return text.replace('\\n', '\n').replace('\\t', '\t')


def escape(text):
    return text.replace('\t', '\\t').replace('\n', '\\n')


def read_tsv(path):
    result = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#') or '\t' not in line:
                continue
            english, zh = line.split('\t')[:2]
            if zh.strip():
                result[unescape(english)] = unescape(zh)
    return result


def glossary():
    with open(os.path.join(ROOT, 'i18n', 'zh_CN.csv'), newline='') as f:
        return {r['english']: r['zh_CN'] for r in csv.DictReader(f)}


def avoid():
    "Return [(rejected, preferred, module)] of i18n/zh_CN_avoid.csv"
    with open(os.path.join(ROOT, 'i18n', 'zh_CN_avoid.csv'), newline='') as f:
        return [(r['avoid'], r['use'], r['module'])
            for r in csv.DictReader(f) if r['avoid']]


def apply_avoid(text, rules, module):
    "Replace in order the terms the glossary rejects"
    for wrong, right, only in rules:
        if not only or only == module:
            text = text.replace(wrong, right)
    return text


PLACEHOLDER = re.compile(r'%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]'
    r'|\$\{[^}]*\}|\[\d+:|\{\}')


def check_placeholders(po):
    "Return the entries whose msgstr does not keep the msgid's placeholders"
    bad = []
    for entry in po:
        msgstr = entry.msgstr or entry.msgstr_plural.get(0, '')
        if msgstr and (sorted(PLACEHOLDER.findall(entry.msgid))
                != sorted(PLACEHOLDER.findall(msgstr))):
            bad.append(entry)
    return bad


def scope(extra):
    stations = tools.station_modules(exclude={'station_zh'})
    # the extras of our own modules (account_asset …) are in scope too
    extras = {m for s in stations
        for m in get_module_info(s).get('extras_depend', [])}
    modules = tools.dependencies(set(stations) | extras) | set(extra)
    modules = {m for m in modules if not m.startswith('station')}
    missing = {m for m in modules if not get_module_info(m)}
    if missing:
        print("not installed (skipped): %s" % ', '.join(sorted(missing)))
    return sorted(modules - missing)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--with', dest='extra', nargs='*', default=[],
        help="core modules to cover besides the depends of station modules")
    parser.add_argument('--memory', nargs='*', default=[],
        help="TSV files english<TAB>zh_CN to fill empty msgstr")
    parser.add_argument('--todo', help="write the English still untranslated")
    parser.add_argument('--review',
        help="write the strings where we replace Tryton's translation")
    args = parser.parse_args()

    modules = scope(args.extra)
    print("core modules in scope: %s" % ' '.join(modules))
    config = activate_modules([m for m in modules if m not in {'ir', 'res'}])
    tools.load_zh(config)
    with Transaction().start(config.database_name, 0, readonly=True):
        strings = list(tools.strings(modules))

    old = {}
    if os.path.exists(PO):
        old = {(e.msgctxt, e.msgid): e for e in polib.pofile(PO)}
    memory = glossary()
    for entry in old.values():
        if entry.msgstr or entry.msgstr_plural.get(0):
            memory[entry.msgid] = (
                entry.msgstr or entry.msgstr_plural.get(0))
    for path in args.memory:
        memory.update(read_tsv(path))
    rules = avoid()

    po = polib.POFile(wrapwidth=78)
    po.metadata = {'Content-Type': 'text/plain; charset=utf-8'}
    stats = defaultdict(Counter)
    todo, review = {}, []
    for string in strings:
        type_, name, fs_id = string.msgctxt.split(':')
        msgctxt = '%s:%s:%s.%s' % (type_, name, string.module, fs_id)
        key = (msgctxt, string.msgid)
        count = stats[string.module]
        count['strings'] += 1
        tryton_ok = string.value and not string.fuzzy
        kept = key in old and (
            old[key].msgstr or old[key].msgstr_plural.get(0, ''))
        if kept:
            msgstr = kept
        elif tryton_ok:
            msgstr = apply_avoid(string.value, rules, string.module)
            if msgstr == string.value:
                count['kept from Tryton'] += 1
                continue
        else:
            msgstr = memory.get(string.msgid, '')
        msgstr = apply_avoid(msgstr, rules, string.module)
        if msgstr and tryton_ok and msgstr == string.value:
            count['kept from Tryton'] += 1
            continue
        if tryton_ok:
            count['retranslated'] += 1
            review.append((msgctxt, string.msgid, string.value, msgstr))
        elif msgstr:
            count['translated'] += 1
        else:
            count['untranslated'] += 1
            todo.setdefault(string.msgid, (string.value, msgctxt))
        entry = polib.POEntry(msgctxt=msgctxt, msgid=string.msgid,
            msgstr=msgstr)
        if string.msgid_plural:
            entry.msgid_plural = string.msgid_plural
            entry.msgstr = ''
            entry.msgstr_plural = {0: msgstr}
        po.append(entry)
    po.sort(key=lambda e: (e.msgctxt, e.msgid))
    os.makedirs(os.path.dirname(PO), exist_ok=True)
    po.save(PO)

    columns = ['strings', 'kept from Tryton', 'translated', 'retranslated',
        'untranslated']
    print('%-18s' % 'module' + ''.join('%18s' % c for c in columns))
    for module in modules:
        print('%-18s' % module
            + ''.join('%18d' % stats[module][c] for c in columns))
    if args.todo:
        with open(args.todo, 'w', encoding='utf-8') as f:
            for msgid, (suggestion, msgctxt) in sorted(todo.items()):
                f.write('%s\t\t%s\t%s\n' % (
                        escape(msgid), escape(suggestion), msgctxt))
        print("%d English strings to translate in %s" % (
                len(todo), args.todo))
    if args.review:
        with open(args.review, 'w', encoding='utf-8') as f:
            for row in review:
                f.write('\t'.join(escape(c) for c in row) + '\n')
    bad = check_placeholders(po)
    for entry in bad:
        print("placeholders differ: %s %r -> %r" % (
                entry.msgctxt, entry.msgid, entry.msgstr))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
