"""Demo data for Station ERP: HQ, three service stations, staff of every
role, products and spare parts.

    python -m data.demo [--database station_demo] [--config var/trytond.conf]

Everything goes through proteus (the same calls the web client makes), with
a seeded random generator, and is looked up by code or login before being
created: loading it twice does not duplicate anything.
"""
import argparse
import datetime as dt
import os
import random
import sys
from decimal import Decimal

from proteus import Model, Wizard
from proteus import config as pconfig

PASSWORD = 'demo-password-2026'
SEED = 2026
LANGUAGE = 'zh_CN'

HQ_NAME = "总部 Station Electronics HQ"
HQ_CITY = "深圳"
TIMEZONE = 'Asia/Shanghai'

# code, name, city, street
STATIONS = [
    ('BJ', "北京站", "北京", "朝阳区建国路 88 号"),
    ('SH', "上海站", "上海", "徐汇区漕溪北路 200 号"),
    ('GZ', "广州站", "广州", "天河区天河路 385 号"),
    ]

# login suffix, group XML id, role label (used in the employee's name)
STATION_ROLES = [
    ('manager', 'group_manager', "站长"),
    ('clerk', 'group_clerk', "财务配件员"),
    ('tech1', 'group_technician', "技术员"),
    ('tech2', 'group_technician', "技术员"),
    ('reception', 'group_receptionist', "接待员"),
    ]
ROLE_EN = {
    'group_manager': "Station Manager",
    'group_clerk': "Finance & Parts Clerk",
    'group_technician': "Technician",
    'group_receptionist': "Receptionist",
    'group_hq_service': "HQ Service Management",
    'group_hq_finance': "HQ Finance",
    'group_hq_hr': "HQ HR",
    'group_auditor': "Auditor",
    }

# login, group XML id, department label
HQ_USERS = [
    ('hq_service', 'group_hq_service', "总部服务管理部"),
    ('hq_finance', 'group_hq_finance', "总部财务部"),
    ('hq_hr', 'group_hq_hr', "总部人力资源部"),
    ('auditor', 'group_auditor', "总部审计"),
    ]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "勇", "军", "杰",
    "涛", "明", "超", "秀英", "丽", "华", "建国", "志强", "海燕", "晓东",
    "红梅", "国平", "俊杰"]

# category code, name
CATEGORIES = [
    ('TV', "电视机"),
    ('AC', "空调"),
    ('WM', "洗衣机"),
    ('PARTS', "维修备件"),
    ('SERVICE', "服务"),
    ]

# code, name, category, type, uom, list price (CNY)
PRODUCTS = [
    ('TV-55U8', "55 英寸 4K 智能电视 U8", 'TV', 'goods', 'unit', '3999.00'),
    ('TV-65U8', "65 英寸 4K 智能电视 U8", 'TV', 'goods', 'unit', '5499.00'),
    ('TV-75X9', "75 英寸 Mini LED 电视 X9", 'TV', 'goods', 'unit', '8999.00'),
    ('AC-35GW', "1.5 匹变频挂式空调 35GW", 'AC', 'goods', 'unit', '2899.00'),
    ('AC-72LW', "3 匹变频柜式空调 72LW", 'AC', 'goods', 'unit', '6999.00'),
    ('WM-10D', "10 公斤滚筒洗衣机 D10", 'WM', 'goods', 'unit', '2599.00'),
    ('SP-MB-U8', "U8 电视主板", 'PARTS', 'goods', 'unit', '680.00'),
    ('SP-PB-U8', "U8 电视电源板", 'PARTS', 'goods', 'unit', '260.00'),
    ('SP-PNL-55', "55 英寸液晶屏组件", 'PARTS', 'goods', 'unit', '1850.00'),
    ('SP-RC-01', "智能语音遥控器", 'PARTS', 'goods', 'unit', '79.00'),
    ('SP-CMP-35', "空调变频压缩机 35 型", 'PARTS', 'goods', 'unit', '1280.00'),
    ('SP-CAP-35', "空调启动电容", 'PARTS', 'goods', 'unit', '35.00'),
    ('SP-FAN-AC', "空调室外风机电机", 'PARTS', 'goods', 'unit', '320.00'),
    ('SP-DRN-WM', "洗衣机排水泵", 'PARTS', 'goods', 'unit', '120.00'),
    ('SP-BLT-WM', "洗衣机传动皮带", 'PARTS', 'goods', 'unit', '45.00'),
    ('SV-LABOUR', "维修工时", 'SERVICE', 'service', 'hour', '80.00'),
    ('SV-VISIT', "上门服务费", 'SERVICE', 'service', 'unit', '50.00'),
    ]


