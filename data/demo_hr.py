"""Demo workflows of station_hr: the issue's "Done when" flows, clicked
through proteus by the users who do them in the web client.

Called by data/demo.py after the base demo: ``load(company, stations,
rng)``.  Every record is looked up before it is created and every button is
pressed only from the state it expects: loading twice changes nothing.

- HQ HR keeps the company calendar and the stations' headcount;
- the staff signed in and out on every working day since the start of last
  month, and the Beijing staff sign in today with the one-click action;
- the clerks submit last month's sign-in sheet, HQ Service Management
  approves Beijing's; the sheet of the month before was submitted on the 2nd;
- a Beijing technician's personal leave is approved by the manager, his
  business trip is summarized after his return;
- the Beijing manager appraises the technicians and proposes last month's
  bonus split, heard by the technicians and approved by HQ HR;
- the monthly reports of last month reach HQ, Beijing sends this month's
  with the figures of the service and finance demos;
- weekly work reports, the duty and cleaning rota, training records and the
  weekly meeting minutes; Guangzhou works summer hours approved by HQ.
"""
import datetime as dt
import sys
from decimal import Decimal

from proteus import Model, Wizard
from proteus import config as pconfig

# the demo's calendar: China's public holidays and make-up working days
HOLIDAYS_2026 = [
    ((1, 1), (1, 3), "元旦"),
    ((2, 15), (2, 23), "春节"),
    ((4, 4), (4, 6), "清明节"),
    ((5, 1), (5, 5), "劳动节"),
    ((6, 19), (6, 21), "端午节"),
    ((9, 25), (9, 27), "中秋节"),
    ((10, 1), (10, 7), "国庆节"),
    ]
MAKE_UP_2026 = [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)]

# position, role, quota
POSITIONS = [
    ("站长", 'manager', 1),
    ("财务配件员", 'clerk', 1),
    ("技术员", 'technician', 3),
    ("接待员", 'receptionist', 1),
    ]
ROLE_OF_SUFFIX = {
    'manager': 'manager', 'clerk': 'clerk', 'tech1': 'technician',
    'tech2': 'technician', 'reception': 'receptionist'}


def log(*args):
    print('[demo hr]', *args, file=sys.stderr, flush=True)


def month_start(date):
    return date.replace(day=1)


def previous_month(date):
    return month_start(month_start(date) - dt.timedelta(days=1))


class Users:
    "Switch the proteus connection to the user who clicks"

    def __init__(self):
        User = Model.get('res.user')
        config = pconfig.get_config()
        self.admin = config.user
        with config.set_context(active_test=False):
            self.ids = {u.login: u.id for u in User.find([])}

    def __call__(self, login):
        config = pconfig.get_config()
        User = Model.get('res.user')
        config.user = self.ids[login] if login != 'admin' else self.admin
        config._context = User.get_preferences(True, {})
        return User(config.user)

    def employee(self, login):
        Employee = Model.get('company.employee')
        User = Model.get('res.user')
        return Employee(User(self.ids[login]).employee.id)


def click(record, button, states):
    "Press button when the record is in one of states"
    if record.state in states:
        record.click(button)
        record.reload()


def setup_calendar(users, company):
    Day = Model.get('station.calendar.day')
    users('hq_hr')
    existing = {d.date for d in Day.find([('company', '=', company.id)])}
    days = []
    for (m1, d1), (m2, d2), name in HOLIDAYS_2026:
        date = dt.date(2026, m1, d1)
        while date <= dt.date(2026, m2, d2):
            if date not in existing:
                days.append(Day(date=date, name=name, type='holiday'))
            date += dt.timedelta(days=1)
    for month, day in MAKE_UP_2026:
        date = dt.date(2026, month, day)
        if date not in existing:
            days.append(Day(date=date, name="调休上班", type='working'))
    for date, name in [(dt.date(2027, 1, 1), "元旦")]:
        if date not in existing:
            days.append(Day(date=date, name=name, type='holiday'))
    if days:
        Day.save(days)
        log(f"calendar: {len(days)} days")
    return {d.date: d.type == 'working' for d in Day.find([])}


