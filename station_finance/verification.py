# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime
import operator as operator_

from sql import Null

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from addons.station.approval import DecisionLogMixin
from addons.station.guard import ClientGuardMixin
from addons.station.model import StationMixin

from .exceptions import AssetError


class Verification(
        StationMixin, DecisionLogMixin, Workflow, ModelSQL, ModelView):
    """Fixed Asset Verification

    A periodic count of the station's fixed assets (R37): the clerk counts
    every asset of the register, HQ Finance reviews the differences."""
    __name__ = 'station.asset.verification'
    _logged_buttons = {'review'}
    _button_requires = {'count': ['lines']}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    date = fields.Date("Date", required=True, states=_states)
    description = fields.Char("Description", states=_states)
    lines = fields.One2Many(
        'station.asset.verification.line', 'verification', "Lines",
        states={
            'readonly': Eval('state') != 'counting',
            },
        help="One line per asset of the register, filled when the count "
        "starts.")
    differences = fields.Function(fields.Integer(
            "Differences",
            help="The assets not found, or not found as registered."),
        'get_differences', searcher='search_differences')
    counted_by = fields.Many2One(
        'res.user', "Counted By", readonly=True, ondelete='RESTRICT')
    counted_at = fields.Timestamp("Counted At", readonly=True)
    reviewed_by = fields.Many2One(
        'res.user', "Reviewed By", readonly=True, ondelete='RESTRICT')
    reviewed_at = fields.Timestamp("Reviewed At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('counting', "Counting"),
            ('counted', "Counted"),
            ('reviewed', "Reviewed"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order.insert(0, ('date', 'DESC'))
        cls._transitions |= {
            ('draft', 'counting'),
            ('counting', 'counted'),
            ('counted', 'counting'),
            ('counted', 'reviewed'),
            }
        cls._buttons.update({
                'start': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'recount': {
                    'invisible': Eval('state') != 'counted',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'count': {
                    'invisible': Eval('state') != 'counting',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'review': {
                    'invisible': Eval('state') != 'counted',
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

    def get_rec_name(self, name):
        return '%s %s' % (self.station.rec_name, self.date)

    @classmethod
    def _differences_query(cls):
        pool = Pool()
        Line = pool.get('station.asset.verification.line')
        line = Line.__table__()
        return line.select(
            line.verification,
            where=(line.result == Null) | (line.result != 'found'),
            group_by=line.verification)

    def get_differences(self, name):
        return len([l for l in self.lines if l.difference])

    @classmethod
    def search_differences(cls, name, clause):
        _, operator, value = clause
        query = cls._differences_query()
        if (operator, value) in {('>', 0), ('!=', 0), ('>=', 1)}:
            return [('id', 'in', query)]
        elif (operator, value) in {('=', 0), ('<', 1), ('<=', 0)}:
            return [('id', 'not in', query)]
        compare = {
            '=': operator_.eq, '!=': operator_.ne,
            '<': operator_.lt, '<=': operator_.le,
            '>': operator_.gt, '>=': operator_.ge,
            }[operator]
        ids = [v.id for v in cls.search([])
            if compare(v.differences, value)]
        return [('id', 'in', ids)]

    @classmethod
    def check_modification(
            cls, mode, verifications, values=None, external=False):
        super().check_modification(
            mode, verifications, values=values, external=external)
        if mode == 'delete':
            for verification in verifications:
                if verification.state != 'draft':
                    raise AssetError(gettext(
                            'station_finance.msg_verification_delete',
                            verification=verification.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('counting')
    def start(cls, verifications):
        "List every asset of the register that is not already lost"
        pool = Pool()
        Asset = pool.get('station.asset')
        Line = pool.get('station.asset.verification.line')
        lines = []
        for verification in verifications:
            if verification.lines:
                continue
            for asset in Asset.search([
                        ('station', '=', verification.station.id),
                        ('state', '!=', 'lost'),
                        ]):
                lines.append(Line(
                        verification=verification, asset=asset,
                        registered_state=asset.state,
                        registered_location=asset.location,
                        registered_custodian=asset.custodian))
        Line.save(lines)

    @classmethod
    @ModelView.button
    @Workflow.transition('counting')
    def recount(cls, verifications):
        cls.write(verifications, {'counted_by': None, 'counted_at': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('counted')
    def count(cls, verifications):
        for verification in verifications:
            for line in verification.lines:
                if not line.result:
                    raise AssetError(gettext(
                            'station_finance.msg_verification_uncounted',
                            verification=verification.rec_name,
                            asset=line.asset.rec_name))
        cls.write(verifications, {
                'counted_by': Transaction().user,
                'counted_at': datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('reviewed')
    def review(cls, verifications):
        cls.write(verifications, {
                'reviewed_by': Transaction().user,
                'reviewed_at': datetime.datetime.now(),
                })


class VerificationLine(ClientGuardMixin, ModelSQL, ModelView):
    "Fixed Asset Verification Line"
    __name__ = 'station.asset.verification.line'
    _states = {
        'readonly': Eval('verification_state') != 'counting',
        }

    verification = fields.Many2One(
        'station.asset.verification', "Verification", required=True,
        ondelete='CASCADE',
        states={
            'readonly': Eval('id', -1) >= 0,
            })
    asset = fields.Many2One(
        'station.asset', "Asset", required=True, ondelete='RESTRICT',
        readonly=True)
    registered_state = fields.Selection(
        'get_asset_states', "Registered State", readonly=True)
    registered_location = fields.Char("Registered Location", readonly=True)
    registered_custodian = fields.Many2One(
        'company.employee', "Registered Custodian", readonly=True,
        ondelete='RESTRICT')
    result = fields.Selection([
            (None, ""),
            ('found', "Found as Registered"),
            ('damaged', "Found Damaged"),
            ('moved', "Found Elsewhere"),
            ('missing', "Missing"),
            ], "Result", states=_states, sort=False)
    location = fields.Char(
        "Location Found", states=_states,
        help="Where the asset was found, when not at its registered place.")
    note = fields.Char("Note", states=_states)
    difference = fields.Function(
        fields.Boolean("Difference"), 'on_change_with_difference')
    verification_state = fields.Function(
        fields.Selection('get_verification_states', "Verification State"),
        'on_change_with_verification_state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # in __setup__: Model.__setup__ resets a class-body __access__
        cls.__access__.add('verification')
        t = cls.__table__()
        cls._sql_constraints += [
            ('verification_asset_unique',
                Unique(t, t.verification, t.asset),
                'station_finance.msg_verification_line_unique'),
            ]
        cls._order.insert(0, ('asset', 'ASC'))

    @classmethod
    def get_asset_states(cls):
        pool = Pool()
        Asset = pool.get('station.asset')
        return Asset.fields_get(['state'])['state']['selection']

    @classmethod
    def get_verification_states(cls):
        pool = Pool()
        Verification = pool.get('station.asset.verification')
        return Verification.fields_get(['state'])['state']['selection']

    @fields.depends('verification', '_parent_verification.state')
    def on_change_with_verification_state(self, name=None):
        if self.verification:
            return self.verification.state

    @fields.depends('result')
    def on_change_with_difference(self, name=None):
        return self.result != 'found'

    def get_rec_name(self, name):
        return '%s - %s' % (
            self.verification.rec_name, self.asset.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('asset.rec_name',) + tuple(clause[1:])]

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if not external:
            return
        for line in lines:
            if line.verification.state != 'counting' or mode != 'write':
                raise AssetError(gettext(
                        'station_finance.msg_verification_line_modify',
                        verification=line.verification.rec_name))
