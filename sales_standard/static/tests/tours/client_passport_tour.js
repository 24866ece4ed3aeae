/** @odoo-module */
// Copyright 2026 sales_standard developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_standard_client_passport", {
    steps: () => [
        {
            content: "The passport lists the request and the offer, oldest first",
            trigger:
                ".o_field_widget[name=document_ids] .o_data_row:first:contains(Passport Tour request)",
        },
        {
            content: "The offer follows the request",
            trigger:
                ".o_field_widget[name=document_ids] .o_data_row:eq(1):contains(Commercial Offer)",
        },
        {
            content: "File a contract by hand",
            trigger:
                ".o_field_widget[name=document_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Its type",
            trigger: ".o_data_row.o_selected_row .o_field_widget[name=doc_type] select",
            run: "selectByLabel Contract",
        },
        {
            content: "Its name",
            trigger: ".o_data_row.o_selected_row .o_field_widget[name=name] input",
            run: "edit Supply contract 7/2099",
        },
        {
            content: "Save the passport",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The contract is in the passport",
            trigger:
                ".o_form_saved .o_field_widget[name=document_ids] .o_data_row:contains(Supply contract 7/2099)",
        },
        {
            content: "Open the deals",
            trigger: ".o_notebook .nav-link:contains(Deals)",
            run: "click",
        },
        {
            content: "The confirmed order shows its milestone progress",
            trigger:
                ".o_field_widget[name=deal_ids] .o_data_row .o_field_widget[name=progress]",
        },
        {
            content: "Open the contact report",
            trigger: "button[name=action_print_contact_report]",
            run: "click",
        },
        {
            content: "The period is asked for",
            trigger: ".modal .o_field_widget[name=date_from] input",
        },
        {
            content: "Close it",
            trigger: ".modal .modal-footer button:contains(Cancel)",
            run: "click",
        },
        {
            content: "Back on the passport",
            trigger: "body:not(:has(.modal)) .o_form_view",
        },
    ],
});
