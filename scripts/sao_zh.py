#!/usr/bin/env python3
"""Complete the web client's zh_CN strings from i18n/sao_zh_CN.po.

tryton-sao 8.0 ships locale/zh_CN.json with some strings empty or fuzzy;
this writes our translations into that json (idempotent: run it after every
npm install of tryton-sao, e.g. from scripts/demo.sh).

    scripts/sao_zh.py var/sao-build/node_modules/tryton-sao
"""
import json
import os
import sys

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(sao_dir):
    path = os.path.join(sao_dir, 'locale', 'zh_CN.json')
    with open(path, encoding='utf-8') as f:
        data = json.load(f)
    po = polib.pofile(os.path.join(ROOT, 'i18n', 'sao_zh_CN.po'))
    for entry in po:
        if entry.msgstr:
            data[entry.msgid] = [None, entry.msgstr]
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(data, f, ensure_ascii=False)
    print("%s: %d strings set" % (path, len(po)))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(
            ROOT, 'var', 'sao-build', 'node_modules', 'tryton-sao'))
