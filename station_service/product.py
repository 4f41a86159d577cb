# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import fields
from trytond.pool import PoolMeta


class Template(metaclass=PoolMeta):
    __name__ = 'product.template'

    warranty_months = fields.Integer(
        "Warranty Months",
        domain=['OR',
            ('warranty_months', '=', None),
            ('warranty_months', '>=', 0),
            ],
        help="The warranty period from the purchase date (三包).")


class Product(metaclass=PoolMeta):
    "Product variants show the template's warranty period too"
    __name__ = 'product.product'
