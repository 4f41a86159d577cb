#!/usr/bin/env python3
"""Benchmark of the HQ reports (station_report) on a large network.

Creates (once) a PostgreSQL database with station_report activated, fills a
year of a network by direct SQL (COPY) and times, for every report model:

- the report's SQL alone (its ``table_query`` over the year),
- the report as the web client reads it (``search_read`` by an HQ user,
  record rules included),
- its Excel export (``XlsxReport.execute``),

against a plain Tryton baseline in the same run: a ``search_read`` of the
source rows the report aggregates (what a report without SQL would read
before looping in Python).

    PYTHONOPTIMIZE=1 .venv/bin/python bench/reports.py \\
        --stations 50 --orders 100000
    PYTHONOPTIMIZE=1 .venv/bin/python bench/reports.py \\
        --stations 500 --orders 1000000 --database bench_reports_1m

The data stays in the database: a second run with the same database only
times (``--fill`` forces a new fill after dropping the database).
"""
import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

YEAR = 2025
TIMEZONE = 'Asia/Shanghai'
REPORTS = [
    # report model, xlsx report, source model of the baseline
    ('station.report.service', 'station.report.service.xlsx',
        'station.service.order'),
    ('station.report.service.technician', None, 'station.service.order'),
    ('station.report.complaint', None, 'station.complaint'),
    ('station.report.warranty', 'station.report.warranty.xlsx',
        'station.warranty.claim.line'),
    ('station.report.budget', 'station.report.budget.xlsx',
        'station.expense'),
    ('station.report.cash', 'station.report.cash.xlsx',
        'station.cash.closing'),
    ('station.report.people', 'station.report.people.xlsx',
        'station.signin.sheet'),
    ('station.report.headcount', None, 'company.employee'),
    ('station.report.asset', 'station.report.asset.xlsx', 'station.asset'),
    ]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--uri', default=os.environ.get(
            'STATION_BENCH_URI', 'postgresql://postgres@127.0.0.1:5432/'))
    parser.add_argument('--database', default='bench_reports')
    parser.add_argument('--stations', type=int, default=50)
    parser.add_argument('--orders', type=int, default=100000,
        help="service orders in the year, spread over the stations")
    parser.add_argument('--technicians', type=int, default=3,
        help="technicians per station")
    parser.add_argument('--fill', action='store_true',
        help="drop the database and fill it again")
    parser.add_argument('--repeat', type=int, default=3,
        help="runs of each timing (the best is printed)")
    parser.add_argument('--seed', type=int, default=2026)
    parser.add_argument('--update', action='store_true',
        help="update the modules of an existing database first (after a "
        "change of the modules: new indexes, new dependencies)")
    parser.add_argument('--no-baseline', action='store_true',
        help="skip the baseline (the search_read of every source row)")
    parser.add_argument('--station-month', action='store_true',
        help="also time each report for one station and one month")
    parser.add_argument('--without-station-indexes', action='store_true',
        help="measure with the (station, date) indexes of the source tables "
        "dropped (inside the measuring transaction, rolled back after)")
    return parser.parse_args(argv)


def setup_environment(args):
    os.environ['TRYTOND_DATABASE_URI'] = args.uri
    os.environ['DB_NAME'] = args.database
    os.environ.pop('DB_CACHE', None)


def drop_database(args):
    import psycopg
    from psycopg import sql
    with psycopg.connect(args.uri.rstrip('/') + '/postgres',
            autocommit=True) as conn:
        conn.execute(sql.SQL('DROP DATABASE IF EXISTS {}').format(
                sql.Identifier(args.database)))


def best_of(repeat, function):
    "Return (best seconds, last result) of repeat calls of function"
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


class Filler:
    "Insert the rows of models by COPY with ids taken from their sequence"

    def __init__(self, transaction):
        self.transaction = transaction
        self.cursor = transaction.connection.cursor()

    def ids(self, Model, count):
        table = Model._table
        self.cursor.execute(
            "SELECT nextval('%s_id_seq')" % table)
        start, = self.cursor.fetchone()
        self.cursor.execute("SELECT setval('%s_id_seq', %%s)" % table,
            (start + count,))
        return range(start, start + count)

    def copy(self, Model, columns, rows):
        rows = list(rows)
        ids = self.ids(Model, len(rows))
        now = dt.datetime.now()
        columns = ['id', 'create_uid', 'create_date'] + list(columns)
        statement = 'COPY "%s" (%s) FROM STDIN' % (
            Model._table, ', '.join('"%s"' % c for c in columns))
        with self.cursor.copy(statement) as copy:
            for id_, row in zip(ids, rows):
                copy.write_row((id_, 0, now) + tuple(row))
        return list(ids)


