# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Concurrent repairs on the last unit of a part (issue 14): real
transactions in threads on PostgreSQL, retried as trytond's dispatcher
retries them; exactly one takes the part, the others are refused with
"not enough stock", and the stock never goes below zero."""
import threading
import time
import unittest

from proteus import Model
from trytond import backend
from trytond.modules.company.tests.tools import create_company
from trytond.pool import Pool
from trytond.tests.test_tryton import drop_db
from trytond.tests.tools import activate_modules, set_user
from trytond.transaction import Transaction, TransactionError

from addons.station.tests.tools import create_station

from ..exceptions import PartStockError
from .tools import add_stock, create_service_products

CLIENTS = 8
ROUNDS = 3
RETRY = 5  # trytond's [database] retry default


@unittest.skipUnless(backend.name == 'postgresql',
    "concurrent transactions need PostgreSQL (SQLite has one writer)")
class LastUnitTestCase(unittest.TestCase):
    "Concurrent issues of the last unit of a part"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = activate_modules('station_service', create_company)
        cls.station = create_station('BJ', "Beijing Station")
        cls.storage_id = cls.station.warehouse.storage_location.id
        products = create_service_products()
        cls.board = products['board']
        cls.tv = products['tv']
        Party = Model.get('party.party')
        cls.customer = Party(name="Concurrent Customer")
        cls.customer.save()

    @classmethod
    def tearDownClass(cls):
        set_user(1)
        drop_db()
        super().tearDownClass()

    def accepted_orders(self, count):
        "count orders accepted by their customers, one board each"
        database = self.config.database_name
        with Transaction().start(database, 0) as transaction:
            pool = Pool()
            Order = pool.get('station.service.order')
            Line = pool.get('station.service.order.line')
            orders = Order.create([{
                        'station': self.station.id,
                        'customer': self.customer.id,
                        'product': self.tv.id,
                        'symptom': "No picture",
                        } for _ in range(count)])
            Line.create([{
                        'order': o.id, 'type': 'part',
                        'product': self.board.id, 'quantity': 1,
                        } for o in orders])
            # fixture: the quote workflow is covered by the scenarios
            Order.write(orders, {'state': 'accepted'})
            transaction.commit()
            return [o.id for o in orders]

    def stock(self):
        database = self.config.database_name
        with Transaction().start(database, 0, readonly=True):
            pool = Pool()
            Product = pool.get('product.product')
            with Transaction().set_context(locations=[self.storage_id]):
                return Product(self.board.id).quantity

    def start_repair(self, order_id, barrier, results):
        "One client pressing Start Repair, retried as the dispatcher does"
        database = self.config.database_name
        extras, count, first = {}, 0, True
        while True:
            if count:
                time.sleep(0.02 * count)
            with Transaction().start(database, 0, **extras) as transaction:
                try:
                    pool = Pool()
                    Order = pool.get('station.service.order')
                    order = Order(order_id)
                    order.state  # the snapshot is taken
                    if first:
                        first = False
                        barrier.wait(timeout=60)
                    Order.start_repair([order])
                    transaction.commit()
                    results.append('issued')
                    return
                except TransactionError as e:
                    transaction.rollback()
                    e.fix(extras)
                    continue
                except backend.DatabaseOperationalError:
                    transaction.rollback()
                    if count < RETRY:
                        count += 1
                        continue
                    results.append('503')
                    return
                except PartStockError:
                    transaction.rollback()
                    results.append('refused')
                    return
                except Exception as exc:
                    transaction.rollback()
                    results.append(repr(exc))
                    return

    def test_last_unit(self):
        "8 clients start the repair that needs the last board at once"
        for round_ in range(ROUNDS):
            with self.subTest(round=round_):
                set_user(1)
                add_stock(self.station, self.board, 1)
                self.assertEqual(self.stock(), 1)
                order_ids = self.accepted_orders(CLIENTS)
                barrier = threading.Barrier(CLIENTS)
                results = []
                threads = [threading.Thread(
                        target=self.start_repair,
                        args=(order_id, barrier, results))
                    for order_id in order_ids]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=120)
                self.assertFalse(any(t.is_alive() for t in threads))
                self.assertEqual(sorted(results),
                    ['issued'] + ['refused'] * (CLIENTS - 1))
                self.assertEqual(self.stock(), 0)
