# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import fields
from trytond.pool import PoolMeta
from trytond.pyson import Eval


class Employee(metaclass=PoolMeta):
    __name__ = 'company.employee'

    station = fields.Many2One(
        'station.station', "Station", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        help="The station the employee works at; empty for HQ staff.")
