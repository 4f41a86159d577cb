# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime
from collections import defaultdict
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from sql import Null

from trytond.i18n import gettext
from trytond.model import (
    Index, ModelSQL, ModelView, Workflow, fields, sequence_ordered)
from trytond.modules.product import price_digits, round_price
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval, If
from trytond.report import Report
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import DecisionLogMixin
from addons.station.guard import ClientGuardMixin
from addons.station.model import StationMixin

from .exceptions import (
    PartStockError, PriceError, ServiceOrderError,
    ServiceOrderValidationError)

AMOUNT_DIGITS = (16, 2)
ZERO = Decimal(0)
CANCELLABLE = ['intake', 'diagnosed', 'quoted', 'accepted']
LINES_EDITABLE = ['intake', 'diagnosed', 'quoted', 'in_repair']
REPEAT_DAYS = 90


def _round(amount):
    return amount.quantize(Decimal(1) / 10 ** AMOUNT_DIGITS[1])


class ServiceOrder(
        StationMixin, DecisionLogMixin, Workflow, ModelSQL, ModelView):
    "Service Order"
    __name__ = 'station.service.order'
    _logged_buttons = {'approve_credit'}
    _station_date_field = 'intake_date'
    _rec_name = 'number'
    _intake_states = {
        'readonly': Eval('state') != 'intake',
        }
    # what each button refuses without (checked visible and editable
    # wherever the button shows by StationModuleTestMixin)
    _button_requires = {
        'diagnose': ['diagnosis'],
        'close': ['callback_score'],
        'cancel': ['cancel_reason'],
        }

    number = fields.Char("Number", readonly=True)
    type = fields.Selection([
            ('repair', "Repair"),
            ('support', "Technical Support"),
            ('upgrade', "Product Upgrade"),
            ('parts_sale', "Spare-Parts Sale"),
            ], "Type", required=True, states=_intake_states)
    intake_date = fields.Date(
        "Intake Date", required=True, states=_intake_states)
    customer = fields.Many2One(
        'party.party', "Customer", required=True, ondelete='RESTRICT',
        states=_intake_states)
    contact_phone = fields.Char("Contact Phone", states={
            'readonly': Eval('state').in_(['closed', 'cancelled']),
            })
    product = fields.Many2One(
        'product.product', "Product", ondelete='RESTRICT',
        states={
            'readonly': Eval('state') != 'intake',
            'required': Eval('type') != 'parts_sale',
            },
        help="The customer's product model.")
    serial_number = fields.Char("Serial Number", states=_intake_states)
    lot = fields.Many2One(
        'stock.lot', "Lot", ondelete='RESTRICT',
        domain=[
            ('product', '=', Eval('product', -1)),
            ],
        states={
            'readonly': Eval('state') != 'intake',
            'invisible': ~Eval('product'),
            },
        help="The product's serial number as a stock lot: "
        "its history of repairs, transfers and loans.")
    purchase_date = fields.Date(
        "Purchase Date", states=_intake_states,
        domain=[
            If(Bool(Eval('purchase_date')) & Bool(Eval('intake_date')),
                ('purchase_date', '<=', Eval('intake_date')),
                ()),
            ])
    warranty_until = fields.Function(
        fields.Date("Warranty Until"), 'on_change_with_warranty_until')
    warranty_override = fields.Selection([
            (None, ""),
            ('in', "In Warranty"),
            ('out', "Out of Warranty"),
            ], "Warranty Override",
        states={
            'readonly': Eval('state').in_(
                ['delivered', 'closed', 'cancelled']),
            },
        help="Set by HQ Service Management only: "
        "overrides the warranty computed from the purchase date.")
    in_warranty = fields.Function(
        fields.Boolean("In Warranty"), 'on_change_with_in_warranty',
        searcher='search_in_warranty')
    symptom = fields.Text("Symptom", states=_intake_states)
    accessories = fields.Text(
        "Accessories Received", states=_intake_states,
        help="What the customer left with the product.")
    technician = fields.Many2One(
        'company.employee', "Technician", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states={
            'readonly': ~Eval('state').in_(
                ['intake', 'diagnosed', 'quoted', 'accepted']),
            })
    diagnosis = fields.Text("Diagnosis", states={
            'readonly': ~Eval('state').in_(['intake', 'diagnosed']),
            })
    lines = fields.One2Many(
        'station.service.order.line', 'order', "Lines",
        states={
            'readonly': ~Eval('state').in_(LINES_EDITABLE),
            })
    amount_total = fields.Function(fields.Numeric(
            "Total", digits=AMOUNT_DIGITS), 'get_amounts')
    amount_due = fields.Function(fields.Numeric(
            "Amount Due", digits=AMOUNT_DIGITS,
            help="What the customer pays: the charged lines."),
        'get_amounts')
    amount_paid = fields.Function(fields.Numeric(
            "Amount Paid", digits=AMOUNT_DIGITS), 'get_amounts')
    amount_balance = fields.Function(fields.Numeric(
            "Balance", digits=AMOUNT_DIGITS), 'get_amounts',
        searcher='search_amount_balance')
    payments = fields.One2Many(
        'station.service.payment', 'order', "Payments", readonly=True)
    credit_approved = fields.Boolean(
        "Credit Approved", readonly=True,
        help="HQ allowed delivery before full payment.")
    credit_approved_by = fields.Many2One(
        'res.user', "Credit Approved By", readonly=True,
        ondelete='RESTRICT')
    credit_approved_at = fields.Timestamp("Credit Approved At", readonly=True)
    diagnosed_by = fields.Many2One(
        'res.user', "Diagnosed By", readonly=True, ondelete='RESTRICT')
    diagnosed_at = fields.Timestamp("Diagnosed At", readonly=True)
    accepted_by = fields.Many2One(
        'res.user', "Acceptance Recorded By", readonly=True,
        ondelete='RESTRICT')
    accepted_at = fields.Timestamp("Accepted At", readonly=True)
    checked_by = fields.Many2One(
        'res.user', "Quality Checked By", readonly=True, ondelete='RESTRICT')
    checked_at = fields.Timestamp("Quality Checked At", readonly=True)
    delivered_by = fields.Many2One(
        'res.user', "Delivered By", readonly=True, ondelete='RESTRICT')
    delivered_at = fields.Timestamp("Delivered At", readonly=True)
    callback_due = fields.Function(
        fields.Date("Call-back Due"), 'get_callback_due')
    callback_score = fields.Integer(
        "Call-back Score",
        domain=['OR',
            ('callback_score', '=', None),
            [('callback_score', '>=', 1), ('callback_score', '<=', 5)],
            ],
        states={
            'readonly': Eval('state') != 'delivered',
            'invisible': ~Eval('state').in_(['delivered', 'closed']),
            },
        help="Customer satisfaction from 1 (bad) to 5 (very good).")
    callback_notes = fields.Text("Call-back Notes", states={
            'readonly': Eval('state') != 'delivered',
            'invisible': ~Eval('state').in_(['delivered', 'closed']),
            })
    called_back_by = fields.Many2One(
        'res.user', "Called Back By", readonly=True, ondelete='RESTRICT')
    called_back_at = fields.Timestamp("Called Back At", readonly=True)
    cancel_reason = fields.Text("Cancel Reason", states={
            'readonly': ~Eval('state').in_(CANCELLABLE),
            'invisible': ~Eval('state').in_(CANCELLABLE + ['cancelled']),
            })
    cancelled_by = fields.Many2One(
        'res.user', "Cancelled By", readonly=True, ondelete='RESTRICT')
    cancelled_at = fields.Timestamp("Cancelled At", readonly=True)
    complaints = fields.One2Many(
        'station.complaint', 'order', "Complaints", readonly=True)
    repeat_of = fields.Many2One(
        'station.service.order', "Repeat of", readonly=True,
        ondelete='SET NULL',
        help="An earlier repair of the same product and serial number "
        "delivered less than 90 days before this intake (R21).")
    repeat_technician = fields.Many2One(
        'company.employee', "Repeat of Technician", readonly=True,
        ondelete='SET NULL',
        help="The technician of the earlier repair.")
    count = fields.Function(fields.Integer("Count"), 'get_count')
    overdue = fields.Function(
        fields.Boolean("Overdue",
            help="Not repaired within the configured days after intake, "
            "or not called back by the call-back due date."),
        'get_overdue', searcher='search_overdue')
    state = fields.Selection([
            ('intake', "Intake"),
            ('diagnosed', "Diagnosed"),
            ('quoted', "Quoted"),
            ('accepted', "Accepted by Customer"),
            ('in_repair', "In Repair"),
            ('repaired', "Repaired"),
            ('delivered', "Delivered"),
            ('closed', "Closed"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._intake_states
        t = cls.__table__()
        # the few orders that bring an earlier one back (R21): the KPIs
        # group them without reading the others
        cls._sql_indexes.add(Index(t, (t.repeat_of, Index.Range()),
                where=t.repeat_of != Null))
        cls._order = [
            ('intake_date', 'DESC'),
            ('number', 'DESC'),
            ('id', 'DESC'),
            ]
        cls._transitions |= {
            ('intake', 'diagnosed'),
            ('intake', 'quoted'),
            ('diagnosed', 'quoted'),
            ('quoted', 'accepted'),
            ('accepted', 'in_repair'),
            ('in_repair', 'repaired'),
            ('repaired', 'delivered'),
            # a spare-parts sale is handed over once accepted and paid
            ('accepted', 'delivered'),
            ('delivered', 'closed'),
            ('intake', 'cancelled'),
            ('diagnosed', 'cancelled'),
            ('quoted', 'cancelled'),
            ('accepted', 'cancelled'),
            }
        cls._buttons.update({
                'diagnose': {
                    'invisible': Eval('state') != 'intake',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'quote': {
                    'invisible': ~Eval('state').in_(['intake', 'diagnosed']),
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'accept': {
                    'invisible': Eval('state') != 'quoted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'start_repair': {
                    'invisible': Eval('state') != 'accepted',
                    'icon': 'tryton-launch',
                    'depends': ['state'],
                    },
                'finish': {
                    'invisible': Eval('state') != 'in_repair',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'deliver': {
                    'invisible': ((Eval('state') != 'repaired')
                        & ~((Eval('state') == 'accepted')
                            & (Eval('type') == 'parts_sale'))),
                    'icon': 'tryton-forward',
                    'depends': ['state', 'type'],
                    },
                'close': {
                    'invisible': Eval('state') != 'delivered',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(CANCELLABLE),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                'approve_credit': {
                    'invisible': (Eval('credit_approved', False)
                        | ~Eval('state').in_(
                            ['quoted', 'accepted', 'in_repair', 'repaired'])),
                    'icon': 'tryton-ok',
                    'depends': ['state', 'credit_approved'],
                    },
                })

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/form/notebook/page[@id="callback"]', 'states', {
                    'invisible': ~Eval('state').in_(['delivered', 'closed']),
                    }),
            ('/form/notebook/page[@id="payment"]', 'states', {
                    'invisible': Eval('state').in_(['intake', 'diagnosed']),
                    }),
            ]

    @classmethod
    def default_type(cls):
        return 'repair'

    @classmethod
    def default_intake_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_state(cls):
        return 'intake'

    @classmethod
    def default_credit_approved(cls):
        return False

    @fields.depends('product', 'purchase_date')
    def on_change_with_warranty_until(self, name=None):
        if (self.product and self.purchase_date
                and self.product.template.warranty_months is not None):
            return self.purchase_date + relativedelta(
                months=self.product.template.warranty_months)

    @fields.depends('warranty_override', 'intake_date',
        methods=['on_change_with_warranty_until'])
    def on_change_with_in_warranty(self, name=None):
        if self.warranty_override:
            return self.warranty_override == 'in'
        until = self.on_change_with_warranty_until()
        return bool(until and self.intake_date and self.intake_date <= until)

    @classmethod
    def search_in_warranty(cls, name, clause):
        _, operator, value = clause[:3]
        if operator not in {'=', '!='}:
            return [('id', '=', -1)]
        orders = cls.search([], order=[])
        ids = [o.id for o in orders if o.in_warranty]
        if (operator == '=') == bool(value):
            return [('id', 'in', ids)]
        return [('id', 'not in', ids)]

    @classmethod
    def get_amounts(cls, orders, names):
        result = {n: {} for n in names}
        for order in orders:
            total = due = ZERO
            for line in order.lines:
                if line.state == 'returned':
                    continue
                amount = line.amount or ZERO
                total += amount
                if line.charged:
                    due += amount
            paid = sum((p.amount for p in order.payments), ZERO)
            values = {
                'amount_total': _round(total),
                'amount_due': _round(due),
                'amount_paid': _round(paid),
                'amount_balance': _round(due - paid),
                }
            for name in names:
                result[name][order.id] = values[name]
        return result

    @classmethod
    def search_amount_balance(cls, name, clause):
        _, operator, value = clause[:3]
        orders = cls.search([
                ('state', 'not in', ['closed', 'cancelled']),
                ], order=[])
        ops = {
            '>': lambda a: a > value, '>=': lambda a: a >= value,
            '<': lambda a: a < value, '<=': lambda a: a <= value,
            '=': lambda a: a == value, '!=': lambda a: a != value,
            }
        test = ops.get(operator)
        if test is None or value is None:
            return [('id', '=', -1)]
        return [('id', 'in', [
                    o.id for o in orders if test(o.amount_balance)])]

    def get_count(self, name):
        return 1

    @classmethod
    def _overdue_domain(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        Configuration = pool.get('station.service.configuration')
        config = Configuration(1)
        today = Date.today()
        repair_limit = today - datetime.timedelta(days=config.repair_days)
        callback_limit = datetime.datetime.combine(
            today - datetime.timedelta(days=config.callback_days or 0),
            datetime.time())
        return ['OR',
            [('state', 'in', CANCELLABLE + ['in_repair']),
                ('intake_date', '<', repair_limit)],
            [('state', '=', 'delivered'),
                ('delivered_at', '<', callback_limit)],
            ]

    @classmethod
    def get_overdue(cls, orders, name):
        overdue = set(map(int, cls.search([
                        ('id', 'in', [o.id for o in orders]),
                        cls._overdue_domain(),
                        ], order=[])))
        return {o.id: o.id in overdue for o in orders}

    @classmethod
    def search_overdue(cls, name, clause):
        _, operator, value = clause[:3]
        if (operator == '=') == bool(value):
            return cls._overdue_domain()
        return ['NOT', cls._overdue_domain()]

    @fields.depends('lot', 'serial_number')
    def on_change_lot(self):
        if self.lot:
            self.serial_number = self.lot.number

    def get_callback_due(self, name):
        pool = Pool()
        Configuration = pool.get('station.service.configuration')
        if self.delivered_at:
            days = Configuration(1).callback_days or 0
            return self.delivered_at.date() + datetime.timedelta(days=days)

    def get_rec_name(self, name):
        return self.number or '(%s)' % self.id

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op,
            ('number', operator, operand, *extra),
            ('serial_number', operator, operand, *extra),
            ('customer.rec_name', operator, operand, *extra),
            ]

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('station.service.configuration')
        Station = pool.get('station.station')
        values = super().preprocess_values(mode, values)
        station_id = (values['station'] if 'station' in values
            else cls.default_station())
        if mode == 'create' and not values.get('number') and station_id:
            # without a station the required check says so, in the
            # user's language
            config = Configuration(1)
            station = Station(station_id)
            values['number'] = '%s-%s' % (
                station.code, config.order_sequence.get())
        if mode == 'create' and not values.get('lot'):
            values['lot'] = cls.get_lot(values)
        if mode == 'create' and 'repeat_of' not in values:
            previous = cls.get_repeat_of(values)
            if previous:
                values['repeat_of'] = previous.id
                values['repeat_technician'] = (
                    previous.technician.id if previous.technician else None)
        return values

    @classmethod
    def get_lot(cls, values):
        "The stock lot of the product's serial number, created if new"
        pool = Pool()
        Lot = pool.get('stock.lot')
        Product = pool.get('product.product')
        serial = (values.get('serial_number') or '').strip()
        if not serial or not values.get('product'):
            return
        product = Product(values['product'])
        if product.type != 'goods':
            return
        with without_check_access():
            lots = Lot.search([
                    ('product', '=', product.id),
                    ('number', '=', serial),
                    ], limit=1)
            if lots:
                return lots[0].id
            lot = Lot(product=product, number=serial)
            lot.save()
            return lot.id

    @classmethod
    def get_repeat_of(cls, values):
        "R21: the repair delivered less than 90 days before this intake"
        pool = Pool()
        Date = pool.get('ir.date')
        serial = (values.get('serial_number') or '').strip()
        if not serial or not values.get('product'):
            return
        intake = values.get('intake_date') or Date.today()
        since = datetime.datetime.combine(
            intake - datetime.timedelta(days=REPEAT_DAYS),
            datetime.time())
        with without_check_access():
            orders = cls.search([
                    ('product', '=', values['product']),
                    ('serial_number', '=', serial),
                    ('state', 'in', ['delivered', 'closed']),
                    ('delivered_at', '>=', since),
                    ], order=[('delivered_at', 'DESC')], limit=1)
        if orders:
            return orders[0]

    @classmethod
    def validate_fields(cls, orders, field_names):
        super().validate_fields(orders, field_names)
        if field_names & {
                'product', 'purchase_date', 'warranty_override',
                'intake_date', 'technician', 'station'}:
            for order in orders:
                order.check_technician()
                order.check_free_lines()

    def check_technician(self):
        if (self.technician and self.technician.station
                and self.technician.station != self.station):
            raise ServiceOrderValidationError(gettext(
                    'station_service.msg_order_technician_station',
                    order=self.rec_name,
                    technician=self.technician.rec_name))

    def check_free_lines(self):
        "Only an in-warranty order may carry lines the customer does not pay"
        if not self.in_warranty:
            for line in self.lines:
                if not line.charged and line.state != 'returned':
                    raise ServiceOrderValidationError(gettext(
                            'station_service.msg_order_line_free',
                            order=self.rec_name, line=line.rec_name))

    @classmethod
    def check_modification(cls, mode, orders, values=None, external=False):
        super().check_modification(
            mode, orders, values=values, external=external)
        if mode == 'delete':
            for order in orders:
                if order.state not in {'intake', 'cancelled'} or any(
                        l.state != 'draft' for l in order.lines):
                    raise ServiceOrderError(gettext(
                            'station_service.msg_order_delete',
                            order=order.rec_name))

    @classmethod
    def copy(cls, orders, default=None):
        default = default.copy() if default is not None else {}
        for name in ['number', 'payments', 'complaints', 'repeat_of', 'lot',
                'repeat_technician', 'credit_approved_by',
                'credit_approved_at', 'diagnosed_by', 'diagnosed_at',
                'accepted_by', 'accepted_at', 'checked_by', 'checked_at',
                'delivered_by', 'delivered_at', 'callback_score',
                'callback_notes', 'called_back_by', 'called_back_at',
                'cancel_reason', 'cancelled_by', 'cancelled_at']:
            default.setdefault(name, None)
        default.setdefault('credit_approved', False)
        return super().copy(orders, default=default)

    @classmethod
    def _stamp(cls, orders, verb):
        cls.write(orders, {
                '%s_by' % verb: Transaction().user,
                '%s_at' % verb: datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('diagnosed')
    def diagnose(cls, orders):
        pool = Pool()
        User = pool.get('res.user')
        user = User(Transaction().user)
        for order in orders:
            if not order.diagnosis:
                raise ServiceOrderError(gettext(
                        'station_service.msg_order_diagnosis_required',
                        order=order.rec_name))
            if not order.technician and user.employee and (
                    user.employee.station == order.station):
                order.technician = user.employee
        cls.save(orders)
        cls._stamp(orders, 'diagnosed')

    @classmethod
    @ModelView.button
    @Workflow.transition('quoted')
    def quote(cls, orders):
        for order in orders:
            if not order.lines and order.type != 'support':
                raise ServiceOrderError(gettext(
                        'station_service.msg_order_quote_lines',
                        order=order.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('accepted')
    def accept(cls, orders):
        cls._stamp(orders, 'accepted')

    @classmethod
    @ModelView.button
    @Workflow.transition('in_repair')
    def start_repair(cls, orders):
        cls.issue_parts(orders)

    @classmethod
    @ModelView.button
    @Workflow.transition('repaired')
    def finish(cls, orders):
        cls.issue_parts(orders)
        cls._stamp(orders, 'checked')

    @classmethod
    @ModelView.button
    @Workflow.transition('delivered')
    def deliver(cls, orders):
        sales = []
        for order in orders:
            if order.state == 'accepted':
                if order.type != 'parts_sale':
                    raise ServiceOrderError(gettext(
                            'station_service.msg_order_deliver_repair',
                            order=order.rec_name))
                sales.append(order)
            order.check_paid()
        # a spare-parts sale: the parts leave the stock at the hand-over
        cls.issue_parts(sales)
        cls._stamp(orders, 'delivered')

    def check_paid(self):
        "R13: nothing leaves the station until paid in full"
        if self.credit_approved:
            return
        if self.amount_balance > 0:
            raise ServiceOrderError(gettext(
                    'station_service.msg_order_deliver_unpaid',
                    order=self.rec_name,
                    due=self.amount_due,
                    paid=self.amount_paid))

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, orders):
        pool = Pool()
        Complaint = pool.get('station.complaint')
        Configuration = pool.get('station.service.configuration')
        config = Configuration(1)
        complaints = []
        for order in orders:
            if not order.callback_score:
                raise ServiceOrderError(gettext(
                        'station_service.msg_order_callback_required',
                        order=order.rec_name))
            if order.callback_score <= config.low_score:
                # R16: a low call-back score opens a complaint
                complaints.append(Complaint(
                        station=order.station,
                        origin='callback',
                        customer=order.customer,
                        order=order,
                        category='service',
                        description=order.callback_notes or gettext(
                            'station_service.msg_complaint_low_score',
                            order=order.rec_name,
                            score=order.callback_score)))
        cls._stamp(orders, 'called_back')
        Complaint.save(complaints)

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, orders):
        for order in orders:
            if not (order.cancel_reason or '').strip():
                raise ServiceOrderError(gettext(
                        'station_service.msg_order_cancel_reason',
                        order=order.rec_name))
        cls._stamp(orders, 'cancelled')

    @classmethod
    @ModelView.button
    def approve_credit(cls, orders):
        "R13: HQ lets the order leave before full payment"
        cls.write(orders, {
                'credit_approved': True,
                'credit_approved_by': Transaction().user,
                'credit_approved_at': datetime.datetime.now(),
                })

    @classmethod
    def issue_parts(cls, orders):
        """Issue the draft part lines from the station's storage as done
        stock moves; refuse when a part is out of stock"""
        pool = Pool()
        Move = pool.get('stock.move')
        Line = pool.get('station.service.order.line')
        Product = pool.get('product.product')
        Date = pool.get('ir.date')
        today = Date.today()

        lines = []
        needed = defaultdict(float)
        for order in orders:
            for line in order.lines:
                if (line.type == 'part' and line.state == 'draft'
                        and line.quantity):
                    warehouse = order.station.warehouse
                    if not warehouse or not warehouse.storage_location:
                        raise ServiceOrderError(gettext(
                                'station_service.msg_order_no_warehouse',
                                order=order.rec_name,
                                station=order.station.rec_name))
                    storage = warehouse.storage_location
                    quantity = line.unit.compute_qty(
                        line.unit, line.quantity, line.product.default_uom)
                    needed[(storage.id, line.product.id)] += quantity
                    lines.append(line)
        if not lines:
            return
        cls._lock_storages({l for l, _ in needed})
        with without_check_access(), Transaction().set_context(
                stock_date_end=today, stock_assign=True):
            quantities = Product.products_by_location(
                list({l for l, _ in needed}), with_childs=True,
                grouping_filter=(list({p for _, p in needed}),))
        for (location, product), quantity in needed.items():
            available = quantities.get((location, product), 0)
            if available < quantity:
                product = Product(product)
                raise PartStockError(gettext(
                        'station_service.msg_part_out_of_stock',
                        part=product.rec_name,
                        quantity=quantity,
                        available=available))
        moves = [l.get_issue_move() for l in lines]
        Move.save(moves)
        if not Move.assign_try(moves, with_childs=True):
            raise PartStockError(gettext(
                    'station_service.msg_part_out_of_stock',
                    part=moves[0].product.rec_name,
                    quantity=moves[0].quantity, available='?'))
        Move.do(moves)
        for line, move in zip(lines, moves):
            line.move = move
            line.state = 'issued'
        Line.save(lines)

    @classmethod
    def _lock_storages(cls, location_ids):
        """Serialize the issues from the same storages (issue 14): each
        issue updates its storage's row, so that of two transactions that
        checked the stock at once, the later fails to serialize on
        PostgreSQL and is retried (by the dispatcher) on a fresh snapshot,
        where it sees the other's moves and refuses with "not enough
        stock" instead of taking the last unit twice."""
        pool = Pool()
        Location = pool.get('stock.location')
        table = Location.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*table.update(
                [table.write_date], [table.write_date],
                where=table.id.in_(sorted(location_ids))))


class ServiceOrderLine(
        ClientGuardMixin, sequence_ordered(), ModelSQL, ModelView):
    "Service Order Line"
    __name__ = 'station.service.order.line'
    _states = {
        'readonly': ((Eval('state') != 'draft')
            | ~Eval('order_state').in_(LINES_EDITABLE)),
        }

    order = fields.Many2One(
        'station.service.order', "Order", required=True, ondelete='CASCADE',
        states={
            'readonly': Eval('id', -1) >= 0,
            })
    type = fields.Selection([
            ('part', "Part"),
            ('labour', "Labour"),
            ], "Type", required=True, states=_states)
    product = fields.Many2One(
        'product.product', "Product", required=True, ondelete='RESTRICT',
        domain=[
            If(Eval('type') == 'labour',
                ('type', '=', 'service'),
                ('type', '=', 'goods')),
            ],
        states={
            'readonly': _states['readonly'] | (Eval('id', -1) >= 0),
            })
    part_code = fields.Function(
        fields.Char("Part Code"), 'on_change_with_part_code')
    description = fields.Char("Description", states=_states)
    quantity = fields.Float(
        "Quantity", digits='unit', required=True, states=_states,
        domain=[('quantity', '>', 0)],
        help="Parts in their unit, labour in hours.")
    unit = fields.Many2One(
        'product.uom', "Unit", readonly=True, ondelete='RESTRICT')
    unit_price = fields.Numeric(
        "Unit Price", digits=price_digits,
        help="HQ's price (R11) or an approved local price (R12).")
    charged = fields.Boolean(
        "Charged", states=_states,
        help="The customer pays the line; "
        "unticked only for in-warranty work claimed from HQ.")
    amount = fields.Function(fields.Numeric(
            "Amount", digits=AMOUNT_DIGITS), 'on_change_with_amount')
    move = fields.Many2One(
        'stock.move', "Issue Move", readonly=True, ondelete='RESTRICT')
    return_move = fields.Many2One(
        'stock.move', "Return Move", readonly=True, ondelete='RESTRICT')
    state = fields.Selection([
            ('draft', "Draft"),
            ('issued', "Issued"),
            ('returned', "Returned"),
            ], "State", readonly=True, required=True)
    order_state = fields.Function(
        fields.Selection('get_order_states', "Order State"),
        'on_change_with_order_state')
    station = fields.Function(
        fields.Many2One('station.station', "Station"),
        'on_change_with_station', searcher='search_station')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('order')
        cls._buttons.update({
                'return_part': {
                    'invisible': ((Eval('state') != 'issued')
                        | ~Eval('order_state').in_(['in_repair'])),
                    'icon': 'tryton-back',
                    'depends': ['state', 'order_state'],
                    },
                })

    @classmethod
    def default_type(cls):
        return 'part'

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_charged(cls):
        return True

    @classmethod
    def get_order_states(cls):
        pool = Pool()
        Order = pool.get('station.service.order')
        return Order.fields_get(['state'])['state']['selection']

    @fields.depends('order', '_parent_order.state')
    def on_change_with_order_state(self, name=None):
        if self.order:
            return self.order.state

    @fields.depends('order', '_parent_order.station')
    def on_change_with_station(self, name=None):
        if self.order and self.order.station:
            return self.order.station.id

    @classmethod
    def search_station(cls, name, clause):
        return [('order.' + clause[0],) + tuple(clause[1:])]

    @fields.depends('product')
    def on_change_with_part_code(self, name=None):
        if self.product:
            return self.product.code

    @fields.depends('product', 'order', '_parent_order.in_warranty',
        '_parent_order.station', '_parent_order.intake_date')
    def on_change_product(self):
        if self.product:
            self.unit = self.product.default_uom
            self.description = self.product.name
            if self.order:
                self.unit_price = self.get_price(
                    self.product, self.order.station, self.order.intake_date)
                self.charged = not self.order.in_warranty

    @fields.depends('quantity', 'unit_price')
    def on_change_with_amount(self, name=None):
        if self.quantity is not None and self.unit_price is not None:
            return _round(
                Decimal(str(self.quantity)) * self.unit_price)

    def get_rec_name(self, name):
        return '%s @ %s' % (self.product.rec_name, self.order.rec_name)

    @classmethod
    def get_price(cls, product, station, date):
        "R11/R12: the approved local price when one applies, else HQ's"
        pool = Pool()
        Policy = pool.get('station.price.policy')
        if station and date:
            policy = Policy.get_applicable(station, product, date)
            if policy:
                return round_price(policy.price)
        return round_price(product.list_price_used or 0)

    @classmethod
    def get_allowed_prices(cls, product, station, date):
        pool = Pool()
        Policy = pool.get('station.price.policy')
        prices = {round_price(product.list_price_used or 0)}
        if station and date:
            policy = Policy.get_applicable(station, product, date)
            if policy:
                prices.add(round_price(policy.price))
        return prices

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Order = pool.get('station.service.order')
        Product = pool.get('product.product')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and values.get('product'):
            product = Product(values['product'])
            order = Order(values['order']) if values.get('order') else None
            if values.get('unit_price') is None and order:
                values['unit_price'] = cls.get_price(
                    product, order.station, order.intake_date)
            values['unit'] = product.default_uom.id
            if not values.get('description'):
                values['description'] = product.name
            if 'charged' not in values and order:
                values['charged'] = not order.in_warranty
        return values

    @classmethod
    def validate_fields(cls, lines, field_names):
        super().validate_fields(lines, field_names)
        if field_names & {'unit_price', 'product', 'order', 'charged'}:
            for line in lines:
                line.check_price()
                if not line.charged and not line.order.in_warranty:
                    raise ServiceOrderValidationError(gettext(
                            'station_service.msg_order_line_free',
                            order=line.order.rec_name, line=line.rec_name))

    def check_price(self):
        "R11: station staff cannot sell at another price than HQ's"
        allowed = self.get_allowed_prices(
            self.product, self.order.station, self.order.intake_date)
        if self.unit_price not in allowed:
            raise PriceError(gettext(
                    'station_service.msg_line_price_hq',
                    line=self.rec_name,
                    price=self.unit_price,
                    hq_price=self.product.list_price_used))

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if mode == 'delete' or (mode == 'write' and values and (
                    values.keys() - {'move', 'return_move', 'state',
                        'sequence'})):
            for line in lines:
                if line.state != 'draft':
                    raise ServiceOrderError(gettext(
                            'station_service.msg_line_issued',
                            line=line.rec_name))

    @classmethod
    def copy(cls, lines, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('move', None)
        default.setdefault('return_move', None)
        default.setdefault('state', 'draft')
        return super().copy(lines, default=default)

    def _get_move(self, from_location, to_location):
        pool = Pool()
        Move = pool.get('stock.move')
        Date = pool.get('ir.date')
        company = self.order.station.company
        return Move(
            product=self.product,
            unit=self.unit,
            quantity=self.quantity,
            from_location=from_location,
            to_location=to_location,
            company=company,
            unit_price=self.unit_price,
            currency=company.currency,
            effective_date=Date.today(),
            origin=self)

    def get_issue_move(self):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        Location = pool.get('stock.location')
        customer = Location(ModelData.get_id('stock', 'location_customer'))
        return self._get_move(
            self.order.station.warehouse.storage_location, customer)

    @classmethod
    @ModelView.button
    def return_part(cls, lines):
        "Put an unused part back into the station's storage"
        pool = Pool()
        Move = pool.get('stock.move')
        moves = []
        for line in lines:
            if line.state != 'issued' or line.order.state != 'in_repair':
                raise ServiceOrderError(gettext(
                        'station_service.msg_line_return',
                        line=line.rec_name))
            moves.append(line._get_move(
                    line.move.to_location, line.move.from_location))
        Move.save(moves)
        Move.do(moves)
        for line, move in zip(lines, moves):
            line.return_move = move
            line.state = 'returned'
        cls.save(lines)


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + [
            'station.service.order.line', 'station.transfer.line']


class IntakeReceipt(Report):
    "Service Order Intake Receipt"
    __name__ = 'station.service.order.intake_receipt'


class DeliveryNote(Report):
    "Service Order Delivery Note"
    __name__ = 'station.service.order.delivery_note'
