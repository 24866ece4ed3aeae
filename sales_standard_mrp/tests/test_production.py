# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestProductionMilestone(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="ss_mrp_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Volga Pumps", "is_company": True}
        )
        mto = cls.env.ref("stock.route_warehouse0_mto")
        mto.active = True
        manufacture = cls.env.ref("mrp.route_warehouse0_manufacture")
        cls.pump = cls.env["product.product"].create(
            {
                "name": "Pump CP-100 made to order",
                "is_storable": True,
                "route_ids": [(6, 0, [mto.id, manufacture.id])],
            }
        )
        cls.stock_pump = cls.env["product.product"].create(
            {"name": "Pump from stock", "type": "consu"}
        )
        component = cls.env["product.product"].create(
            {"name": "Impeller", "type": "consu"}
        )
        cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.pump.product_tmpl_id.id,
                "bom_line_ids": [
                    (0, 0, {"product_id": component.id, "product_qty": 1})
                ],
            }
        )

    def _order(self, product):
        return (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.client.id,
                    "order_line": [
                        (0, 0, {"product_id": product.id, "product_uom_qty": 2})
                    ],
                }
            )
        )

    def _milestones(self, order):
        return self.env["sales.contact.log"].search(
            [("sale_order_id", "=", order.id), ("milestone", "=", "production")]
        )

    def test_manufacturing_order_for_the_order_is_the_production_request(self):
        order = self._order(self.pump)
        order.action_confirm()
        self.assertEqual(order.mrp_production_count, 1)
        production = self._milestones(order)
        self.assertEqual(len(production), 1)
        self.assertEqual(production.user_id, self.salesman)
        self.assertTrue(order.sales_production_logged, "the button is hidden")
        # Handing it over by hand again adds nothing.
        order.with_user(self.salesman).action_sales_production_handover()
        self.assertEqual(len(self._milestones(order)), 1)

    def test_order_from_stock_waits_for_the_button(self):
        order = self._order(self.stock_pump)
        order.action_confirm()
        self.assertFalse(self._milestones(order))
        order.with_user(self.salesman).action_sales_production_handover()
        self.assertEqual(len(self._milestones(order)), 1)
