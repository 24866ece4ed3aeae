/** @odoo-module */
// Copyright 2026 sales_standard developers
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import {Activity} from "@mail/core/web/activity";
import {ActivityListPopoverItem} from "@mail/core/web/activity_list_popover_item";
import {patch} from "@web/core/utils/patch";

export const LOG_CONTACT_CATEGORY = "sales_contact_log";

/**
 * Open the contact log form (Form 2.2) prefilled from a follow-up activity.
 * Saving the entry closes the follow-up and plans the next one.
 */
async function openLogContact(component, activity, onClose) {
    const action = await component.env.services.orm.call(
        "mail.activity",
        "action_sales_log_contact",
        [[activity.id]]
    );
    await component.env.services.action.doAction(action, {onClose});
}

patch(Activity.prototype, {
    get isSalesLogContact() {
        return this.props.activity.activity_category === LOG_CONTACT_CATEGORY;
    },
    async onClickSalesLogContact() {
        const thread = this.thread;
        await openLogContact(this, this.props.activity, async () => {
            this.props.onActivityChanged(thread);
            await this.props.reloadParentView?.();
        });
    },
});

patch(ActivityListPopoverItem.prototype, {
    get isSalesLogContact() {
        return this.props.activity.activity_category === LOG_CONTACT_CATEGORY;
    },
    get hasMarkDoneButton() {
        return !this.isSalesLogContact && super.hasMarkDoneButton;
    },
    async onClickSalesLogContact() {
        await openLogContact(this, this.props.activity, () =>
            this.props.onActivityChanged?.()
        );
    },
});
