import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  createCustomerAccountWorkflow,
  emitEventStep,
} from "@medusajs/medusa/core-flows"
import { upsertProfilesStep } from "../../customer-records/steps/upsert-profiles"
import { recordTimelineStep } from "../../timeline/steps/record-timeline"
import { TRADE_EVENTS } from "../events"
import { recordTradeApplication } from "./record-application"
import {
  applicantStep,
  decideTradeApplicationStep,
  loadTradeApplicationStep,
  upsertTradeAccountStep,
  validateTradeTermsStep,
  type TradeAccountData,
} from "../steps"
import { applyTradeTermsWorkflow } from "../terms/workflow"

export { applyTradeTermsWorkflow, type ApplyTradeTermsInput } from "../terms/workflow"

export type ApplyForTradeAccountInput = {
  /** The logged-in customer; absent when the shopper has only registered an auth identity. */
  customer_id?: string | null
  /** The shopper's auth identity; needed when it has no customer yet. */
  auth_identity_id: string | null
  first_name?: string | null
  last_name?: string | null
  company_name: string
  company_number?: string | null
  vat_number?: string | null
  phone?: string | null
  address?: Record<string, unknown> | null
  note?: string | null
}

/**
 * A shopper applies for a trade account: the customer is created (or the
 * logged-in one is used) as Trade, inactive and Pending Approval; the
 * application keeps the submitted fields; staff are notified through the
 * `customer_backoffice.trade.applied` event.
 */
export const applyForTradeAccountWorkflow = createWorkflow(
  "cbo-apply-for-trade-account",
  (input: ApplyForTradeAccountInput) => {
    const applicant = applicantStep(
      transform({ input }, ({ input }) => ({
        auth_identity_id: input.auth_identity_id,
        customer_id: input.customer_id ?? null,
      }))
    )
    const created = when({ input }, ({ input }) => !input.customer_id).then(() =>
      createCustomerAccountWorkflow.runAsStep({
        input: transform({ input, applicant }, ({ input, applicant }) => ({
          authIdentityId: input.auth_identity_id as string,
          customerData: {
            email: applicant.email,
            first_name: input.first_name ?? null,
            last_name: input.last_name ?? null,
            company_name: input.company_name,
          },
        })),
      })
    )
    const customerId = transform({ input, created }, ({ input, created }) =>
      (input.customer_id ?? (created as { id: string } | undefined)?.id) as string
    )
    const application = recordTradeApplication(input, customerId, applicant, "storefront")
    recordTimelineStep(
      transform({ input, customerId, application }, ({ input, customerId, application }) => ({
        customer_id: customerId,
        kind: "trade.applied",
        summary: `Applied for a trade account for ${input.company_name}`,
        data: { application_id: application.id },
        actor_type: "customer",
        actor_id: customerId,
      }))
    )
    emitEventStep({
      eventName: TRADE_EVENTS.applied,
      data: transform({ customerId, application }, ({ customerId, application }) => ({
        id: application.id,
        customer_id: customerId,
        actor_type: "customer",
        actor_id: customerId,
      })),
    })
    return new WorkflowResponse(application)
  }
)

export type ApproveTradeApplicationInput = {
  id: string
  actor_id: string | null
  price_list_id?: string | null
  /** 0–100, two decimals. */
  discount_percent?: number
  free_delivery?: boolean
  account_code?: string | null
}

/**
 * Staff approve a pending application with the account's terms: the account
 * becomes an active trade account, the Pending Approval status is cleared,
 * the timeline records who approved, and the applicant is notified. The
 * terms take effect in Medusa at once (applyTradeTermsWorkflow).
 */
export const approveTradeApplicationWorkflow = createWorkflow(
  "cbo-approve-trade-application",
  (input: ApproveTradeApplicationInput) => {
    const app = loadTradeApplicationStep(transform({ input }, ({ input }) => ({ id: input.id })))
    validateTradeTermsStep(
      transform({ input, app }, ({ input, app }) => ({
        customer_id: app.customer_id,
        application_id: input.id,
        price_list_id: input.price_list_id,
        account_code: input.account_code,
      }))
    )
    const terms = transform({ input }, ({ input }) => {
      const t: TradeAccountData = {}
      if (input.price_list_id !== undefined) t.price_list_id = input.price_list_id
      if (input.discount_percent !== undefined) t.discount_bp = Math.round(input.discount_percent * 100)
      if (input.free_delivery !== undefined) t.free_delivery = input.free_delivery
      if (input.account_code !== undefined) t.account_code = input.account_code
      return t
    })
    const decided = decideTradeApplicationStep(
      transform({ input, terms }, ({ input, terms }) => ({
        id: input.id,
        status: "approved" as const,
        decided_by: input.actor_id,
        terms: terms as Record<string, unknown>,
      }))
    )
    upsertTradeAccountStep(
      transform({ app, terms }, ({ app, terms }) => ({
        customer_id: app.customer_id,
        data: { ...terms, account_type: "trade", active: true } satisfies TradeAccountData,
      }))
    )
    applyTradeTermsWorkflow.runAsStep({
      input: transform({ app }, ({ app }) => ({ customer_id: app.customer_id })),
    })
    clearPending(app)
    recordTimelineStep(
      transform({ input, app, terms }, ({ input, app, terms }) => ({
        customer_id: app.customer_id,
        kind: "trade.approved",
        summary: "Trade account approved",
        data: { application_id: input.id, terms },
        actor_type: "user",
        actor_id: input.actor_id,
      }))
    )
    emitEventStep({
      eventName: TRADE_EVENTS.approved,
      data: transform({ input, app }, ({ input, app }) => ({
        id: input.id,
        customer_id: app.customer_id,
        actor_type: "user",
        actor_id: input.actor_id,
      })),
    })
    return new WorkflowResponse(decided)
  }
)

