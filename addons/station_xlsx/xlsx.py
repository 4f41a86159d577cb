# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Excel (.xlsx) reports declared, not hand-written.

A module declares a report as a subclass of :class:`XlsxReport` listing its
:class:`Section` (one sheet each) and their :class:`Column` (a field of the
section's model, with an optional type, number format and width)::

    class ServiceXlsx(XlsxReport):
        __name__ = 'station.report.service.xlsx'
        sections = [
            Section('station.report.service', [
                Column('station'),
                Column('month', num_format='yyyy-mm'),
                Column('orders'),
                Column('turnaround_median', num_format='0.0'),
                ]),
            ]

and an ``ir.action.report`` record whose ``report_name`` is the class name
(keyword ``form_print`` on the model, ``records`` *listed*).  The headers
are the fields' strings in the user's language (so their zh_CN translation),
the sheet names the models' names.  Rows are read with ``search_read`` under
the user's access rights and record rules: the first section exports the
records the client passes (the listed rows), the other sections every row
the user sees with the same context (period, station).
"""
import datetime as dt
import io
import re
from decimal import Decimal

import xlsxwriter

from trytond.i18n import gettext
from trytond.pool import Pool
from trytond.report import Report

from .exceptions import XlsxError

MAX_ROWS = 1048575  # Excel's limit less the header row
SHEET_NAME_MAX = 31
INVALID_SHEET_CHARS = re.compile(r'[\[\]:*?/\\]')

# default Excel formats per cell type
FORMATS = {
    'integer': '0',
    'number': '#,##0.00',
    'percent': '0.0%',
    'date': 'yyyy-mm-dd',
    'datetime': 'yyyy-mm-dd hh:mm',
    'text': None,
    'boolean': None,
    }
# default column widths (in characters) per cell type
WIDTHS = {
    'integer': 10,
    'number': 14,
    'percent': 10,
    'date': 12,
    'datetime': 17,
    'text': 24,
    'boolean': 8,
    }
FIELD_TYPES = {
    'integer': 'integer',
    'biginteger': 'integer',
    'float': 'number',
    'numeric': 'number',
    'date': 'date',
    'datetime': 'datetime',
    'timestamp': 'datetime',
    'boolean': 'boolean',
    }


class Column:
    "A column of a section: one field of the section's model"
    __slots__ = ('field', 'type', 'num_format', 'width')

    def __init__(self, field, type=None, num_format=None, width=None):
        self.field = field
        self.type = type
        self.num_format = num_format
        self.width = width


class Section:
    """A sheet: rows of model (matching domain, in order) shown in columns

    When model is the report's model, the sheet holds the records the
    client passed (when it passed any)."""
    __slots__ = ('model', 'columns', 'domain', 'order', 'name')

    def __init__(self, model, columns, domain=None, order=None, name=None):
        self.model = model
        self.columns = columns
        self.domain = domain or []
        self.order = order
        self.name = name


def display_width(text):
    "Return the width of text in Excel characters (CJK count double)"
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text or '')


def sheet_name(name, used):
    "Return a valid and unique Excel sheet name for name"
    name = INVALID_SHEET_CHARS.sub(' ', name or 'Sheet').strip("' ")
    name = name[:SHEET_NAME_MAX] or 'Sheet'
    candidate, i = name, 1
    while candidate.lower() in used:
        i += 1
        suffix = ' (%s)' % i
        candidate = name[:SHEET_NAME_MAX - len(suffix)] + suffix
    used.add(candidate.lower())
    return candidate


class XlsxReport(Report):
    "Excel report rendered with xlsxwriter from declared sections"
    sections = []

    @classmethod
    def get_sections(cls, action_report, data):
        "Return the sections to export (override to compute them)"
        return cls.sections

    @classmethod
    def execute(cls, ids, data):
        pool = Pool()
        ActionReport = pool.get('ir.action.report')
        ids = [int(i) for i in ids or []]
        action_id = data.get('action_id')
        if action_id is None:
            action_report, = ActionReport.search([
                    ('report_name', '=', cls.__name__),
                    ], limit=1)
        else:
            action_report = ActionReport(action_id)
        model = action_report.model or data.get('model')
        cls.check_access(action_report, model, ids)
        sections = cls.get_sections(action_report, data)
        if not sections:
            raise XlsxError(gettext(
                    'station_xlsx.msg_xlsx_no_section',
                    report=action_report.rec_name))
        content = cls.render_sections(action_report, sections, model, ids)
        return ('xlsx', content, False, action_report.name)

    @classmethod
    def render_sections(cls, action_report, sections, model, ids):
        "Return the bytes of the workbook of sections"
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {
                'in_memory': True,
                'strings_to_numbers': False,
                'strings_to_formulas': False,
                'strings_to_urls': False,
                'remove_timezone': True,
                })
        formats = {}

        def get_format(num_format, header=False):
            key = (num_format, header)
            if key not in formats:
                properties = {}
                if num_format:
                    properties['num_format'] = num_format
                if header:
                    properties.update({
                            'bold': True, 'text_wrap': True,
                            'valign': 'top', 'bottom': 1,
                            'bg_color': '#DDEBF7',
                            })
                formats[key] = workbook.add_format(properties)
            return formats[key]

        used = set()
        for section in sections:
            cls._write_section(
                workbook, get_format, used, action_report, section,
                model, ids)
        workbook.close()
        return output.getvalue()

    @classmethod
    def _section_rows(cls, action_report, section, model, ids, names):
        pool = Pool()
        Model = pool.get(section.model)
        domain = list(section.domain)
        if section.model == model and ids:
            domain.append(('id', 'in', ids))
        rows = Model.search_read(
            domain, order=section.order, fields_names=names)
        if section.model == model and ids:
            # keep the client's order
            position = {id_: i for i, id_ in enumerate(ids)}
            rows.sort(key=lambda r: position.get(r['id'], 0))
        return rows

    @classmethod
    def _write_section(
            cls, workbook, get_format, used, action_report, section,
            model, ids):
        pool = Pool()
        IrModel = pool.get('ir.model')
        Model = pool.get(section.model)
        definitions = Model.fields_get([c.field for c in section.columns])
        names, kinds = [], []
        for column in section.columns:
            if column.field not in definitions:
                raise XlsxError(gettext(
                        'station_xlsx.msg_xlsx_unknown_field',
                        report=action_report.rec_name,
                        field=column.field,
                        model=section.model))
            definition = definitions[column.field]
            ftype = definition['type']
            if ftype in {'many2one', 'reference', 'one2one'}:
                names.append(column.field + '.rec_name')
            elif ftype in {'selection', 'multiselection'}:
                names.append(column.field + ':string')
            else:
                names.append(column.field)
            kinds.append(column.type or FIELD_TYPES.get(ftype, 'text'))
        read_names = list(dict.fromkeys(
                names + [c.field for c in section.columns]))
        rows = cls._section_rows(
            action_report, section, model, ids, read_names)

        title = section.name
        if not title:
            models = IrModel.search([('name', '=', section.model)], limit=1)
            title = models[0].string if models else Model.__string__
        name = sheet_name(title, used)
        if len(rows) > MAX_ROWS:
            raise XlsxError(gettext(
                    'station_xlsx.msg_xlsx_too_many_rows',
                    limit=MAX_ROWS, sheet=name))
        sheet = workbook.add_worksheet(name)

        header_format = get_format(None, header=True)
        cell_formats = []
        for col, (column, kind) in enumerate(zip(section.columns, kinds)):
            definition = definitions[column.field]
            header = definition['string']
            sheet.write_string(0, col, header, header_format)
            num_format = column.num_format
            if num_format is None and kind == 'number':
                digits = definition.get('digits')
                if (isinstance(digits, (list, tuple))
                        and isinstance(digits[1], int)):
                    num_format = '#,##0' + (
                        '.' + '0' * digits[1] if digits[1] else '')
            if num_format is None:
                num_format = FORMATS[kind]
            cell_formats.append(get_format(num_format))
            width = column.width or max(
                WIDTHS[kind], min(display_width(header) + 2, 40))
            sheet.set_column(col, col, width)

        for row_index, row in enumerate(rows, 1):
            for col, (column, kind, name_) in enumerate(
                    zip(section.columns, kinds, names)):
                value = cls._cell_value(row, column.field, name_)
                cls._write_cell(
                    sheet, row_index, col, value, kind, cell_formats[col])

        sheet.freeze_panes(1, 0)
        if section.columns:
            sheet.autofilter(0, 0, max(len(rows), 1),
                len(section.columns) - 1)
        return sheet

    @staticmethod
    def _cell_value(row, field, name):
        if name.endswith('.rec_name'):
            value = row.get(field + '.')
            return value['rec_name'] if value else None
        if name.endswith(':string'):
            if row.get(field) is None:
                return None
            return row.get(name)
        return row.get(field)

    @staticmethod
    def _write_cell(sheet, row, col, value, kind, cell_format):
        if value is None:
            sheet.write_blank(row, col, None, cell_format)
        elif kind == 'boolean':
            sheet.write_boolean(row, col, bool(value), cell_format)
        elif kind in {'integer', 'number', 'percent'}:
            if isinstance(value, Decimal):
                value = float(value)
            sheet.write_number(row, col, value, cell_format)
        elif kind == 'datetime' and isinstance(value, dt.datetime):
            sheet.write_datetime(row, col, value, cell_format)
        elif kind in {'date', 'datetime'} and isinstance(value, dt.date):
            sheet.write_datetime(
                row, col, dt.datetime.combine(value, dt.time()),
                cell_format)
        else:
            sheet.write_string(row, col, str(value), cell_format)
