# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tools.misc import file_open

from .common import SalesStandardCase

# Wednesday 1 April 2026, mid-morning to evening from Kaliningrad (UTC+2) to
# Kamchatka (UTC+12): the same day for a salesperson anywhere in Russia.
NOW = "2026-04-01 08:00:00"


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestClientList(SalesStandardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oil = cls.env["res.partner.industry"].create({"name": "Oil"})
        cls.client.industry_id = cls.oil
        cls.oil_2 = cls.env["res.partner"].create(
            {
                "name": "Samara Oil",
                "is_company": True,
                "industry_id": cls.oil.id,
                "sales_region_id": cls.region.id,
            }
        )
        cls.lists = cls.env["sales.client.list"].with_user(cls.regional)

    def _new_list(self, **values):
        lists = self.lists.sudo() if "user_id" in values else self.lists
        return lists.create(
            {"region_id": self.region.id, "industry_id": self.oil.id, **values}
        )

    def test_fill_from_region_and_industry(self):
        client_list = self._new_list()
        self.assertEqual(client_list.name, "Volga / Oil")
        client_list.action_fill()
        self.assertEqual(client_list.line_ids.partner_id, self.client | self.oil_2)
        self.assertNotIn(self.person, client_list.line_ids.partner_id)
        client_list.action_fill()
        self.assertEqual(len(client_list.line_ids), 2, "no client twice")

    def test_contact_entered_on_a_line_is_logged_once(self):
        client_list = self._new_list()
        client_list.action_fill()
        line = client_list.line_ids.filtered(lambda ln: ln.partner_id == self.client)
        line.write({"topic": "Offer for pumps"})
        line.write(
            {
                "contact_date": "2026-04-01",
                "contact_form": "call_out",
                "result": "Interested",
                "next_step": "Send the price list",
                "next_contact_date": "2026-04-08",
            }
        )
        logs = self.env["sales.contact.log"].search(
            [("partner_id", "=", self.client.id)]
        )
        self.assertEqual(len(logs), 1)
        self.assertEqual(line.log_id, logs)
        self.assertEqual(logs.topic, "Offer for pumps")
        self.assertEqual(logs.user_id, self.regional)
        self.assertEqual(logs.client_list_line_id, line)
        self.assertEqual(self.client.next_contact_date, date(2026, 4, 8))
        # Correcting the line corrects the entry, and the other way round.
        line.result = "Very interested"
        self.assertEqual(logs.result, "Very interested")
        logs.next_step = "Send the price list and drawings"
        self.assertEqual(line.next_step, "Send the price list and drawings")
        self.assertEqual(
            self.env["sales.contact.log"].search_count(
                [("partner_id", "=", self.client.id)]
            ),
            1,
        )

    def test_last_contact_columns(self):
        self.log(topic="Old call", result="Call back in spring", date="2026-02-01")
        client_list = self._new_list()
        client_list.action_fill()
        line = client_list.line_ids.filtered(lambda ln: ln.partner_id == self.client)
        self.assertEqual(line.last_contact_date, date(2026, 2, 1))
        self.assertEqual(line.last_result, "Call back in spring")
        line.write({"result": "Agreed", "contact_date": "2026-04-01"})
        self.assertEqual(
            line.last_result, "Call back in spring", "its own is not 'last'"
        )

    def test_renewal_carries_the_last_contact_over(self):
        client_list = self._new_list()
        client_list.action_fill()
        line = client_list.line_ids.filtered(lambda ln: ln.partner_id == self.client)
        line.write(
            {
                "topic": "Offer",
                "contact_date": "2026-04-01",
                "result": "Asked for a visit",
                "next_step": "Visit the plant",
                "next_contact_date": "2026-04-20",
            }
        )
        untouched = client_list.line_ids - line
        untouched.write({"topic": "Introduction", "planned_date": "2026-04-05"})
        action = client_list.action_renew()
        renewed = self.env["sales.client.list"].browse(action["res_id"])
        self.assertEqual(client_list.state, "closed")
        self.assertEqual(renewed.state, "active")
        self.assertEqual(renewed.previous_list_id, client_list)
        self.assertEqual(client_list.next_list_id, renewed)
        new_line = renewed.line_ids.filtered(lambda ln: ln.partner_id == self.client)
        self.assertEqual(new_line.topic, "Visit the plant")
        self.assertEqual(new_line.planned_date, date(2026, 4, 20))
        self.assertFalse(new_line.log_id)
        other = renewed.line_ids - new_line
        self.assertEqual(other.topic, "Introduction")
        self.assertEqual(other.planned_date, date(2026, 4, 5))
        # The closed list stays readable but is no working form any more.
        self.assertEqual(line.result, "Asked for a visit")
        with self.assertRaisesRegex(UserError, "is closed"):
            client_list.action_fill()
        with self.assertRaisesRegex(UserError, "is closed"):
            untouched.write({"result": "Late entry", "contact_date": "2026-04-02"})

    def test_bad_input_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "give its region, an industry"):
            self.lists.create({})
        branch = self.env["res.company"].create({"name": "Branch"})
        foreign = self.env["res.partner"].create(
            {"name": "Branch Client", "is_company": True, "company_id": branch.id}
        )
        client_list = self._new_list()
        with self.assertRaises(UserError):
            self.env["sales.client.list.line"].with_user(self.regional).create(
                {"list_id": client_list.id, "partner_id": foreign.id}
            )

    def test_salespeople_work_their_own_lists(self):
        mine = self._new_list()
        theirs = self._new_list(user_id=self.salesman_2.id).sudo(False)
        lists = self.env["sales.client.list"]
        both = [("id", "in", (mine | theirs).ids)]
        self.assertEqual(lists.with_user(self.regional).search(both), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.regional).read(["name"])
        self.assertEqual(lists.with_user(self.sales_admin).search(both), mine | theirs)
        with self.assertRaises(AccessError):
            lists.with_user(self.accountant).search([])

    def test_client_list_prints_in_landscape_and_in_russian(self):
        client_list = self._new_list()
        client_list.action_fill()
        client_list.line_ids[:1].write(
            {"result": "Ждут КП", "contact_date": "2026-04-01"}
        )
        report = self.env.ref("sales_standard.action_report_client_list")
        self.assertEqual(report.paperformat_id.orientation, "Landscape")
        html = report._render_qweb_html(report.report_name, client_list.ids)[0].decode()
        self.assertIn("Client list (Form 2.3/4)", html)
        self.assertIn("Ждут КП", html)
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["sales_standard"], ["ru_RU"], overwrite=True
        )
        html_ru = (
            report.with_context(lang="ru_RU")
            ._render_qweb_html(report.report_name, client_list.ids)[0]
            .decode()
        )
        self.assertIn("Форма № 2.3/4", html_ru)
        self.render_pdf(report, client_list)

    def test_list_form_as_the_web_client(self):
        with Form(self.lists) as form:
            form.region_id = self.region
            form.industry_id = self.oil
        client_list = form.record
        client_list.action_fill()
        with Form(client_list) as form:
            with form.line_ids.edit(0) as line:
                line.contact_date = date(2026, 4, 1)
                line.result = "Sent the offer"
                line.next_contact_date = date(2026, 4, 10)
        self.assertEqual(len(client_list.line_ids.log_ids), 1)
        self.assertEqual(client_list.line_ids[0].log_id.result, "Sent the offer")

    def test_lines_import_from_a_spreadsheet(self):
        client_list = self._new_list()
        action = client_list.action_import_lines()
        self.assertEqual(action["params"]["model"], "sales.client.list.line")
        template = self.env["sales.client.list.line"].get_import_templates()[0]
        with file_open(template["template"].lstrip("/")) as template_file:
            header = template_file.readline().strip().split(",")
        self.assertEqual(
            header, ["partner_id", "contact_person_id", "topic", "planned_date"]
        )
        rows = [
            header,
            # A contact person goes by its full name, "Company, Person".
            [
                "Volga Pumps",
                '"Volga Pumps, Ivan Petrov"',
                "Offer for pumps",
                "2026-04-10",
            ],
            ["Samara Oil", "", "Introduction", "2026-04-11"],
        ]
        importer = (
            self.env["base_import.import"]
            .with_user(self.regional)
            .create(
                {
                    "res_model": "sales.client.list.line",
                    "file": "\n".join(",".join(row) for row in rows).encode(),
                    "file_type": "text/csv",
                }
            )
        )
        result = importer.with_context(**action["params"]["context"]).execute_import(
            header,
            header,
            {
                "quoting": '"',
                "separator": ",",
                "has_headers": True,
                "date_format": "%Y-%m-%d",
            },
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(client_list.line_ids.partner_id, self.client | self.oil_2)
        line = client_list.line_ids.filtered(lambda ln: ln.partner_id == self.client)
        self.assertEqual(line.contact_person_id, self.person)
        self.assertEqual(line.planned_date, date(2026, 4, 10))


CONTACT_1 = {
    "contact_date": "2026-04-01",
    "contact_form": "meeting",
    "result": "Asked for an offer",
    "next_step": "Send the offer",
    "next_contact_date": "2026-04-03",
}


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestClientListHistory(SalesStandardCase):
    """The contact log only grows through a client list (issue 15)."""

    def stored(self, entry):
        """The entry's row as read(): every column, write_date included."""
        columns = [name for name, field in entry._fields.items() if field.column_type]
        return entry.read(columns)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_list = (
            cls.env["sales.client.list"]
            .with_user(cls.salesman)
            .create(
                {
                    "region_id": cls.region.id,
                    "line_ids": [
                        Command.create({"partner_id": cls.client.id}),
                        Command.create({"partner_id": cls.other_client.id}),
                    ],
                }
            )
        )
        cls.line = cls.client_list.line_ids.filtered(
            lambda ln: ln.partner_id == cls.client
        )
        cls.partner_3 = cls.env["res.partner"].create(
            {"name": "Ural Valves", "is_company": True}
        )

    def test_a_second_contact_is_a_new_entry(self):
        line = self.line
        line.write({"topic": "Pumps", **CONTACT_1})
        first = line.log_id
        before = self.stored(first)
        with freeze_time("2026-04-03 08:00:00"):
            line.write(
                {
                    "contact_date": "2026-04-03",
                    "result": "Offer received, asks for a discount",
                    "next_step": "Answer on the discount",
                    "next_contact_date": "2026-04-10",
                }
            )
        self.assertEqual(len(line.log_ids), 2)
        second = line.log_id
        self.assertNotEqual(second, first, "the line shows the latest entry")
        self.assertEqual(self.stored(first), before, "the first entry is unchanged")
        self.assertEqual(
            (line.contact_date, line.result, line.contact_form),
            (date(2026, 4, 3), "Offer received, asks for a discount", "meeting"),
        )
        self.assertEqual(second.user_id, self.salesman)
        # The other columns alone, or with the same date, correct the latest
        # entry only: its author's own edit.
        line.write({"result": "Asks for 5 %", "contact_date": "2026-04-03"})
        line.next_step = "Answer on the 5 %"
        self.assertEqual(len(line.log_ids), 2)
        self.assertEqual(second.result, "Asks for 5 %")
        self.assertEqual(second.next_step, "Answer on the 5 %")
        self.assertEqual(self.stored(first), before)
        action = line.action_correct_last_contact()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("sales.contact.log", second.id)
        )
        # Somebody else logs a new contact; he does not rewrite the
        # salesman's entry.
        line_admin = line.with_user(self.sales_admin)
        with self.assertRaisesRegex(UserError, "only its author corrects it"):
            line_admin.write({"result": "Rewritten by the boss"})
        self.assertEqual(second.result, "Asks for 5 %")

    def test_a_new_date_clears_the_row_in_the_form(self):
        self.line.write(CONTACT_1)
        with Form(self.client_list.with_user(self.salesman)) as form:
            with form.line_ids.edit(0) as row:
                row.contact_date = date(2026, 4, 2)
                self.assertFalse(row.result)
                self.assertFalse(row.next_contact_date)
                row.result = "Called back"
        self.assertEqual(len(self.line.log_ids), 2)
        self.assertEqual(self.line.log_id.result, "Called back")
        self.assertEqual(self.line.log_id.contact_form, "meeting")

    def test_a_closed_list_refuses_every_write_through_its_lines(self):
        self.line.write(CONTACT_1)
        entry = self.line.log_id
        before = self.stored(entry)
        self.client_list.action_renew()
        self.assertEqual(self.client_list.state, "closed")
        attempts = {
            "topic": lambda lines: lines.write({"topic": "Late"}),
            "planned date": lambda lines: lines.write({"planned_date": "2026-05-01"}),
            "correction": lambda lines: lines.write({"result": "Rewritten"}),
            "new contact": lambda lines: lines.write(
                {"contact_date": "2026-04-02", "result": "Late entry"}
            ),
            "unlink": lambda lines: lines.unlink(),
            "create": lambda lines: lines.create(
                {"list_id": self.client_list.id, "partner_id": self.partner_3.id}
            ),
            "through the list": lambda lines: lines.list_id.write(
                {"line_ids": [Command.update(lines[0].id, {"topic": "Late"})]}
            ),
            "reopen": lambda lines: lines.list_id.write({"state": "active"}),
            "delete the list": lambda lines: lines.list_id.unlink(),
        }
        for user in (self.salesman, self.sales_admin):
            lines = self.client_list.line_ids.with_user(user)
            for name, attempt in attempts.items():
                with (
                    self.subTest(user=user.login, attempt=name),
                    self.assertRaisesRegex(UserError, "is closed"),
                ):
                    attempt(lines)
        self.assertEqual(self.stored(entry), before)
        self.assertEqual(len(self.client_list.line_ids), 2)
        self.assertEqual(len(self.line.log_ids), 1)

    def test_renewal_carries_over_the_clients_latest_contact(self):
        self.line.write({"topic": "Pumps", **CONTACT_1})
        # Another manager of the company talked to the client later...
        self.log(
            user=self.salesman_2,
            topic="Service",
            date="2026-04-05",
            next_step="Visit the plant with the engineer",
            next_contact_date="2026-04-15",
        )
        # ... and a deal milestone entered by hand later still is no contact.
        self.log(
            topic="Order",
            date="2026-04-07",
            milestone="order",
            next_step="Milestone step",
            next_contact_date="2026-04-30",
        )
        action = self.client_list.with_user(self.salesman).action_renew()
        renewed = self.env["sales.client.list"].browse(action["res_id"])
        new_line = renewed.line_ids.filtered(lambda ln: ln.partner_id == self.client)
        self.assertEqual(new_line.topic, "Visit the plant with the engineer")
        self.assertEqual(new_line.planned_date, date(2026, 4, 15))
        other = renewed.line_ids - new_line
        self.assertFalse(other.topic)
        self.assertFalse(other.planned_date)
