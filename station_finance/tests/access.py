# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Access matrix of the station_finance models (R40, R41)"
import datetime as dt
from decimal import Decimal

from proteus import Model
from trytond.tests.tools import set_user

from addons.station.tests.tools import server_write
from tests.access_matrix import ALL, READ, SETUPS, ModelCase, register

MODULES = ('station_finance',)
HQ_READ = {'hq_service': READ, 'hq_finance': READ, 'auditor': READ}
MONTH = dt.date(2031, 1, 1)


def _next(ctx, key):
    ctx[key] = ctx.get(key, 0) + 1
    return ctx[key]


def _setup(ctx):
    "An approved month and a draft cash closing for each station"
    set_user(1)
    Category = Model.get('station.expense.category')
    Declaration = Model.get('station.expense.declaration')
    Closing = Model.get('station.cash.closing')
    Station = Model.get('station.station')
    office, = Category.find([('code', '=', 'office')])
    ctx['finance_category'] = office
    ctx['finance_declarations'] = {}
    ctx['finance_closings'] = {}
    for station in [ctx['station_a'], ctx['station_b']]:
        declaration = Declaration(station=Station(station.id), month=MONTH)
        declaration.lines.new(
            category=Category(office.id), amount=Decimal(1000000))
        declaration.save()
        # fixture: approved without the workflow, HQ Finance's click is
        # covered by scenario_declaration.rst
        server_write('station.expense.declaration', [declaration.id],
            {'state': 'approved'})
        declaration = Declaration(declaration.id)
        ctx['finance_declarations'][station.id] = declaration
        closing = Closing(
            station=Station(station.id), date=dt.date(2030, 12, 31),
            takings=Decimal(0), counted=Decimal(0))
        closing.save()
        ctx['finance_closings'][station.id] = closing


SETUPS.append(_setup)


def _category(ctx, station):
    Category = Model.get('station.expense.category')
    seq = _next(ctx, 'finance_category_seq')
    return Category(code='matrix%d' % seq, name="Matrix %d" % seq)


_CATEGORY_ROLES = {
    'hq_service': READ, 'hq_finance': ALL, 'auditor': READ,
    'manager': READ, 'clerk': READ,
    }
register(ModelCase(
        'station.expense.category', _category,
        ('name', lambda ctx: "Changed"),
        own=_CATEGORY_ROLES, other=_CATEGORY_ROLES, modules=MODULES))


