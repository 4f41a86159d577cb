# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.modules.product import price_digits, round_price
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.transaction import Transaction, without_check_access

from addons.station.approval import DecisionLogMixin
from addons.station.guard import ClientGuardMixin
from addons.station.model import StationMixin

from .exceptions import WarrantyClaimError
from .service_order import AMOUNT_DIGITS, _round

ZERO = Decimal(0)


class WarrantyClaim(
        StationMixin, DecisionLogMixin, Workflow, ModelSQL, ModelView):
    "Warranty Claim"
    __name__ = 'station.warranty.claim'
    _logged_buttons = {'appraise', 'decide'}
    _button_requires = {'submit': ['lines']}
    _station_date_field = 'date_from'
    _rec_name = 'reference'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    reference = fields.Char("Reference", states=_states)
    date_from = fields.Date(
        "From", required=True, states=_states,
        domain=[
            If(Bool(Eval('date_to')),
                ('date_from', '<=', Eval('date_to')),
                ()),
            ])
    date_to = fields.Date(
        "To", required=True, states=_states,
        domain=[
            If(Bool(Eval('date_from')),
                ('date_to', '>=', Eval('date_from')),
                ()),
            ])
    orders = fields.Many2Many(
        'station.warranty.claim-station.service.order', 'claim', 'order',
        "Service Orders",
        domain=[
            ('station', '=', Eval('station', -1)),
            ('state', 'in', ['repaired', 'delivered', 'closed']),
            ('intake_date', '>=', Eval('date_from', None)),
            ('intake_date', '<=', Eval('date_to', None)),
            ],
        states=_states,
        help="The in-warranty orders of the period claimed from HQ.")
    lines = fields.One2Many(
        'station.warranty.claim.line', 'claim', "Lines",
        states={
            'readonly': ~Eval('state').in_(['draft', 'submitted']),
            })
    amount_claimed = fields.Function(fields.Numeric(
            "Claimed", digits=AMOUNT_DIGITS), 'get_amounts')
    amount_approved = fields.Function(fields.Numeric(
            "Reimbursement", digits=AMOUNT_DIGITS,
            help="Approved quantities at HQ's prices."), 'get_amounts')
    hq_comment = fields.Text("HQ Comment", states={
            'readonly': Eval('state') != 'submitted',
            })
    submitted_by = fields.Many2One(
        'res.user', "Submitted By", readonly=True, ondelete='RESTRICT')
    submitted_at = fields.Timestamp("Submitted At", readonly=True)
    appraised_by = fields.Many2One(
        'res.user', "Appraised By", readonly=True, ondelete='RESTRICT')
    appraised_at = fields.Timestamp("Appraised At", readonly=True)
    decided_by = fields.Many2One(
        'res.user', "Decided By", readonly=True, ondelete='RESTRICT')
    decided_at = fields.Timestamp("Decided At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('appraised', "Appraised"),
            ('approved', "Approved"),
            ('partially_approved', "Partially Approved"),
            ('rejected', "Rejected"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order.insert(0, ('date_from', 'DESC'))
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'draft'),
            ('submitted', 'appraised'),
            ('appraised', 'approved'),
            ('appraised', 'partially_approved'),
            ('appraised', 'rejected'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'fill_lines': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-refresh',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'appraise': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'decide': {
                    'invisible': Eval('state') != 'appraised',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    def get_rec_name(self, name):
        return self.reference or '%s %s – %s' % (
            self.station.code, self.date_from, self.date_to)

    @classmethod
    def get_amounts(cls, claims, names):
        result = {n: {} for n in names}
        for claim in claims:
            claimed = approved = ZERO
            for line in claim.lines:
                claimed += line.amount_claimed or ZERO
                approved += line.amount_approved or ZERO
            if 'amount_claimed' in names:
                result['amount_claimed'][claim.id] = _round(claimed)
            if 'amount_approved' in names:
                result['amount_approved'][claim.id] = _round(approved)
        return result

    @classmethod
    def check_modification(cls, mode, claims, values=None, external=False):
        super().check_modification(
            mode, claims, values=values, external=external)
        if mode == 'delete':
            for claim in claims:
                if claim.state != 'draft':
                    raise WarrantyClaimError(gettext(
                            'station_service.msg_claim_delete',
                            claim=claim.rec_name))

    @classmethod
    def _stamp(cls, claims, verb):
        cls.write(claims, {
                '%s_by' % verb: Transaction().user,
                '%s_at' % verb: datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    def fill_lines(cls, claims):
        "Claim the free part lines of the in-warranty orders"
        pool = Pool()
        Line = pool.get('station.warranty.claim.line')
        to_save = []
        # R14: lines already claimed, in this claim or any other
        order_lines = [l for c in claims for o in c.orders for l in o.lines]
        with without_check_access():
            already = {l.order_line for l in Line.search([
                        ('order_line', 'in', [l.id for l in order_lines]),
                        ])}
        for claim in claims:
            claimed = already | {
                l.order_line for l in claim.lines if l.order_line}
            for order in claim.orders:
                if not order.in_warranty:
                    raise WarrantyClaimError(gettext(
                            'station_service.msg_claim_order_warranty',
                            order=order.rec_name, claim=claim.rec_name))
                for oline in order.lines:
                    if (oline.type == 'part' and oline.state == 'issued'
                            and not oline.charged
                            and oline not in claimed):
                        to_save.append(Line(
                                claim=claim,
                                order=order,
                                order_line=oline,
                                product=oline.product,
                                quantity=oline.quantity,
                                unit_price=round_price(
                                    oline.product.list_price_used or 0)))
        Line.save(to_save)

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, claims):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, claims):
        for claim in claims:
            if not claim.lines:
                raise WarrantyClaimError(gettext(
                        'station_service.msg_claim_no_lines',
                        claim=claim.rec_name))
            for order in claim.orders:
                if not order.in_warranty:
                    raise WarrantyClaimError(gettext(
                            'station_service.msg_claim_order_warranty',
                            order=order.rec_name, claim=claim.rec_name))
        cls._stamp(claims, 'submitted')

    @classmethod
    @ModelView.button
    @Workflow.transition('appraised')
    def appraise(cls, claims):
        for claim in claims:
            for line in claim.lines:
                if not line.appraisal or line.approved_quantity is None:
                    raise WarrantyClaimError(gettext(
                            'station_service.msg_claim_line_appraisal',
                            claim=claim.rec_name, line=line.rec_name))
        cls._stamp(claims, 'appraised')

    @classmethod
    @ModelView.button
    def decide(cls, claims):
        "Approve, partly approve or reject after HQ's approved quantities"
        approved, partial, rejected = [], [], []
        for claim in claims:
            quantities = [(l.quantity, l.approved_quantity or 0)
                for l in claim.lines]
            if all(a >= q for q, a in quantities):
                approved.append(claim)
            elif not any(a for _, a in quantities):
                rejected.append(claim)
            else:
                partial.append(claim)
        if approved:
            cls.approve(approved)
        if partial:
            cls.approve_partially(partial)
        if rejected:
            cls.reject(rejected)
        cls._stamp(claims, 'decided')

    @classmethod
    @Workflow.transition('approved')
    def approve(cls, claims):
        pass

    @classmethod
    @Workflow.transition('partially_approved')
    def approve_partially(cls, claims):
        pass

    @classmethod
    @Workflow.transition('rejected')
    def reject(cls, claims):
        pass


class WarrantyClaimOrder(ClientGuardMixin, ModelSQL):
    "Warranty Claim - Service Order"
    __name__ = 'station.warranty.claim-station.service.order'

    claim = fields.Many2One(
        'station.warranty.claim', "Claim", required=True, ondelete='CASCADE')
    order = fields.Many2One(
        'station.service.order', "Order", required=True,
        ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('claim')


class WarrantyClaimLine(ClientGuardMixin, ModelSQL, ModelView):
    "Warranty Claim Line"
    __name__ = 'station.warranty.claim.line'
    _states = {
        'readonly': Eval('claim_state') != 'draft',
        }
    _hq_states = {
        'readonly': Eval('claim_state') != 'submitted',
        }

    claim = fields.Many2One(
        'station.warranty.claim', "Claim", required=True, ondelete='CASCADE',
        states=_states)
    order = fields.Many2One(
        'station.service.order', "Service Order", ondelete='RESTRICT',
        states=_states)
    order_line = fields.Many2One(
        'station.service.order.line', "Order Line", readonly=True,
        ondelete='RESTRICT')
    product = fields.Many2One(
        'product.product', "Part", required=True, ondelete='RESTRICT',
        domain=[('type', '=', 'goods')], states=_states)
    part_code = fields.Function(
        fields.Char("Part Code"), 'on_change_with_part_code')
    part_name = fields.Function(
        fields.Char("Part Name"), 'on_change_with_part_name')
    quantity = fields.Float(
        "Quantity", required=True, states=_states,
        domain=[('quantity', '>', 0)])
    missing_part = fields.Boolean(
        "Missing Part", states=_states,
        help="The faulty part is not returned with the claim (差缺件).")
    non_original = fields.Boolean(
        "Non-Original Part", states=_states,
        help="The faulty part is not an original part (非原厂件).")
    unit_price = fields.Numeric(
        "HQ Price", digits=price_digits, readonly=True)
    appraisal = fields.Selection([
            (None, ""),
            ('accepted', "Accepted"),
            ('not_covered', "Not Covered by Warranty"),
            ('missing', "Part Missing"),
            ('non_original', "Non-Original Part"),
            ('no_fault', "No Fault Found"),
            ], "Appraisal", states=_hq_states,
        help="HQ's appraisal of the returned part (鉴定).")
    approved_quantity = fields.Float(
        "Approved Quantity", states=_hq_states,
        domain=['OR',
            ('approved_quantity', '=', None),
            [('approved_quantity', '>=', 0),
                ('approved_quantity', '<=', Eval('quantity', 0))],
            ])
    amount_claimed = fields.Function(fields.Numeric(
            "Claimed", digits=AMOUNT_DIGITS), 'get_amount')
    amount_approved = fields.Function(fields.Numeric(
            "Approved", digits=AMOUNT_DIGITS), 'get_amount')
    claim_state = fields.Function(
        fields.Selection('get_claim_states', "Claim State"),
        'on_change_with_claim_state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('claim')
        t = cls.__table__()
        cls._sql_constraints += [
            # R14: an order line is claimed (and reimbursed) once
            ('order_line_unique', Unique(t, t.order_line),
                'station_service.msg_claim_line_order_line_unique'),
            ]

    @classmethod
    def default_missing_part(cls):
        return False

    @classmethod
    def default_non_original(cls):
        return False

    @classmethod
    def get_claim_states(cls):
        pool = Pool()
        Claim = pool.get('station.warranty.claim')
        return Claim.fields_get(['state'])['state']['selection']

    @fields.depends('claim', '_parent_claim.state')
    def on_change_with_claim_state(self, name=None):
        if self.claim:
            return self.claim.state

    @fields.depends('product')
    def on_change_with_part_code(self, name=None):
        if self.product:
            return self.product.code

    @fields.depends('product')
    def on_change_with_part_name(self, name=None):
        if self.product:
            return self.product.name

    def get_amount(self, name):
        price = self.unit_price or ZERO
        if name == 'amount_claimed':
            quantity = self.quantity or 0
        else:
            quantity = self.approved_quantity or 0
        return _round(Decimal(str(quantity)) * price)

    def get_rec_name(self, name):
        return '%s × %s' % (self.product.rec_name, self.quantity)

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Product = pool.get('product.product')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and values.get('product'):
            # R14: the reimbursement is valued at HQ's price
            values['unit_price'] = round_price(
                Product(values['product']).list_price_used or 0)
        return values

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        hq_fields = {'appraisal', 'approved_quantity'}
        for line in lines:
            if mode == 'write' and values and values.keys() <= hq_fields:
                allowed = line.claim.state == 'submitted'
            else:
                allowed = line.claim.state == 'draft'
            if not allowed:
                raise WarrantyClaimError(gettext(
                        'station_service.msg_claim_line_modify',
                        claim=line.claim.rec_name))
