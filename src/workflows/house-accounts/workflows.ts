import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { CreateAccountInput, PostEntryInput, UpdateAccountInput } from "../../modules/house-accounts/service"
import { recordTimelineStep } from "../timeline"
import { houseEntryTimeline } from "./timeline"
import {
  createHouseAccountStep,
  postHouseAccountEntryStep,
  setHouseAccountCustomersStep,
  updateHouseAccountStep,
} from "./steps"
import {
  HOUSE_ACCOUNT_ADJUSTED_EVENT,
  HOUSE_ACCOUNT_CHARGED_EVENT,
  HOUSE_ACCOUNT_CREATED_EVENT,
  HOUSE_ACCOUNT_CUSTOMERS_CHANGED_EVENT,
  HOUSE_ACCOUNT_LIMIT_CHANGED_EVENT,
  HOUSE_ACCOUNT_PAYMENT_RECORDED_EVENT,
  HOUSE_ACCOUNT_REFUNDED_EVENT,
  HOUSE_ACCOUNT_STATUS_CHANGED_EVENT,
} from "./events"

export * from "./events"

/** Creates a house account and assigns its customers. */
export const createHouseAccountWorkflow = createWorkflow(
  "cbo-create-house-account",
  (input: CreateAccountInput & { customer_ids?: string[]; actor_id: string | null }) => {
    const created = createHouseAccountStep(input)
    const assign = transform({ created, input }, ({ created, input }) => ({
      id: created.id,
      add: input.customer_ids ?? [],
    }))
    const assigned = setHouseAccountCustomersStep(assign)
    const data = transform({ assigned, input }, ({ assigned, input }) => ({
      account_id: assigned.account.id,
      account_number: assigned.account.account_number,
      customer_ids: assigned.account.customer_ids,
      actor_id: input.actor_id,
    }))
    emitEventStep({ eventName: HOUSE_ACCOUNT_CREATED_EVENT, data })
    return new WorkflowResponse(assigned.account)
  }
)

/** Changes name, limits or status; emits limit_changed / status_changed when they moved. */
export const updateHouseAccountWorkflow = createWorkflow(
  "cbo-update-house-account",
  (input: UpdateAccountInput & { id: string; actor_id: string | null }) => {
    const step = transform({ input }, ({ input }) => {
      const { actor_id: _a, ...rest } = input
      return rest
    })
    const result = updateHouseAccountStep(step)
    const limitData = transform({ result, input }, ({ result, input }) =>
      result.before.credit_limit !== result.account.credit_limit ||
      result.before.order_limit !== result.account.order_limit
        ? {
            account_id: result.account.id,
            old: result.before.credit_limit,
            new: result.account.credit_limit,
            order_limit_old: result.before.order_limit,
            order_limit_new: result.account.order_limit,
            actor_id: input.actor_id,
          }
        : null
    )
    emitEventStep({ eventName: HOUSE_ACCOUNT_LIMIT_CHANGED_EVENT, data: limitData }).config({
      name: "cbo-house-account-limit-changed",
    })
    const statusData = transform({ result, input }, ({ result, input }) =>
      result.before.status !== result.account.status
        ? { account_id: result.account.id, old: result.before.status, new: result.account.status, actor_id: input.actor_id }
        : null
    )
    emitEventStep({ eventName: HOUSE_ACCOUNT_STATUS_CHANGED_EVENT, data: statusData }).config({
      name: "cbo-house-account-status-changed",
    })
    return new WorkflowResponse(result.account)
  }
)

/** Adds and removes the customers allowed to charge the account. */
export const setHouseAccountCustomersWorkflow = createWorkflow(
  "cbo-set-house-account-customers",
  (input: { id: string; add?: string[]; remove?: string[]; actor_id: string | null }) => {
    const step = transform({ input }, ({ input }) => ({ id: input.id, add: input.add, remove: input.remove }))
    const result = setHouseAccountCustomersStep(step)
    const data = transform({ result, input }, ({ result, input }) =>
      result.added.length || result.removed.length
        ? {
            account_id: result.account.id,
            added: result.added,
            removed: result.removed,
            customer_ids: result.account.customer_ids,
            actor_id: input.actor_id,
          }
        : null
    )
    emitEventStep({ eventName: HOUSE_ACCOUNT_CUSTOMERS_CHANGED_EVENT, data })
    return new WorkflowResponse(result.account)
  }
)

const EVENT_OF_KIND = {
  charge: HOUSE_ACCOUNT_CHARGED_EVENT,
  payment: HOUSE_ACCOUNT_PAYMENT_RECORDED_EVENT,
  adjustment: HOUSE_ACCOUNT_ADJUSTED_EVENT,
  refund: HOUSE_ACCOUNT_REFUNDED_EVENT,
} as const

/**
 * Posts one entry (charge, refund, payment, adjustment) and emits the event of
 * its kind; a replayed idempotency key writes and emits nothing.
 */
export const postHouseAccountEntryWorkflow = createWorkflow(
  "cbo-post-house-account-entry",
  (input: PostEntryInput) => {
    const result = postHouseAccountEntryStep(input)
    when({ result }, ({ result }) => !result.replayed).then(() => {
      recordTimelineStep(transform({ result }, ({ result }) => houseEntryTimeline(result.entry, result.account))).config({
        name: "cbo-house-account-entry-timeline",
      })
      const event = transform({ result }, ({ result }) => {
        const { entry, account } = result
        return {
          eventName: EVENT_OF_KIND[entry.kind],
          data: {
            account_id: account.id,
            entry_id: entry.id,
            kind: entry.kind,
            amount: entry.kind === "adjustment" ? entry.amount : Math.abs(entry.amount),
            balance: account.balance,
            available_credit: account.available_credit,
            currency_code: account.currency_code,
            customer_id: entry.customer_id,
            method: entry.method,
            reference: entry.reference,
            reason: entry.reason,
            actor_id: entry.actor_id,
            source_type: entry.source_type,
            source_id: entry.source_id,
          },
        }
      })
      emitEventStep(event)
    })
    return new WorkflowResponse(result)
  }
)
