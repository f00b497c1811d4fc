import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AccountType } from "../../../modules/trade-accounts/models/trade-account"
import type { ApplicationStatus } from "../../../modules/trade-accounts/models/trade-application"
import {
  assertAccountCodeFree,
  assertPending,
  assertPriceList,
  requireApplication,
  tradeService,
} from "./common"

export type TradeAccountData = Partial<{
  account_type: AccountType
  account_code: string | null
  company_name: string | null
  company_number: string | null
  vat_number: string | null
  free_delivery: boolean
  discount_bp: number
  price_list_id: string | null
  active: boolean
}>

type AccountRow = TradeAccountData & { id: string; customer_id: string }

/** A customer may apply unless an application is pending or it is already an active trade account. */
export const validateTradeApplicationStep = createStep(
  "cbo-validate-trade-application",
  async (input: { customer_id: string }, { container }) => {
    const svc = tradeService(container)
    const [pending] = await svc.listTradeApplications(
      { customer_id: input.customer_id, status: "pending" },
      { take: 1 }
    )
    if (pending) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        "A trade application for this account is already awaiting approval"
      )
    }
    const [account] = await svc.listTradeAccounts({ customer_id: input.customer_id }, { take: 1 })
    if (account?.account_type === "trade" && account.active) {
      throw new MedusaError(MedusaError.Types.CONFLICT, "This account is already a trade account")
    }
    return new StepResponse(account ?? null)
  }
)

export type ValidateTermsInput = {
  customer_id: string
  price_list_id?: string | null
  account_code?: string | null
  /** Set when the application must still be pending (approve, reject). */
  application_id?: string
  /** Turning the account on while an application is pending is refused. */
  activating?: boolean
}

/** Checks, before anything is written: the application is pending, the price list exists, the code is free. */
export const validateTradeTermsStep = createStep(
  "cbo-validate-trade-terms",
  async (input: ValidateTermsInput, { container }) => {
    if (input.application_id) {
      assertPending(await requireApplication(container, input.application_id))
    }
    if (input.activating) {
      const [pending] = await tradeService(container).listTradeApplications(
        { customer_id: input.customer_id, status: "pending" },
        { take: 1 }
      )
      if (pending) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          "active: this customer's trade application is pending — approve or reject it instead"
        )
      }
    }
    await assertPriceList(container, input.price_list_id)
    await assertAccountCodeFree(container, input.account_code, input.customer_id)
    return new StepResponse(true)
  }
)

/** Loads the application (404) and its customer; used before approving or rejecting. */
export const loadTradeApplicationStep = createStep(
  "cbo-load-trade-application",
  async (input: { id: string }, { container }) => {
    const app = await requireApplication(container, input.id)
    return new StepResponse(app as unknown as { id: string; customer_id: string; status: string })
  }
)

type AccountUndo = { created: string } | { id: string; previous: TradeAccountData }
type AccountResult = { account: AccountRow; previous: AccountRow | null }

/** Creates or updates a customer's account row; the compensation restores it. */
export const upsertTradeAccountStep = createStep(
  "cbo-upsert-trade-account",
  async (input: { customer_id: string; data: TradeAccountData }, { container }) => {
    const svc = tradeService(container)
    const [current] = (await svc.listTradeAccounts({ customer_id: input.customer_id })) as AccountRow[]
    if (!current) {
      const created = (await svc.createTradeAccounts({
        customer_id: input.customer_id,
        ...input.data,
      } as never)) as unknown as AccountRow
      return new StepResponse<AccountResult, AccountUndo>(
        { account: created, previous: null },
        { created: created.id }
      )
    }
    const previous: TradeAccountData = {}
    for (const key of Object.keys(input.data) as (keyof TradeAccountData)[]) {
      ;(previous as Record<string, unknown>)[key] = current[key] ?? null
    }
    const updated = (await svc.updateTradeAccounts({
      id: current.id,
      ...input.data,
    } as never)) as unknown as AccountRow
    return new StepResponse<AccountResult, AccountUndo>(
      { account: updated, previous: current },
      { id: current.id, previous }
    )
  },
  async (undo: AccountUndo | undefined, { container }) => {
    if (!undo) return
    const svc = tradeService(container)
    if ("created" in undo) await svc.deleteTradeAccounts(undo.created as string)
    else await svc.updateTradeAccounts({ id: undo.id, ...undo.previous } as never)
  }
)

export type CreateApplicationInput = {
  customer_id: string
  email: string
  source: "storefront" | "admin"
  company_name: string
  company_number?: string | null
  vat_number?: string | null
  phone?: string | null
  address?: Record<string, unknown> | null
  note?: string | null
}

export const createTradeApplicationStep = createStep(
  "cbo-create-trade-application",
  async (input: CreateApplicationInput, { container }) => {
    const created = await tradeService(container).createTradeApplications({
      ...input,
      status: "pending",
    } as never)
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (id) await tradeService(container).deleteTradeApplications(id)
  }
)

export type DecideInput = {
  id: string
  status: Exclude<ApplicationStatus, "pending">
  decided_by: string | null
  rejection_reason?: string | null
  terms?: Record<string, unknown> | null
}

/**
 * pending → approved/rejected. The update only matches a pending row, so two
 * staff deciding at once cannot both succeed (the second gets 409).
 */
export const decideTradeApplicationStep = createStep(
  "cbo-decide-trade-application",
  async (input: DecideInput, { container }) => {
    const svc = tradeService(container)
    const decided = await svc.updateTradeApplications({
      selector: { id: input.id, status: "pending" },
      data: {
        status: input.status,
        decided_by: input.decided_by,
        decided_at: new Date(),
        rejection_reason: input.rejection_reason ?? null,
        terms: input.terms ?? null,
      },
    } as never)
    const rows = decided as unknown as { id: string }[]
    if (!rows.length) {
      assertPending(await requireApplication(container, input.id))
    }
    return new StepResponse(rows[0] as unknown as Record<string, unknown>, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    await tradeService(container).updateTradeApplications({
      id,
      status: "pending",
      decided_by: null,
      decided_at: null,
      rejection_reason: null,
      terms: null,
    } as never)
  }
)

/** The applicant's email: its customer's, or (no customer yet) its emailpass login. */
export const applicantStep = createStep(
  "cbo-trade-applicant",
  async (input: { auth_identity_id: string | null; customer_id?: string | null }, { container }) => {
    if (input.customer_id) {
      const customers = container.resolve(Modules.CUSTOMER)
      const [c] = await customers.listCustomers({ id: input.customer_id }, { take: 1 })
      if (!c?.email) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "Add an email address to your account before applying")
      }
      return new StepResponse({ email: c.email })
    }
    const auth = container.resolve(Modules.AUTH)
    const identity = input.auth_identity_id
      ? await auth.retrieveAuthIdentity(input.auth_identity_id, { relations: ["provider_identities"] })
      : null
    const email =
      identity?.provider_identities?.find((p) => p.provider === "emailpass")?.entity_id ?? null
    if (!email || !/@/.test(email)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Register with an email and password before applying for a trade account"
      )
    }
    return new StepResponse({ email })
  }
)