def _declaration(ctx, station):
    Declaration = Model.get('station.expense.declaration')
    Station = Model.get('station.station')
    seq = _next(ctx, 'finance_declaration_seq')
    return Declaration(
        station=Station(station.id),
        month=dt.date(2040 + seq // 12, seq % 12 + 1, 1))


register(ModelCase(
        'station.expense.declaration', _declaration,
        ('comment', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=ALL, clerk=READ), modules=MODULES))


def _extra(ctx, station):
    Extra = Model.get('station.expense.extra')
    Station = Model.get('station.station')
    Category = Model.get('station.expense.category')
    Declaration = Model.get('station.expense.declaration')
    return Extra(
        station=Station(station.id),
        declaration=Declaration(ctx['finance_declarations'][station.id].id),
        category=Category(ctx['finance_category'].id),
        amount=Decimal(10), reason="Matrix")


register(ModelCase(
        'station.expense.extra', _extra,
        ('reason', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=ALL, clerk=READ), modules=MODULES))


def _expense(ctx, station):
    Expense = Model.get('station.expense')
    Station = Model.get('station.station')
    Category = Model.get('station.expense.category')
    Declaration = Model.get('station.expense.declaration')
    Line = Model.get('station.expense.declaration.line')
    declaration = ctx['finance_declarations'][station.id]
    return Expense(
        station=Station(station.id), date=MONTH,
        declaration=Declaration(declaration.id),
        category=Category(ctx['finance_category'].id),
        line=Line(declaration.lines[0].id),
        amount=Decimal(1), description="Matrix")


register(ModelCase(
        'station.expense', _expense,
        ('description', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=READ, clerk=ALL), modules=MODULES))


def _closing(ctx, station):
    Closing = Model.get('station.cash.closing')
    Station = Model.get('station.station')
    seq = _next(ctx, 'finance_closing_seq')
    return Closing(
        station=Station(station.id),
        date=dt.date(2031, 1, 1) + dt.timedelta(days=seq),
        opening=Decimal(0), takings=Decimal(0), counted=Decimal(0))


# R41: the manager reads the cash, only the clerk records it
register(ModelCase(
        'station.cash.closing', _closing,
        ('note', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=READ, clerk=ALL), modules=MODULES))


def _deposit(ctx, station):
    Deposit = Model.get('station.cash.deposit')
    Station = Model.get('station.station')
    Closing = Model.get('station.cash.closing')
    return Deposit(
        station=Station(station.id),
        closing=Closing(ctx['finance_closings'][station.id].id),
        date=dt.date(2030, 12, 31), amount=Decimal(1))


register(ModelCase(
        'station.cash.deposit', _deposit,
        ('reference', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=READ, clerk=ALL), modules=MODULES))


def _remittance(ctx, station):
    Remittance = Model.get('station.remittance')
    Station = Model.get('station.station')
    return Remittance(
        station=Station(station.id), date=dt.date(2031, 1, 1),
        due_date=dt.date(2031, 1, 2), amount=Decimal(1))


register(ModelCase(
        'station.remittance', _remittance,
        ('reference', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=READ, clerk=ALL), modules=MODULES))


def _contract(ctx, station):
    Contract = Model.get('station.contract')
    Station = Model.get('station.station')
    Party = Model.get('party.party')
    if 'finance_party' not in ctx:
        party = Party(name="Matrix Landlord")
        party.save()
        ctx['finance_party'] = party
    return Contract(
        station=Station(station.id), party=Party(ctx['finance_party'].id),
        subject="Matrix lease", start_date=dt.date(2031, 1, 1))


register(ModelCase(
        'station.contract', _contract,
        ('subject', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=ALL, clerk=READ), modules=MODULES))


def _asset(ctx, station):
    Asset = Model.get('station.asset')
    Station = Model.get('station.station')
    seq = _next(ctx, 'finance_asset_seq')
    return Asset(
        station=Station(station.id), code='M%d' % seq, name="Matrix desk",
        category='desk')


register(ModelCase(
        'station.asset', _asset,
        ('location', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=READ, clerk=ALL), modules=MODULES))


def _incident(ctx, station):
    Incident = Model.get('station.asset.incident')
    Station = Model.get('station.station')
    Asset = Model.get('station.asset')
    key = 'finance_asset_%d' % station.id
    if key not in ctx:
        asset = _asset(ctx, station)
        asset.save()
        ctx[key] = asset
    return Incident(
        station=Station(station.id), asset=Asset(ctx[key].id),
        date=dt.date(2031, 1, 1), cause="Matrix")


register(ModelCase(
        'station.asset.incident', _incident,
        ('cause', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=ALL, clerk=READ), modules=MODULES))


def _purchase(ctx, station):
    Purchase = Model.get('station.purchase.request')
    Station = Model.get('station.station')
    Category = Model.get('station.expense.category')
    Declaration = Model.get('station.expense.declaration')
    Line = Model.get('station.expense.declaration.line')
    declaration = ctx['finance_declarations'][station.id]
    return Purchase(
        station=Station(station.id), date=MONTH,
        declaration=Declaration(declaration.id),
        category=Category(ctx['finance_category'].id),
        line=Line(declaration.lines[0].id),
        description="Matrix", quantity=1, unit_price=Decimal(1))


# R34: the clerk requests the purchases, the manager approves them
register(ModelCase(
        'station.purchase.request', _purchase,
        ('description', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=READ, clerk=ALL), modules=MODULES))


def _verification(ctx, station):
    Verification = Model.get('station.asset.verification')
    Station = Model.get('station.station')
    return Verification(
        station=Station(station.id), date=dt.date(2031, 1, 1),
        description="Matrix")


# R37: the clerk counts the assets, HQ reviews
register(ModelCase(
        'station.asset.verification', _verification,
        ('description', lambda ctx: "Changed"),
        own=dict(HQ_READ, manager=READ, clerk=ALL), modules=MODULES))
