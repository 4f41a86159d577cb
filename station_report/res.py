# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction, without_check_access

# the figures each role acts on, in the order of their dashboard (issue 7)
DASHBOARDS = [
    ('group_hq_service', [
            'act_dashboard_service_month',
            'act_dashboard_complaint_month',
            'act_dashboard_technician_month',
            'act_dashboard_warranty_month',
            ]),
    ('group_manager', [
            'act_dashboard_station_service',
            'act_dashboard_station_complaint',
            'act_dashboard_station_cash',
            'act_dashboard_station_budget',
            'act_dashboard_station_people',
            ]),
    ]


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def create(cls, vlist):
        users = super().create(vlist)
        cls.set_station_dashboard(users)
        return users

    @classmethod
    def write(cls, *args):
        super().write(*args)
        if any('groups' in values for values in args[1::2]):
            cls.set_station_dashboard(sum(args[::2], []))

    @classmethod
    def set_station_dashboard(cls, users):
        """Fill the empty personal dashboard (Tryton's dashboard module) of
        HQ Service Management and station managers with their figures; the
        users arrange it as they like afterwards"""
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        Action = pool.get('dashboard.action')
        dashboards = [
            (ModelData.get_id('station', group),
                [ModelData.get_id('station_report', a) for a in actions])
            for group, actions in DASHBOARDS]
        to_create, groups_seen = [], set()
        for user in cls.browse(users):
            if user.dashboard_actions:
                continue
            groups = {g.id for g in user.groups}
            groups_seen |= groups
            for group, actions in dashboards:
                if group in groups:
                    to_create.extend({
                            'user': user.id,
                            'act_window': action,
                            'sequence': i,
                            } for i, action in enumerate(actions, 1))
                    break
        if to_create:
            # the domain of dashboard.action reads the groups of the context
            with without_check_access(), Transaction().set_context(
                    groups=sorted(groups_seen)):
                Action.create(to_create)
