"""Demo data of station_report: the dashboards of HQ Service Management and
of the Beijing station manager open at login, and six months of service
history in every station so that HQ's reports show each station's months.

Called by data/demo.py as ``load(company, stations, rng)`` once the other
modules' demo workflows ran; loading it twice changes nothing.
"""
import datetime as dt

from proteus import Model
from proteus import config as pconfig

# the service history of the months before this one, as imported from the
# stations' previous system: closed orders and complaints numbered HIST-…
HISTORY_MONTHS = 6
HISTORY_PREFIX = 'HIST-'
# orders per month, by station code (the other stations: the first)
HISTORY_VOLUME = {'BJ': (30, 45), 'SH': (20, 35), 'GZ': (12, 25)}

# login: XML id of the dashboard action opened at login
DASHBOARDS = {
    'hq_service': 'act_dashboard_hq_service',
    'bj_manager': 'act_dashboard_manager',
    }


def log(message):
    print(f"[demo report] {message}", flush=True)


def month_start(date, delta=0):
    month = date.month - 1 + delta
    return dt.date(date.year + month // 12, month % 12 + 1, 1)


def service_history(company, stations, rng):
    """Closed service orders and complaints of the last months in every
    station, written straight in the tables as they stand at the end of
    their workflows (the way a migration loads them)"""
    Order = Model.get('station.service.order')
    User = Model.get('res.user')
    if Order.find([('number', 'like', HISTORY_PREFIX + '%')], limit=1):
        return
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    customers = sorted({o.customer.id for o in Order.find([])
            if o.customer}) or None
    today = dt.date.today()
    months = [month_start(today, -i) for i in range(HISTORY_MONTHS, 0, -1)]
    technicians = {}
    for code, station in stations.items():
        technicians[station.id] = [u.employee.id for u in User.find([
                    ('login', 'like', f'{code.lower()}_tech%')])
            if u.employee]
    database = pconfig.get_config().database_name
    with Transaction().start(database, 0, context={'company': company.id}):
        pool = Pool()
        OrderSQL = pool.get('station.service.order')
        Complaint = pool.get('station.complaint')
        Party = pool.get('party.party')
        if customers is None:
            customers = [p.id for p in Party.search([], limit=10)]
        cursor = Transaction().connection.cursor()
        order_table = OrderSQL.__table__()
        complaint_table = Complaint.__table__()
        now = dt.datetime.now()
        orders = complaints = 0
        for code, station in sorted(stations.items()):
            low, high = HISTORY_VOLUME.get(code, HISTORY_VOLUME['BJ'])
            techs = technicians[station.id] or [None]
            for month in months:
                days = (month_start(month, 1) - month).days
                for n in range(rng.randint(low, high)):
                    type_ = rng.choices(
                        ['repair', 'support', 'upgrade', 'parts_sale'],
                        [70, 15, 5, 10])[0]
                    intake = month + dt.timedelta(days=rng.randrange(days))
                    turnaround = min(int(rng.lognormvariate(1.3, 0.6)), 30)
                    # delivered in working hours, Beijing time (UTC+8)
                    delivered = dt.datetime.combine(
                        intake + dt.timedelta(days=turnaround),
                        dt.time(rng.randint(1, 9), rng.randrange(60)))
                    closed = rng.random() < 0.9
                    cursor.execute(*order_table.insert(
                            [order_table.create_uid, order_table.create_date,
                                order_table.station, order_table.type,
                                order_table.intake_date, order_table.state,
                                order_table.technician,
                                order_table.customer,
                                order_table.delivered_at,
                                order_table.callback_score,
                                order_table.number,
                                order_table.credit_approved],
                            [[0, now, station.id, type_, intake,
                                    'closed' if closed else 'delivered',
                                    rng.choice(techs)
                                    if type_ != 'parts_sale' else None,
                                    rng.choice(customers), delivered,
                                    rng.choices([2, 3, 4, 5],
                                        [5, 12, 40, 43])[0]
                                    if closed else None,
                                    f'{HISTORY_PREFIX}{code}-'
                                    f'{month:%Y%m}-{n + 1:03d}',
                                    False]]))
                    orders += 1
                for n in range(rng.randint(0, 3)):
                    received = dt.datetime.combine(
                        month + dt.timedelta(days=rng.randrange(days)),
                        dt.time(rng.randint(1, 9), rng.randrange(60)))
                    answered = received + dt.timedelta(
                        hours=rng.choice([2, 6, 20, 30]))
                    resolved = received + dt.timedelta(
                        hours=rng.choice([24, 48, 70, 96]))
                    cursor.execute(*complaint_table.insert(
                            [complaint_table.create_uid,
                                complaint_table.create_date,
                                complaint_table.station,
                                complaint_table.origin,
                                complaint_table.category,
                                complaint_table.description,
                                complaint_table.received_at,
                                complaint_table.answer_deadline,
                                complaint_table.resolution_deadline,
                                complaint_table.answered_at,
                                complaint_table.resolved_at,
                                complaint_table.state,
                                complaint_table.escalated],
                            [[0, now, station.id, 'customer', 'service',
                                    "历史投诉：维修等待时间过长",
                                    received,
                                    received + dt.timedelta(hours=24),
                                    received + dt.timedelta(hours=72),
                                    answered, resolved, 'closed', False]]))
                    complaints += 1
        Transaction().commit()
    log(f"service history: {orders} orders, {complaints} complaints "
        f"from {months[0]:%Y-%m} to {months[-1]:%Y-%m}")


def load(company, stations, rng):
    User = Model.get('res.user')
    Action = Model.get('ir.action')
    ModelData = Model.get('ir.model.data')
    Module = Model.get('ir.module')
    if not Module.find([
                ('name', '=', 'station_report'),
                ('state', '=', 'activated'),
                ]):
        log("station_report is not activated: no dashboards")
        return
    service_history(company, stations, rng)
    for login, fs_id in DASHBOARDS.items():
        users = User.find([('login', '=', login)])
        if not users:
            log(f"no user {login}: dashboard skipped")
            continue
        user, = users
        action_id = ModelData.get_id('station_report', fs_id, {})
        if any(a.id == action_id for a in user.actions):
            continue
        user.actions.append(Action(action_id))
        user.save()
        log(f"{login} opens {fs_id} at login")
