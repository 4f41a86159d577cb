"""Demo workflows of station_finance, run by data/demo.py after the base
demo: load(company, stations, rng).

Through proteus clicks, as the users who do them in the web client:

* HQ keeps the accounts: a fiscal year, a chart, each station's cash account
  and journal, an expense account per category; HQ Finance reads them;
* Beijing declares last month and this month, HQ Finance approves both;
* last month's expenses are recorded, signed, paid (posted on the station's
  analytic account), a difference explained, and the month settled and
  locked;
* this month: an office expense past the budget is refused, the manager's
  out-of-budget request is approved by HQ Finance, the same expense is then
  allowed; a purchase request approved within the budget is bought;
* the last days are closed, the first one refused until the cash above
  500 yuan is deposited; a remittance is received by HQ, another is overdue;
* the assets are registered and verified; the damaged display is charged to
  the technician; a lease contract is approved by HQ Finance;
* Shanghai's month waits for HQ Finance's approval.

Every flow looks for the record it would create first: loading twice
creates nothing twice.
"""
import datetime as dt
import sys
from decimal import Decimal

from proteus import Model, Wizard
from proteus import config as pconfig

ACCOUNT_CHART = 'account.account_template_root_en'
# category code, amount declared for a month
BUDGET = [
    ('rent', 3000), ('utilities', 500), ('communication', 600),
    ('transport', 400), ('office', 800), ('repairs', 500)]
# code, name, category, location, custodian (staff suffix), value
ASSETS = [
    ('BJ-FA-001', "接待台", 'desk', "接待区", 'reception', 1800),
    ('BJ-FA-002', "55 英寸展示电视", 'display', "接待区", 'reception', 3999),
    ('BJ-FA-003', "门头灯箱招牌", 'sign', "门口", 'manager', 2600),
    ('BJ-FA-004', "业务电话", 'phone', "接待区", 'reception', 320),
    ('BJ-FA-005', "传真机", 'fax', "办公室", 'clerk', 900),
    ('BJ-FA-006', "维修电脑", 'computer', "维修间", 'tech1', 4200),
    ('BJ-FA-007', "备件柜", 'cabinet', "备件库", 'clerk', 1500),
    ('BJ-FA-008', "保险柜", 'safe', "办公室", 'clerk', 2100),
    ]


def log(*args):
    print('[demo finance]', *args, file=sys.stderr, flush=True)


class acting:
    "Run the proteus calls of the block as the user of login"

    def __init__(self, login):
        self.login = login

    def __enter__(self):
        config = pconfig.get_config()
        self.previous = (config.user, config._context)
        User = Model.get('res.user')
        user, = User.find([('login', '=', self.login)])
        config.user = user.id
        config._context = User.get_preferences(True, {})
        return user

    def __exit__(self, *exc):
        config = pconfig.get_config()
        config.user, config._context = self.previous
        return False


def refused(func, *args):
    "Call func and return the user error it raises (None if it passed)"
    try:
        func(*args)
    except Exception as exc:  # the error of the server, as the client shows
        if 'Error' not in type(exc).__name__:
            raise
        return exc
    return None


def model_id(module, xml_id):
    ModelData = Model.get('ir.model.data')
    return ModelData.get_id(module, xml_id, {})


