# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Access matrix of every role on every station model (R40, SPEC roles)"
import unittest

from proteus import Model
from trytond.modules.company.tests.tools import create_company, get_company
from trytond.tests.test_tryton import drop_db
from trytond.tests.tools import activate_modules, set_user

from addons.station.tests.tools import (
    create_station, create_station_user, get_group)

from . import access_matrix
from .access_matrix import MATRIX, ROLES, STATION_ROLES, run_case


def _load_module_cases():
    "Import <module>/tests/access.py of every station module"
    import glob
    import importlib
    import os
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for path in sorted(glob.glob(os.path.join(root, 'addons', '*', 'tests',
                    'access.py'))
            + glob.glob(os.path.join(root, 'station_*', 'tests',
                    'access.py'))):
        rel = os.path.relpath(path, root)[:-len('.py')]
        importlib.import_module(rel.replace(os.sep, '.'))


_load_module_cases()


class AccessMatrixTestCase(unittest.TestCase):
    "For each role: read/create/write/delete per model, own and other station"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        modules = sorted({m for c in MATRIX.values() for m in c.modules})
        cls.config = activate_modules(modules, create_company)
        ctx = cls.ctx = {'company': get_company()}
        # the fixtures are created by the administrator, who also sets the
        # fields only HQ HR may set (a bonus plan's pool): the client guard
        # reads the user's groups on the server
        admin = Model.get('res.user')(1)
        admin.groups.append(get_group('hq_hr'))
        admin.save()
        set_user(1)
        ctx['station_a'] = create_station('MA', "Matrix A")
        ctx['station_b'] = create_station('MB', "Matrix B")
        cls.users = {}
        for role in ROLES:
            station = ctx['station_a'] if role in STATION_ROLES else None
            cls.users[role] = create_station_user(
                'matrix_%s' % role, [role], station)
        Employee = Model.get('company.employee')
        ctx['deputies'] = {}
        for station in [ctx['station_a'], ctx['station_b']]:
            party = Model.get('party.party')(name="Deputy %s" % station.code)
            party.save()
            deputy = Employee(party=party, company=ctx['company'],
                station=station)
            deputy.save()
            ctx['deputies'][station.id] = deputy
        for setup in access_matrix.SETUPS:
            setup(ctx)

    @classmethod
    def tearDownClass(cls):
        set_user(1)
        drop_db()
        super().tearDownClass()


def _make_test(model):
    def test(self):
        case = MATRIX[model]
        if hasattr(case, 'run'):
            case.run(self, self.ctx, self.users)
        else:
            run_case(self, case, self.ctx, self.users)
    test.__doc__ = "Access matrix of %s" % model
    return test


def _shard():
    """(index, count) from $STATION_TEST_SHARD ("1/2"): the test runner
    runs the matrix in several processes, each on its share of the models"""
    import os
    value = os.environ.get('STATION_TEST_SHARD', '1/1')
    index, count = (int(v) for v in value.split('/'))
    return index - 1, count


_index, _count = _shard()
for _i, _model in enumerate(sorted(MATRIX)):
    if _i % _count != _index:
        continue
    setattr(AccessMatrixTestCase, 'test_%s' % _model.replace('.', '_'),
        _make_test(_model))
