# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"R19: transfers and loans of goods between stations and HQ"
import datetime

from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Workflow, fields, sequence_ordered)
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import DecisionLogMixin
from addons.station.guard import ClientGuardMixin
from addons.station.model import register_station_rule

from .exceptions import PartStockError, TransferError

# both the sending and the receiving station see a transfer; HQ sees all
TRANSFER_DOMAIN = If(Eval('all_stations', False), [], ['OR',
        ('from_station', 'in', Eval('stations', [])),
        ('to_station', 'in', Eval('stations', [])),
        ])
TRANSFER_RULE_NAME = "Transfers sent or received by the user's stations"


class Transfer(
        ClientGuardMixin, DecisionLogMixin, Workflow, ModelSQL, ModelView):
    "Transfer"
    __name__ = 'station.transfer'
    _logged_buttons = {'receive'}
    _button_requires = {'send': ['lines']}
    _rec_name = 'number'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    number = fields.Char("Number", readonly=True)
    type = fields.Selection([
            ('transfer', "Transfer"),
            ('loan', "Loan"),
            ('return', "Loan Return"),
            ], "Type", required=True,
        states={
            'readonly': (Eval('state') != 'draft') | Bool(Eval('loan')),
            })
    from_warehouse = fields.Many2One(
        'stock.location', "From", required=True, ondelete='RESTRICT',
        domain=[
            ('type', '=', 'warehouse'),
            ],
        states=_states,
        help="The sender's warehouse: a station's or HQ's.")
    to_warehouse = fields.Many2One(
        'stock.location', "To", required=True, ondelete='RESTRICT',
        domain=[
            ('type', '=', 'warehouse'),
            ],
        states=_states,
        help="The receiver's warehouse: a station's or HQ's.")
    from_station = fields.Many2One(
        'station.station', "From Station", readonly=True,
        ondelete='RESTRICT', help="Empty when HQ sends.")
    to_station = fields.Many2One(
        'station.station', "To Station", readonly=True,
        ondelete='RESTRICT', help="Empty when HQ receives.")
    date = fields.Date("Date", required=True, states=_states)
    due_date = fields.Date(
        "Due Date",
        domain=[
            If(Bool(Eval('due_date')),
                ('due_date', '>=', Eval('date')),
                ()),
            ],
        states={
            'readonly': Eval('state') != 'draft',
            'required': Eval('type') == 'loan',
            'invisible': Eval('type') != 'loan',
            },
        help="When the borrower must give the goods back.")
    reason = fields.Text("Reason", states=_states)
    lines = fields.One2Many(
        'station.transfer.line', 'transfer', "Lines", states=_states)
    shipment = fields.Many2One(
        'stock.shipment.internal', "Internal Shipment", readonly=True,
        ondelete='RESTRICT')
    loan = fields.Many2One(
        'station.transfer', "Loan", readonly=True, ondelete='RESTRICT',
        domain=[('type', '=', 'loan')],
        states={
            'invisible': Eval('type') != 'return',
            })
    returns = fields.One2Many(
        'station.transfer', 'loan', "Returns", readonly=True,
        states={
            'invisible': Eval('type') != 'loan',
            })
    returned = fields.Function(
        fields.Boolean("Returned", states={
                'invisible': Eval('type') != 'loan',
                }),
        'get_returned')
    overdue = fields.Function(
        fields.Boolean("Overdue"), 'get_overdue', searcher='search_overdue')
    to_receive = fields.Function(
        fields.Boolean("To Receive",
            help="Sent to the user's station and waiting for its receipt."),
        'get_to_receive', searcher='search_to_receive')
    sent_by = fields.Many2One(
        'res.user', "Sent By", readonly=True, ondelete='RESTRICT')
    sent_at = fields.Timestamp("Sent At", readonly=True)
    received_by = fields.Many2One(
        'res.user', "Received By", readonly=True, ondelete='RESTRICT')
    received_at = fields.Timestamp("Received At", readonly=True)
    closed_by = fields.Many2One(
        'res.user', "Closed By", readonly=True, ondelete='RESTRICT')
    closed_at = fields.Timestamp("Closed At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('sent', "Sent"),
            ('received', "Received"),
            ('closed', "Closed"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('date', 'DESC'),
            ('id', 'DESC'),
            ]
        cls._transitions |= {
            ('draft', 'sent'),
            ('sent', 'received'),
            ('received', 'closed'),
            ('draft', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'cancelled',
                    'icon': 'tryton-undo',
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
                'close': {
                    'invisible': Eval('state') != 'received',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'give_back': {
                    'invisible': ((Eval('state') != 'received')
                        | (Eval('type') != 'loan')
                        | Bool(Eval('returned'))),
                    'icon': 'tryton-back',
                    'depends': ['state', 'type', 'returned'],
                    },
                'cancel': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def __register__(cls, module):
        super().__register__(module)
        register_station_rule(
            cls.__name__, TRANSFER_DOMAIN, name=TRANSFER_RULE_NAME)

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/form/notebook/page[@id="loan"]', 'states', {
                    'invisible': Eval('type') == 'transfer',
                    }),
            ]

    @classmethod
    def default_type(cls):
        return 'transfer'

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_from_warehouse(cls):
        pool = Pool()
        User = pool.get('res.user')
        Station = pool.get('station.station')
        ModelData = pool.get('ir.model.data')
        station = User.get_current_station()
        if station:
            station = Station(station)
            return station.warehouse.id if station.warehouse else None
        if User.get_station_access()['all']:
            return ModelData.get_id('stock', 'location_warehouse')

    @classmethod
    def _station_of(cls, warehouse_id):
        "The station of the warehouse, None for HQ's"
        Station = Pool().get('station.station')
        if warehouse_id is None:
            return None
        with without_check_access(), \
                Transaction().set_context(active_test=False):
            stations = Station.search([
                    ('warehouse', '=', warehouse_id),
                    ], limit=1)
        return stations[0].id if stations else None

    def get_rec_name(self, name):
        return self.number or '(%s)' % self.id

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('number',) + tuple(clause[1:])]

    def get_returned(self, name):
        return any(r.state in {'received', 'closed'} for r in self.returns)

    def get_overdue(self, name):
        Date = Pool().get('ir.date')
        return bool(self.type == 'loan' and self.due_date
            and self.due_date < Date.today()
            and self.state in {'sent', 'received'}
            and not self.returned)

    @classmethod
    def search_overdue(cls, name, clause):
        "Loans past their due date whose goods are not back"
        Date = Pool().get('ir.date')
        _, operator, value = clause[:3]
        returned = [r.loan.id for r in cls.search([
                    ('type', '=', 'return'),
                    ('loan', '!=', None),
                    ('state', 'in', ['received', 'closed']),
                    ], order=[])]
        domain = [
            ('type', '=', 'loan'),
            ('due_date', '<', Date.today()),
            ('state', 'in', ['sent', 'received']),
            ('id', 'not in', returned),
            ]
        if (operator == '=') == bool(value):
            return domain
        return ['NOT', domain]

    def get_to_receive(self, name):
        return self.state == 'sent' and self._is_side(self.to_station)

    @classmethod
    def search_to_receive(cls, name, clause):
        User = Pool().get('res.user')
        _, operator, value = clause[:3]
        access = User.get_station_access()
        if access['all']:
            side = ('to_station', '=', None)
        else:
            side = ('to_station', 'in', list(access['stations']))
        domain = [('state', '=', 'sent'), side]
        if (operator == '=') == bool(value):
            return domain
        return ['NOT', domain]

    @classmethod
    def validate_fields(cls, transfers, field_names):
        super().validate_fields(transfers, field_names)
        if field_names & {'from_warehouse', 'to_warehouse'}:
            for transfer in transfers:
                if transfer.from_warehouse == transfer.to_warehouse:
                    raise TransferError(gettext(
                            'station_service.msg_transfer_same_side',
                            transfer=transfer.rec_name))

    @classmethod
    def check_modification(cls, mode, transfers, values=None, external=False):
        super().check_modification(
            mode, transfers, values=values, external=external)
        if mode == 'delete':
            for transfer in transfers:
                if transfer.state not in {'draft', 'cancelled'}:
                    raise TransferError(gettext(
                            'station_service.msg_transfer_delete',
                            transfer=transfer.rec_name))

    @classmethod
    def copy(cls, transfers, default=None):
        default = default.copy() if default is not None else {}
        for name in ['number', 'shipment', 'loan', 'returns', 'sent_by',
                'sent_at', 'received_by', 'received_at', 'closed_by',
                'closed_at']:
            default.setdefault(name, None)
        return super().copy(transfers, default=default)

    @staticmethod
    def _is_side(station):
        "Whether the user acts for station (None: HQ)"
        User = Pool().get('res.user')
        if not Transaction().user:
            return True
        access = User.get_station_access()
        if station is None:
            return access['all']
        return not access['all'] and station.id in access['stations']

    def check_side(self, side):
        station = getattr(self, '%s_station' % side)
        if not self._is_side(station):
            raise TransferError(gettext(
                    'station_service.msg_transfer_%s_side' % side,
                    transfer=self.rec_name))

    @classmethod
    def _stamp(cls, transfers, verb):
        cls.write(transfers, {
                '%s_by' % verb: Transaction().user,
                '%s_at' % verb: datetime.datetime.now(),
                })

    def get_shipment(self):
        pool = Pool()
        Shipment = pool.get('stock.shipment.internal')
        Move = pool.get('stock.move')
        Company = pool.get('company.company')
        from_ = self.from_warehouse.storage_location
        to = self.to_warehouse.storage_location
        if not from_ or not to:
            raise TransferError(gettext(
                    'station_service.msg_transfer_no_warehouse',
                    transfer=self.rec_name))
        with without_check_access():
            station = self.from_station or self.to_station
            company = station.company if station else Company(
                Transaction().context.get('company'))
        moves = []
        for line in self.lines:
            move = Move(
                product=line.product,
                unit=line.unit,
                quantity=line.quantity,
                from_location=from_,
                to_location=to,
                company=company,
                planned_date=self.date,
                origin=line)
            if getattr(line, 'lot', None):
                move.lot = line.lot
            moves.append(move)
        return Shipment(
            company=company,
            from_location=from_,
            to_location=to,
            planned_date=self.date,
            planned_start_date=self.date,
            reference=self.number,
            moves=moves)

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('station.service.configuration')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and not values.get('number'):
            values['number'] = Configuration(1).transfer_sequence.get()
        for side in ['from', 'to']:
            if '%s_warehouse' % side in values:
                values['%s_station' % side] = cls._station_of(
                    values['%s_warehouse' % side])
        return values

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, transfers):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('sent')
    def send(cls, transfers):
        "The sender ships the goods into transit"
        pool = Pool()
        Shipment = pool.get('stock.shipment.internal')
        for transfer in transfers:
            transfer.check_side('from')
            if not transfer.lines:
                raise TransferError(gettext(
                        'station_service.msg_transfer_no_lines',
                        transfer=transfer.rec_name))
            transfer.shipment = transfer.get_shipment()
            transfer.shipment.save()
            shipment = transfer.shipment
            Shipment.wait([shipment])
            Shipment.assign_try([shipment])
            shipment = Shipment(shipment.id)
            if shipment.state != 'assigned':
                raise PartStockError(gettext(
                        'station_service.msg_transfer_out_of_stock',
                        transfer=transfer.rec_name))
            if shipment.transit_location:
                Shipment.pack([shipment])
                Shipment.ship([shipment])
        cls.save(transfers)
        cls._stamp(transfers, 'sent')

    @classmethod
    @ModelView.button
    @Workflow.transition('received')
    def receive(cls, transfers):
        "The receiver confirms the goods arrived"
        pool = Pool()
        Shipment = pool.get('stock.shipment.internal')
        for transfer in transfers:
            transfer.check_side('to')
        Shipment.do([t.shipment for t in transfers])
        cls._stamp(transfers, 'received')

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, transfers):
        "The sender closes once the receiver confirmed (and a loan is back)"
        for transfer in transfers:
            transfer.check_side('from')
            if transfer.type == 'loan' and not transfer.returned:
                raise TransferError(gettext(
                        'station_service.msg_transfer_close_loan',
                        transfer=transfer.rec_name))
        cls._stamp(transfers, 'closed')

    @classmethod
    @ModelView.button
    def give_back(cls, transfers):
        "The borrower sends the loaned goods back on a return transfer"
        pool = Pool()
        Line = pool.get('station.transfer.line')
        returns = []
        for transfer in transfers:
            transfer.check_side('to')
            if (transfer.type != 'loan' or transfer.state != 'received'
                    or transfer.returned):
                raise TransferError(gettext(
                        'station_service.msg_transfer_give_back',
                        transfer=transfer.rec_name))
            if any(r.state == 'draft' for r in transfer.returns):
                continue
            returns.append(cls(
                    type='return',
                    loan=transfer,
                    from_warehouse=transfer.to_warehouse,
                    to_warehouse=transfer.from_warehouse,
                    date=cls.default_date(),
                    reason=transfer.number,
                    lines=[Line(product=l.product, quantity=l.quantity,
                            unit=l.unit, lot=l.lot)
                        for l in transfer.lines]))
        cls.save(returns)

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, transfers):
        pass


