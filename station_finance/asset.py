# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval, If
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import ApprovalMixin
from addons.station.model import StationMixin

from .exceptions import AssetError


class Asset(StationMixin, ModelSQL, ModelView):
    "Station Fixed Asset"
    __name__ = 'station.asset'

    code = fields.Char("Code", required=True, strip=True)
    name = fields.Char("Name", required=True)
    category = fields.Selection([
            ('desk', "Desk"),
            ('display', "Display"),
            ('sign', "Sign"),
            ('phone', "Phone"),
            ('fax', "Fax"),
            ('computer', "Computer"),
            ('cabinet', "Cabinet"),
            ('safe', "Safe"),
            ('other', "Other"),
            ], "Category", required=True)
    custodian = fields.Many2One(
        'company.employee', "Custodian", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        help="The employee who keeps the asset.")
    location = fields.Char("Location")
    acquisition_date = fields.Date("Acquisition Date")
    value = fields.Numeric(
        "Value", digits=(16, 2),
        domain=['OR',
            ('value', '=', None),
            ('value', '>=', 0),
            ])
    incidents = fields.One2Many(
        'station.asset.incident', 'asset', "Incidents", readonly=True)
    state = fields.Selection([
            ('in_use', "In Use"),
            ('damaged', "Damaged"),
            ('lost', "Lost"),
            ], "State", readonly=True, required=True, sort=False,
        help="Set by the approved damage or loss incidents.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('station_code_unique', Unique(t, t.station, t.code),
                'station_finance.msg_asset_code_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))

    @classmethod
    def default_state(cls):
        return 'in_use'

    @classmethod
    def default_category(cls):
        return 'other'

    def get_rec_name(self, name):
        return '[%s] %s' % (self.code, self.name)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op,
            ('code', operator, operand, *extra),
            ('name', operator, operand, *extra),
            ]


class AccountAsset(metaclass=PoolMeta):
    "Accounting asset linked to the station's register (account_asset)"
    __name__ = 'account.asset'

    station_asset = fields.Many2One(
        'station.asset', "Station Asset", ondelete='RESTRICT',
        help="The entry of the station's fixed asset register (R37).")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('station_asset_unique', Unique(t, t.station_asset),
                'station_finance.msg_account_asset_station_asset_unique'),
            ]

    @fields.depends('station_asset', 'value', 'purchase_date')
    def on_change_station_asset(self):
        "Take the value and purchase date of the register entry"
        if self.station_asset:
            if self.value is None:
                self.value = self.station_asset.value
            if self.purchase_date is None:
                self.purchase_date = self.station_asset.acquisition_date


class AssetAccountAsset(metaclass=PoolMeta):
    "Station asset showing its accounting asset (account_asset)"
    __name__ = 'station.asset'

    account_asset = fields.Function(fields.Many2One(
            'account.asset', "Accounting Asset",
            help="The asset of the accounting that depreciates this one; "
            "linked by HQ Finance from the accounting asset and shown to "
            "the users of the accounting only."),
        'get_account_asset')

    @classmethod
    def get_account_asset(cls, assets, name):
        pool = Pool()
        AccountAsset = pool.get('account.asset')
        ModelAccess = pool.get('ir.model.access')
        result = {a.id: None for a in assets}
        # function fields are computed without access check: ask the groups
        access = ModelAccess.get_access(['account.asset'])['account.asset']
        if access['read'] is not None and not access['read']:
            return result
        for account_asset in AccountAsset.search([
                    ('station_asset', 'in', [a.id for a in assets]),
                    ]):
            result[account_asset.station_asset.id] = account_asset.id
        return result


