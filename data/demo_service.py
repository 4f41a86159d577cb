"""Demo workflows of station_service, run by data/demo.py after the base demo.

Every flow is clicked through proteus by the user of the role that does it
in the web client, so the demo obeys workflows, access and record rules:

- Beijing: a TV taken in, diagnosed, quoted with parts at HQ's prices,
  accepted, parts issued from the station's stock, paid, delivered and
  called back; an in-warranty repair claimed from HQ, which appraises it;
  a late complaint escalated by the scheduled task.
- Transfers: Beijing sends boards to Shanghai (received and closed),
  Shanghai lends a remote to Guangzhou (overdue); a monthly plan, a quality
  report and a key customer with a return visit.

Idempotent: each flow is skipped when its mark (a serial number, a
reference) already exists.
"""
import datetime as dt
import sys

from proteus import Model
from proteus import config as pconfig

from addons.station.tests.tools import server_write

TODAY = dt.date.today()
TV_SERIAL = 'BJ-DEMO-TV-0001'
WARRANTY_SERIAL = 'BJ-DEMO-TV-0002'


def log(*args):
    print('[demo service]', *args, file=sys.stderr, flush=True)


def act_as(login):
    "Switch the proteus connection to the user of login"
    config = pconfig.get_config()
    User = Model.get('res.user')
    with config.set_context(active_test=False):
        user, = User.find([('login', '=', login)])
    config.user = user.id
    config._context = User.get_preferences(True, {})
    return user


def product(code):
    Product = Model.get('product.product')
    found = Product.find([('code', '=', code)])
    return found[0] if found else None


def setup_warranty():
    "HQ's warranty periods: 12 months for TVs, 36 for air conditioners"
    Template = Model.get('product.template')
    for prefix, months in [('TV-', 12), ('AC-', 36), ('WM-', 24)]:
        for template in Template.find([
                    ('code', 'like', prefix + '%'),
                    ('warranty_months', '=', None),
                    ]):
            template.warranty_months = months
            template.save()


def customer(name):
    Party = Model.get('party.party')
    found = Party.find([('name', '=', name)])
    if found:
        return found[0]
    party = Party(name=name)
    party.save()
    return party


def repair(code, serial, purchased_days_ago, name, symptom, diagnosis,
        parts, hours):
    "Take in, diagnose, quote, accept and repair one order at code's station"
    Order = Model.get('station.service.order')
    login = code.lower()
    act_as(f'{login}_reception')
    order = Order(customer=customer(name), product=product('TV-55U8'),
        serial_number=serial,
        purchase_date=TODAY - dt.timedelta(days=purchased_days_ago),
        symptom=symptom, accessories="遥控器一个、底座一副",
        contact_phone="138 0000 %04d" % purchased_days_ago)
    order.save()
    act_as(f'{login}_tech1')
    order = Order(order.id)
    order.diagnosis = diagnosis
    for part_code, quantity in parts:
        order.lines.new(type='part', product=product(part_code),
            quantity=quantity)
    order.lines.new(type='labour', product=product('SV-LABOUR'),
        quantity=hours)
    order.click('diagnose')
    order.click('quote')
    act_as(f'{login}_reception')
    Order(order.id).click('accept')
    act_as(f'{login}_tech1')
    order = Order(order.id)
    order.click('start_repair')
    order.click('finish')
    return Order(order.id)


def deliver(order, code, score, notes):
    "The clerk takes the payment, reception delivers and calls back"
    Order = Model.get('station.service.order')
    Payment = Model.get('station.service.payment')
    login = code.lower()
    if order.amount_balance > 0:
        act_as(f'{login}_clerk')
        Payment(order=Order(order.id), amount=order.amount_balance,
            method='cash').save()
    act_as(f'{login}_reception')
    order = Order(order.id)
    order.click('deliver')
    order.callback_score = score
    order.callback_notes = notes
    order.click('close')
    return Order(order.id)


def tv_flow():
    Order = Model.get('station.service.order')
    if Order.find([('serial_number', '=', TV_SERIAL)]):
        return
    log("Beijing: a paid TV repair, intake to call-back")
    order = repair('BJ', TV_SERIAL, 800, "张建华",
        "开机无图像，有声音", "主板供电电路烧毁，需更换主板",
        [('SP-MB-U8', 1)], 1.5)
    deliver(order, 'BJ', 5, "客户对维修速度满意")


