# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"A test-only model and its declared Excel report"
from trytond.model import ModelSQL, fields

from ..xlsx import Column, Section, XlsxReport


class XlsxTestRecord(ModelSQL):
    "XLSX Test Record"
    __name__ = 'station.xlsx.test'
    __string__ = "XLSX Test Record"

    name = fields.Char("Name")
    quantity = fields.Integer("Quantity")
    amount = fields.Numeric("Amount", digits=(16, 2))
    ratio = fields.Float("Ratio")
    date = fields.Date("Date")
    at = fields.DateTime("At")
    done = fields.Boolean("Done")
    state = fields.Selection([
            ('open', "Open"),
            ('closed', "Closed"),
            ], "State")
    user = fields.Many2One('res.user', "User")


class XlsxTestReport(XlsxReport):
    "XLSX Test Report"
    __name__ = 'station.xlsx.test.report'
    sections = [
        Section('station.xlsx.test', [
                Column('name'),
                Column('quantity'),
                Column('amount'),
                Column('ratio', type='percent'),
                Column('date'),
                Column('at'),
                Column('done'),
                Column('state'),
                Column('user', width=30),
                ], order=[('name', 'ASC')]),
        Section('station.xlsx.test', [
                Column('name'),
                Column('amount', num_format='0.0'),
                ], domain=[('state', '=', 'closed')],
            order=[('name', 'ASC')], name="Closed: [only]"),
        ]
