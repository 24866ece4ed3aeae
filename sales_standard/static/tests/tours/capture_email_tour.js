/** @odoo-module */
// Copyright 2026 sales_standard developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import {registry} from "@web/core/registry";

// A salesperson sends an email to a client from the chatter of its card, and
// finds it in the contact log without typing anything: a captured entry with
// a link back to the card.
registry.category("web_tour.tours").add("sales_standard_capture_email", {
    steps: () => [
        {
            content: "The client card is open",
            trigger: ".o_breadcrumb:contains('Capture Tour Pumps')",
        },
        {
            content: "Send a message from the chatter",
            trigger: ".o-mail-Chatter-topbar button.o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "The client is the suggested recipient, checked",
            trigger:
                ".o-mail-SuggestedRecipient:contains('Capture Tour Pumps') input:checked",
        },
        {
            content: "Write the email",
            trigger: ".o-mail-Composer-input",
            run: "edit Drawings of the CP-100 pump attached",
        },
        {
            content: "Send it",
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The email is in the chatter",
            trigger:
                ".o-mail-Message-body:contains('Drawings of the CP-100 pump attached')",
        },
        {
            content: "Open the client's contact log",
            trigger: ".o_form_view button[name=action_sales_open_contact_log]",
            run: "click",
        },
        {
            content: "The email is logged by itself: open its entry",
            trigger:
                ".o_list_view .o_data_row td[name=result]:contains('Drawings of the CP-100 pump attached')",
            run: "click",
        },
        {
            content: "The entry is marked as captured",
            trigger: ".o_form_view .ribbon:contains('Captured')",
        },
        {
            content: "It was an email",
            trigger:
                ".o_form_view .o_field_widget[name=contact_form]:contains('Email')",
        },
        {
            content: "It links back to the card it was sent from",
            trigger:
                ".o_form_view .o_field_widget[name=capture_target_name]:contains('Capture Tour Pumps')",
        },
        {
            content: "Open the source",
            trigger: ".o_form_view button[name=action_open_capture_source]",
            run: "click",
        },
        {
            content: "Back on the client card, with the email in its chatter",
            trigger:
                ".o_form_view:has(.o_field_widget[name=name] input) .o-mail-Message-body:contains('Drawings of the CP-100 pump attached')",
        },
    ],
});