def log(*args):
    print('[demo]', *args, file=sys.stderr, flush=True)


def connect(database, config_file):
    return pconfig.set_trytond(database=database, config_file=config_file)


def model_id(module, xml_id):
    ModelData = Model.get('ir.model.data')
    return ModelData.get_id(module, xml_id, {})


def has_model(name):
    IrModel = Model.get('ir.model')
    return bool(IrModel.find([('name', '=', name)]))


def has_field(model, field):
    return field in Model.get(model)._fields


def setup_language():
    Lang = Model.get('ir.lang')
    lang, = Lang.find([('code', '=', LANGUAGE)])
    if not lang.translatable:
        # trytond-admin -l zh_CN does it and loads the translations;
        # this only covers a database built without it
        lang.translatable = True
        lang.save()
    return lang


def setup_currency():
    Currency = Model.get('currency.currency')
    currencies = Currency.find([('code', '=', 'CNY')])
    if currencies:
        return currencies[0]
    log("creating currency CNY")
    currency = Currency(name="人民币 Chinese Yuan Renminbi", symbol='¥',
        code='CNY', rounding=Decimal('0.01'), digits=2)
    currency.save()
    Rate = Model.get('currency.currency.rate')
    Rate(currency=currency, date=dt.date(2020, 1, 1), rate=Decimal(1)).save()
    return currency


def setup_company(currency):
    Company = Model.get('company.company')
    Party = Model.get('party.party')
    User = Model.get('res.user')
    companies = Company.find([('party.name', '=', HQ_NAME)])
    if companies:
        company, = companies
    else:
        log("creating company", HQ_NAME)
        party = Party(name=HQ_NAME)
        address, = party.addresses
        address.city = HQ_CITY
        party.save()
        config = Wizard('company.company.config')
        config.execute('company')
        company = config.form
        company.party = party
        company.currency = currency
        company.timezone = TIMEZONE
        config.execute('add')
        company, = Company.find([('party.name', '=', HQ_NAME)])
    if company.timezone != TIMEZONE:
        company.timezone = TIMEZONE
        company.save()
    admin, = User.find([('login', '=', 'admin')])
    if company.id not in [c.id for c in admin.companies]:
        admin.companies.append(Company(company.id))
    admin.company = company
    admin.save()
    pconfig.get_config()._context = User.get_preferences(True, {})
    return company


def group(xml_id):
    Group = Model.get('res.group')
    return Group(model_id('station', xml_id))


def close_config_wizard():
    "The demo is configured: do not open the module wizard on first login"
    Item = Model.get('ir.module.config_wizard.item')
    items = Item.find([('state', '!=', 'done')])
    for item in items:
        item.state = 'done'
    if items:
        Item.save(items)


def setup_admin_groups():
    "The demo admin administers the stations"
    User = Model.get('res.user')
    admin, = User.find([('login', '=', 'admin')])
    wanted = [group('group_station_admin'), group('group_hq_service')]
    changed = False
    for grp in wanted:
        if grp.id not in [g.id for g in admin.groups]:
            admin.groups.append(grp)
            changed = True
    if changed:
        admin.save()
        pconfig.get_config()._context = User.get_preferences(True, {})


def create_warehouse(station_code, station_name):
    "A warehouse with its storage/input/output zones, copied from WH"
    Location = Model.get('stock.location')
    found = Location.find([
            ('code', '=', station_code), ('type', '=', 'warehouse')])
    if found:
        return found[0]
    template = Location(model_id('stock', 'location_warehouse'))
    warehouse, = Location.duplicate([template], {
            'name': f"{station_name}仓库",
            'code': station_code,
            })
    warehouse = Location(warehouse.id)
    for field, label in [
            ('storage_location', "存储区"),
            ('input_location', "收货区"),
            ('output_location', "发货区"),
            ]:
        zone = getattr(warehouse, field)
        if zone:
            zone.name = f"{station_name}{label}"
            zone.code = f"{station_code}-{field.split('_')[0].upper()}"
            zone.save()
    return warehouse


