import { model } from "@medusajs/framework/utils"

export const INVITATION_STATUSES = ["sent", "opened", "registered", "replaced"] as const
export type InvitationStatus = (typeof INVITATION_STATUSES)[number]

/**
 * An invitation to register sent to a staff-created (in-store) customer: the
 * link's token is single-use and expires; only its SHA-256 hash is stored.
 * A newer invitation to the same customer replaces the older one (its link
 * stops working). `registered`: the shopper registered through the link and
 * the in-store customer was joined into the account (`merge_id`).
 */
const CustomerInvitation = model
  .define("customer_invitation", {
    id: model.id({ prefix: "cinv" }).primaryKey(),
    customer_id: model.text(),
    /** The address the invitation went to (the link only works for an account with this email). */
    email: model.text(),
    status: model.enum([...INVITATION_STATUSES]).default("sent"),
    token_hash: model.text().nullable(),
    expires_at: model.dateTime(),
    /** "manual" (staff), "on_create" or "on_first_order" (plugin option inviteInStoreCustomers). */
    trigger: model.text().default("manual"),
    sent_by: model.text().nullable(),
    opened_at: model.dateTime().nullable(),
    registered_at: model.dateTime().nullable(),
    /** The registered customer the in-store customer was joined into, and the merge that did it. */
    account_customer_id: model.text().nullable(),
    merge_id: model.text().nullable(),
  })
  .indexes([
    { on: ["customer_id", "created_at"] },
    { on: ["token_hash"], where: "token_hash IS NOT NULL" },
  ])

export default CustomerInvitation
