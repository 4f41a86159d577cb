# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Access matrix of the HQ reports (issue 7: station users see their own
station's rows by the record rules, HQ every station's, nobody writes)"""
import datetime as dt
from decimal import Decimal

from trytond.pool import Pool
from trytond.tests.test_tryton import DB_NAME
from trytond.transaction import Transaction

from tests.access_matrix import SETUPS, ReportCase, register

from .tools import D, T, create_dataset, insert

# the known month of the report tests and the fixtures of the other
# modules' matrix cases (2030, 2031) alike
PERIOD = {'from_date': dt.date(2025, 1, 1), 'to_date': dt.date(2031, 12, 31)}
HQ = {'hq_service', 'hq_finance', 'hq_hr', 'auditor'}


def _setup(ctx):
    "The report tests' known month, station A as Beijing, B as Shanghai"
    with Transaction().start(DB_NAME, 0,
            context={'company': ctx['company'].id}):
        create_dataset(Pool().get('company.company')(ctx['company'].id),
            stations=[ctx['station_a'].id, ctx['station_b'].id])
        # the known month has no complaint in Shanghai
        received = T('2026-01-15 02:00')
        insert('station.complaint', station=ctx['station_b'].id,
            origin='customer', category='service', description="Matrix",
            received_at=received, state='open',
            answer_deadline=received + dt.timedelta(hours=24),
            resolution_deadline=received + dt.timedelta(hours=72))
        # nor a closed cash day
        insert('station.cash.closing', station=ctx['station_b'].id,
            date=D('2026-01-15'), opening=Decimal(0), takings=Decimal(100),
            counted=Decimal(100), kept_overnight=False, state='closed')


SETUPS.append(_setup)

for model, readers in [
        ('station.report.service', HQ | {'manager'}),
        ('station.report.service.technician', HQ | {'manager'}),
        ('station.report.complaint', HQ | {'manager'}),
        ('station.report.warranty', HQ | {'manager', 'clerk'}),
        ('station.report.budget', HQ | {'manager', 'clerk'}),
        ('station.report.cash', HQ | {'manager', 'clerk'}),
        ('station.report.asset', HQ | {'manager', 'clerk'}),
        ('station.report.people', HQ | {'manager'}),
        ('station.report.headcount', HQ | {'manager'}),
        ]:
    register(ReportCase(model, readers, PERIOD))
