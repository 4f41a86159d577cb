# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from addons.station.model import StationMixin

from .exceptions import ComplaintError


class Complaint(StationMixin, Workflow, ModelSQL, ModelView):
    "Complaint"
    __name__ = 'station.complaint'
    _button_requires = {'answer': ['first_answer'], 'resolve': ['resolution']}
    _station_date_field = 'received_at'
    _rec_name = 'number'
    _open_states = {
        'readonly': Eval('state') != 'open',
        }

    number = fields.Char("Number", readonly=True)
    origin = fields.Selection([
            ('customer', "Customer"),
            ('dealer', "Dealer"),
            ('callback', "Call-back"),
            ], "Origin", required=True, states=_open_states)
    customer = fields.Many2One(
        'party.party', "Customer", ondelete='RESTRICT', states=_open_states)
    dealer = fields.Many2One(
        'party.party', "Dealer", ondelete='RESTRICT',
        states={
            'readonly': Eval('state') != 'open',
            'invisible': Eval('origin') != 'dealer',
            })
    order = fields.Many2One(
        'station.service.order', "Service Order", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states=_open_states)
    category = fields.Selection([
            ('service', "Service Attitude"),
            ('quality', "Repair Quality"),
            ('delay', "Delay"),
            ('price', "Price"),
            ('product', "Product Quality"),
            ('other', "Other"),
            ], "Category", required=True, states=_open_states)
    description = fields.Text("Description", required=True,
        states=_open_states)
    assignee = fields.Many2One(
        'company.employee', "Assignee", ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ],
        states={
            'readonly': Eval('state').in_(['resolved', 'closed']),
            })
    # R15: the clock of a complaint is the server's
    received_at = fields.DateTime("Received At", required=True, readonly=True)
    answer_deadline = fields.DateTime("First Answer Deadline", readonly=True)
    resolution_deadline = fields.DateTime(
        "Resolution Deadline", readonly=True)
    first_answer = fields.Text("First Answer", states={
            'readonly': Eval('state') != 'open',
            })
    answered_by = fields.Many2One(
        'res.user', "Answered By", readonly=True, ondelete='RESTRICT')
    answered_at = fields.DateTime("Answered At", readonly=True)
    resolution = fields.Text("Resolution", states={
            'readonly': ~Eval('state').in_(['open', 'answered']),
            'invisible': Eval('state') == 'open',
            })
    responsible = fields.Many2One(
        'company.employee', "Responsible", ondelete='RESTRICT',
        states={
            'readonly': ~Eval('state').in_(['open', 'answered']),
            'invisible': Eval('state') == 'open',
            },
        help="Who is accountable for the cause of the complaint.")
    resolved_by = fields.Many2One(
        'res.user', "Resolved By", readonly=True, ondelete='RESTRICT')
    resolved_at = fields.DateTime("Resolved At", readonly=True)
    closed_by = fields.Many2One(
        'res.user', "Closed By", readonly=True, ondelete='RESTRICT')
    closed_at = fields.DateTime("Closed At", readonly=True)
    escalated = fields.Boolean(
        "Escalated", readonly=True,
        help="Late complaints are escalated to HQ automatically (R15).")
    escalated_at = fields.DateTime("Escalated At", readonly=True)
    late = fields.Function(fields.Boolean("Late"), 'get_late')
    state = fields.Selection([
            ('open', "Open"),
            ('answered', "Answered"),
            ('resolved', "Resolved"),
            ('closed', "Closed"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.station.states = cls._open_states
        cls._order = [('received_at', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {
            ('open', 'answered'),
            ('answered', 'resolved'),
            ('resolved', 'closed'),
            ('resolved', 'answered'),
            }
        cls._buttons.update({
                'answer': {
                    'invisible': Eval('state') != 'open',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'resolve': {
                    'invisible': Eval('state') != 'answered',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reopen': {
                    'invisible': Eval('state') != 'resolved',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'resolved',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_origin(cls):
        return 'customer'

    @classmethod
    def default_category(cls):
        return 'service'

    @classmethod
    def default_received_at(cls):
        return datetime.datetime.now()

    @classmethod
    def default_state(cls):
        return 'open'

    @classmethod
    def default_escalated(cls):
        return False

    def get_rec_name(self, name):
        return self.number or '(%s)' % self.id

    def get_late(self, name):
        now = datetime.datetime.now()
        if self.state == 'open' and self.answer_deadline:
            if self.answer_deadline < now:
                return True
        if self.state in {'open', 'answered'} and self.resolution_deadline:
            return self.resolution_deadline < now
        return False

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('station.service.configuration')
        Station = pool.get('station.station')
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            config = Configuration(1)
            # a client cannot send it (readonly): server code may
            received = values.get('received_at') or datetime.datetime.now()
            values['received_at'] = received
            values['answer_deadline'] = received + datetime.timedelta(
                hours=config.complaint_answer_hours)
            values['resolution_deadline'] = received + datetime.timedelta(
                hours=config.complaint_resolution_hours)
            if not values.get('number') and values.get('station'):
                station = Station(values['station'])
                values['number'] = '%s-C%s' % (
                    station.code, config.complaint_sequence.get())
        return values

    @classmethod
    def check_modification(cls, mode, complaints, values=None,
            external=False):
        super().check_modification(
            mode, complaints, values=values, external=external)
        if mode == 'delete':
            for complaint in complaints:
                if complaint.state != 'open' or complaint.escalated:
                    raise ComplaintError(gettext(
                            'station_service.msg_complaint_delete',
                            complaint=complaint.rec_name))

    @classmethod
    def _stamp(cls, complaints, verb):
        cls.write(complaints, {
                '%s_by' % verb: Transaction().user,
                '%s_at' % verb: datetime.datetime.now(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('answered')
    def answer(cls, complaints):
        for complaint in complaints:
            if not (complaint.first_answer or '').strip():
                raise ComplaintError(gettext(
                        'station_service.msg_complaint_answer_required',
                        complaint=complaint.rec_name))
        cls._stamp(complaints, 'answered')

    @classmethod
    @ModelView.button
    @Workflow.transition('resolved')
    def resolve(cls, complaints):
        for complaint in complaints:
            if not (complaint.resolution or '').strip():
                raise ComplaintError(gettext(
                        'station_service.msg_complaint_resolution_required',
                        complaint=complaint.rec_name))
        cls._stamp(complaints, 'resolved')

    @classmethod
    @ModelView.button
    @Workflow.transition('answered')
    def reopen(cls, complaints):
        cls.write(complaints, {'resolved_by': None, 'resolved_at': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, complaints):
        cls._stamp(complaints, 'closed')

    @classmethod
    def escalate_late(cls):
        "Escalate to HQ the complaints answered or resolved too late (R15)"
        now = datetime.datetime.now()
        late = cls.search([
                ('escalated', '=', False),
                ['OR',
                    [('state', '=', 'open'),
                        ('answer_deadline', '<', now)],
                    [('state', 'in', ['open', 'answered']),
                        ('resolution_deadline', '<', now)],
                    ],
                ])
        if late:
            cls.write(late, {'escalated': True, 'escalated_at': now})
        return late