def month_start(date, delta=0):
    month = date.month - 1 + delta
    return dt.date(date.year + month // 12, month % 12 + 1, 1)


def setup_accounting(company, stations):
    "Fiscal year and chart of HQ; the stations' cash accounts and journal"
    FiscalYear = Model.get('account.fiscalyear')
    Account = Model.get('account.account')
    Journal = Model.get('account.journal')
    Category = Model.get('station.expense.category')
    Station = Model.get('station.station')
    today = dt.date.today()
    for date in [month_start(today, -1), today]:
        if FiscalYear.find([
                    ('company', '=', company.id),
                    ('start_date', '<=', date),
                    ('end_date', '>=', date),
                    ]):
            continue
        year = date.year
        log("creating fiscal year", year)
        Sequence = Model.get('ir.sequence.strict')
        SequenceType = Model.get('ir.sequence.type')
        move_sequence = Sequence(name=f"{year}", company=company,
            sequence_type=SequenceType(
                model_id('account', 'sequence_type_account_move')))
        move_sequence.save()
        fiscalyear = FiscalYear(name=f"{year}", company=company,
            start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31),
            move_sequence=move_sequence)
        if 'invoice_sequences' in FiscalYear._fields:
            invoice_sequence = Sequence(name=f"{year} 发票", company=company,
                sequence_type=SequenceType(model_id(
                        'account_invoice', 'sequence_type_account_invoice')))
            invoice_sequence.save()
            line, = fiscalyear.invoice_sequences
            for field in ['out_invoice_sequence', 'in_invoice_sequence',
                    'out_credit_note_sequence', 'in_credit_note_sequence']:
                setattr(line, field, invoice_sequence)
        fiscalyear.save()
        fiscalyear.click('create_period')
    if not Account.find([('company', '=', company.id)]):
        log("creating the chart of accounts")
        AccountTemplate = Model.get('account.account.template')
        chart = Wizard('account.create_chart')
        chart.execute('account')
        chart.form.account_template = AccountTemplate(
            model_id(*ACCOUNT_CHART.split('.')))
        chart.form.company = company
        chart.execute('create_account')
        for field, kind in [
                ('account_receivable', 'receivable'),
                ('account_payable', 'payable')]:
            found = Account.find([
                    ('company', '=', company.id),
                    (f'type.{kind}', '=', True),
                    ('party_required', '=', True),
                    ('closed', '!=', True)], limit=1)
            if found:
                setattr(chart.form, field, found[0])
        for field, kind in [
                ('category_account_expense', 'expense'),
                ('category_account_revenue', 'revenue')]:
            if hasattr(chart.form, field):
                found = Account.find([
                        ('company', '=', company.id),
                        (f'type.{kind}', '=', True),
                        ('closed', '!=', True)], limit=1)
                if found:
                    setattr(chart.form, field, found[0])
        chart.execute('create_properties')
    cash, = Account.find([
            ('company', '=', company.id), ('code', '=', '1.1.1')], limit=1)
    expense, = Account.find([
            ('company', '=', company.id), ('type.expense', '=', True),
            ('closed', '!=', True)], limit=1)
    expense_type = expense.type
    journal = Journal(model_id('account', 'journal_cash'))
    # one expense account per category: the general ledger and the
    # budgets read per category (管理费用 - 站点 ...)
    with pconfig.get_config().set_context(language='zh_CN'):
        categories = Category.find([], order=[('code', 'ASC')])
    for n, category in enumerate(categories, 1):
        if category.account:
            continue
        code = f'6602.{n:02d}'
        accounts = Account.find([
                ('company', '=', company.id), ('code', '=', code)])
        if accounts:
            account, = accounts
        else:
            account = Account(code=code, company=company,
                name=f"管理费用-站点{category.name}", type=expense_type)
            account.save()
        category.account = account
        category.save()
    for station in stations.values():
        station = Station(station.id)
        if not station.cash_account or not station.finance_journal:
            station.cash_account = cash
            station.finance_journal = journal
            station.save()


def setup_hq_accounting_access():
    "HQ Finance and the auditor read the accounts (standard reports)"
    User = Model.get('res.user')
    Group = Model.get('res.group')
    account = Group(model_id('account', 'group_account'))
    for login in ['hq_finance', 'auditor']:
        users = User.find([('login', '=', login)])
        if not users:
            continue
        user, = users
        if account.id not in [g.id for g in user.groups]:
            user.groups.append(Group(account.id))
            user.save()


def category(code):
    Category = Model.get('station.expense.category')
    found, = Category.find([('code', '=', code)])
    return found


def declare(station, login_manager, month, amounts, approve=True):
    "The month's declaration of station, submitted and approved by HQ"
    Declaration = Model.get('station.expense.declaration')
    Station = Model.get('station.station')
    found = Declaration.find([
            ('station', '=', station.id), ('month', '=', month)])
    if found:
        return found[0]
    log("declaring", station.code, month.strftime('%Y-%m'))
    with acting(login_manager):
        declaration = Declaration(station=Station(station.id), month=month)
        for code, amount in amounts:
            declaration.lines.new(
                category=category(code), amount=Decimal(amount))
        declaration.save()
        declaration.click('submit')
    if approve:
        with acting('hq_finance'):
            declaration = Declaration(declaration.id)
            declaration.click('approve')
    return Declaration(declaration.id)


