# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

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


class AssetIncident(
        StationMixin, ApprovalMixin, Workflow, ModelSQL, ModelView):
    "Station Asset Incident"
    __name__ = 'station.asset.incident'
    _approval_buttons = {'approve', 'reject'}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    asset = fields.Many2One(
        'station.asset', "Asset", required=True, ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states=_states)
    date = fields.Date("Date", required=True, states=_states)
    kind = fields.Selection([
            ('damage', "Damage"),
            ('loss', "Loss"),
            ], "Kind", required=True, states=_states)
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
    def default_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        return '%s %s' % (self.asset.rec_name, self.date)

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
