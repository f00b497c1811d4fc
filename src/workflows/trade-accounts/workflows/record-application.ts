import { transform, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { upsertProfilesStep } from "../../customer-records/steps/upsert-profiles"
import {
  createTradeApplicationStep,
  upsertTradeAccountStep,
  validateTradeApplicationStep,
  type TradeAccountData,
} from "../steps"

/** What an applicant (or staff for them) submits with a trade application. */
export type TradeApplicationFields = {
  company_name: string
  company_number?: string | null
  vat_number?: string | null
  phone?: string | null
  address?: Record<string, unknown> | null
  note?: string | null
}

/**
 * The part of a trade application both ways in share — the storefront's
 * and staff registering a customer: the customer must not have a pending
 * application already; the account becomes Trade and inactive; the
 * application keeps the submitted fields and where it came from; the
 * profile shows Pending Approval. Returns the application.
 */
export function recordTradeApplication(
  input: TradeApplicationFields,
  customerId: WorkflowData<string>,
  applicant: WorkflowData<{ email: string }>,
  source: "admin" | "storefront"
) {
  validateTradeApplicationStep(transform({ customerId }, ({ customerId }) => ({ customer_id: customerId })))
  upsertTradeAccountStep(
    transform({ input, customerId }, ({ input, customerId }) => ({
      customer_id: customerId,
      data: {
        account_type: "trade",
        active: false,
        company_name: input.company_name,
        company_number: input.company_number ?? null,
        vat_number: input.vat_number ?? null,
      } satisfies TradeAccountData,
    }))
  )
  const application = createTradeApplicationStep(
    transform({ input, customerId, applicant }, ({ input, customerId, applicant }) => ({
      customer_id: customerId,
      email: applicant.email,
      source,
      company_name: input.company_name,
      company_number: input.company_number ?? null,
      vat_number: input.vat_number ?? null,
      phone: input.phone ?? null,
      address: input.address ?? null,
      note: input.note ?? null,
    }))
  )
  upsertProfilesStep(
    transform({ customerId }, ({ customerId }) => ({
      updates: [{ customer_id: customerId, origin_if_new: source, data: { status_override: "pending_approval" as const } }],
    }))
  )
  return application
}
