# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Every string a station user can meet has a zh_CN translation (issue 3)"
import unittest
from collections import Counter

from proteus import Model
from trytond.pool import Pool
from trytond.tests.test_tryton import drop_db
from trytond.tests.tools import activate_modules
from trytond.transaction import Transaction

from addons.station_zh.tests.tools import (
    LANG, dependencies, load_zh, station_modules, untranslated)


class TranslationsTestCase(unittest.TestCase):
    "zh_CN translations of the station modules and the core modules in scope"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.modules = station_modules()
        cls.config = activate_modules(cls.modules)
        load_zh(cls.config)

    @classmethod
    def tearDownClass(cls):
        drop_db()
        super().tearDownClass()

    def test_station_zh_activated(self):
        "station_zh overrides the core translations"
        self.assertIn('station_zh', self.modules)

    def test_every_string_translated(self):
        "No string of the modules in scope lacks a zh_CN translation"
        Module = Model.get('ir.module')
        activated = {m.name for m in Module.find(
                    [('state', '=', 'activated')])}
        scope = dependencies(self.modules) & activated
        with Transaction().start(
                self.config.database_name, 0, readonly=True):
            missing = untranslated(scope)
        lines = ['%s %s %r' % (s.module, s.msgctxt, s.msgid[:50])
            for s in missing]
        if missing:
            counts = Counter(s.module for s in missing)
            self.fail("%d strings without %s translation (%s)\n"
                "module msgctxt msgid[:50] (fuzzy counts as missing):\n%s" % (
                    len(missing), LANG,
                    ', '.join('%s %d' % c for c in sorted(counts.items())),
                    '\n'.join(lines)))

    def test_user_language(self):
        "A user set to zh_CN reads the top menus in Chinese"
        User = Model.get('res.user')
        Lang = Model.get('ir.lang')
        zh, = Lang.find([('code', '=', LANG)])
        self.assertTrue(zh.translatable)
        user = User(name="Zh", login='zh_user', language=zh)
        user.save()
        with Transaction().start(
                self.config.database_name, 0, readonly=True,
                context={'language': LANG}):
            Menu = Pool().get('ir.ui.menu')
            names = {m.name for m in Menu.search([('parent', '=', None)])}
        self.assertTrue(names)
        self.assertFalse({n for n in names if n.isascii()}, names)
