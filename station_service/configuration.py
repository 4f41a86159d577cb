# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelSingleton, ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Id

from addons.station.guard import ClientGuardMixin


class Configuration(ClientGuardMixin, ModelSingleton, ModelSQL, ModelView):
    "Service Configuration"
    __name__ = 'station.service.configuration'
    # the service settings of the whole network, set by HQ
    _station_shared = True

    order_sequence = fields.Many2One(
        'ir.sequence', "Service Order Sequence", required=True,
        domain=[
            ('sequence_type', '=',
                Id('station_service', 'sequence_type_service_order')),
            ],
        help="Numbers the service orders; "
        "the station code is put in front.")
    complaint_sequence = fields.Many2One(
        'ir.sequence', "Complaint Sequence", required=True,
        domain=[
            ('sequence_type', '=',
                Id('station_service', 'sequence_type_complaint')),
            ])
    transfer_sequence = fields.Many2One(
        'ir.sequence', "Transfer Sequence", required=True,
        domain=[
            ('sequence_type', '=',
                Id('station_service', 'sequence_type_transfer')),
            ])
    complaint_answer_hours = fields.Integer(
        "First Answer (hours)", required=True,
        domain=[('complaint_answer_hours', '>', 0)],
        help="Time allowed for the first answer to a complaint.")
    complaint_resolution_hours = fields.Integer(
        "Resolution (hours)", required=True,
        domain=[('complaint_resolution_hours', '>', 0)],
        help="Time allowed to resolve a complaint.")
    callback_days = fields.Integer(
        "Call-back (days)", required=True,
        domain=[('callback_days', '>=', 0)],
        help="Days after delivery within which the customer is called back.")
    repair_days = fields.Integer(
        "Repair (days)", required=True,
        domain=[('repair_days', '>', 0)],
        help="An order not repaired this many days after intake is overdue.")
    visit_days = fields.Integer(
        "Key Customer Visits (days)", required=True,
        domain=[('visit_days', '>', 0)],
        help="A key customer is visited again after this many days.")
    low_score = fields.Integer(
        "Low Call-back Score", required=True,
        domain=[('low_score', '>=', 1), ('low_score', '<=', 5)],
        help="A call-back score at or below this opens a complaint.")

    @classmethod
    def default_order_sequence(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id(
                'station_service', 'sequence_service_order')
        except KeyError:
            return None

    @classmethod
    def default_complaint_sequence(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id('station_service', 'sequence_complaint')
        except KeyError:
            return None

    @classmethod
    def default_transfer_sequence(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id('station_service', 'sequence_transfer')
        except KeyError:
            return None

    @classmethod
    def default_complaint_answer_hours(cls):
        return 24

    @classmethod
    def default_complaint_resolution_hours(cls):
        return 72

    @classmethod
    def default_callback_days(cls):
        return 3

    @classmethod
    def default_repair_days(cls):
        return 7

    @classmethod
    def default_visit_days(cls):
        return 90

    @classmethod
    def default_low_score(cls):
        return 2
