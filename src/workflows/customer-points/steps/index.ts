import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CUSTOMER_POINTS_MODULE } from "../../../modules/customer-points"
import type CustomerPointsModuleService from "../../../modules/customer-points/service"
import type { EntryRow } from "../../../modules/customer-points/service"

const points = (container: { resolve: (k: string) => unknown }) =>
  container.resolve(CUSTOMER_POINTS_MODULE) as CustomerPointsModuleService

export type AdjustPointsInput = {
  customer_id: string
  direction: "add" | "remove"
  points: number
  reason: string
  actor_id: string | null
  idempotency_key: string
}

/**
 * Adds or removes points by hand. `replayed` is the ledger's answer: true when
 * the key had already been applied (by an earlier or a concurrent call), so
 * only the call that wrote the entry records it, and only its compensation
 * reverses it (the ledger is append-only).
 */
export const adjustPointsStep = createStep(
  "cbo-adjust-points",
  async (input: AdjustPointsInput, { container }) => {
    const svc = points(container)
    const common = {
      customer_id: input.customer_id,
      points: input.points,
      reason: input.reason,
      actor_type: "user",
      actor_id: input.actor_id,
      source_type: "admin",
      source_id: input.actor_id,
      idempotency_key: input.idempotency_key,
    }
    const { replayed, ...entry } =
      input.direction === "add"
        ? await svc.credit({ ...common, kind: "manual_add" })
        : await svc.debit({ ...common, kind: "manual_remove" })
    const balance = await svc.balance(input.customer_id)
    return new StepResponse(
      { entry: entry as EntryRow, balance, replayed },
      replayed ? null : { entry_id: entry.id, key: input.idempotency_key, actor_id: input.actor_id }
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    await points(container).reverse({
      entry_id: undo.entry_id,
      reason: "Rolled back",
      actor_type: "system",
      actor_id: undo.actor_id,
      idempotency_key: `${undo.key}:rollback`,
    })
  }
)

export type UpdateLoyaltyInput = {
  customer_id: string
  enrolled?: boolean
  code?: string
}

/** Enrols/unenrols and/or sets the account code; compensation restores both. */
export const updateLoyaltyAccountStep = createStep(
  "cbo-update-loyalty-account",
  async (input: UpdateLoyaltyInput, { container }) => {
    const svc = points(container)
    const before = await svc.getOrCreateAccount(input.customer_id)
    let account = before
    if (input.code !== undefined && input.code !== before.code) {
      account = await svc.setCode(input.customer_id, input.code)
    }
    if (input.enrolled !== undefined && input.enrolled !== before.enrolled) {
      account = await svc.enroll(input.customer_id, input.enrolled)
    }
    if (!account) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "No loyalty account")
    }
    return new StepResponse(
      { before, account },
      { customer_id: input.customer_id, enrolled: before.enrolled, code: before.code }
    )
  },
  async (prev, { container }) => {
    if (!prev) return
    const svc = points(container)
    await svc.setCode(prev.customer_id, prev.code)
    await svc.enroll(prev.customer_id, prev.enrolled)
  }
)