def warranty_flow():
    Order = Model.get('station.service.order')
    Claim = Model.get('station.warranty.claim')
    ClaimLine = Model.get('station.warranty.claim.line')
    act_as('bj_clerk')
    orders = Order.find([('serial_number', '=', WARRANTY_SERIAL)])
    if orders and Claim.find([('orders', 'in', [orders[0].id])]):
        return
    log("Beijing: an in-warranty repair claimed from HQ")
    if orders:
        order, = orders
    else:
        order = repair('BJ', WARRANTY_SERIAL, 120, "李秀英",
            "使用中自动关机", "电源板电容鼓包",
            [('SP-PB-U8', 1)], 1)
        order = deliver(order, 'BJ', 4, "三包维修，免费")
    act_as('bj_clerk')
    # the server's today (company time zone) may differ from the local one
    intake = order.intake_date
    claim = Claim(reference="BJ 三包 %s" % intake.strftime('%Y-%m'),
        date_from=intake.replace(day=1), date_to=max(intake, TODAY))
    claim.orders.append(Order(order.id))
    claim.click('fill_lines')
    claim = Claim(claim.id)
    claim.click('submit')
    act_as('hq_service')
    claim = Claim(claim.id)
    for line in claim.lines:
        ClaimLine.write([line.id], {
                'appraisal': 'accepted',
                'approved_quantity': line.quantity,
                }, pconfig.get_config().context)
    claim = Claim(claim.id)
    claim.click('appraise')
    claim.click('decide')


def complaint_flow():
    Complaint = Model.get('station.complaint')
    Cron = Model.get('ir.cron')
    act_as('bj_reception')
    description = "电视送修一周仍未修好，客户电话投诉"
    if Complaint.find([('description', '=', description)]):
        return
    log("Beijing: a late complaint, escalated by the scheduled task")
    Employee = Model.get('company.employee')
    User = Model.get('res.user')
    tech, = User.find([('login', '=', 'bj_tech1')])
    complaint = Complaint(customer=customer("王国平"), category='delay',
        description=description, assignee=Employee(tech.employee.id))
    complaint.save()
    # the phone call came in two days ago: the clock of a complaint is the
    # server's (R15), so the demo dates it as server code would
    received = dt.datetime.now() - dt.timedelta(days=2)
    server_write('station.complaint', [complaint.id], {
            'received_at': received,
            'answer_deadline': received + dt.timedelta(hours=24),
            'resolution_deadline': received + dt.timedelta(hours=72),
            })
    act_as('admin')
    cron, = Cron.find([('method', '=', 'station.complaint|escalate_late')])
    cron.click('run_once')


def transfer_flow():
    Transfer = Model.get('station.transfer')
    Location = Model.get('stock.location')
    act_as('admin')
    if Transfer.find([('reason', '=', "上海站主板缺货")]):
        return
    log("Transfers: Beijing to Shanghai, a loan from Shanghai to Guangzhou")
    warehouses = {w.code: w for w in Location.find(
            [('type', '=', 'warehouse')])}
    act_as('bj_clerk')
    transfer = Transfer(to_warehouse=Location(warehouses['SH'].id),
        reason="上海站主板缺货")
    transfer.lines.new(product=product('SP-MB-U8'), quantity=1)
    transfer.save()
    transfer.click('send')
    act_as('sh_clerk')
    Transfer(transfer.id).click('receive')
    act_as('bj_clerk')
    Transfer(transfer.id).click('close')

    act_as('sh_clerk')
    loan = Transfer(type='loan', to_warehouse=Location(warehouses['GZ'].id),
        date=TODAY - dt.timedelta(days=20),
        due_date=TODAY - dt.timedelta(days=5),
        reason="广州站借用遥控器做测试")
    loan.lines.new(product=product('SP-RC-01'), quantity=2)
    loan.save()
    loan.click('send')
    act_as('gz_clerk')
    Transfer(loan.id).click('receive')


def plan_flow():
    Plan = Model.get('station.service.plan')
    QualityReport = Model.get('station.quality.report')
    Station = Model.get('station.station')
    act_as('bj_manager')
    if not Plan.find([]):
        log("Beijing: next month's service and parts allocation plan")
        plan = Plan(planned_orders=60, planned_visits=8,
            notes="暑期空调维修高峰，增加上门服务")
        plan.lines.new(product=product('SP-MB-U8'), quantity=5)
        plan.lines.new(product=product('SP-CAP-35'), quantity=20)
        plan.save()
        plan.click('submit')
    if not QualityReport.find([]):
        act_as('bj_tech1')
        report = QualityReport(product=product('TV-55U8'),
            severity='repeated', cases=3,
            description="U8 电源板同批次电容鼓包，三个月内已修三台")
        report.save()
        report.click('send')
    act_as('bj_manager')
    key = customer("北京市朝阳区某酒店")
    if not key.key_customer:
        log("Beijing: a key customer with a planned return visit")
        key.key_customer = True
        key.service_station, = Station.find([('code', '=', 'BJ')])
        key.save()
        act_as('admin')
        Cron = Model.get('ir.cron')
        cron, = Cron.find([
                ('method', '=', 'station.customer.visit|plan_key_customers'),
                ])
        cron.click('run_once')


def load(company, stations, rng):
    admin = act_as('admin')
    try:
        setup_warranty()
        tv_flow()
        warranty_flow()
        complaint_flow()
        transfer_flow()
        plan_flow()
    finally:
        act_as(admin.login)