def is_working(calendar, date):
    return calendar.get(date, date.weekday() < 5)


def setup_headcount(users, stations):
    Headcount = Model.get('station.headcount')
    Station = Model.get('station.station')
    Employee = Model.get('company.employee')
    users('hq_hr')
    positions = {}
    for code, station in sorted(stations.items()):
        for name, role, quota in POSITIONS:
            found = Headcount.find([
                    ('station', '=', station.id), ('name', '=', name)])
            if found:
                position = found[0]
            else:
                position = Headcount(station=Station(station.id), name=name,
                    role=role, quota=quota)
                position.save()
            positions[code, role] = position
    # the staff of the base demo hold their positions
    users('admin')
    for (code, role), position in positions.items():
        for suffix, suffix_role in ROLE_OF_SUFFIX.items():
            if suffix_role != role:
                continue
            employee = users.employee(f'{code.lower()}_{suffix}')
            if not employee.position:
                employee = Employee(employee.id)
                employee.position = Model.get('station.headcount')(
                    position.id)
                employee.save()


def setup_attendance(users, stations, calendar, rng, today):
    "Sign-ins of every working day since the start of last month"
    Line = Model.get('attendance.line')
    users('admin')
    start = previous_month(today)
    lines = []
    for code in sorted(stations):
        for suffix in ROLE_OF_SUFFIX:
            employee = users.employee(f'{code.lower()}_{suffix}')
            done = {l.at.date() for l in Line.find([
                        ('employee', '=', employee.id),
                        ('at', '>=', dt.datetime.combine(start, dt.time())),
                        ])}
            date = start
            while date < today:
                if is_working(calendar, date) and date not in done:
                    # 08:50-09:10 and 17:30-18:20 in Beijing time (UTC+8)
                    at_in = dt.datetime.combine(date, dt.time(0, 50)) \
                        + dt.timedelta(minutes=rng.randint(0, 20))
                    at_out = dt.datetime.combine(date, dt.time(9, 30)) \
                        + dt.timedelta(minutes=rng.randint(0, 50))
                    for at, type_ in [(at_in, 'in'), (at_out, 'out')]:
                        lines.append(Line(employee=employee,
                                company=employee.company, at=at, type=type_))
                date += dt.timedelta(days=1)
    if lines:
        Line.save(lines)
        log(f"attendance: {len(lines)} sign-ins and sign-outs")
    # today the Beijing staff sign in with the one-click action
    if is_working(calendar, today):
        for suffix in ROLE_OF_SUFFIX:
            login = f'bj_{suffix}'
            employee = users.employee(login)
            if Line.find([
                        ('employee', '=', employee.id),
                        ('at', '>=', dt.datetime.combine(
                                today, dt.time()) - dt.timedelta(hours=8)),
                        ]):
                continue
            users(login)
            Wizard('station.signin').execute('end')
            users('admin')


def setup_signin_sheets(users, stations, today):
    Sheet = Model.get('station.signin.sheet')
    last = previous_month(today)
    before = previous_month(last)
    for code in sorted(stations):
        clerk = f'{code.lower()}_clerk'
        for month in [before, last]:
            users(clerk)
            found = Sheet.find([('month', '=', month)])
            if found:
                sheet = found[0]
            else:
                sheet = Sheet(month=month)
                sheet.save()
                sheet.click('compute')
                sheet.reload()
            click(sheet, 'submit', {'draft'})
            if code == 'BJ' or month == before:
                users('hq_service')
                click(Sheet(sheet.id), 'approve', {'submitted'})
        # history: the sheet of the month before was submitted on the 2nd
        users('admin')
        old, = Sheet.find([
                ('station.code', '=', code), ('month', '=', before)])
        due = last.replace(day=2)
        if old.submitted_on != due:
            try:
                Sheet.write([old.id], {'submitted_on': due},
                    pconfig.get_config().context)
            except Exception as exc:  # the history is decoration only
                log(f"sheet {old.rec_name} left as submitted: {exc}")


