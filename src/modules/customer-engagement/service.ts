import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import CustomerNote from "./models/customer-note"
import CustomerNoteRevision from "./models/customer-note-revision"
import CustomerConsent from "./models/customer-consent"
import MailingSubscription from "./models/mailing-subscription"
import ConsentEvent from "./models/consent-event"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"

/**
 * Notes, marketing consent and mailing subscriptions. Consent events and note
 * revisions are history: the service refuses to update them.
 */
class CustomerEngagementModuleService extends MedusaService({
  CustomerNote,
  CustomerNoteRevision,
  CustomerConsent,
  MailingSubscription,
  ConsentEvent,
}) {
  /** The plugin options (token lifetime, notification channel). */
  readonly options: PluginOptions

  constructor(deps: Record<string, unknown>, moduleOptions?: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(moduleOptions ?? {})
  }

  // @ts-expect-error consent history is append-only
  async updateConsentEvents(): Promise<never> {
    throw new Error("Consent events are append-only")
  }

  // @ts-expect-error note history is append-only
  async updateCustomerNoteRevisions(): Promise<never> {
    throw new Error("Note revisions are append-only")
  }

  /** Notes of a customer: pinned first, then in the order written (oldest first). */
  @InjectManager()
  async listNotesInOrder(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await this.listAndCountCustomerNotes(
      { customer_id: customerId },
      { order: { pinned: "DESC", created_at: "ASC", id: "ASC" } },
      sharedContext
    )
  }

  /**
   * Uses a confirmation token up in one statement, so two simultaneous
   * confirmations of the same link cannot both succeed. Returns false when
   * the token was already used or replaced.
   */
  @InjectTransactionManager()
  async consumeConfirmationToken(
    subscriptionId: string,
    tokenHash: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    const manager = sharedContext.transactionManager as {
      execute: (sql: string, params: unknown[]) => Promise<unknown[]>
    }
    const rows = await manager.execute(
      `update mailing_subscription
          set token_hash = null, updated_at = now()
        where id = ? and token_hash = ? and deleted_at is null
        returning id`,
      [subscriptionId, tokenHash]
    )
    return rows.length === 1
  }

  /** The opt-out flag (false when the customer never set it). */
  @InjectManager()
  async getOptOut(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    const [consent] = await this.listCustomerConsents(
      { customer_id: customerId },
      {},
      sharedContext
    )
    return consent?.marketing_opt_out ?? false
  }
}

export default CustomerEngagementModuleService
