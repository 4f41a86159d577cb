# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"R17: customer directory, key customers and periodic return visits"
import datetime

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction

from addons.station.model import StationMixin

from .exceptions import CustomerVisitError


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    key_customer = fields.Boolean(
        "Key Customer",
        help="Visited periodically by the station that serves them.")
    service_station = fields.Many2One(
        'station.station', "Serving Station", ondelete='RESTRICT',
        states={
            'required': Bool(Eval('key_customer')),
            })
    service_orders = fields.One2Many(
        'station.service.order', 'customer', "Service Orders",
        readonly=True)
    visits = fields.One2Many(
        'station.customer.visit', 'customer', "Return Visits", readonly=True)
    last_visit = fields.Function(
        fields.Date("Last Visit"), 'get_last_visit')

    @classmethod
    def default_key_customer(cls):
        return False

    @classmethod
    def get_last_visit(cls, parties, name):
        pool = Pool()
        Visit = pool.get('station.customer.visit')
        result = {p.id: None for p in parties}
        for visit in Visit.search([
                    ('customer', 'in', [p.id for p in parties]),
                    ('state', '=', 'done'),
                    ], order=[('date', 'ASC')]):
            result[visit.customer.id] = visit.date
        return result

    @classmethod
    def copy(cls, parties, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('service_orders', None)
        default.setdefault('visits', None)
        return super().copy(parties, default=default)


class CustomerVisit(StationMixin, Workflow, ModelSQL, ModelView):
    "Return Visit"
    __name__ = 'station.customer.visit'
    _button_requires = {'do': ['satisfaction']}
    _states = {
        'readonly': Eval('state') != 'planned',
        }

    customer = fields.Many2One(
        'party.party', "Customer", required=True, ondelete='RESTRICT',
        states=_states)
    date = fields.Date("Date", required=True, states=_states)
    order = fields.Many2One(
        'station.service.order', "Service Order", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ('customer', '=', Eval('customer', -1)),
            ],
        states=_states)
    employee = fields.Many2One(
        'company.employee', "Visited By", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states=_states)
    satisfaction = fields.Integer(
        "Satisfaction",
        domain=['OR',
            ('satisfaction', '=', None),
            [('satisfaction', '>=', 1), ('satisfaction', '<=', 5)],
            ],
        states=_states, help="From 1 (bad) to 5 (very good).")
    notes = fields.Text("Notes", states=_states)
    done_by = fields.Many2One(
        'res.user', "Recorded By", readonly=True, ondelete='RESTRICT')
    done_at = fields.Timestamp("Recorded At", readonly=True)
    state = fields.Selection([
            ('planned', "Planned"),
            ('done', "Done"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order = [('date', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {
            ('planned', 'done'),
            ('planned', 'cancelled'),
            ('cancelled', 'planned'),
            }
        cls._buttons.update({
                'plan': {
                    'invisible': Eval('state') != 'cancelled',
                    'icon': 'tryton-undo',
                    'depends': ['state'],
                    },
                'do': {
                    'invisible': Eval('state') != 'planned',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': Eval('state') != 'planned',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_state(cls):
        return 'planned'

    def get_rec_name(self, name):
        return '%s %s' % (self.customer.rec_name, self.date)

    @classmethod
    @ModelView.button
    @Workflow.transition('planned')
    def plan(cls, visits):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def do(cls, visits):
        for visit in visits:
            if not visit.satisfaction:
                raise CustomerVisitError(gettext(
                        'station_service.msg_visit_satisfaction',
                        visit=visit.rec_name))
        cls.write(visits, {
                'done_by': Transaction().user,
                'done_at': datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, visits):
        pass

    @classmethod
    def plan_key_customers(cls, date=None):
        """Plan a return visit for every key customer not visited within
        the configured number of days (scheduled task)"""
        pool = Pool()
        Date = pool.get('ir.date')
        Party = pool.get('party.party')
        Configuration = pool.get('station.service.configuration')
        if date is None:
            date = Date.today()
        since = date - datetime.timedelta(
            days=Configuration(1).visit_days)
        visits = []
        for party in Party.search([
                    ('key_customer', '=', True),
                    ('service_station', '!=', None),
                    ]):
            if cls.search([
                        ('customer', '=', party.id),
                        ['OR',
                            ('state', '=', 'planned'),
                            [('state', '=', 'done'),
                                ('date', '>', since)],
                            ],
                        ], limit=1):
                continue
            visits.append(cls(
                    station=party.service_station, customer=party,
                    date=date))
        cls.save(visits)
        return visits