def setup_leave_and_trip(users, calendar, today):
    Leave = Model.get('station.leave')
    Trip = Model.get('station.trip')
    # a personal leave of the technician, approved by the manager
    users('bj_tech1')
    day = today + dt.timedelta(days=1)
    while not is_working(calendar, day):
        day += dt.timedelta(days=1)
    found = Leave.find([('destination', '=', "市第一医院（复诊）")])
    if found:
        leave = found[0]
    else:
        leave = Leave(type='personal', destination="市第一医院（复诊）",
            contact="138 0010 0001",
            # 14:00-17:00 Beijing time
            date_from=dt.datetime.combine(day, dt.time(6, 0)),
            date_to=dt.datetime.combine(day, dt.time(9, 0)),
            expected_return=dt.datetime.combine(day, dt.time(9, 0)),
            reason="复诊，下午请假半天")
        leave.save()
    click(leave, 'request', {'draft'})
    users('bj_manager')
    click(Leave(leave.id), 'approve', {'requested'})
    # a work-hour absence declared by the other technician
    users('bj_tech2')
    if not Leave.find([('destination', '=', "建设银行朝阳支行")]):
        start = dt.datetime.combine(today, dt.time(2, 0))
        absence = Leave(type='absence', destination="建设银行朝阳支行",
            contact="138 0010 0002", date_from=start,
            date_to=start + dt.timedelta(hours=1),
            expected_return=start + dt.timedelta(hours=1),
            reason="为客户办理退款")
        absence.save()
        absence.click('declare')

    # a business trip that ended on the last working day, summarized on
    # return: within the 2 working days (R53)
    users('bj_tech1')
    found = Trip.find([('destination', '=', "天津特约维修点")])
    if found:
        trip = found[0]
    else:
        end = today - dt.timedelta(days=1)
        while not is_working(calendar, end):
            end -= dt.timedelta(days=1)
        trip = Trip(destination="天津特约维修点",
            purpose="培训特约维修点的维修人员，检查备件库存",
            contact="138 0010 0001",
            date_from=end - dt.timedelta(days=2), date_to=end)
        trip.save()
    click(trip, 'request', {'draft'})
    users('bj_manager')
    click(Trip(trip.id), 'approve', {'requested'})
    users('bj_tech1')
    trip = Trip(trip.id)
    if trip.state == 'approved':
        trip.trip_log = ("第一天：培训维修人员 5 名。\n"
            "第二天：检查备件库存，盘点主板 12 块。\n"
            "第三天：陪同上门维修 3 单。")
        trip.save()
        trip.click('back')
        trip.reload()
    if trip.state == 'returned':
        trip.summary = ("维修点已具备 U8 电视主板更换能力；"
            "建议补充电源板库存 10 块。")
        trip.save()
        trip.click('summarize')


def setup_appraisals(users, today):
    Appraisal = Model.get('station.appraisal')
    start = previous_month(today)
    end = month_start(today) - dt.timedelta(days=1)
    users('bj_manager')
    for login, scores, discuss in [
            ('bj_tech1', (92, 88, 90), True),
            ('bj_tech2', (85, 80, 86), False),
            ]:
        employee = users.employee(login)
        found = Appraisal.find([
                ('employee', '=', employee.id),
                ('period_start', '=', start)])
        if found:
            appraisal = found[0]
        else:
            appraisal = Appraisal(employee=employee, period_start=start,
                period_end=end, due_date=month_start(today).replace(day=5))
            for criterion, weight, score in zip(
                    ["服务质量", "工作效率", "团队协作"], [40, 30, 30],
                    scores):
                appraisal.lines.new(criterion=criterion,
                    weight=Decimal(weight), score=Decimal(score))
            appraisal.comment = "本月完成维修任务，客户评价良好。"
            appraisal.save()
        click(appraisal, 'submit', {'draft'})
        if discuss and appraisal.state == 'submitted':
            appraisal.feedback = "已与员工面谈：肯定服务态度，下月加强空调维修技能。"
            appraisal.save()
            appraisal.click('discuss')


