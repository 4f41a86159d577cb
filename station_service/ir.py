# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.extend([
                ('station.complaint|escalate_late',
                    "Escalate Late Complaints"),
                ('station.customer.visit|plan_key_customers',
                    "Plan Return Visits to Key Customers"),
                ])
