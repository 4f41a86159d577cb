# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A known dataset for the report tests, written straight in SQL

The documents are inserted as they are at the end of their workflows
(states, stamps and deadlines set) so that every figure of the reports can
be computed by hand; see doc/design.rst for the expected values.  Stations,
employees, categories and products go through the ORM.
"""
import datetime as dt
from decimal import Decimal

from sql import Column

from trytond.pool import Pool
from trytond.transaction import Transaction

__all__ = ['insert', 'create_dataset', 'D', 'T']


def D(text):
    "A date from 'YYYY-MM-DD'"
    return dt.date.fromisoformat(text)


def T(text):
    "A naive UTC datetime from 'YYYY-MM-DD HH:MM'"
    return dt.datetime.fromisoformat(text)


def insert(model_name, **values):
    "Insert one row of model_name with values and return its id"
    pool = Pool()
    Model = pool.get(model_name)
    table = Model.__table__()
    transaction = Transaction()
    database = transaction.database
    cursor = transaction.connection.cursor()
    values.setdefault('create_uid', 0)
    values.setdefault('create_date', dt.datetime.now())
    columns = [Column(table, k) for k in values]
    if database.has_returning():
        cursor.execute(*table.insert(
                columns, [list(values.values())], returning=[table.id]))
        return cursor.fetchone()[0]
    cursor.execute(*table.insert(columns, [list(values.values())]))
    return database.lastid(cursor)


def create_dataset(company, stations=None):
    """Create stations BJ and SH (unless given as ids) with a known month of
    January 2026 (and the start of February) in every area; return the ids
    by name"""
    pool = Pool()
    Station = pool.get('station.station')
    Party = pool.get('party.party')
    Employee = pool.get('company.employee')
    Headcount = pool.get('station.headcount')
    Category = pool.get('station.expense.category')
    Uom = pool.get('product.uom')
    Template = pool.get('product.template')
    ids = {}

    if stations:
        bj, sh = Station.browse(stations)
    else:
        bj, sh = Station.create([
                {'code': 'BJ', 'name': "Beijing", 'company': company.id},
                {'code': 'SH', 'name': "Shanghai", 'company': company.id},
                ])
    ids.update(bj=bj.id, sh=sh.id)
    tech_position, reception = Headcount.create([
            {'station': bj.id, 'name': "Technician", 'role': 'technician',
                'quota': 2},
            {'station': bj.id, 'name': "Receptionist",
                'role': 'receptionist', 'quota': 1},
            ])

    def employee(name, station, position=None, end_date=None):
        party, = Party.create([{'name': name}])
        employee, = Employee.create([{
                    'party': party.id, 'company': company.id,
                    'station': station.id,
                    'position': position.id if position else None,
                    'end_date': end_date,
                    }])
        return employee.id
    ids['tech1'] = tech1 = employee("Tech One", bj, tech_position)
    ids['tech2'] = tech2 = employee("Tech Two", bj, tech_position)
    ids['former'] = employee("Former", bj, reception, D('2025-06-30'))
    ids['tech3'] = tech3 = employee("Tech Three", sh)
    customer, = Party.create([{'name': "Customer"}])

    def order(station, type_, intake, state, technician=None,
            delivered_at=None, score=None, repeat_of=None):
        return insert('station.service.order',
            station=station, type=type_, intake_date=D(intake),
            state=state, technician=technician, customer=customer.id,
            delivered_at=T(delivered_at) if delivered_at else None,
            callback_score=score, repeat_of=repeat_of,
            number='%s-%s' % (station, intake), credit_approved=False)
    # Beijing, January: delivered dates are local (UTC+8)
    ids['o1'] = o1 = order(bj.id, 'repair', '2026-01-05', 'closed', tech1,
        '2026-01-09 02:00', 5)  # 4 days
    order(bj.id, 'repair', '2026-01-10', 'delivered', tech1,
        '2026-01-20 16:30')  # 21st local: 11 days (10 in UTC)
    order(bj.id, 'repair', '2026-01-20', 'closed', tech2,
        '2026-01-31 17:00', 3)  # 1st of February local: 12 days
    order(bj.id, 'support', '2026-01-31', 'closed', tech2,
        '2026-02-02 01:00', 4)  # 2 days
    order(bj.id, 'repair', '2026-01-25', 'in_repair', tech1)
    order(bj.id, 'upgrade', '2026-01-15', 'cancelled')
    # Beijing, February: o1 came back
    order(bj.id, 'repair', '2026-02-01', 'closed', tech1,
        '2026-02-03 03:00', 2, repeat_of=o1)  # 2 days
    order(bj.id, 'parts_sale', '2026-02-10', 'closed', None,
        '2026-02-10 06:00')  # 0 days
    # Shanghai
    order(sh.id, 'repair', '2026-01-12', 'closed', tech3,
        '2026-01-14 03:00', 5)  # 2 days

    def complaint(station, received, state, answered=None, resolved=None,
            escalated=False):
        received = T(received)
        return insert('station.complaint',
            station=station, origin='customer', category='service',
            description="Complaint", received_at=received, state=state,
            answer_deadline=received + dt.timedelta(hours=24),
            resolution_deadline=received + dt.timedelta(hours=72),
            answered_at=T(answered) if answered else None,
            resolved_at=T(resolved) if resolved else None,
            escalated=escalated)
    # 23:00 local on January 31: January; answered on time, resolved late
    complaint(bj.id, '2026-01-31 15:00', 'resolved',
        answered='2026-02-01 10:00', resolved='2026-02-05 00:00')
    # 01:00 local on February 1: February; answered late
    complaint(bj.id, '2026-01-31 17:00', 'answered',
        answered='2026-02-02 18:00')
    complaint(bj.id, '2026-01-10 02:00', 'open', escalated=True)

    # Budget: Beijing declares January, Shanghai's is still a draft
    office, transport = Category.create([
            {'code': 'OFF', 'name': "Office"},
            {'code': 'TRA', 'name': "Transport"},
            ])
    ids.update(office=office.id, transport=transport.id)
    declaration = insert('station.expense.declaration',
        station=bj.id, month=D('2026-01-01'), state='approved')
    draft = insert('station.expense.declaration',
        station=sh.id, month=D('2026-01-01'), state='draft')
    ids['office_line'] = office_line = insert(
        'station.expense.declaration.line', declaration=declaration,
        category=office.id, amount=Decimal('1000'))
    ids['transport_line'] = transport_line = insert(
        'station.expense.declaration.line', declaration=declaration,
        category=transport.id, amount=Decimal('500'))
    insert('station.expense.declaration.line', declaration=draft,
        category=office.id, amount=Decimal('999'))

    def expense(line, category, amount, state):
        insert('station.expense', station=bj.id, declaration=declaration,
            line=line, category=category, amount=Decimal(amount),
            date=D('2026-01-15'), description="Expense", state=state)
    expense(office_line, office.id, '300', 'paid')
    expense(office_line, office.id, '450', 'reviewed')
    expense(office_line, office.id, '200', 'cancelled')
    expense(transport_line, transport.id, '600', 'paid')
    for amount, state in [('200', 'approved'), ('100', 'rejected'),
            ('50', 'draft')]:
        insert('station.expense.extra', station=bj.id,
            declaration=declaration, category=transport.id,
            amount=Decimal(amount), reason="Extra", state=state)

    # Cash: 500 yuan limit
    def closing(date, counted, overnight):
        return insert('station.cash.closing', station=bj.id, date=D(date),
            opening=Decimal(0), takings=Decimal(counted),
            counted=Decimal(counted), kept_overnight=overnight,
            state='closed')
    c30 = closing('2026-01-30', '800', False)
    c31 = closing('2026-01-31', '1200', True)
    closing('2026-02-01', '300', False)
    insert('station.cash.deposit', station=bj.id, closing=c30,
        date=D('2026-01-30'), amount=Decimal('300'))
    insert('station.cash.deposit', station=bj.id, closing=c31,
        date=D('2026-02-01'), amount=Decimal('700'))
    for date, due, sent, amount in [
            ('2026-01-30', '2026-01-31', '2026-01-31', '1000'),
            ('2026-01-31', '2026-02-01', '2026-02-03', '500'),
            ('2026-01-15', '2026-01-16', None, '200'),
            ]:
        insert('station.remittance', station=bj.id, date=D(date),
            due_date=D(due), sent_date=D(sent) if sent else None,
            amount=Decimal(amount), state='sent' if sent else 'draft')

    # People: sheets due on the 2nd of the next month
    for station, month, submitted in [
            (bj.id, '2026-01-01', '2026-02-02'),
            (bj.id, '2026-02-01', '2026-03-03'),
            (sh.id, '2026-01-01', None),
            ]:
        insert('station.signin.sheet', station=station, month=D(month),
            submitted_on=D(submitted) if submitted else None,
            state='submitted' if submitted else 'draft')
    for due, submitted, state in [
            ('2026-01-20', '2026-01-21', 'submitted'),
            ('2026-01-25', '2026-01-25', 'discussed'),
            ('2026-01-10', None, 'cancelled'),
            ]:
        insert('station.appraisal', station=bj.id, employee=tech1,
            period_start=D('2025-07-01'), period_end=D('2025-12-31'),
            due_date=D(due), state=state,
            submitted_on=D(submitted) if submitted else None)
    for returned, summarized, state in [
            ('2026-01-29', '2026-02-02', 'done'),  # Thursday: on time
            ('2026-01-27', '2026-01-30', 'done'),  # Tuesday: late
            (None, None, 'approved'),
            ]:
        insert('station.trip', station=bj.id, employee=tech2,
            destination="Tianjin", purpose="Training",
            date_from=D('2026-01-20'), date_to=D('2026-01-26'),
            returned_on=D(returned) if returned else None,
            summarized_on=D(summarized) if summarized else None,
            state=state)

    # Warranty claims
    unit, = Uom.search([('name', '=', 'Unit')])
    template, = Template.create([{
                'name': "Main Board", 'type': 'goods',
                'default_uom': unit.id, 'list_price': Decimal('300'),
                'products': [('create', [{}])],
                }])
    product = template.products[0]
    claim = insert('station.warranty.claim', station=bj.id,
        date_from=D('2026-01-01'), date_to=D('2026-01-31'),
        state='partially_approved')
    for quantity, price, approved, non_original, missing in [
            (2, '300', 1, True, False),
            (1, '100', 1, False, False),
            (1, '50', 0, False, True),
            ]:
        insert('station.warranty.claim.line', claim=claim,
            product=product.id, quantity=quantity,
            unit_price=Decimal(price), approved_quantity=approved,
            non_original=non_original, missing_part=missing)
    draft_claim = insert('station.warranty.claim', station=bj.id,
        date_from=D('2026-01-01'), date_to=D('2026-01-31'), state='draft')
    insert('station.warranty.claim.line', claim=draft_claim,
        product=product.id, quantity=5, unit_price=Decimal('300'),
        non_original=True, missing_part=True)
    sh_claim = insert('station.warranty.claim', station=sh.id,
        date_from=D('2026-01-01'), date_to=D('2026-01-31'),
        state='submitted')
    insert('station.warranty.claim.line', claim=sh_claim,
        product=product.id, quantity=1, unit_price=Decimal('10'),
        non_original=False, missing_part=False)

    # Assets and their verifications: the last counted one of Beijing
    # found A2 damaged and A3 missing
    assets = {}
    for station, code, value, state in [
            (bj.id, 'A1', '1000', 'in_use'),
            (bj.id, 'A2', '250.50', 'damaged'),
            (bj.id, 'A3', None, 'lost'),
            (sh.id, 'A1', '80', 'in_use'),
            ]:
        assets[station, code] = insert('station.asset', station=station,
            code=code, name=code, category='other', state=state,
            value=Decimal(value) if value else None)
    for date, state, results in [
            ('2025-12-15', 'reviewed', ['found', 'moved', 'missing']),
            ('2026-01-20', 'counted', ['found', 'damaged', 'missing']),
            ('2026-02-20', 'counting', [None, None, None]),
            ]:
        verification = insert('station.asset.verification',
            station=bj.id, date=D(date), state=state)
        for code, result in zip(['A1', 'A2', 'A3'], results):
            insert('station.asset.verification.line',
                verification=verification, asset=assets[bj.id, code],
                result=result)
    return ids
