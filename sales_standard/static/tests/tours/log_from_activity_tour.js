/** @odoo-module */
// Copyright 2026 sales_standard developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_standard_log_from_activity", {
    steps: () => [
        {
            content: "The follow-up offers 'Log contact' instead of 'Mark Done'",
            trigger:
                ".o-mail-Activity:not(:has(.o-mail-Activity-markDone)) .o-sales-Activity-logContact",
            run: "click",
        },
        {
            content: "The contact form opens prefilled with the planned topic",
            trigger:
                ".modal .o_field_widget[name=topic] input:value(Send the drawings)",
        },
        {
            content: "Record the result",
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit Drawings sent, call next week",
        },
        {
            content: "Plan the next contact",
            trigger: ".modal .o_field_widget[name=next_contact_date] input",
            run: "edit 12/31/2099",
        },
        {
            content: "Save the contact",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The client card shows the new control date",
            trigger:
                ".o_action_manager .o_field_widget[name=next_contact_date]:contains('12/31/2099')",
        },
        {
            content: "The chatter shows the new follow-up",
            trigger: ".o-mail-Activity:contains('Due in') .o-sales-Activity-logContact",
        },
    ],
});
