# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Fixtures for scenarios of the station modules"
from proteus import Model
from proteus.config import get_config

__all__ = ['create_station', 'create_station_user', 'get_group',
    'server_write', 'STATION_GROUPS', 'HQ_GROUPS', 'PASSWORD']

PASSWORD = 'station-password-2026'
STATION_GROUPS = ['manager', 'clerk', 'technician', 'receptionist']
HQ_GROUPS = ['hq_service', 'hq_finance', 'hq_hr', 'auditor']


def get_group(name, config=None):
    "Return the res.group of XML id station.group_<name> (or module.id)"
    ModelData = Model.get('ir.model.data', config=config)
    Group = Model.get('res.group', config=config)
    module, fs_id = name.split('.') if '.' in name else (
        'station', 'group_%s' % name)
    return Group(ModelData.get_id(module, fs_id, config.context
            if config else {}))


def create_station(code, name, city=None, company=None, config=None):
    "Create a station with its own warehouse and analytic account"
    Company = Model.get('company.company', config=config)
    Location = Model.get('stock.location', config=config)
    Account = Model.get('analytic_account.account', config=config)
    Station = Model.get('station.station', config=config)
    if company is None:
        company, = Company.find()

    storage = Location(name="%s Storage" % code, type='storage')
    storage.save()
    input_ = Location(name="%s Input" % code, type='storage')
    input_.save()
    output = Location(name="%s Output" % code, type='storage')
    output.save()
    warehouse = Location(
        name="%s Warehouse" % code, code=code, type='warehouse',
        storage_location=storage, input_location=input_,
        output_location=output)
    warehouse.save()
    for child in [storage, input_, output]:
        child.parent = warehouse
        child.save()

    roots = Account.find([('type', '=', 'root'), ('company', '=', company.id)])
    if roots:
        root = roots[0]
    else:
        root = Account(name="Stations", type='root', company=company)
        root.save()
    analytic = Account(
        name=name, code=code, type='normal', root=root, parent=root,
        company=company)
    analytic.save()

    station = Station(
        code=code, name=name, city=city or name, company=company,
        warehouse=warehouse, analytic_account=analytic)
    station.save()
    return station


def create_station_user(
        login, groups, station=None, config=None, employee=True,
        name=None):
    """Create a user of the groups (names of station.group_*) working for
    station, with an employee of that station"""
    User = Model.get('res.user', config=config)
    Party = Model.get('party.party', config=config)
    Employee = Model.get('company.employee', config=config)
    Company = Model.get('company.company', config=config)
    company, = Company.find()

    user = User(name=name or login, login=login, password=PASSWORD)
    for group in groups:
        user.groups.append(get_group(group, config=config))
    user.companies.append(Company(company.id))
    user.company = company
    if station:
        user.stations.append(station.__class__(station.id))
        user.station = station.__class__(station.id)
    if employee:
        party = Party(name=name or login)
        party.save()
        emp = Employee(party=party, company=company, station=station)
        emp.save()
        user.employees.append(Employee(emp.id))
        user.employee = Employee(emp.id)
    user.save()
    return user


def server_write(model, ids, values, config=None):
    """Write values as server code does (no client, no access check): for
    test fixtures that skip a workflow covered elsewhere. A client's write
    of the same values is refused (ClientGuardMixin)."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    config = config or get_config()
    with Transaction().start(config.database_name, 0) as transaction:
        Model_ = Pool().get(model)
        Model_.write(Model_.browse(ids), values)
        transaction.commit()