def fill(args):
    "Create the network of args and a year of its documents"
    from trytond.modules.company.tests import create_company
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    rng = random.Random(args.seed)
    pool = Pool()
    Station = pool.get('station.station')
    Party = pool.get('party.party')
    Employee = pool.get('company.employee')
    Headcount = pool.get('station.headcount')
    Category = pool.get('station.expense.category')
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    Uom = pool.get('product.uom')
    Template = pool.get('product.template')
    Order = pool.get('station.service.order')
    Complaint = pool.get('station.complaint')
    Declaration = pool.get('station.expense.declaration')
    Line = pool.get('station.expense.declaration.line')
    Expense = pool.get('station.expense')
    Extra = pool.get('station.expense.extra')
    Closing = pool.get('station.cash.closing')
    Deposit = pool.get('station.cash.deposit')
    Remittance = pool.get('station.remittance')
    Sheet = pool.get('station.signin.sheet')
    Appraisal = pool.get('station.appraisal')
    Trip = pool.get('station.trip')
    Claim = pool.get('station.warranty.claim')
    ClaimLine = pool.get('station.warranty.claim.line')
    Asset = pool.get('station.asset')
    transaction = Transaction()
    filler = Filler(transaction)

    company = create_company()
    company.timezone = TIMEZONE
    company.save()
    with transaction.set_context(company=company.id):
        unit, = Uom.search([('name', '=', 'Unit')])
        template, = Template.create([{
                    'name': "Main Board", 'type': 'goods',
                    'default_uom': unit.id, 'list_price': Decimal('300'),
                    'products': [('create', [{}])],
                    }])
        product = template.products[0]
    stations = Station.create([{
                'code': 'S%04d' % i, 'name': "Station %04d" % i,
                'company': company.id,
                } for i in range(args.stations)])
    positions = Headcount.create([{
                'station': s.id, 'name': "Technician", 'role': 'technician',
                'quota': args.technicians + rng.choice([-1, 0, 0, 1]),
                } for s in stations])
    parties = Party.create([{'name': "Technician %s-%s" % (s.code, i)}
            for s in stations for i in range(args.technicians)])
    employees = Employee.create([{
                'party': p.id, 'company': company.id,
                'station': stations[i // args.technicians].id,
                'position': positions[i // args.technicians].id,
                } for i, p in enumerate(parties)])
    technicians = {}
    for employee in employees:
        technicians.setdefault(employee.station.id, []).append(employee.id)
    customer, = Party.create([{'name': "Customer"}])
    categories = Category.create([
            {'code': 'C%d' % i, 'name': name} for i, name in enumerate(
                ["Office", "Transport", "Communication", "Utilities"])])
    User.create([{
                'name': "HQ Bench", 'login': 'hq_bench',
                'groups': [('add', [ModelData.get_id(
                                'station', 'group_hq_service'),
                            ModelData.get_id('station', 'group_hq_finance'),
                            ModelData.get_id('station', 'group_hq_hr')])],
                'companies': [('add', [company.id])],
                'company': company.id,
                }])

    start = dt.date(YEAR, 1, 1)
    days = 365
    months = [dt.date(YEAR, m, 1) for m in range(1, 13)]
    station_ids = [s.id for s in stations]

    # service orders, in intake order so that repeats point backwards
    per_station = max(args.orders // args.stations, 1)
    orders = []
    for station in station_ids:
        for n in range(per_station):
            orders.append((station, start + dt.timedelta(
                        days=rng.randrange(days))))
    orders.sort(key=lambda o: o[1])
    ids = filler.ids(Order, len(orders))
    delivered_by_station = {}
    rows = []
    for id_, (station, intake) in zip(ids, orders):
        type_ = rng.choices(['repair', 'support', 'upgrade', 'parts_sale'],
            [70, 15, 5, 10])[0]
        roll = rng.random()
        age = (dt.date(YEAR, 12, 31) - intake).days
        delivered_at = score = repeat_of = None
        if roll < 0.05:
            state = 'cancelled'
        elif age < 20 and roll < 0.5:
            state = rng.choice(['intake', 'diagnosed', 'in_repair'])
        else:
            state = 'closed' if rng.random() < 0.9 else 'delivered'
            turnaround = min(int(rng.lognormvariate(1.3, 0.7)), 60)
            delivered_at = dt.datetime.combine(
                intake + dt.timedelta(days=turnaround),
                dt.time(rng.randrange(24), rng.randrange(60)))
            if state == 'closed':
                score = rng.choices([1, 2, 3, 4, 5], [3, 5, 12, 40, 40])[0]
        if type_ == 'repair':
            previous = delivered_by_station.get(station)
            if previous and rng.random() < 0.03:
                repeat_of = rng.choice(previous[-20:])
            if delivered_at:
                delivered_by_station.setdefault(station, []).append(id_)
        technician = (rng.choice(technicians[station])
            if type_ != 'parts_sale' else None)
        rows.append((id_, 0, dt.datetime.now(), station, type_, intake,
                state, technician, customer.id, delivered_at, score,
                repeat_of, 'N%d' % id_, False))
    with filler.cursor.copy('COPY "%s" (id, create_uid, create_date, '
            'station, type, intake_date, state, technician, customer, '
            'delivered_at, callback_score, repeat_of, number, '
            'credit_approved) FROM STDIN' % Order._table) as copy:
        for row in rows:
            copy.write_row(row)

    # complaints: 2 % of the orders
    def complaint_row():
        station = rng.choice(station_ids)
        received = dt.datetime.combine(
            start + dt.timedelta(days=rng.randrange(days)),
            dt.time(rng.randrange(24)))
        answered = received + dt.timedelta(hours=rng.randrange(48))
        resolved = received + dt.timedelta(hours=rng.randrange(120))
        state = rng.choice(['open', 'answered', 'resolved', 'closed'])
        return (station, 'customer', 'service', "Complaint", received,
            received + dt.timedelta(hours=24),
            received + dt.timedelta(hours=72),
            answered if state != 'open' else None,
            resolved if state in {'resolved', 'closed'} else None,
            state, False)
    filler.copy(Complaint, ['station', 'origin', 'category', 'description',
            'received_at', 'answer_deadline', 'resolution_deadline',
            'answered_at', 'resolved_at', 'state', 'escalated'],
        (complaint_row() for _ in range(len(orders) // 50)))

    # budgets: a declaration per station and month, a line per category
    declarations = [(s, m) for s in station_ids for m in months]
    declaration_ids = filler.copy(Declaration, ['station', 'month', 'state'],
        ((s, m, 'settled') for s, m in declarations))
    lines = [(d, c.id) for d in declaration_ids for c in categories]
    line_ids = filler.copy(Line, ['declaration', 'category', 'amount'],
        ((d, c, Decimal(rng.randrange(500, 3000))) for d, c in lines))
    by_declaration = dict(zip(declaration_ids, declarations))
    filler.copy(Expense, ['station', 'declaration', 'line', 'category',
            'amount', 'date', 'description', 'state'],
        ((by_declaration[d][0], d, line_id, c,
                Decimal(rng.randrange(50, 900)),
                by_declaration[d][1] + dt.timedelta(days=rng.randrange(28)),
                "Expense", rng.choice(['paid', 'paid', 'reviewed',
                        'cancelled']))
            for line_id, (d, c) in zip(line_ids, lines)
            for _ in range(4)))
    filler.copy(Extra, ['station', 'declaration', 'category', 'amount',
            'reason', 'state'],
        ((by_declaration[d][0], d, c, Decimal(rng.randrange(100, 500)),
                "Extra", rng.choice(['approved', 'rejected', 'requested']))
            for d, c in lines if rng.random() < 0.1))

    # cash: a closing, a deposit and a remittance per station and day
    closings = [(s, start + dt.timedelta(days=d))
        for s in station_ids for d in range(days)]
    closing_ids = filler.copy(Closing, ['station', 'date', 'opening',
            'takings', 'counted', 'kept_overnight', 'state'],
        ((s, d, Decimal(0), Decimal(800), Decimal(800),
                rng.random() < 0.03, 'closed') for s, d in closings))
    filler.copy(Deposit, ['station', 'closing', 'date', 'amount'],
        ((s, c, d, Decimal(400)) for c, (s, d) in zip(closing_ids, closings)))
    filler.copy(Remittance, ['station', 'date', 'due_date', 'sent_date',
            'amount', 'state'],
        ((s, d, d + dt.timedelta(days=1),
                d + dt.timedelta(days=rng.choice([0, 1, 1, 1, 2])),
                Decimal(400), 'sent') for s, d in closings))

    # people: sheets, appraisals, trips
    filler.copy(Sheet, ['station', 'month', 'submitted_on', 'state'],
        ((s, m, (m + dt.timedelta(days=31)).replace(
                        day=rng.choice([1, 2, 2, 3])), 'approved')
            for s in station_ids for m in months))
    filler.copy(Appraisal, ['station', 'employee', 'period_start',
            'period_end', 'due_date', 'submitted_on', 'state'],
        ((e.station.id, e.id, dt.date(YEAR - 1, 7, 1),
                dt.date(YEAR - 1, 12, 31), dt.date(YEAR, 1, 20),
                dt.date(YEAR, 1, rng.randrange(15, 25)), 'submitted')
            for e in employees))
    filler.copy(Trip, ['station', 'employee', 'destination', 'purpose',
            'date_from', 'date_to', 'returned_on', 'summarized_on', 'state'],
        ((e.station.id, e.id, "HQ", "Training", d, d + dt.timedelta(days=3),
                d + dt.timedelta(days=3),
                d + dt.timedelta(days=3 + rng.randrange(6)), 'done')
            for e in employees
            for d in [start + dt.timedelta(days=rng.randrange(days - 10))]))

    # warranty claims: one per station and month, 10 parts each
    claim_ids = filler.copy(Claim, ['station', 'date_from', 'date_to',
            'state'],
        ((s, m, m + dt.timedelta(days=27), rng.choice(
                        ['approved', 'partially_approved', 'submitted']))
            for s in station_ids for m in months))
    filler.copy(ClaimLine, ['claim', 'product', 'quantity', 'unit_price',
            'approved_quantity', 'non_original', 'missing_part'],
        ((c, product.id, 2, Decimal('300'), rng.choice([0, 1, 2, 2]),
                rng.random() < 0.05, rng.random() < 0.03)
            for c in claim_ids for _ in range(10)))

    # assets: 20 per station
    filler.copy(Asset, ['station', 'code', 'name', 'category', 'value',
            'state'],
        ((s, 'A%02d' % i, "Asset %02d" % i, 'other',
                Decimal(rng.randrange(100, 5000)),
                rng.choices(['in_use', 'damaged', 'lost'], [95, 4, 1])[0])
            for s in station_ids for i in range(20)))
    filler.cursor.execute('ANALYZE')
    return company.id


def count(Model):
    from trytond.transaction import Transaction
    cursor = Transaction().connection.cursor()
    cursor.execute('SELECT COUNT(*) FROM "%s"' % Model._table)
    return cursor.fetchone()[0]


def measure(args, company_id):
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    pool = Pool()
    User = pool.get('res.user')
    user, = User.search([('login', '=', 'hq_bench')])
    context = {
        'company': company_id,
        'from_date': dt.date(YEAR, 1, 1),
        'to_date': dt.date(YEAR, 12, 31),
        }
    transaction = Transaction()
    if args.without_station_indexes:
        cursor = transaction.connection.cursor()
        tables = sorted({pool.get(source)._table for _, _, source in REPORTS})
        cursor.execute("SELECT indexname FROM pg_indexes "
            "WHERE tablename = ANY(%s) AND indexname LIKE 'idx_%%' "
            "AND indexdef LIKE '%%(station%%'",
            (tables,))
        for name, in cursor.fetchall():
            cursor.execute('DROP INDEX "%s"' % name)
    station_month = {
        'company': company_id,
        'report_station': pool.get('station.station').search(
            [], order=[('id', 'ASC')], limit=1)[0].id,
        'from_date': dt.date(YEAR, 6, 1),
        'to_date': dt.date(YEAR, 6, 30),
        }
    results = []
    for model, xlsx, source in REPORTS:
        Model = pool.get(model)
        Source = pool.get(source)
        names = [n for n, f in Model._fields.items()
            if not hasattr(f, 'getter') and n not in {
                'create_uid', 'create_date', 'write_uid', 'write_date',
                'rec_name'}]
        transaction = Transaction()
        with transaction.set_user(user.id), transaction.set_context(
                _check_access=True, **context):
            cursor = transaction.connection.cursor()

            def sql():
                cursor.execute(*Model.table_query())
                return cursor.fetchall()
            sql_time, rows = best_of(args.repeat, sql)

            def orm():
                return Model.search_read([], fields_names=names)
            orm_time, records = best_of(args.repeat, orm)

            xlsx_time = size = None
            if xlsx:
                Report = pool.get(xlsx, type='report')

                def export():
                    return Report.execute([], {'model': model})
                xlsx_time, result = best_of(args.repeat, export)
                size = len(result[1])

            source_names = [n for n, f in Source._fields.items()
                if not hasattr(f, 'getter')
                and f._type not in {'one2many', 'many2many', 'binary'}
                and n not in {'create_uid', 'create_date', 'write_uid',
                    'write_date', 'rec_name'}]

            def baseline():
                return Source.search_read([], fields_names=source_names)
            if args.no_baseline:
                base_time, base_rows = None, []
            else:
                base_time, base_rows = best_of(1, baseline)
        one_time = None
        if args.station_month:
            with transaction.set_user(user.id), transaction.set_context(
                    _check_access=True, **station_month):
                one_time, _ = best_of(args.repeat, orm)
        results.append((model, len(rows), sql_time, orm_time, xlsx_time,
                size, len(base_rows), base_time, one_time))
    return results


def print_results(args, results, fill_time, sizes):
    print(f"\nstation_report benchmark: {args.stations} stations, "
        f"{sizes['station.service.order']:,} service orders in {YEAR}, "
        f"PostgreSQL, best of {args.repeat}")
    if fill_time is not None:
        print(f"fill: {fill_time:.1f} s")
    print("rows per source table: " + ", ".join(
            f"{k.replace('station.', '')} {v:,}" for k, v in sizes.items()))
    if args.without_station_indexes:
        print("(station, date) indexes of the source tables dropped")
    header = (f"{'report':<34} {'rows':>7} {'SQL ms':>9} {'read ms':>9} "
        f"{'xlsx ms':>9} {'xlsx KB':>8} {'baseline rows':>14} "
        f"{'baseline ms':>12} {'read/base':>10}")
    if args.station_month:
        header += f" {'1 station·month ms':>19}"
    print(header)
    print('-' * len(header))
    for (model, rows, sql_time, orm_time, xlsx_time, size, base_rows,
            base_time, one_time) in results:
        xlsx_ms = f"{xlsx_time * 1000:9.0f}" if xlsx_time else f"{'-':>9}"
        xlsx_kb = f"{size / 1024:8.0f}" if size else f"{'-':>8}"
        if base_time:
            base = (f"{base_rows:>14,} {base_time * 1000:12.0f} "
                f"{orm_time / base_time:10.3f}")
        else:
            base = f"{'-':>14} {'-':>12} {'-':>10}"
        line = (f"{model.replace('station.report.', ''):<34} {rows:>7,} "
            f"{sql_time * 1000:9.0f} {orm_time * 1000:9.0f} {xlsx_ms} "
            f"{xlsx_kb} {base}")
        if args.station_month:
            line += f" {one_time * 1000:19.1f}"
        print(line, flush=True)


def main(argv=None):
    args = parse_args(argv)
    setup_environment(args)
    if args.fill:
        drop_database(args)
    elif args.update:
        import subprocess
        admin = os.path.join(os.path.dirname(sys.executable), 'trytond-admin')
        subprocess.run([admin, '-d', args.database, '-u', 'station',
                '--activate-dependencies'], check=True)
    from trytond.tests.test_tryton import activate_module
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    activate_module(['station_report'])
    fill_time = None
    with Transaction().start(args.database, 0) as transaction:
        pool = Pool()
        Company = pool.get('company.company')
        companies = Company.search([])
        if not companies:
            start = time.perf_counter()
            company_id = fill(args)
            transaction.commit()
            fill_time = time.perf_counter() - start
        else:
            company_id = companies[0].id
        sizes = {}
        for _, _, source in REPORTS:
            sizes.setdefault(source, count(pool.get(source)))
        sizes['station.station'] = count(pool.get('station.station'))
    # never committed: dropped indexes (--without-station-indexes) come back
    with Transaction().start(args.database, 0) as transaction:
        results = measure(args, company_id)
        transaction.rollback()
    print_results(args, results, fill_time, sizes)


if __name__ == '__main__':
    main()