def setup_analytic_root(company):
    Account = Model.get('analytic_account.account')
    roots = Account.find([('code', '=', 'STATIONS'), ('type', '=', 'root')])
    if roots:
        return roots[0]
    root = Account(name="服务站", code='STATIONS', type='root',
        company=company)
    root.save()
    root.state = 'opened'
    root.save()
    return root


def create_analytic_account(root, code, name):
    Account = Model.get('analytic_account.account')
    found = Account.find([('code', '=', f'ST-{code}')])
    if found:
        return found[0]
    account = Account(name=name, code=f'ST-{code}', type='normal',
        root=root, parent=root, company=root.company)
    account.save()
    account.state = 'opened'
    account.save()
    return account


def setup_stations(company):
    Station = Model.get('station.station')
    root = setup_analytic_root(company)
    stations = {}
    for code, name, city, street in STATIONS:
        found = Station.find([('code', '=', code)])
        if found:
            station = found[0]
        else:
            log("creating station", code, name)
            station = Station(code=code, name=name, company=company)
        if has_field('station.station', 'city'):
            station.city = city
        if has_field('station.station', 'address'):
            station.address = f"{city}市{street}"
        if not station.warehouse:
            station.warehouse = create_warehouse(code, name)
        if not station.analytic_account:
            station.analytic_account = create_analytic_account(
                root, code, name)
        station.save()
        stations[code] = station
    return stations


def person_name(rng, used):
    while True:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in used:
            used.add(name)
            return name


def ensure_employee(user, name, company, station, city):
    "The employee of user (looked up through the user) or a new one"
    Employee = Model.get('company.employee')
    Party = Model.get('party.party')
    if user is not None and user.employee:
        return user.employee
    # names are drawn from a seeded generator: a run stopped half-way left
    # the same employee behind
    found = Employee.find([
            ('party.name', '=', name),
            ('company', '=', company.id),
            ('station', '=', station.id if station else None),
            ])
    if found:
        return found[0]
    party = Party(name=name)
    address, = party.addresses
    address.city = city
    party.save()
    employee = Employee(party=party, company=company)
    if station is not None:
        employee.station = station
    employee.start_date = dt.date(2024, 1, 1)
    employee.save()
    return employee


def ensure_user(login, name, employee, groups, stations, station, company,
        lang):
    User = Model.get('res.user')
    Company = Model.get('company.company')
    Employee = Model.get('company.employee')
    Group = Model.get('res.group')
    Station = Model.get('station.station')
    with pconfig.get_config().set_context(active_test=False):
        found = User.find([('login', '=', login)])
    user = found[0] if found else User(login=login)
    if not found:
        user.password = PASSWORD
    user.name = name
    user.active = True
    user.language = lang
    # x2many.append() wants records of no other list: fresh instances
    if company.id not in [c.id for c in user.companies]:
        user.companies.append(Company(company.id))
    user.company = Company(company.id)
    if employee.id not in [e.id for e in user.employees]:
        user.employees.append(Employee(employee.id))
    user.employee = Employee(employee.id)
    for grp in groups:
        if grp.id not in [g.id for g in user.groups]:
            user.groups.append(Group(grp.id))
    for st in stations:
        if st.id not in [s.id for s in user.stations]:
            user.stations.append(Station(st.id))
    user.station = Station(station.id) if station else None
    user.save()
    return user


def setup_staff(company, stations, lang, rng):
    User = Model.get('res.user')
    Station = Model.get('station.station')
    used = set()
    logins = []
    for code, name, city, _ in STATIONS:
        station = Station(stations[code].id)
        staff = {}
        for suffix, group_id, role in STATION_ROLES:
            login = f'{code.lower()}_{suffix}'
            found = User.find([('login', '=', login)])
            person = person_name(rng, used)
            user = found[0] if found else None
            employee = ensure_employee(user, person, company, station, city)
            user = ensure_user(login, f"{employee.party.name}（{name}{role}）",
                employee, [group(group_id)], [station], station, company,
                lang)
            staff[suffix] = employee
            logins.append((login, ROLE_EN[group_id], role, f"{code} {name}"))
        station = Station(station.id)
        station.manager = staff['manager']
        if has_field('station.station', 'clerk'):
            station.clerk = staff['clerk']
        station.save()
    all_stations = [Station(s.id) for s in stations.values()]
    for login, group_id, department in HQ_USERS:
        found = User.find([('login', '=', login)])
        person = person_name(rng, used)
        user = found[0] if found else None
        employee = ensure_employee(user, person, company, None, HQ_CITY)
        ensure_user(login, f"{employee.party.name}（{department}）",
            employee, [group(group_id)], all_stations, None, company, lang)
        logins.append((login, ROLE_EN[group_id], department, "ALL 全部站点"))
    return logins


