# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Access matrix cases of station_governance (see tests/access_matrix.py)"
import datetime as dt
from decimal import Decimal

from proteus import Model

from tests.access_matrix import ALL, READ, ModelCase, R, W, register

MODULES = ('station_governance',)
STAFF_ALL = {
    'hq_finance': READ, 'hq_hr': READ, 'auditor': READ,
    'manager': ALL, 'clerk': ALL, 'technician': ALL, 'receptionist': ALL}


def _agreement_values(ctx, station):
    return {
        'station': station.id, 'name': "Agreement",
        'date_start': dt.date(2026, 1, 1), 'date_end': dt.date(2026, 12, 31),
        }


def _agreement(ctx, station):
    return Model.get('station.agreement')(**{
            k: v for k, v in _agreement_values(ctx, station).items()
            if k != 'station'}, station=Model.get('station.station')(
                station.id))


register(ModelCase(
        'station.agreement', _agreement, ('terms', lambda ctx: "changed"),
        values=_agreement_values, modules=MODULES,
        own={
            'hq_service': ALL, 'hq_finance': READ, 'hq_hr': READ,
            'auditor': READ, 'manager': READ, 'clerk': READ,
            'technician': READ, 'receptionist': READ,
            }))


def _escalation_values(ctx, station):
    return {
        'station': station.id, 'subject': "Parts shortage",
        'category': 'spare_parts', 'description': "No main boards",
        }


def _escalation(ctx, station):
    values = _escalation_values(ctx, station)
    values['station'] = Model.get('station.station')(station.id)
    return Model.get('station.escalation')(**values)


register(ModelCase(
        'station.escalation', _escalation,
        ('description', lambda ctx: "changed"),
        values=_escalation_values, modules=MODULES,
        own={'hq_service': {R, W}, **STAFF_ALL}))


def _gift_values(ctx, station):
    return {
        'station': station.id, 'date': dt.date(2026, 11, 2),
        'giver': "Customer Wang", 'giver_type': 'customer',
        'description': "Tea", 'company': ctx['company'].id,
        'estimated_value': Decimal('50'),
        'received_by': ctx['deputies'][station.id].id,
        }


def _gift(ctx, station):
    values = _gift_values(ctx, station)
    values['station'] = Model.get('station.station')(station.id)
    values['company'] = Model.get('company.company')(ctx['company'].id)
    values['received_by'] = Model.get('company.employee')(
        values['received_by'])
    return Model.get('station.gift')(**values)


register(ModelCase(
        'station.gift', _gift, ('description', lambda ctx: "changed"),
        values=_gift_values, modules=MODULES,
        own={'hq_service': READ, **STAFF_ALL}))
