# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict
from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column, table_exists

from ._sales_common import upsert
from ._sales_tools import check_values
from .sales_client_passport import DOC_TYPES, SOURCE_FIELDS

# A document's source (the record it was filed from), filed once per type.
SOURCE_KEY = ("passport_id", "doc_type", "res_model", "res_id")
# The file of a document, stored as an attachment (no column of the table).
FILE_FIELDS = ("file", "file_name")


class SalesClientPassportDocument(models.Model):
    _name = "sales.client.passport.document"
    _description = "Client Passport Document"
    _order = "moment, id"
    _check_company_auto = True

    passport_id = fields.Many2one(
        "sales.client.passport",
        string="Passport",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="passport_id.partner_id", store=True, index=True, string="Client"
    )
    company_id = fields.Many2one(
        related="passport_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(
        required=True,
        default=lambda self: self.env.company._sales_date(),
        help="The date of the document in the company's time zone.",
    )
    moment = fields.Datetime(
        string="Date and Time",
        required=True,
        readonly=True,
        index=True,
        default=fields.Datetime.now,
        help="The moment the document happened (sent, posted, written), by "
        "which the passport orders its documents. A document given a date "
        "alone happened at the start of that day, or now if it is today.",
    )
    doc_type = fields.Selection(DOC_TYPES, string="Type", required=True)
    name = fields.Char(required=True)
    note = fields.Text()
    file = fields.Binary(attachment=True)
    file_name = fields.Char()
    res_model = fields.Char(
        string="Source Model",
        readonly=True,
        help="Model of the record the document was filed from.",
    )
    res_id = fields.Many2oneReference(
        string="Source ID", model_field="res_model", readonly=True
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        ondelete="set null",
        index="btree_not_null",
        check_company=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Deal",
        ondelete="set null",
        index="btree_not_null",
        check_company=True,
        help="The order (deal) the document belongs to.",
    )
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        ondelete="set null",
        index="btree_not_null",
        check_company=True,
        readonly=True,
    )
    log_id = fields.Many2one(
        "sales.contact.log",
        string="Contact Log Entry",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
    )
    message_id = fields.Many2one(
        "mail.message",
        string="Message",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
    )
    source_state = fields.Selection(
        [
            ("manual", "Filed by Hand"),
            ("valid", "Valid"),
            ("cancelled", "Source Cancelled"),
            ("deleted", "Source Deleted"),
        ],
        compute="_compute_source_state",
        store=True,
        precompute=True,
        help="Whether the record the document came from still stands. A "
        "document whose source was cancelled or deleted stays in the passport, "
        "marked as such.",
    )

    # One document per source record and type: never filed twice. (Documents
    # filed by hand have no source: NULLs never conflict.)
    _sql_constraints = [
        (
            "source_uniq",
            f"unique ({', '.join(SOURCE_KEY)})",
            "This document is already in the passport.",
        )
    ]

    @api.depends(
        "res_model",
        "lead_id.active",
        "sale_order_id.state",
        "move_id.state",
        "move_id.payment_state",
        # Deleting the source clears the link in the database: depending on
        # one of its fields has the ORM bring the state up to date then.
        "log_id.date",
        "message_id.date",
    )
    def _compute_source_state(self):
        for document in self:
            fname = SOURCE_FIELDS.get(document.res_model)
            document.source_state = self._sales_source_state(
                document.res_model, document[fname] if fname else None
            )

    @api.model
    def _sales_source_state(self, res_model, source):
        """The state of a document filed from `source`, a record of
        `res_model` (empty when it is gone)."""
        if not res_model:
            return "manual"
        if not source:
            return "deleted"
        if source._sales_passport_cancelled():
            return "cancelled"
        return "valid"

    def _auto_init(self):
        # On an upgrade, the documents filed before get the start of their
        # day (UTC) as their moment, in one UPDATE: their order stays.
        cr = self.env.cr
        if table_exists(cr, self._table) and not column_exists(
            cr, self._table, "moment"
        ):
            create_column(cr, self._table, "moment", "timestamp")
            cr.execute(
                SQL(
                    "UPDATE %s SET moment = date::timestamp",
                    SQL.identifier(self._table),
                )
            )
        return super()._auto_init()

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        passports = self.env["sales.client.passport"].browse(
            [vals["passport_id"] for vals in vals_list if vals.get("passport_id")]
        )
        companies = {passport.id: passport.company_id for passport in passports}
        for vals in vals_list:
            company = companies.get(vals.get("passport_id"), self.env.company)
            vals.update(
                self._sales_dating(company, vals.get("date"), vals.get("moment"))
            )
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, [vals], "write")
        if {"res_model", "res_id", "passport_id"} & vals.keys():
            raise UserError(
                self.env._("The source and passport of a document cannot be changed.")
            )
        if {"date", "moment"} & vals.keys():
            # Dated again: the moment follows, in each document's company.
            for company, documents in self.grouped("company_id").items():
                super(SalesClientPassportDocument, documents).write(
                    {
                        **vals,
                        **self._sales_dating(
                            company, vals.get("date"), vals.get("moment")
                        ),
                    }
                )
            return True
        return super().write(vals)

    @api.model
    def _sales_dating(self, company, day=None, moment=None):
        """The date and moment of a document of `company`.

        - Given a moment alone: its date in the company's zone.
        - Given both: kept as given when the moment falls within a day of the
          date (a date written in a neighbouring zone, a Form 2.2 entry for
          instance); else the date wins.
        - Given a date alone: now if it is today (for the company or the
          user), else the start of that day in the company's zone.

        :return: {"date": date, "moment": naive UTC datetime}
        """
        company = company or self.env.company
        moment = fields.Datetime.to_datetime(moment)
        day = fields.Date.to_date(day)
        try:
            return self._sales_dating_in_zone(company, day, moment)
        except OverflowError:
            # At the ends of the calendar (year 1, year 9999) a zone's shift
            # leaves it: the date and moment are taken as UTC's.
            day = day or moment.date()
            return {"date": day, "moment": moment or datetime.combine(day, time.min)}

    @api.model
    def _sales_dating_in_zone(self, company, day, moment):
        now = fields.Datetime.now()
        if not day:
            moment = moment or now
            return {"date": company._sales_date(moment), "moment": moment}
        if not moment and day in (
            company._sales_date(now),
            fields.Date.context_today(self, now),
        ):
            moment = now
        if moment and abs((company._sales_date(moment) - day).days) <= 1:
            return {"date": day, "moment": moment}
        zone = pytz.timezone(company.sales_tz or "UTC")
        start = zone.localize(datetime.combine(day, time.min))
        return {
            "date": day,
            "moment": start.astimezone(pytz.utc).replace(tzinfo=None),
        }

    @api.readonly
    def action_open_source(self):
        self.ensure_one()
        if not self.res_model or self.source_state == "deleted":
            raise UserError(
                self.env._("%(name)s has no source record to open.", name=self.name)
            )
        record = self.env[self.res_model].browse(self.res_id)
        if self.res_model == "mail.message":
            record = self.env[record.model].browse(record.res_id)
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # Filing documents from their sources
    # ------------------------------------------------------------------
    @api.model
    def _sales_file(self, items, refresh_file=False):
        """File documents in their clients' passports, once each.

        :param list items: ((client id, company id), values) pairs; the values
            hold the document's fields, with `res_model` and `res_id`
        :param bool refresh_file: put the newer file on a document already
            filed (a quotation printed again, for instance)
        :return: the documents filed now
        """
        passports = self.env["sales.client.passport"]._sales_passports(
            [key for key, _values in items]
        )
        items = [(passports[key], values) for key, values in items if key in passports]
        if not items:
            return self.browse()
        sources = self._sales_sources([values for _passport, values in items])
        rows = {}
        files = {}
        for (passport, values), source in zip(items, sources, strict=True):
            key = (
                passport.id,
                values["doc_type"],
                values["res_model"],
                values["res_id"],
            )
            values = dict(values)
            file = {
                fname: values.pop(fname) for fname in FILE_FIELDS if fname in values
            }
            if file.get("file"):
                files[key] = file
            if key in rows:
                continue
            rows[key] = {
                **values,
                **self._sales_dating(
                    passport.company_id, values.get("date"), values.get("moment")
                ),
                "passport_id": passport.id,
                # The passport's client and company (the related fields),
                # which an insert does not fill by itself.
                "partner_id": passport.partner_id.id,
                "company_id": passport.company_id.id,
                "source_state": self._sales_source_state(values["res_model"], source),
            }
        # One statement for the batch (the meetings and calls of a thousand
        # entries at once); a document filed already, by this transaction or
        # by another one at the same moment, is left as it is.
        documents, created = upsert(self.sudo(), list(rows.values()), SOURCE_KEY)
        # What depends on the documents follows, as on a create; their own
        # fields are as given (as the ORM protects the values it is given).
        with self.env.protecting(self._fields.values(), created):
            created.modified(self._fields, create=True)
        self.env["sales.client.passport"].browse(
            {key[0] for key in rows}
        ).invalidate_recordset(["document_ids"])
        # The files go as attachments, document by document (a quotation
        # printed: one or a few at a time).
        for key, document in zip(rows, documents, strict=True):
            if key in files and (refresh_file or document in created):
                document.write(files[key])
        return created

    @api.model
    def _sales_sources(self, vals_list):
        """The source record of each of the documents' values `vals_list`
        (the value of its model's field in `SOURCE_FIELDS`; empty when the
        values leave it empty), read together, model by model."""

        def key(values):
            model = values["res_model"]
            return model, values.get(SOURCE_FIELDS.get(model)) or None

        ids = defaultdict(set)
        for model, source_id in map(key, vals_list):
            if source_id:
                ids[model].add(source_id)
        sources = {
            (model, record.id): record
            for model, source_ids in ids.items()
            for record in self.env[model].browse(source_ids)
        }
        return [
            sources.get(key(values), self.env[values["res_model"]])
            for values in vals_list
        ]

    @api.model
    def _sales_file_records(self, records, refresh_file=False, **kwargs):
        """File the documents of these source records (of one model), with
        the values their model gives (`_sales_passport_document_values`)."""
        return self._sales_file(
            records._sales_passport_document_values(**kwargs),
            refresh_file=refresh_file,
        )

    @api.model
    def _sales_file_leads(self, leads):
        """File requests (leads) of clients that have a passport."""
        return self._sales_file_records(leads)

    @api.model
    def _sales_file_offers(self, orders, files=None):
        """File the commercial offers (quotations) sent or printed now.

        :param dict files: {order id: (pdf content, file name)} of the offer
        """
        return self._sales_file_records(
            orders, refresh_file=True, moment=fields.Datetime.now(), files=files
        )

    @api.model
    def _sales_file_invoices(self, moves, posted_now=False):
        """File customer invoices and refunds.

        :param bool posted_now: the moves are being posted: they happen now,
            like the other documents filed as they happen; invoices filed
            later (when the passport opens) happened when they were made
            (see account.move._sales_passport_document_values)
        """
        return self._sales_file_records(
            moves, moment=fields.Datetime.now() if posted_now else None
        )

    @api.model
    def _sales_file_negotiations(self, logs):
        """File the meetings and calls of the contact log."""
        return self._sales_file_records(logs)

    @api.model
    def _sales_file_letters(self, record, messages):
        """File the emails sent to the client from `record`'s chatter: a
        client (partner), an opportunity or an order."""
        return self._sales_file(self._sales_letter_items(record, messages))

    @api.model
    def _sales_letter_items(self, record, messages):
        """The letters among `messages` of `record`, as items of _sales_file."""
        return messages._sales_passport_document_values(record)