def setup_products(rng):
    Category = Model.get('product.category')
    Template = Model.get('product.template')
    Product = Model.get('product.product')
    Uom = Model.get('product.uom')
    uoms = {
        'unit': Uom(model_id('product', 'uom_unit')),
        'hour': Uom(model_id('product', 'uom_hour')),
        }
    categories = {}
    for code, name in CATEGORIES:
        found = Category.find([('name', '=', name)])
        if found:
            categories[code] = found[0]
        else:
            category = Category(name=name)
            category.save()
            categories[code] = category
    created = 0
    for code, name, category, type_, uom, price in PRODUCTS:
        cost = (Decimal(price) * Decimal(rng.randint(45, 70)) / 100).quantize(
            Decimal('0.01'))
        if Product.find([('code', '=', code)]):
            continue
        template = Template(name=name, type=type_, default_uom=uoms[uom],
            list_price=Decimal(price), code=code)
        template.categories.append(Category(categories[category].id))
        template.save()
        product, = template.products
        product.cost_price = cost
        product.save()
        created += 1
    if created:
        log(f"created {created} products")


def setup_stock(stations, rng):
    "Opening stock of spare parts in every station warehouse"
    Inventory = Model.get('stock.inventory')
    Product = Model.get('product.product')
    parts = Product.find([('code', 'like', 'SP-%')], order=[('code', 'ASC')])
    for code, station in sorted(stations.items()):
        warehouse = station.warehouse
        if not warehouse or not warehouse.storage_location:
            continue
        storage = warehouse.storage_location
        if Inventory.find([('location', '=', storage.id)]):
            continue
        inventory = Inventory(location=storage, date=dt.date(2026, 1, 1))
        for part in parts:
            line = inventory.lines.new()
            line.product = part
            line.quantity = float(rng.randint(2, 30))
        inventory.save()
        try:
            inventory.click('confirm')
        except Exception as exc:  # keep the demo usable without stock
            log(f"opening stock of {code} not confirmed: {exc}")


def load(database='station_demo', config_file='var/trytond.conf'):
    rng = random.Random(SEED)
    connect(database, config_file)
    lang = setup_language()
    currency = setup_currency()
    company = setup_company(currency)
    setup_admin_groups()
    close_config_wizard()
    stations = setup_stations(company)
    logins = setup_staff(company, stations, lang, rng)
    setup_products(rng)
    setup_stock(setup_stations(company), rng)
    # each domain module's workflows: data/demo_<module>.py with
    # load(company, stations, rng), run in this order when present
    import importlib
    for name in ['service', 'finance', 'hr', 'report']:
        try:
            module = importlib.import_module(f'data.demo_{name}')
        except ModuleNotFoundError as exc:
            if exc.name != f'data.demo_{name}':
                raise
            continue
        log(f"demo workflows: {name}")
        module.load(company, setup_stations(company), rng)
    return logins


def print_logins(logins, file=sys.stdout):
    print(f"Demo logins (password for all: {PASSWORD})", file=file)
    print(f"  {'login':<14} {'role':<23} station", file=file)
    for login, role, role_zh, station in logins:
        print(f"  {login:<14} {role:<23} {station}  ({role_zh})", file=file)


def logins_table():
    "The demo logins without touching a database"
    rows = []
    for code, name, _, _ in STATIONS:
        for suffix, group_id, role in STATION_ROLES:
            rows.append((f'{code.lower()}_{suffix}', ROLE_EN[group_id], role,
                    f"{code} {name}"))
    for login, group_id, department in HQ_USERS:
        rows.append((login, ROLE_EN[group_id], department, "ALL 全部站点"))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description="Load the demo data")
    parser.add_argument('-d', '--database', default=os.environ.get(
            'STATION_DEMO_DB', 'station_demo'))
    parser.add_argument('-c', '--config', default=os.environ.get(
            'TRYTOND_CONFIG', 'var/trytond.conf'))
    parser.add_argument('--print-logins', action='store_true',
        help="only print the demo logins table")
    args = parser.parse_args(argv)
    if args.print_logins:
        print_logins(logins_table())
        return
    load(args.database, args.config)
    log("demo data loaded")


if __name__ == '__main__':
    main()
