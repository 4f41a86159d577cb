# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"R18: serious or repeated faults reported to HQ quickly"
import datetime

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from addons.station.approval import DecisionLogMixin
from addons.station.model import StationMixin

from .exceptions import QualityReportError


class QualityReport(
        StationMixin, DecisionLogMixin, Workflow, ModelSQL, ModelView):
    "Quality Information"
    __name__ = 'station.quality.report'
    _logged_buttons = {'acknowledge'}
    _button_requires = {'acknowledge': ['hq_answer']}
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    date = fields.Date("Date", required=True, states=_states)
    product = fields.Many2One(
        'product.product', "Product", required=True, ondelete='RESTRICT',
        states=_states)
    severity = fields.Selection([
            ('serious', "Serious Fault"),
            ('repeated', "Repeated Fault"),
            ('safety', "Safety Hazard"),
            ], "Severity", required=True, states=_states)
    order = fields.Many2One(
        'station.service.order', "Service Order", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states=_states)
    cases = fields.Integer(
        "Cases", required=True, states=_states,
        domain=[('cases', '>', 0)],
        help="How many products showed the fault.")
    description = fields.Text("Fault", required=True, states=_states)
    hq_answer = fields.Text("HQ Answer", states={
            'readonly': Eval('state') != 'sent',
            'invisible': Eval('state') == 'draft',
            })
    sent_by = fields.Many2One(
        'res.user', "Sent By", readonly=True, ondelete='RESTRICT')
    sent_at = fields.Timestamp("Sent At", readonly=True)
    acknowledged_by = fields.Many2One(
        'res.user', "Acknowledged By", readonly=True, ondelete='RESTRICT')
    acknowledged_at = fields.Timestamp("Acknowledged At", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('sent', "Sent to HQ"),
            ('acknowledged', "Acknowledged"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._states
        cls._order = [('date', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {
            ('draft', 'sent'),
            ('sent', 'acknowledged'),
            }
        cls._buttons.update({
                'send': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'acknowledge': {
                    'invisible': Eval('state') != 'sent',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_cases(cls):
        return 1

    @classmethod
    def default_severity(cls):
        return 'serious'

    @fields.depends('order')
    def on_change_order(self):
        if self.order and self.order.product:
            self.product = self.order.product
            self.description = self.order.diagnosis or self.order.symptom
            if self.order.repeat_of:
                self.severity = 'repeated'

    def get_rec_name(self, name):
        return '%s %s' % (
            self.product.rec_name if self.product else '', self.date or '')

    @classmethod
    def check_modification(cls, mode, reports, values=None, external=False):
        super().check_modification(
            mode, reports, values=values, external=external)
        if mode == 'delete':
            for report in reports:
                if report.state != 'draft':
                    raise QualityReportError(gettext(
                            'station_service.msg_quality_delete',
                            report=report.rec_name))

    @classmethod
    def _stamp(cls, reports, verb):
        cls.write(reports, {
                '%s_by' % verb: Transaction().user,
                '%s_at' % verb: datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('sent')
    def send(cls, reports):
        cls._stamp(reports, 'sent')

    @classmethod
    @ModelView.button
    @Workflow.transition('acknowledged')
    def acknowledge(cls, reports):
        for report in reports:
            if not (report.hq_answer or '').strip():
                raise QualityReportError(gettext(
                        'station_service.msg_quality_answer',
                        report=report.rec_name))
        cls._stamp(reports, 'acknowledged')
