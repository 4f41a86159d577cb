# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Fixtures for the scenarios of station_service"
import datetime as dt
from decimal import Decimal

from proteus import Model

__all__ = ['create_service_products', 'add_stock']


def create_service_products(config=None):
    """Create HQ's products: a TV (12 months warranty), a main board part
    and an hour of repair labour; return them in a dict"""
    Uom = Model.get('product.uom', config=config)
    Template = Model.get('product.template', config=config)
    unit, = Uom.find([('name', '=', 'Unit')])
    hour, = Uom.find([('name', '=', 'Hour')])

    def create(name, type, price, uom, code=None, months=None):
        template = Template(name=name, type=type, default_uom=uom,
            list_price=Decimal(price), warranty_months=months)
        if code:
            template.code = code
        template.save()
        return template.products[0]
    return {
        'tv': create("TV 55", 'goods', '3999', unit, 'TV55', 12),
        'board': create("Main Board", 'goods', '300', unit, 'MB01'),
        'labour': create("Repair Labour", 'service', '50', hour),
        }


def add_stock(station, product, quantity, config=None):
    "Receive quantity of product into the station's storage from a supplier"
    Location = Model.get('stock.location', config=config)
    Move = Model.get('stock.move', config=config)
    Company = Model.get('company.company', config=config)
    company, = Company.find()
    supplier, = Location.find([('code', '=', 'SUP')])
    move = Move(product=product, quantity=quantity, unit=product.default_uom,
        from_location=supplier,
        to_location=station.warehouse.storage_location,
        unit_price=Decimal('1'), currency=company.currency,
        effective_date=dt.date.today())
    move.save()
    move.click('do')
    return move
