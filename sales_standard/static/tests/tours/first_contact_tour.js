/** @odoo-module */
// Copyright 2026 sales_standard developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("sales_standard_first_contact", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CRM app",
            trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
            run: "click",
        },
        {
            content: "Open the Clients menu",
            trigger: "[data-menu-xmlid='sales_standard.sales_standard_menu']",
            run: "click",
        },
        {
            content: "Register a first contact",
            trigger: "[data-menu-xmlid='sales_standard.sales_first_contact_menu']",
            run: "click",
        },
        {
            content: "Name the new client",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Tour Bearings LLC",
        },
        {
            content: "Its phone",
            trigger: ".modal .o_field_widget[name=phone] input",
            run: "edit +7 812 700 00 01",
        },
        {
            content: "Its client type",
            trigger: ".modal .o_field_widget[name=client_type] select",
            run: 'select "dealer"',
        },
        {
            content: "Add a contact person",
            trigger:
                ".modal .o_field_widget[name=person_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Position of the contact person",
            trigger:
                ".modal .o_field_widget[name=person_ids] .o_data_row [name=function] input",
            run: "edit Director",
        },
        {
            content: "Full name of the contact person",
            trigger:
                ".modal .o_field_widget[name=person_ids] .o_data_row [name=name] input",
            run: "edit Tour Person",
        },
        {
            content: "Topic of the contact",
            trigger: ".modal .o_field_widget[name=topic] input",
            run: "edit Price request",
        },
        {
            content: "Result",
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit Asked for prices",
        },
        {
            content: "Control date of the next contact",
            trigger: ".modal .o_field_widget[name=next_contact_date] input",
            run: "edit 12/30/2099",
        },
        {
            content: "Open the card and log the contact",
            trigger: ".modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The client card is open with its next contact planned",
            trigger:
                ".o_action_manager .o_field_widget[name=next_contact_date]:contains('12/30/2099')",
        },
        {
            content: "Log a second contact from the partner form",
            trigger: ".o_action_manager button[name=action_sales_log_contact]",
            run: "click",
        },
        {
            content: "Topic of the second contact",
            trigger: ".modal .o_field_widget[name=topic] input",
            run: "edit Offer discussed",
        },
        {
            content: "Its result",
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit Agreed to a meeting",
        },
        {
            content: "Its next control date",
            trigger: ".modal .o_field_widget[name=next_contact_date] input",
            run: "edit 12/31/2099",
        },
        {
            content: "Save the contact",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The card shows the new control date and two contacts",
            trigger:
                ".o_action_manager .o_field_widget[name=next_contact_date]:contains('12/31/2099')",
        },
        {
            content: "Two contacts are counted",
            trigger:
                "button[name=action_sales_open_contact_log] .o_stat_value:contains('2')",
        },
    ],
});