function clearPending(app: { customer_id: string }) {
  return upsertProfilesStep(
    transform({ app }, ({ app }) => ({
      updates: [
        {
          customer_id: app.customer_id,
          origin_if_new: "storefront" as const,
          data: { status_override: null },
        },
      ],
    }))
  )
}

/**
 * Staff reject a pending application with a reason: the customer keeps a
 * Retail account, active again (as any website registration), and is
 * notified with the reason.
 */
export const rejectTradeApplicationWorkflow = createWorkflow(
  "cbo-reject-trade-application",
  (input: { id: string; actor_id: string | null; reason: string }) => {
    const app = loadTradeApplicationStep(transform({ input }, ({ input }) => ({ id: input.id })))
    const decided = decideTradeApplicationStep(
      transform({ input }, ({ input }) => ({
        id: input.id,
        status: "rejected" as const,
        decided_by: input.actor_id,
        rejection_reason: input.reason,
      }))
    )
    upsertTradeAccountStep(
      transform({ app }, ({ app }) => ({
        customer_id: app.customer_id,
        data: { account_type: "retail", active: true } satisfies TradeAccountData,
      }))
    )
    clearPending(app)
    recordTimelineStep(
      transform({ input, app }, ({ input, app }) => ({
        customer_id: app.customer_id,
        kind: "trade.rejected",
        summary: `Trade application rejected: ${input.reason}`,
        data: { application_id: input.id, reason: input.reason },
        actor_type: "user",
        actor_id: input.actor_id,
      }))
    )
    emitEventStep({
      eventName: TRADE_EVENTS.rejected,
      data: transform({ input, app }, ({ input, app }) => ({
        id: input.id,
        customer_id: app.customer_id,
        actor_type: "user",
        actor_id: input.actor_id,
      })),
    })
    return new WorkflowResponse(decided)
  }
)

export type UpdateTradeAccountInput = {
  customer_id: string
  actor_id: string | null
  data: TradeAccountData
}

/**
 * The Account tab: staff edit a customer's account terms. Setting Active to
 * "no" emits customer_backoffice.trade.deactivated; activating a customer
 * whose application is pending is refused (approve it instead). The terms
 * take effect in Medusa in the same workflow (applyTradeTermsWorkflow).
 */
export const updateTradeAccountWorkflow = createWorkflow(
  "cbo-update-trade-account",
  (input: UpdateTradeAccountInput) => {
    validateTradeTermsStep(
      transform({ input }, ({ input }) => ({
        customer_id: input.customer_id,
        price_list_id: input.data.price_list_id,
        account_code: input.data.account_code,
        activating: input.data.active === true,
      }))
    )
    const result = upsertTradeAccountStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id, data: input.data }))
    )
    applyTradeTermsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ customer_id: input.customer_id })),
    })
    const changes = transform({ input, result }, ({ input, result }) => {
      const before = (result.previous ?? {}) as Record<string, unknown>
      return Object.entries(input.data)
        .filter(([k, v]) => (before[k] ?? null) !== (v ?? null) || !result.previous)
        .map(([field, v]) => ({ field, old: before[field] ?? null, new: v ?? null }))
    })
    when({ changes }, ({ changes }) => changes.length > 0).then(() => {
      recordTimelineStep(
        transform({ input, changes }, ({ input, changes }) => ({
          customer_id: input.customer_id,
          kind: "account.updated",
          summary: `Account updated: ${changes.map((c) => c.field).join(", ")}`,
          data: { changes },
          actor_type: "user",
          actor_id: input.actor_id,
        }))
      )
    })
    when({ input, result }, ({ input, result }) =>
      input.data.active === false && (result.previous ? result.previous.active !== false : true)
    ).then(() => {
      emitEventStep({
        eventName: TRADE_EVENTS.deactivated,
        data: transform({ input }, ({ input }) => ({
          customer_id: input.customer_id,
          actor_type: "user",
          actor_id: input.actor_id,
        })),
      })
    })
    return new WorkflowResponse(transform({ result }, ({ result }) => result.account))
  }
)
