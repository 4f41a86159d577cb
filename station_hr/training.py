# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Training and onboarding records (R58)"
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval

from addons.station.model import StationMixin


class Training(StationMixin, ModelSQL, ModelView):
    "Training Record"
    __name__ = 'station.training'

    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT',
        domain=[
            ('station', '=', Eval('station', -1)),
            ])
    type = fields.Selection([
            ('onboarding', "Onboarding"),
            ('training', "Training"),
            ], "Type", required=True)
    topic = fields.Char("Topic", required=True)
    date = fields.Date("Date", required=True)
    hours = fields.Float(
        "Hours", required=True, domain=[('hours', '>', 0)])
    trainer = fields.Char(
        "Trainer", help="Who gave the training: a colleague, HQ, a maker.")
    result = fields.Selection([
            (None, ""),
            ('passed', "Passed"),
            ('failed', "Failed"),
            ], "Result")
    notes = fields.Text("Notes")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))

    @classmethod
    def default_type(cls):
        return 'training'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        return '%s: %s (%s)' % (self.employee.rec_name, self.topic, self.date)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('employee.rec_name', operator, operand, *extra),
            ('topic', operator, operand, *extra),
            ]