class TransferLine(
        ClientGuardMixin, sequence_ordered(), ModelSQL, ModelView):
    "Transfer Line"
    __name__ = 'station.transfer.line'
    _states = {
        'readonly': Eval('transfer_state') != 'draft',
        }

    transfer = fields.Many2One(
        'station.transfer', "Transfer", required=True, ondelete='CASCADE',
        states={
            'readonly': Eval('id', -1) >= 0,
            })
    product = fields.Many2One(
        'product.product', "Product", required=True, ondelete='RESTRICT',
        domain=[('type', '=', 'goods')], states=_states)
    lot = fields.Many2One(
        'stock.lot', "Serial Number", ondelete='RESTRICT',
        domain=[('product', '=', Eval('product', -1))], states=_states)
    quantity = fields.Float(
        "Quantity", digits='unit', required=True, states=_states,
        domain=[('quantity', '>', 0)])
    unit = fields.Many2One(
        'product.uom', "Unit", required=True, ondelete='RESTRICT',
        states=_states)
    transfer_state = fields.Function(
        fields.Selection('get_transfer_states', "Transfer State"),
        'on_change_with_transfer_state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('transfer')

    @classmethod
    def get_transfer_states(cls):
        Transfer = Pool().get('station.transfer')
        return Transfer.fields_get(['state'])['state']['selection']

    @fields.depends('transfer', '_parent_transfer.state')
    def on_change_with_transfer_state(self, name=None):
        if self.transfer:
            return self.transfer.state

    @fields.depends('product')
    def on_change_product(self):
        if self.product:
            self.unit = self.product.default_uom

    def get_rec_name(self, name):
        return '%s @ %s' % (self.product.rec_name, self.transfer.rec_name)

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if mode in {'write', 'delete'}:
            for line in lines:
                if line.transfer.state not in {'draft', 'cancelled'}:
                    raise TransferError(gettext(
                            'station_service.msg_transfer_line_modify',
                            line=line.rec_name))