def setup_bonus(users, today):
    Plan = Model.get('station.bonus.plan')
    Opinion = Model.get('station.bonus.opinion')
    Station = Model.get('station.station')
    month = previous_month(today)
    users('hq_hr')
    bj, = Station.find([('code', '=', 'BJ')])
    found = Plan.find([('station', '=', bj.id), ('month', '=', month)])
    if found:
        plan = found[0]
    else:
        plan = Plan(station=bj, month=month, pool=Decimal('20000'))
        plan.save()
    if plan.state != 'draft':
        return
    users('bj_manager')
    plan = Plan(plan.id)
    if not plan.lines:
        for login, amount in [('bj_tech1', '6000'), ('bj_tech2', '5500'),
                ('bj_clerk', '4500'), ('bj_reception', '3500')]:
            plan.lines.new(employee=users.employee(login),
                amount=Decimal(amount))
        plan.notes = "按出勤、维修单数和客户评价分配，已听取技术员意见。"
        plan.save()
    for login, text in [
            ('bj_tech1', "同意，分配合理。"),
            ('bj_tech2', "同意，建议下月增加夜间值班补贴。"),
            ]:
        users(login)
        employee = users.employee(login)
        if not Opinion.find([
                    ('plan', '=', plan.id), ('employee', '=', employee.id)]):
            Opinion(plan=Plan(plan.id), opinion=text, agree=True).save()
    users('bj_manager')
    click(Plan(plan.id), 'submit', {'draft'})
    users('hq_hr')
    click(Plan(plan.id), 'approve', {'submitted'})


def setup_monthly_reports(users, stations, today):
    """Last month's reports reached HQ; Beijing sends this month's at the
    month's end with the figures of the service and finance demos"""
    Report = Model.get('station.monthly.report')
    last = previous_month(today)
    this = month_start(today)
    for code, month in [(c, last) for c in sorted(stations)] + [
            ('BJ', this)]:
        users(f'{code.lower()}_manager')
        found = Report.find([('month', '=', month)])
        if found:
            report = found[0]
        else:
            report = Report(month=month)
            report.service = ("本月接修正常，电视主板类故障占多数；"
                "投诉均在 24 小时内答复。")
            report.staffing = "编制内人员全部在岗，一名技术员出差三天。"
            report.suggestions = "建议总部增加 55 英寸液晶屏备件的月度配额。"
            report.plan = "走访特约维修点两家，开展空调维修技能培训。"
            report.save()
            report.click('compute')
            report.reload()
        click(report, 'submit', {'draft'})
        if month == last and code != 'GZ':
            users('hq_service')
            report = Report(report.id)
            if report.state == 'submitted':
                report.hq_comment = "已阅。请跟进屏备件配额申请。"
                report.save()
                report.click('receive')


def setup_work_reports(users, today):
    Report = Model.get('station.work.report')
    week = today - dt.timedelta(days=today.weekday() + 7)
    for login, done in [
            ('bj_tech1', "上门维修 14 单，店内维修 9 单。"),
            ('bj_tech2', "店内维修 21 单，其中三包 12 单。"),
            ]:
        users(login)
        employee = users.employee(login)
        found = Report.find([
                ('employee', '=', employee.id), ('week', '=', week)])
        if found:
            report = found[0]
        else:
            report = Report(week=week, work_done=done,
                problems="55 英寸屏备件缺货，两单等待中。",
                next_week="跟进缺件维修单，回访上周客户。")
            report.save()
        click(report, 'submit', {'draft'})
    users('bj_manager')
    report, = Report.find([
            ('employee', '=', users.employee('bj_tech1').id),
            ('week', '=', week)])
    if report.state == 'submitted':
        report.annotation = "出差总结已阅，缺件问题请财务配件员向总部催办。"
        report.save()
        report.click('review')


