# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelSingleton, ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Id

from addons.station.guard import ClientGuardMixin


class Configuration(ClientGuardMixin, ModelSingleton, ModelSQL, ModelView):
    __name__ = 'station.governance.configuration'

    agreement_sequence = fields.Many2One(
        'ir.sequence', "Agreement Sequence", required=True,
        domain=[
            ('sequence_type', '=',
                Id('station_governance', 'sequence_type_agreement')),
            ],
        help="Used to number station agreements.")
    circular_sequence = fields.Many2One(
        'ir.sequence', "Circular Sequence", required=True,
        domain=[
            ('sequence_type', '=',
                Id('station_governance', 'sequence_type_circular')),
            ],
        help="Used to number HQ circulars.")
    agreement_expiry_days = fields.Integer(
        "Agreement Expiry Warning", required=True,
        domain=[('agreement_expiry_days', '>=', 0)],
        help="Number of days before the end of an agreement "
        "from which HQ is warned.")
    escalation_overdue_days = fields.Integer(
        "Escalation Answer Delay", required=True,
        domain=[('escalation_overdue_days', '>=', 0)],
        help="Number of days after which an unanswered escalation "
        "is overdue.")

    @classmethod
    def default_agreement_sequence(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id(
                'station_governance', 'sequence_agreement')
        except KeyError:
            return None

    @classmethod
    def default_circular_sequence(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id('station_governance', 'sequence_circular')
        except KeyError:
            return None

    @classmethod
    def default_agreement_expiry_days(cls):
        return 30

    @classmethod
    def default_escalation_overdue_days(cls):
        return 2
