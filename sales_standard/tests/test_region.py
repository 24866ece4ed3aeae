# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged, users, warmup

from .common import SalesStandardCase

# The same for any number of clients and orders: the user's partner, the
# portfolio's grouped read, the region's company, its currency and that
# currency's rounding (for the amounts), the ranking's search and its read.
PORTFOLIO_BUDGET = 7


@tagged("post_install", "-at_install", "is_query_count")
@freeze_time("2026-06-15")
class TestRegionPassport(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        country = env.ref("base.ru")
        cls.oblast_a, cls.oblast_b, cls.oblast_c = env["res.country.state"].create(
            [
                {
                    "name": f"Test oblast {code}",
                    "code": f"XX{code}",
                    "country_id": country.id,
                }
                for code in "ABC"
            ]
        )
        cls.region.write(
            {"country_id": country.id, "state_ids": [(6, 0, cls.oblast_a.ids)]}
        )
        cls.region_b = env["sales.region"].create(
            {"name": "Test Region B", "state_ids": [(6, 0, cls.oblast_b.ids)]}
        )
        cls.oil, cls.metal = env["res.partner.industry"].create(
            [{"name": "Oil"}, {"name": "Metal"}]
        )
        cls.product = env["product.product"].create(
            {"name": "Pump", "list_price": 100.0}
        )

    def _client(self, name, client_type, industry, region=None):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "client_type": client_type,
                "industry_id": industry.id,
                "sales_region_id": (region or self.region).id,
            }
        )

    def _order(self, client, amount, date, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": client.id,
                "commitment_date": f"{date} 10:00:00",
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "price_unit": amount,
                            "tax_id": False,
                        },
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def _opportunity(self, client, revenue, probability, deadline, **values):
        return self.env["crm.lead"].create(
            {
                "name": f"Deal {client.name}",
                "type": "opportunity",
                "partner_id": client.id,
                "expected_revenue": revenue,
                "probability": probability,
                "date_deadline": deadline,
                **values,
            }
        )

    def test_region_comes_from_the_address_and_can_be_overridden(self):
        partner = self.env["res.partner"].create(
            {"name": "Samara Gears", "is_company": True, "state_id": self.oblast_a.id}
        )
        self.assertEqual(partner.sales_region_id, self.region)
        partner.sales_region_id = self.region_b
        partner.write({"city": "Samara"})
        self.assertEqual(partner.sales_region_id, self.region_b, "the override stays")
        partner.state_id = self.oblast_b
        self.assertEqual(partner.sales_region_id, self.region_b)
        with Form(partner.with_user(self.salesman)) as form:
            form.state_id = self.oblast_a
            self.assertEqual(form.sales_region_id, self.region)
        # An accountant editing the address is not refused for that.
        accounting = self.env["res.partner"].with_user(self.accountant)
        other = accounting.create({"name": "Kazan Tubes", "state_id": self.oblast_a.id})
        self.assertEqual(other.sudo().sales_region_id, self.region)

    def test_a_state_belongs_to_one_region(self):
        with self.assertRaisesRegex(ValidationError, "already belongs to the region"):
            self.region_b.state_ids = [(4, self.oblast_a.id)]

    def test_portfolio_against_hand_computed_sums(self):
        end = self._client("End One", "end_consumer", self.oil)
        inter = self._client("Inter One", "intermediate_consumer", self.metal)
        dealer = self._client("Dealer One", "dealer", self.oil)
        elsewhere = self._client("Far Away", "end_consumer", self.oil, self.region_b)
        self._order(end, 1000, "2026-03-01")
        self._order(end, 500, "2026-11-30")
        self._order(inter, 700, "2026-09-01")
        self._order(dealer, 300, "2026-02-01")
        self._order(end, 2000, "2027-04-01")  # next year
        self._order(end, 9999, "2025-12-31")  # last year: not counted
        self._order(inter, 8888, "2026-05-01", confirm=False)  # quotation
        self._order(elsewhere, 7777, "2026-05-01")  # another region
        self._opportunity(end, 10000, 30, "2027-03-01")  # 3000 weighted
        self._opportunity(inter, 4000, 50, "2027-01-10")  # 2000 weighted
        self._opportunity(inter, 5000, 50, "2026-12-01")  # this year: not counted
        lost = self._opportunity(dealer, 6000, 40, "2027-02-01")
        lost.action_set_lost()
        self.env.flush_all()

        # The regional manager sees the whole region's portfolio ...
        region = self.region.with_user(self.regional)
        self.assertAlmostEqual(region.portfolio_current, 1000 + 500 + 700 + 300)
        self.assertAlmostEqual(region.portfolio_current_end, 1500)
        self.assertAlmostEqual(region.portfolio_current_intermediate, 700)
        self.assertAlmostEqual(region.portfolio_next, 2000 + 3000 + 2000)
        self.assertAlmostEqual(region.portfolio_next_end, 5000)
        self.assertAlmostEqual(region.portfolio_next_intermediate, 2000)
        # ... a salesperson only their own orders and opportunities.
        self.assertFalse(self.region.with_user(self.salesman).portfolio_current)
        groups = (
            self.env["sales.region.portfolio"]
            .with_user(self.regional)
            ._read_group(
                [("region_id", "=", self.region.id)],
                ["period", "industry_id"],
                ["amount:sum"],
            )
        )
        self.assertEqual(
            {(period, industry.name): amount for period, industry, amount in groups},
            {
                ("current", "Oil"): 1800.0,
                ("current", "Metal"): 700.0,
                ("next", "Oil"): 5000.0,
                ("next", "Metal"): 2000.0,
            },
        )

    def test_industry_ranking(self):
        oil_1 = self._client("Oil One", "end_consumer", self.oil)
        self._client("Oil Two", "dealer", self.oil)
        metal = self._client("Metal One", "end_consumer", self.metal)
        self._order(metal, 5000, "2026-05-01")
        self._order(oil_1, 1000, "2026-05-01")
        self.log(partner_id=oil_1.id)
        self.log(partner_id=oil_1.id, topic="Second")
        self.log(partner_id=metal.id)
        self.env.flush_all()
        # (The clients of the base test data have no industry.)
        ranking = self.region.with_user(self.regional).industry_rank_ids.filtered(
            "industry_id"
        )
        self.assertEqual(ranking.industry_id, self.metal | self.oil, "metal first")
        self.assertEqual(ranking[0].industry_id, self.metal)
        self.assertEqual(
            [(r.client_count, r.order_amount, r.contact_count) for r in ranking],
            [(1, 5000.0, 1), (2, 1000.0, 2)],
        )

    def test_regional_manager_edits_only_own_regions(self):
        self.region.with_user(self.regional).economic_info = "<p>Oil and gas lead.</p>"
        with self.assertRaises(AccessError):
            self.region_b.with_user(self.regional).economic_info = "<p>Nope</p>"
        self.assertTrue(self.region_b.with_user(self.regional).name)
        with self.assertRaises(AccessError):
            self.region.with_user(self.salesman).economic_info = "<p>Nope</p>"
        self.region_b.with_user(self.sales_admin).economic_info = "<p>Metals.</p>"

    def test_region_passport_prints(self):
        client = self._client("Print One", "end_consumer", self.oil)
        self._order(client, 1234, "2026-05-01")
        self.region.geopolitical_info = "<p>Stable <script>alert(1)</script></p>"
        report = self.env.ref("sales_standard.action_report_region_passport")
        html, _type = report.with_user(self.salesman)._render_qweb_html(
            report.report_name, self.region.ids
        )
        html = html.decode()
        self.assertIn("Region passport (Form 2.3)", html)
        self.assertIn("1,234.00", html)
        self.assertNotIn("<script>alert(1)", html)
        self.render_pdf(report, self.region)

    @users("ss_regional")
    @warmup
    def test_portfolio_query_budget(self):
        """The region's figures cost the same queries for 10 clients with an
        order, a deal and a contact each as for 1,000."""
        for size in (10, 1000):
            with self.subTest(clients=size):
                self.env.invalidate_all()
                region = (
                    self.env["sales.region"]
                    .sudo()
                    .create({"name": f"Budget {size}", "manager_id": self.env.uid})
                    .sudo(False)
                )
                clients = (
                    self.env["res.partner"]
                    .sudo()
                    .create(
                        [
                            {
                                "name": f"Budget client {size}-{index}",
                                "is_company": True,
                                "client_type": "end_consumer",
                                "industry_id": (
                                    self.oil if index % 2 else self.metal
                                ).id,
                                "sales_region_id": region.id,
                            }
                            for index in range(size)
                        ]
                    )
                )
                self.assertEqual(len(clients), size)
                # Each client: a confirmed order, this year's (odd clients)
                # or next year's (even ones), of another salesperson; an
                # opportunity for next year; a contact.
                orders = (
                    self.env["sale.order"]
                    .sudo()
                    .create(
                        [
                            {
                                "partner_id": client.id,
                                "user_id": self.salesman.id,
                                "commitment_date": "2026-09-01 10:00:00"
                                if index % 2
                                else "2027-03-01 10:00:00",
                                "order_line": [
                                    (
                                        0,
                                        0,
                                        {
                                            "product_id": self.product.id,
                                            "price_unit": 100.0 + index,
                                            "tax_id": False,
                                        },
                                    )
                                ],
                            }
                            for index, client in enumerate(clients)
                        ]
                    )
                )
                orders.action_confirm()
                self.env["crm.lead"].sudo().create(
                    [
                        {
                            "name": f"Deal {client.name}",
                            "type": "opportunity",
                            "partner_id": client.id,
                            "user_id": self.salesman.id,
                            "expected_revenue": 1000.0,
                            "probability": 50,
                            "date_deadline": "2027-02-01",
                        }
                        for client in clients
                    ]
                )
                self.env["sales.contact.log"].sudo().create(
                    [
                        {
                            "partner_id": client.id,
                            "user_id": self.salesman.id,
                            "topic": "Budget call",
                        }
                        for client in clients
                    ]
                )
                this_year = sum(100.0 + index for index in range(1, size, 2))
                next_year = sum(100.0 + index for index in range(0, size, 2))
                self.env.flush_all()
                self.env.invalidate_all()
                with self.assertQueryCount(PORTFOLIO_BUDGET):
                    self.assertAlmostEqual(region.portfolio_current, this_year)
                    self.assertAlmostEqual(
                        region.portfolio_next, next_year + 500.0 * size
                    )
                    ranking = region.industry_rank_ids
                    self.assertEqual(sum(ranking.mapped("client_count")), size)
                    self.assertAlmostEqual(
                        sum(ranking.mapped("order_amount")), this_year + next_year
                    )
                    self.assertEqual(sum(ranking.mapped("contact_count")), size)
