# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime
from decimal import Decimal

from sql import Null
from sql.conditionals import Coalesce

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction

from addons.station.approval import DecisionLogMixin
from addons.station.model import StationMixin

from .exceptions import CashError


class CashClosing(StationMixin, Workflow, ModelSQL, ModelView):
    "Daily Cash Closing"
    __name__ = 'station.cash.closing'
    _station_date_field = 'date'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    date = fields.Date("Date", required=True, states=_states)
    opening = fields.Numeric(
        "Opening Cash", digits=(16, 2), required=True, states=_states,
        help="Cash kept at the station from the previous closing.")
    takings = fields.Numeric(
        "Cash Takings", digits=(16, 2), required=True, states=_states,
        help="The day's service takings received in cash; filled from the "
        "service payments when station_service is installed.")
    expected = fields.Function(fields.Numeric(
            "Expected Cash", digits=(16, 2)), 'on_change_with_expected')
    counted = fields.Numeric(
        "Counted Cash", digits=(16, 2), required=True, states=_states,
        domain=[('counted', '>=', 0)],
        help="The cash counted by the clerk at the end of the day.")
    difference = fields.Function(fields.Numeric(
            "Difference", digits=(16, 2),
            help="Counted minus expected."),
        'on_change_with_difference')
    note = fields.Text(
        "Note", states=_states,
        help="Required when the counted cash differs from the expected.")
    deposits = fields.One2Many(
        'station.cash.deposit', 'closing', "Deposits", states=_states)
    deposited = fields.Function(fields.Numeric(
            "Deposited", digits=(16, 2)), 'on_change_with_deposited')
    kept = fields.Function(fields.Numeric(
            "Cash Kept", digits=(16, 2),
            help="The cash left at the station overnight."),
        'on_change_with_kept')
    cash_limit = fields.Function(fields.Numeric(
            "Cash Limit", digits=(16, 2)), 'on_change_with_cash_limit')
    kept_overnight = fields.Boolean(
        "Over Limit Overnight", readonly=True,
        help="More than the cash limit stayed at the station overnight: "
        "the excess was deposited only on a later day (R35).")
    closed_by = fields.Many2One(
        'res.user', "Closed By", readonly=True, ondelete='RESTRICT')
    closed_at = fields.Timestamp("Closed At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('closed', "Closed"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        t = cls.__table__()
        cls._sql_constraints += [
            ('station_date_unique', Unique(t, t.station, t.date),
                'station_finance.msg_closing_unique'),
            ]
        cls._order.insert(0, ('date', 'DESC'))
        cls._transitions |= {
            ('draft', 'closed'),
            }
        cls._buttons.update({
                'close': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_kept_overnight(cls):
        return False

    @classmethod
    def default_opening(cls):
        return Decimal(0)

    @classmethod
    def default_takings(cls):
        return Decimal(0)

    @fields.depends('station', 'date', 'id')
    def on_change_date(self):
        if self.station and self.date:
            previous = self.__class__.search([
                    ('station', '=', self.station.id),
                    ('date', '<', self.date),
                    ('state', '=', 'closed'),
                    ], order=[('date', 'DESC')], limit=1)
            if previous:
                self.opening = previous[0].kept
            takings = self.get_takings()
            if takings is not None:
                self.takings = takings

    def get_takings(self):
        """Return the day's cash takings from the service payments,
        None when they are entered by hand"""
        return None

    @fields.depends('opening', 'takings')
    def on_change_with_expected(self, name=None):
        return (self.opening or Decimal(0)) + (self.takings or Decimal(0))

    @fields.depends('counted', methods=['on_change_with_expected'])
    def on_change_with_difference(self, name=None):
        if self.counted is not None:
            return self.counted - self.on_change_with_expected()

    @fields.depends('deposits')
    def on_change_with_deposited(self, name=None):
        return sum(
            (d.amount or Decimal(0) for d in self.deposits or []), Decimal(0))

    @fields.depends('counted', methods=['on_change_with_deposited'])
    def on_change_with_kept(self, name=None):
        return (self.counted or Decimal(0)) - self.on_change_with_deposited()

    @fields.depends('station')
    def on_change_with_cash_limit(self, name=None):
        if self.station:
            return self.station.cash_limit

    def get_rec_name(self, name):
        return '%s %s' % (self.station.rec_name, self.date)

    @classmethod
    def check_modification(cls, mode, closings, values=None, external=False):
        super().check_modification(
            mode, closings, values=values, external=external)
        if mode in {'write', 'delete'} and external:
            for closing in closings:
                if closing.state != 'draft':
                    raise CashError(gettext(
                            'station_finance.msg_closing_modify',
                            closing=closing.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, closings):
        "Close the day: deposit what exceeds the station's limit (R35, R36)"
        for closing in closings:
            takings = closing.get_takings()
            if takings is not None and takings != closing.takings:
                closing.takings = takings
                closing.save()
            if closing.difference and not (closing.note or '').strip():
                raise CashError(gettext(
                        'station_finance.msg_closing_difference',
                        closing=closing.rec_name,
                        difference=closing.difference))
            limit = closing.station.cash_limit or Decimal(0)
            if closing.kept > limit:
                raise CashError(gettext(
                        'station_finance.msg_closing_deposit',
                        closing=closing.rec_name,
                        kept=closing.kept,
                        limit=limit,
                        excess=closing.kept - limit))
            same_day = sum((d.amount for d in closing.deposits
                    if d.date <= closing.date), Decimal(0))
            closing.kept_overnight = closing.counted - same_day > limit
            closing.closed_by = Transaction().user
            closing.closed_at = datetime.datetime.now()
        cls.save(closings)


class CashClosingTakings(metaclass=PoolMeta):
    "Daily Cash Closing tied to the service takings"
    __name__ = 'station.cash.closing'

    def get_takings(self):
        "Sum the day's cash payments of station_service (R36)"
        pool = Pool()
        Payment = pool.get('station.service.payment')
        if not self.station or not self.date:
            return super().get_takings()
        payments = Payment.search([
                ('station', '=', self.station.id),
                ('date', '=', self.date),
                ('method', '=', 'cash'),
                ])
        return sum((p.amount for p in payments), Decimal(0))


class CashDeposit(StationMixin, ModelSQL, ModelView):
    "Cash Deposit"
    __name__ = 'station.cash.deposit'
    _station_date_field = 'date'

    closing = fields.Many2One(
        'station.cash.closing', "Closing", required=True,
        ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states={
            'readonly': Eval('id', -1) >= 0,
            })
    date = fields.Date("Date", required=True)
    amount = fields.Numeric(
        "Amount", digits=(16, 2), required=True,
        domain=[('amount', '>', 0)])
    bank = fields.Char("Bank")
    reference = fields.Char(
        "Reference", help="The number of the bank's deposit slip.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @fields.depends('closing', '_parent_closing.station')
    def on_change_closing(self):
        if self.closing:
            self.station = self.closing.station

    def get_rec_name(self, name):
        return '%s %s %s' % (self.station.rec_name, self.date, self.amount)

    @classmethod
    def check_modification(cls, mode, deposits, values=None, external=False):
        super().check_modification(
            mode, deposits, values=values, external=external)
        for deposit in deposits:
            if deposit.closing.station != deposit.station:
                raise CashError(gettext(
                        'station_finance.msg_deposit_station',
                        deposit=deposit.rec_name))
            if external and deposit.closing.state != 'draft':
                raise CashError(gettext(
                        'station_finance.msg_deposit_closed',
                        deposit=deposit.rec_name,
                        closing=deposit.closing.rec_name))


class Remittance(
        StationMixin, DecisionLogMixin, Workflow, ModelSQL, ModelView):
    "Remittance to HQ"
    __name__ = 'station.remittance'
    _logged_buttons = {'receive'}
    _station_date_field = 'due_date'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    date = fields.Date(
        "Date", required=True, states=_states,
        help="The day of the takings remitted.")
    amount = fields.Numeric(
        "Amount", digits=(16, 2), required=True, states=_states,
        domain=[('amount', '>', 0)])
    due_date = fields.Date(
        "Due Date", required=True, states=_states,
        domain=[('due_date', '>=', Eval('date'))])
    reference = fields.Char("Reference", states=_states)
    sent_date = fields.Date("Sent Date", readonly=True)
    late = fields.Function(fields.Boolean(
            "Late", help="Not sent by the due date (R36)."),
        'get_late', searcher='search_late')
    sent_by = fields.Many2One(
        'res.user', "Sent By", readonly=True, ondelete='RESTRICT')
    received_by = fields.Many2One(
        'res.user', "Received By", readonly=True, ondelete='RESTRICT')
    received_at = fields.Timestamp("Received At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('sent', "Sent"),
            ('received', "Received"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order.insert(0, ('due_date', 'DESC'))
        cls._transitions |= {
            ('draft', 'sent'),
            ('sent', 'draft'),
            ('sent', 'received'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'sent',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'send': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'receive': {
                    'invisible': Eval('state') != 'sent',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_due_date(cls):
        return cls.default_date() + datetime.timedelta(days=1)

    @fields.depends('date')
    def on_change_date(self):
        if self.date:
            self.due_date = self.date + datetime.timedelta(days=1)

    def get_rec_name(self, name):
        return '%s %s %s' % (self.station.rec_name, self.date, self.amount)

    def get_late(self, name):
        today = Pool().get('ir.date').today()
        if self.sent_date:
            return self.sent_date > self.due_date
        return self.due_date < today

    @classmethod
    def search_late(cls, name, clause):
        pool = Pool()
        Date = pool.get('ir.date')
        table = cls.__table__()
        _, operator, value = clause
        today = Date.today()
        query = table.select(table.id,
            where=(Coalesce(table.sent_date, today) > table.due_date)
            | ((table.sent_date == Null) & (table.due_date < today)))
        if (operator == '=') == bool(value):
            return [('id', 'in', query)]
        return [('id', 'not in', query)]

    @classmethod
    def check_modification(
            cls, mode, remittances, values=None, external=False):
        super().check_modification(
            mode, remittances, values=values, external=external)
        if mode in {'write', 'delete'} and external:
            for remittance in remittances:
                if remittance.state != 'draft':
                    raise CashError(gettext(
                            'station_finance.msg_remittance_modify',
                            remittance=remittance.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, remittances):
        cls.write(remittances, {'sent_date': None, 'sent_by': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('sent')
    def send(cls, remittances):
        cls.write(remittances, {
                'sent_date': Pool().get('ir.date').today(),
                'sent_by': Transaction().user,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('received')
    def receive(cls, remittances):
        cls.write(remittances, {
                'received_by': Transaction().user,
                'received_at': datetime.datetime.now(),
                })
