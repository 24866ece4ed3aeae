# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The client and contact-person pair, and the entries logged for it.

``sales.client.contact.mixin`` is the pair: the client company
(``partner_id``) and one of its people (``contact_person_id``). A person
given as the client is replaced by its company and kept as the contact
person, on create and on write. The contact log (Form 2.2) and every form
that logs contacts into it use it.

``sales.contact.logged.mixin`` adds the entries logged from a record of
such a form: the model declares ``log_ids`` (its one2many to the contact log,
whose inverse field differs per model) and gets ``log_id``, the latest of
them (by date, then by entry).
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ._sales_tools import check_values

PAIR_FIELDS = ("partner_id", "contact_person_id")


class SalesClientContactMixin(models.AbstractModel):
    _name = "sales.client.contact.mixin"
    _description = "Client and Contact Person"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    contact_person_id = fields.Many2one(
        "res.partner",
        ondelete="set null",
        check_company=True,
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id)]",
    )

    @api.constrains("partner_id", "contact_person_id")
    def _check_contact_person(self):
        for record in self:
            person = record.contact_person_id
            if person and person.commercial_partner_id != record.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not a contact person of %(client)s.",
                        person=person.display_name,
                        client=record.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._sales_normalize_partner(vals_list)
        return super().create(vals_list)

    def _check_company(self, fnames=None):
        """Odoo's check, made once per company and value of each field: the
        records of a batch (a thousand entries, a day's plan lines) share
        their manager, company and region, and often their client."""
        if len(self) < 2 or "company_id" not in self:
            return super()._check_company(fnames)
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        records_su = self.sudo()
        companies = None
        for fname in fnames:
            field = self._fields[fname]
            if (
                not (field.relational and field.check_company)
                or fname in ("company_id", "company_ids")
                or not records_su.mapped(fname)
            ):
                continue
            if companies is None:
                companies = [record.company_id for record in records_su]
            firsts = {}
            for record, company in zip(records_su, companies, strict=True):
                firsts.setdefault((company, record[fname]), record.id)
            super(SalesClientContactMixin, self.browse(firsts.values()))._check_company(
                [fname]
            )
        return None

    def write(self, vals):
        if vals.get("partner_id"):
            self._sales_normalize_partner([vals])
        return super().write(vals)

    def _sales_normalize_partner(self, vals_list):
        """Log against the client company; keep a person as the contact person.

        The values come from a caller, over RPC too: the client and contact
        person must be ids (``check_values``: a ValidationError, or the
        AccessError of a caller who may not create or write these records)
        before any partner is looked up.
        """
        check_values(
            self,
            [
                {fname: vals[fname] for fname in PAIR_FIELDS if fname in vals}
                if isinstance(vals, dict)
                else vals
                for vals in vals_list
            ],
            "write" if self else "create",
        )
        partner_ids = {
            vals["partner_id"] for vals in vals_list if vals.get("partner_id")
        }
        if not partner_ids:
            return
        partners = {p.id: p for p in self.env["res.partner"].browse(partner_ids)}
        for vals in vals_list:
            partner = partners.get(vals.get("partner_id"))
            if partner and partner.commercial_partner_id != partner:
                vals["partner_id"] = partner.commercial_partner_id.id
                vals.setdefault("contact_person_id", partner.id)


class SalesContactLoggedMixin(models.AbstractModel):
    _name = "sales.contact.logged.mixin"
    _inherit = ["sales.client.contact.mixin"]
    _description = "Client, Contact Person and Contacts Logged"

    # The model declares log_ids, its one2many to sales.contact.log.
    log_id = fields.Many2one(
        "sales.contact.log",
        string="Contact Logged",
        compute="_compute_log_id",
        store=True,
        index="btree_not_null",
    )

    @api.depends("log_ids.date")
    def _compute_log_id(self):
        for record in self:
            record.log_id = record.log_ids.sorted(lambda log: (log.date, log.id))[-1:]
