# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import os
import tempfile

import polib

from trytond.pool import Pool, PoolMeta


class Translation(metaclass=PoolMeta):
    __name__ = 'ir.translation'

    @classmethod
    def translation_import(cls, lang, module, po_path):
        """Prepare the override entries of the po files before importing them

        Tryton overrides another module's translation only when that module
        already has a row for the language (``override_translation`` expects
        exactly one).  Core po files miss the strings nobody translated yet,
        so for every override entry ("type:name:module.fs_id") this creates
        the missing row (empty value), aligns a stale source text, confirms
        the fuzzy rows whose value it keeps, sets
        itself the rows that share their key (help of selection values) and
        drops the entries of modules that are not activated (extras_depend).
        """
        paths = [po_path] if isinstance(po_path, str) else list(po_path)
        temporaries = []
        try:
            prepared = []
            for path in paths:
                new_path = cls._station_prepare_overrides(lang, module, path)
                if new_path != path:
                    temporaries.append(new_path)
                prepared.append(new_path)
            return super().translation_import(lang, module, prepared)
        finally:
            for path in temporaries:
                os.remove(path)

    @classmethod
    def _station_help_selection(cls, name):
        "Tell if the help translation name is of a selection's values"
        model, _, field = name.partition(',')
        try:
            Model = Pool().get(model)
        except KeyError:
            return False
        field = Model._fields.get(field)
        return bool(getattr(field, 'help_selection', None))

    @classmethod
    def _station_prepare_overrides(cls, lang, module, path):
        "Return the path of the po with only the overrides that can apply"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        pofile = polib.pofile(path)
        if not any('.' in (e.msgctxt or '').split(':')[-1] for e in pofile):
            return path
        active = {}

        def is_active(name):
            if name not in active:
                active[name] = bool(ModelData.search(
                        [('module', '=', name)], limit=1))
            return active[name]

        skipped, to_save = False, []
        kept = polib.POFile()
        kept.metadata = pofile.metadata
        for entry in pofile:
            if entry.obsolete:
                continue
            ttype, name, res_id = entry.msgctxt.split(':')
            if '.' not in res_id:
                kept.append(entry)
                continue
            target, fs_id = res_id.split('.', 1)
            if not is_active(target):
                skipped = True
                continue
            if fs_id:
                data = ModelData.search([
                        ('module', '=', target),
                        ('fs_id', '=', fs_id),
                        ], limit=1)
                if not data:
                    skipped = True
                    continue
                db_id = data[0].db_id
            else:
                db_id = -1
            domain = [
                ('name', '=', name),
                ('res_id', '=', db_id),
                ('lang', '=', lang),
                ('type', '=', ttype),
                ('module', '=', target),
                ]
            if ttype in {'report', 'view', 'wizard_button', 'selection'}:
                domain.append(('src', '=', entry.msgid))
                domain.append(('src_plural', '=', entry.msgid_plural or None))
            rows = cls.search(domain)
            if ttype == 'help' and cls._station_help_selection(name):
                # The help of each value of a selection field share their
                # key: override_translation cannot choose among them, so the
                # row with the same source is set here.
                skipped = True
                rows = [r for r in rows if r.src == entry.msgid] or [cls(
                        name=name, res_id=db_id, lang=lang, type=ttype,
                        src=entry.msgid, module=target)]
                for row in rows:
                    row.value = entry.msgstr
                    row.fuzzy = 'fuzzy' in entry.flags
                    row.overriding_module = module
                    to_save.append(row)
                continue
            kept.append(entry)
            if not rows:
                to_save.append(cls(
                        name=name, res_id=db_id, lang=lang, type=ttype,
                        src=entry.msgid, src_plural=entry.msgid_plural or None,
                        module=target, value='', fuzzy=False))
            elif len(rows) == 1:
                row, changed = rows[0], False
                if row.src != entry.msgid:
                    row.src = entry.msgid
                    changed = True
                fuzzy = 'fuzzy' in entry.flags
                msgstr = entry.msgstr
                if entry.msgid_plural:
                    # the row's value is msgstr[0] (translation_import)
                    msgstr = entry.msgstr_plural.get(0) or ''
                if row.value == msgstr and row.fuzzy != fuzzy:
                    # override_translation skips equal values: confirm
                    # Tryton's fuzzy translation here
                    row.fuzzy = fuzzy
                    row.overriding_module = module
                    changed = True
                if changed:
                    to_save.append(row)
        if to_save:
            cls.save(to_save)
        if not skipped:
            return path
        fd, new_path = tempfile.mkstemp(suffix='.po', prefix='station_zh-')
        os.close(fd)
        kept.save(new_path)
        return new_path
