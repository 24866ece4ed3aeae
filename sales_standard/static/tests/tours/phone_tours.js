/** @odoo-module */
// Copyright 2026 sales_standard developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import {registry} from "@web/core/registry";

/**
 * Fail unless `element` lies inside the first screen: its bottom above the
 * fold and its right edge inside the window (a phone does not scroll
 * sideways to reach a button).
 */
function assertInFirstScreen(element, what) {
    const rect = element.getBoundingClientRect();
    if (rect.bottom > window.innerHeight || rect.right > window.innerWidth) {
        throw new Error(
            `${what} is outside the first screen (${window.innerWidth}x${window.innerHeight}): ` +
                `right ${Math.round(rect.right)}, bottom ${Math.round(rect.bottom)}`
        );
    }
}

registry.category("web_tour.tours").add("sales_standard_my_day_phone", {
    steps: () => [
        {
            content: "My Day on a phone: the first client card is in the first screen",
            trigger:
                ".o_field_widget[name=line_ids] .o_kanban_record:first:contains(Plan Tour Overdue)",
            run() {
                assertInFirstScreen(this.anchor, "The first client card");
                for (const button of this.anchor.querySelectorAll("button")) {
                    assertInFirstScreen(
                        button,
                        `Its button "${button.textContent.trim()}"`
                    );
                }
            },
        },
        {
            content: "Reschedule is reachable on the card",
            trigger:
                ".o_kanban_record:contains(Plan Tour Overdue) button[name=action_reschedule]",
        },
        {
            content: "Log the contact from the card",
            trigger:
                ".o_kanban_record:contains(Plan Tour Overdue) button[name=action_done]",
            run: "click",
        },
        {
            content: "Record the result",
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit Called between two visits",
        },
        {
            content: "Save the contact",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The card no longer offers Done",
            trigger:
                ".o_kanban_record:contains(Plan Tour Overdue):not(:has(button[name=action_done]))",
        },
        {
            content: "The plan counts it",
            trigger: ".o_field_widget[name=progress]:contains(1 of 2 done)",
        },
    ],
});

registry.category("web_tour.tours").add("sales_standard_trip_visit_phone", {
    steps: () => [
        {
            content: "Open the trip's visits",
            trigger: ".o_notebook .nav-link:contains(Visits)",
            run: "click",
        },
        {
            content: "Tap the planned visit",
            trigger:
                ".o_field_widget[name=visit_ids] .o_kanban_record:contains(Phone Trip Client)",
            run: "click",
        },
        {
            content: "Mark the visit made",
            trigger: ".modal .o_field_widget[name=made] input",
            run: "click",
        },
        {
            content: "Write its result",
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit Samples handed over",
        },
        {
            content: "Keep the visit",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The card shows the result",
            trigger:
                ".o_field_widget[name=visit_ids] .o_kanban_record:contains(Samples handed over)",
        },
        {
            content: "Save the trip",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});

registry.category("web_tour.tours").add("sales_standard_client_passport_phone", {
    steps: () => [
        {
            content: "The client's passport is listed: tap it",
            trigger: ".o_data_row td[name=partner_id]:contains(Phone Passport Pumps)",
            run: "click",
        },
        {
            content: "The passport opens with the client's request",
            trigger:
                ".o_form_view .o_field_widget[name=document_ids]:contains(Phone Passport request)",
        },
        {
            content: "Its title fits the phone",
            trigger: ".o_form_view .oe_title",
            run() {
                assertInFirstScreen(this.anchor, "The passport's title");
            },
        },
    ],
});