def setup_rota(users, calendar, today):
    Rota = Model.get('station.rota')
    monday = today - dt.timedelta(days=today.weekday())
    users('bj_clerk')
    if Rota.find([('date', '>=', monday),
                ('date', '<=', monday + dt.timedelta(days=6))]):
        return
    staff = ['bj_tech1', 'bj_tech2', 'bj_reception', 'bj_clerk']
    rotas = []
    for offset in range(5):
        date = monday + dt.timedelta(days=offset)
        if not is_working(calendar, date):
            continue
        for type_, login, area in [
                ('duty', staff[offset % 4], "接待台"),
                ('cleaning', staff[(offset + 1) % 4], "维修车间"),
                ]:
            rotas.append((date, type_, login, area))
    rotas.append((monday + dt.timedelta(days=4), 'big_clean', 'bj_tech2',
            "全站（含仓库）"))
    for date, type_, login, area in rotas:
        try:
            Rota(date=date, type=type_, employee=users.employee(login),
                area=area).save()
        except Exception as exc:  # on leave or on a trip that day
            log(f"rota {date} {login} skipped: {exc}")


def setup_training_and_meeting(users, today):
    Training = Model.get('station.training')
    Meeting = Model.get('station.meeting')
    users('bj_manager')
    for login, type_, topic, days_ago, hours, trainer in [
            ('bj_reception', 'onboarding', "站长工作手册与接待流程", 60, 8,
                "站长"),
            ('bj_tech1', 'training', "变频空调压缩机检修", 20, 4,
                "总部技术培训中心"),
            ('bj_tech2', 'training', "变频空调压缩机检修", 20, 4,
                "总部技术培训中心"),
            ]:
        employee = users.employee(login)
        if not Training.find([
                    ('employee', '=', employee.id), ('topic', '=', topic)]):
            Training(employee=employee, type=type_, topic=topic,
                date=today - dt.timedelta(days=days_ago), hours=hours,
                trainer=trainer, result='passed').save()
    users('bj_clerk')
    monday = today - dt.timedelta(days=today.weekday())
    if not Meeting.find([('date', '=', monday)]):
        meeting = Meeting(date=monday, chair=users.employee('bj_manager'),
            topics="1. 上周维修单及投诉情况\n2. 备件缺货\n3. 本周值班安排",
            minutes=("上周接修 30 单，投诉 1 单已答复。55 英寸屏缺货，"
                "两单等待。"),
            decisions="财务配件员周一向总部申请屏备件；技术员周三前完成回访。")
        for login in ['bj_manager', 'bj_clerk', 'bj_tech1', 'bj_tech2',
                'bj_reception']:
            meeting.attendees.append(users.employee(login))
        meeting.save()


def setup_work_time(users, today):
    Variant = Model.get('station.work_time.variant')
    users('gz_manager')
    if Variant.find([]):
        return
    variant = Variant(date_from=month_start(today),
        hours_per_work_day=7.5, hours_per_work_week=37.5,
        schedule="08:00-12:00 14:30-18:00",
        reason="广州夏季午休时间长，商场营业时间调整。")
    variant.save()
    variant.click('request')
    users('hq_service')
    click(Variant(variant.id), 'approve', {'requested'})


def load(company, stations, rng):
    users = Users()
    # the company's today (Asia/Shanghai), as the server sees it
    today = Model.get('ir.date').today(pconfig.get_config().context)
    try:
        calendar = setup_calendar(users, company)
        setup_headcount(users, stations)
        setup_work_time(users, today)
        setup_attendance(users, stations, calendar, rng, today)
        setup_signin_sheets(users, stations, today)
        setup_leave_and_trip(users, calendar, today)
        setup_appraisals(users, today)
        setup_bonus(users, today)
        setup_work_reports(users, today)
        setup_rota(users, calendar, today)
        setup_training_and_meeting(users, today)
        setup_monthly_reports(users, stations, today)
    finally:
        users('admin')
