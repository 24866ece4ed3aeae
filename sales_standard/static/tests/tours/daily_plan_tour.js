/** @odoo-module */
// Copyright 2026 sales_standard developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_standard_daily_plan", {
    steps: () => [
        {
            content: "My Day opens today's plan, overdue client first",
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row:first:contains(Plan Tour Overdue)",
        },
        {
            content: "The plan shows its progress",
            trigger: ".o_field_widget[name=progress]:contains(0 of 2 done)",
        },
        {
            content: "Mark the overdue client done",
            trigger: ".o_data_row:contains(Plan Tour Overdue) button[name=action_done]",
            run: "click",
        },
        {
            content: "The contact form opens prefilled with the follow-up's topic",
            trigger:
                ".modal .o_field_widget[name=topic] input:value(Send the price list)",
        },
        {
            content: "Record the result",
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit Price list sent, order expected",
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
            content: "The line is done and the plan shows it",
            trigger: ".o_field_widget[name=progress]:contains(1 of 2 done)",
        },
        {
            content: "Reschedule the other client to a later time today",
            trigger:
                ".o_data_row:contains(Plan Tour Today) button[name=action_reschedule]",
            run: "click",
        },
        {
            content: "Set the time",
            trigger: ".modal .o_field_widget[name=planned_time] input",
            run: "edit 15:30",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The line shows its new time",
            trigger: ".o_data_row:contains(Plan Tour Today):contains(15:30)",
        },
    ],
});