def spend(prefix, declaration, date, code, amount, description,
        employee=None, pay=True):
    """The clerk records an expense with its receipt, the manager signs it,
    the clerk pays it; returns the expense or the error refusing it"""
    Expense = Model.get('station.expense')
    Attachment = Model.get('ir.attachment')
    Declaration = Model.get('station.expense.declaration')
    found = Expense.find([
            ('declaration', '=', declaration.id),
            ('description', '=', description)])
    if found:
        return found[0]
    with acting(f'{prefix}_clerk'):
        expense = Expense(date=date, amount=Decimal(amount),
            description=description)
        expense.declaration = Declaration(declaration.id)
        expense.category = category(code)
        if employee is not None:
            expense.employee = employee
        error = refused(expense.save)
        if error:
            return error
        Attachment(resource=Expense(expense.id), name="发票.jpg",
            type='data', data=b'receipt').save()
    if pay:
        with acting(f'{prefix}_manager'):
            Expense(expense.id).click('review')
        with acting(f'{prefix}_clerk'):
            Expense(expense.id).click('pay')
    return Expense(expense.id)


def last_month_settled(station, prefix):
    "Last month spent, explained and settled: the month is locked"
    Declaration = Model.get('station.expense.declaration')
    month = month_start(dt.date.today(), -1)
    declaration = declare(station, f'{prefix}_manager', month, BUDGET)
    if declaration.state == 'settled':
        return declaration
    for day, code, amount, description in [
            (1, 'rent', 3000, "上月房租"),
            (5, 'utilities', 460, "上月水电费"),
            (8, 'transport', 180, "上门服务交通费"),
            (12, 'office', 650, "打印纸、维修单据印刷"),
            (20, 'repairs', 500, "维修工具校准"),
            ]:
        spend(prefix, declaration, month + dt.timedelta(days=day - 1),
            code, amount, description)
    staff = station_staff(station)
    for suffix in ['manager', 'clerk']:
        spend(prefix, declaration, month + dt.timedelta(days=24),
            'communication', 300 if suffix == 'manager' else 260,
            f"{staff[suffix].party.name} 通讯费", employee=staff[suffix])
    with acting(f'{prefix}_manager'):
        declaration = Declaration(declaration.id)
        for line in declaration.lines:
            if line.actual != line.amount and not line.explanation:
                line.explanation = {
                    'utilities': "空调用电少于预计",
                    'communication': "站长及财务配件员据实报销，财务配件员未满额",
                    'transport': "本月上门服务较少",
                    'office': "单据印刷批量采购，单价降低",
                    }.get(line.category.code, "据实结算")
        declaration.save()
        log("settling", station.code, month.strftime('%Y-%m'))
        declaration.click('settle')
    return Declaration(declaration.id)


def station_staff(station):
    "The employees of the station's demo users by login suffix"
    User = Model.get('res.user')
    staff = {}
    prefix = station.code.lower()
    for user in User.find([('login', 'like', f'{prefix}_%')]):
        staff[user.login[len(prefix) + 1:]] = user.employee
    return staff


def this_month(station, prefix):
    """This month: an expense past the budget is refused, allowed after an
    out-of-budget request approved by HQ Finance; a purchase request"""
    Expense = Model.get('station.expense')
    Extra = Model.get('station.expense.extra')
    Purchase = Model.get('station.purchase.request')
    today = dt.date.today()
    declaration = declare(
        station, f'{prefix}_manager', month_start(today), BUDGET)
    spend(prefix, declaration, today.replace(day=1), 'rent', 3000, "本月房租")
    spend(prefix, declaration, today, 'office', 600, "复印机硒鼓")
    chair = "接待区座椅更换"
    if not Expense.find([('description', '=', chair),
                ('declaration', '=', declaration.id)]):
        error = spend(prefix, declaration, today, 'office', 450, chair)
        if not isinstance(error, Exception):
            return declaration
        log("refused as over budget:", chair)
        with acting(f'{prefix}_manager'):
            extra = Extra(declaration=declaration, category=category('office'),
                amount=Decimal('300'),
                reason="接待区座椅损坏，影响客户接待，申请预算外支出 300 元")
            extra.save()
            extra.click('request')
        with acting('hq_finance'):
            Extra(extra.id).click('approve')
        expense = spend(prefix, declaration, today, 'office', 450, chair,
            pay=False)
        if isinstance(expense, Exception):
            raise expense
        log("allowed after the out-of-budget approval:", chair)
    description = "维修间工具箱"
    if not Purchase.find([('description', '=', description)]):
        with acting(f'{prefix}_clerk'):
            request = Purchase(date=today, description=description,
                quantity=2, unit_price=Decimal('120'))
            request.declaration = declaration
            request.category = category('repairs')
            request.save()
            request.click('request')
        with acting(f'{prefix}_manager'):
            Purchase(request.id).click('approve')
        with acting(f'{prefix}_clerk'):
            Purchase(request.id).click('purchase')
    return declaration


