# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Exports of core models that hold station data honour the record rules
as ``read`` does (issue 14); our own models get it from ClientGuardMixin."""
from trytond.pool import PoolMeta

from .guard import ClientGuardMixin, check_export


class ExportRuleMixin:
    __slots__ = ()

    @classmethod
    def export_data(cls, records, fields_names, header=False):
        if ClientGuardMixin._client_call.__func__(cls):
            check_export(cls, records)
        return super().export_data(records, fields_names, header=header)


class Move(ExportRuleMixin, metaclass=PoolMeta):
    __name__ = 'stock.move'


class ShipmentInternal(ExportRuleMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.internal'


class AttendanceLine(ExportRuleMixin, metaclass=PoolMeta):
    __name__ = 'attendance.line'
