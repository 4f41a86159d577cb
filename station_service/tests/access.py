# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Access matrix of the station_service models (R10-R16, R41)"
import datetime as dt
from decimal import Decimal

from proteus import Model
from trytond.tests.tools import set_user

from tests.access_matrix import (
    ALL, READ, SETUPS, C, ModelCase, R, W, register)

MODULES = ('station_service',)
HQ = {
    'hq_service': {R, W}, 'hq_finance': READ, 'hq_hr': READ,
    'auditor': READ,
    }
HQ_READ = {
    'hq_service': READ, 'hq_finance': READ, 'hq_hr': READ, 'auditor': READ,
    }


def _setup(ctx):
    "HQ's products, a customer and an order per station"
    if 'service_products' in ctx:
        return
    from station_service.tests.tools import create_service_products
    set_user(1)
    ctx['service_products'] = create_service_products()
    Party = Model.get('party.party')
    customer = Party(name="Matrix Customer")
    customer.save()
    ctx['service_customer'] = customer
    ctx['service_orders'] = {}
    for station in [ctx['station_a'], ctx['station_b']]:
        order = _order(ctx, station)
        order.save()
        ctx['service_orders'][station.id] = order


SETUPS.append(_setup)


def _station(station):
    return Model.get('station.station')(station.id)


def _order(ctx, station):
    Order = Model.get('station.service.order')
    Party = Model.get('party.party')
    Product = Model.get('product.product')
    return Order(
        station=_station(station),
        customer=Party(ctx['service_customer'].id),
        product=Product(ctx['service_products']['tv'].id),
        symptom="No picture")


register(ModelCase(
        'station.service.order', _order,
        ('symptom', lambda ctx: "changed"),
        own={
            **HQ,
            'manager': ALL, 'clerk': READ, 'technician': {R, W},
            'receptionist': {R, C, W},
            },
        modules=MODULES))


def _payment(ctx, station):
    Payment = Model.get('station.service.payment')
    Order = Model.get('station.service.order')
    return Payment(
        station=_station(station),
        order=Order(ctx['service_orders'][station.id].id),
        amount=Decimal('10'), method='cash')


register(ModelCase(
        'station.service.payment', _payment,
        ('reference', lambda ctx: "changed"),
        own={
            **HQ_READ,
            # R41: only the clerk records cash, not the manager
            'manager': READ, 'clerk': ALL, 'technician': READ,
            'receptionist': READ,
            },
        modules=MODULES))


def _policy(ctx, station):
    Policy = Model.get('station.price.policy')
    Product = Model.get('product.product')
    return Policy(
        station=_station(station),
        product=Product(ctx['service_products']['labour'].id),
        price=Decimal('40'), date_from=dt.date(2030, 1, 1),
        reason="Local wages")


register(ModelCase(
        'station.price.policy', _policy,
        ('reason', lambda ctx: "changed"),
        own={
            **HQ,
            'manager': ALL, 'clerk': READ, 'technician': READ,
            'receptionist': READ,
            },
        modules=MODULES))


def _authorization(ctx, station):
    Authorization = Model.get('station.dealer.authorization')
    Party = Model.get('party.party')
    return Authorization(
        station=_station(station),
        dealer=Party(ctx['service_customer'].id),
        date_from=dt.date(2030, 1, 1), reason="Suburbs")


register(ModelCase(
        'station.dealer.authorization', _authorization,
        ('reason', lambda ctx: "changed"),
        own={
            **HQ,
            'manager': ALL, 'clerk': READ, 'technician': READ,
            'receptionist': READ,
            },
        modules=MODULES))


def _claim(ctx, station):
    Claim = Model.get('station.warranty.claim')
    return Claim(
        station=_station(station),
        date_from=dt.date(2030, 1, 1), date_to=dt.date(2030, 1, 31))


register(ModelCase(
        'station.warranty.claim', _claim,
        ('reference', lambda ctx: "changed"),
        own={
            **HQ,
            'manager': ALL, 'clerk': ALL, 'technician': READ,
            'receptionist': READ,
            },
        modules=MODULES))


def _complaint(ctx, station):
    Complaint = Model.get('station.complaint')
    Party = Model.get('party.party')
    return Complaint(
        station=_station(station),
        customer=Party(ctx['service_customer'].id),
        category='service', description="Rude answer")


register(ModelCase(
        'station.complaint', _complaint,
        ('description', lambda ctx: "changed"),
        own={
            **HQ,
            'manager': ALL, 'clerk': READ, 'technician': {R, W},
            'receptionist': {R, C, W},
            },
        modules=MODULES))


def _warehouse(station):
    Location = Model.get('stock.location')
    return Location(_station(station).warehouse.id)


def _transfer(ctx, station):
    "A transfer from station to HQ's warehouse"
    Transfer = Model.get('station.transfer')
    Location = Model.get('stock.location')
    hq, = Location.find([('code', '=', 'WH'), ('type', '=', 'warehouse')])
    return Transfer(
        from_warehouse=_warehouse(station), to_warehouse=hq,
        reason="Faulty boards back to HQ")


# R19: the receiving station also sees a transfer, see scenario_transfer
register(ModelCase(
        'station.transfer', _transfer,
        ('reason', lambda ctx: "changed"),
        own={
            'hq_service': {R, C, W}, 'hq_finance': READ, 'hq_hr': READ,
            'auditor': READ,
            'manager': ALL, 'clerk': ALL, 'technician': READ,
            'receptionist': READ,
            },
        modules=MODULES))


def _plan(ctx, station):
    Plan = Model.get('station.service.plan')
    # one plan per station and month
    ctx['plan_seq'] = ctx.get('plan_seq', 0) + 1
    year, month = divmod(ctx['plan_seq'], 12)
    return Plan(
        station=_station(station), month=dt.date(2030 + year, month + 1, 1),
        planned_orders=10, planned_visits=2)


register(ModelCase(
        'station.service.plan', _plan,
        ('notes', lambda ctx: "changed"),
        own={
            **HQ,
            'manager': ALL, 'clerk': {R, C, W}, 'technician': READ,
            'receptionist': READ,
            },
        modules=MODULES))


def _quality(ctx, station):
    Report = Model.get('station.quality.report')
    Product = Model.get('product.product')
    return Report(
        station=_station(station),
        product=Product(ctx['service_products']['tv'].id),
        severity='serious', description="Board burns after a week")


register(ModelCase(
        'station.quality.report', _quality,
        ('description', lambda ctx: "changed"),
        own={
            **HQ,
            'manager': ALL, 'clerk': READ, 'technician': {R, C, W},
            'receptionist': READ,
            },
        modules=MODULES))


def _visit(ctx, station):
    Visit = Model.get('station.customer.visit')
    Party = Model.get('party.party')
    return Visit(
        station=_station(station),
        customer=Party(ctx['service_customer'].id),
        date=dt.date(2030, 1, 1))


register(ModelCase(
        'station.customer.visit', _visit,
        ('notes', lambda ctx: "changed"),
        own={
            **HQ_READ,
            'manager': ALL, 'clerk': READ, 'technician': {R, C, W},
            'receptionist': {R, C, W},
            },
        modules=MODULES))