def close_days(station, prefix):
    """The clerk closes the last three days; the first is refused until the
    cash above the limit is deposited (R35)"""
    Closing = Model.get('station.cash.closing')
    Remittance = Model.get('station.remittance')
    today = dt.date.today()
    days = [today - dt.timedelta(days=n) for n in (3, 2, 1)]
    if Closing.find([('station', '=', station.id), ('date', '=', days[0])]):
        return
    with acting(f'{prefix}_clerk'):
        for n, day in enumerate(days):
            closing = Closing(date=day)
            if n == 0:
                # the cash found in the till when the register started
                closing.opening = Decimal('1200')
            closing.counted = closing.opening + closing.takings
            closing.save()
            error = refused(closing.click, 'close')
            if error:
                closing.reload()
                excess = closing.kept - station.cash_limit
                log(f"closing of {day} refused until {excess} is deposited")
                closing.deposits.new(date=day, amount=excess,
                    bank="中国工商银行", reference=f"DEP-{day:%Y%m%d}")
                closing.save()
                closing.click('close')
        for n, day in enumerate(days[:2]):
            remittance = Remittance(date=day, amount=Decimal(800 + 100 * n),
                reference=f"REM-{day:%Y%m%d}")
            remittance.save()
            if n == 0:
                remittance.click('send')
    with acting('hq_finance'):
        sent, = Remittance.find([
                ('station', '=', station.id), ('state', '=', 'sent')])
        sent.click('receive')


def assets(station, prefix):
    """The asset register, a verification with a difference and the
    damaged display charged to the technician (R37)"""
    Asset = Model.get('station.asset')
    Verification = Model.get('station.asset.verification')
    Incident = Model.get('station.asset.incident')
    if Asset.find([('station', '=', station.id)]):
        return
    staff = station_staff(station)
    today = dt.date.today()
    with acting(f'{prefix}_clerk'):
        for code, name, kind, location, custodian, value in ASSETS:
            Asset(code=code, name=name, category=kind, location=location,
                custodian=staff[custodian], value=Decimal(value),
                acquisition_date=dt.date(2024, 1, 1)).save()
        verification = Verification(date=today, description="年中资产盘点")
        verification.save()
        verification.click('start')
        for line in verification.lines:
            line.result = 'found'
            if line.asset.category == 'display':
                line.result = 'damaged'
                line.note = "屏幕右下角碎裂"
        verification.save()
        verification.click('count')
    with acting('hq_finance'):
        Verification(verification.id).click('review')
    display_line, = [l for l in verification.lines
        if l.asset.category == 'display']
    with acting(f'{prefix}_manager'):
        incident = Incident(kind='damage', asset=display_line.asset,
            verification_line=display_line, date=today,
            cause="搬动展示电视时跌落，屏幕碎裂",
            responsible=staff['tech1'], charge='compensation',
            compensation=Decimal('800'))
        incident.save()
        incident.click('submit')
    with acting('hq_finance'):
        Incident(incident.id).click('approve')
    log("display damaged and charged to", staff['tech1'].party.name)


def contract(station, prefix):
    "The lease of the station, effective once HQ Finance approved it (R7)"
    Contract = Model.get('station.contract')
    Party = Model.get('party.party')
    if Contract.find([('station', '=', station.id)]):
        return
    landlord = Party(name=f"{station.name}业主 物业管理有限公司")
    landlord.save()
    with acting(f'{prefix}_manager'):
        lease = Contract(kind='contract', party=landlord,
            subject="门店租赁合同", amount=Decimal('36000'),
            start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 12, 31))
        lease.save()
        lease.click('request')
    with acting('hq_finance'):
        Contract(lease.id).click('approve')


def load(company, stations, rng):
    IrModel = Model.get('ir.model')
    if not IrModel.find([('name', '=', 'station.expense.declaration')]):
        return
    setup_accounting(company, stations)
    setup_hq_accounting_access()
    beijing = stations['BJ']
    last_month_settled(beijing, 'bj')
    this_month(beijing, 'bj')
    close_days(beijing, 'bj')
    assets(beijing, 'bj')
    contract(beijing, 'bj')
    # Shanghai's and Guangzhou's months: approved, and one to approve
    declare(stations['GZ'], 'gz_manager', month_start(dt.date.today()),
        [(code, amount + rng.randint(0, 4) * 100) for code, amount in BUDGET])
    declare(stations['SH'], 'sh_manager', month_start(dt.date.today()),
        [(code, amount + rng.randint(0, 4) * 100) for code, amount in BUDGET],
        approve=False)