class AssetIncident(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Station Asset Incident"
    __name__ = 'station.asset.incident'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    kind = fields.Selection([
            ('damage', "Damage"),
            ('loss', "Loss"),
            ('stock_loss', "Stock-Take Loss"),
            ], "Kind", required=True, states=_states,
        help="Damage or loss of a fixed asset (R37), or parts missing at a "
        "stock-take (R38).")
    asset = fields.Many2One(
        'station.asset', "Asset", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states={
            'readonly': Eval('state') != 'draft',
            'required': Eval('kind').in_(['damage', 'loss']),
            'invisible': Eval('kind') == 'stock_loss',
            })
    inventory = fields.Many2One(
        'stock.inventory', "Stock-Take", ondelete='RESTRICT',
        domain=[
            ('state', '=', 'done'),
            If(Bool(Eval('station_warehouse')),
                ('location', 'child_of', [Eval('station_warehouse', -1)],
                    'parent'),
                ()),
            ],
        states={
            'readonly': Eval('state') != 'draft',
            'required': Eval('kind') == 'stock_loss',
            'invisible': Eval('kind') != 'stock_loss',
            },
        help="The done stock-take that found the parts missing (R38).")
    station_warehouse = fields.Function(fields.Many2One(
            'stock.location', "Station Warehouse"),
        'on_change_with_station_warehouse')
    verification_line = fields.Many2One(
        'station.asset.verification.line', "Verification",
        ondelete='RESTRICT',
        domain=[
            ('verification.station', '=', Eval('station', -1)),
            If(Bool(Eval('asset')),
                ('asset', '=', Eval('asset', -1)),
                ()),
            ],
        states={
            'readonly': Eval('state') != 'draft',
            'invisible': Eval('kind') == 'stock_loss',
            },
        help="The verification count that found the damage or loss.")
    date = fields.Date("Date", required=True, states=_states)
    cause = fields.Text("Cause", required=True, states=_states)
    responsible = fields.Many2One(
        'company.employee', "Responsible", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states=_states,
        help="The employee charged with the damage or loss.")
    compensation = fields.Numeric(
        "Compensation", digits=(16, 2), states=_states,
        domain=['OR',
            ('compensation', '=', None),
            ('compensation', '>=', 0),
            ],
        help="The amount charged to the responsible employee "
        "(compensation or penalty).")
    charge = fields.Selection([
            ('compensation', "Compensation"),
            ('penalty', "Penalty"),
            ], "Charge", required=True, states=_states,
        help="Whether the amount repays the loss or punishes a fault.")
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_at = fields.Timestamp("Approved At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('approved', "Approved"),
            ('rejected', "Rejected"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order.insert(0, ('date', 'DESC'))
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'draft'),
            ('submitted', 'approved'),
            ('submitted', 'rejected'),
            ('rejected', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(['submitted', 'rejected']),
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'approve': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reject': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_kind(cls):
        return 'damage'

    @classmethod
    def default_charge(cls):
        return 'compensation'

    @fields.depends('station')
    def on_change_with_station_warehouse(self, name=None):
        if self.station and self.station.warehouse:
            return self.station.warehouse.id

    @fields.depends('kind')
    def on_change_kind(self):
        if self.kind == 'stock_loss':
            self.asset = None
            self.verification_line = None
        else:
            self.inventory = None

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        if self.asset:
            return '%s %s' % (self.asset.rec_name, self.date)
        elif self.inventory:
            return '%s %s' % (self.inventory.rec_name, self.date)
        return str(self.date)

    @classmethod
    def validate_fields(cls, incidents, field_names):
        super().validate_fields(incidents, field_names)
        if field_names & {'kind', 'asset', 'inventory', 'station'}:
            for incident in incidents:
                incident.check_subject()

    def check_subject(self):
        "An asset incident names an asset, a stock-take loss its stock-take"
        if self.kind == 'stock_loss':
            if self.asset or not self.inventory:
                raise AssetError(gettext(
                        'station_finance.msg_incident_stock_loss',
                        incident=self.rec_name))
            with without_check_access():
                warehouse = self.station.warehouse
                location = self.inventory.location
                while location and location != warehouse:
                    location = location.parent
            if not warehouse or location != warehouse:
                raise AssetError(gettext(
                        'station_finance.msg_incident_inventory_station',
                        incident=self.rec_name,
                        station=self.station.rec_name))
        elif self.inventory or not self.asset:
            raise AssetError(gettext(
                    'station_finance.msg_incident_asset',
                    incident=self.rec_name))

    @classmethod
    def check_modification(cls, mode, incidents, values=None, external=False):
        super().check_modification(
            mode, incidents, values=values, external=external)
        if mode == 'delete':
            for incident in incidents:
                if incident.state != 'draft':
                    raise AssetError(gettext(
                            'station_finance.msg_incident_delete',
                            incident=incident.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, incidents):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, incidents):
        for incident in incidents:
            if incident.compensation and not incident.responsible:
                raise AssetError(gettext(
                        'station_finance.msg_incident_responsible',
                        incident=incident.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, incidents):
        "The approved incident marks the asset damaged or lost (R37)"
        for incident in incidents:
            asset = incident.asset
            if not asset:
                continue
            asset.state = 'lost' if incident.kind == 'loss' else 'damaged'
            asset.save()
        cls.write(incidents, {
                'approved_by': Transaction().user,
                'approved_at': datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, incidents):
        pass
