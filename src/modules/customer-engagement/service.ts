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
import CustomerInvitation from "./models/customer-invitation"
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
  CustomerInvitation,
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

  /**
   * Notes of a customer, a page at a time: by default pinned first, then in
   * the order written (oldest first); or by date only.
   */
  @InjectManager()
  async listNotesInOrder(
    customerId: string,
    page: { limit?: number; offset?: number; order?: "pinned" | "created_at" | "-created_at" } = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    const dir = page.order === "-created_at" ? "DESC" : "ASC"
    return await this.listAndCountCustomerNotes(
      { customer_id: customerId },
      {
        order:
          page.order === undefined || page.order === "pinned"
            ? { pinned: "DESC", created_at: "ASC", id: "ASC" }
            : { created_at: dir, id: dir },
        take: page.limit,
        skip: page.offset,
      },
      sharedContext
    )
  }

  /**
   * Changes a note's text and/or pin in one transaction: a new text keeps
   * the previous one as a revision, and if anything fails neither the
   * revision nor the change stays. Returns the note and the revision's id.
   */
  @InjectTransactionManager()
  async reviseNote(
    input: {
      id: string
      body?: string
      pinned?: boolean
      actor_id: string | null
      previous: { body: string; written_by: string | null }
    },
    @MedusaContext() sharedContext: Context = {}
  ) {
    let revisionId: string | null = null
    if (input.body !== undefined) {
      const [rev] = await this.createCustomerNoteRevisions(
        [
          {
            note_id: input.id,
            body: input.previous.body,
            written_by: input.previous.written_by,
            replaced_by: input.actor_id,
          },
        ],
        sharedContext
      )
      revisionId = rev.id
    }
    const [note] = await this.updateCustomerNotes(
      [
        {
          id: input.id,
          ...(input.body !== undefined ? { body: input.body, updated_by: input.actor_id } : {}),
          ...(input.pinned !== undefined ? { pinned: input.pinned } : {}),
        },
      ],
      sharedContext
    )
    return { note, revision_id: revisionId }
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

  /**
   * Uses an invitation token up in one statement (two simultaneous accepts of
   * one link cannot both pass): the row of a live, unexpired token becomes
   * `registered` (the hash stays, so a reused link is told apart from a wrong one). Returns the invitation, or null when no live token matches.
   */
  @InjectTransactionManager()
  async consumeInvitationToken(
    tokenHash: string,
    accountCustomerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; customer_id: string; status: string } | null> {
    const manager = sharedContext.transactionManager as {
      execute: (sql: string, params: unknown[]) => Promise<any[]>
    }
    const rows = await manager.execute(
      `update customer_invitation
          set status = 'registered', registered_at = now(), account_customer_id = ?, updated_at = now()
        where token_hash = ? and status in ('sent', 'opened') and expires_at > now() and deleted_at is null
        returning id, customer_id, status, opened_at`,
      [accountCustomerId, tokenHash]
    )
    return rows[0] ?? null
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
