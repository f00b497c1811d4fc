import { MedusaError, Modules } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { createCustomersWorkflow, emitEventStep } from "@medusajs/medusa/core-flows"
import { recordTimelineStep } from "../../timeline/steps/record-timeline"
import { TRADE_EVENTS } from "../events"
import { recordTradeApplication } from "./record-application"
import { validateTradeTermsStep } from "../steps"
import { approveTradeApplicationWorkflow } from "./index"

export type RegisterTradeCustomerInput = {
  actor_id: string | null
  /** An existing customer… */
  customer_id?: string | null
  /** …or a new one (created as an In-Store customer, no login). */
  customer?: { email: string; first_name?: string | null; last_name?: string | null } | null
  company_name: string
  company_number?: string | null
  vat_number?: string | null
  phone?: string | null
  address?: Record<string, unknown> | null
  note?: string | null
  /** Approve at once with these terms; absent: the customer waits in the queue as Pending Approval. */
  approve?: {
    price_list_id?: string | null
    discount_percent?: number
    free_delivery?: boolean
    account_code?: string | null
  } | null
}

type Pg = { raw: (sql: string, b: unknown[]) => Promise<{ rows: { id: string }[] }> }

/**
 * The customer staff register: an existing live customer (404 otherwise; it
 * needs an email, the application's contact), or a new email no customer uses
 * yet (409 naming the customer that has it: register that one instead).
 */
export const staffApplicantStep = createStep(
  "cbo-trade-staff-applicant",
  async (input: Pick<RegisterTradeCustomerInput, "customer_id" | "customer">, { container }) => {
    if (input.customer_id) {
      const [c] = await container
        .resolve(Modules.CUSTOMER)
        .listCustomers({ id: input.customer_id }, { select: ["id", "email"], take: 1 })
      if (!c) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${input.customer_id} was not found`)
      if (!c.email) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "customer_id: add an email address to this customer first")
      }
      return new StepResponse({ email: c.email as string, existing: true })
    }
    const email = input.customer!.email
    const pg = container.resolve("__pg_connection__") as Pg
    const { rows } = await pg.raw(
      "SELECT id FROM customer WHERE lower(email) = lower(?) AND deleted_at IS NULL ORDER BY has_account DESC LIMIT 1",
      [email]
    )
    if (rows[0]) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `email: customer ${rows[0].id} already has this email — register that customer instead`
      )
    }
    return new StepResponse({ email, existing: false })
  }
)

/**
 * Staff register a customer — existing or new — as a trade applicant: Trade,
 * inactive and Pending Approval in the queue, exactly as a website
 * application (source "admin"; the enquiry and the acknowledgement are sent);
 * or, with `approve`, directly as an approved trade account with its terms
 * (the approval workflow runs: terms in Medusa, timeline, "approved" notice).
 */
export const registerTradeCustomerWorkflow = createWorkflow(
  "cbo-register-trade-customer",
  (input: RegisterTradeCustomerInput) => {
    const applicant = staffApplicantStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id, customer: input.customer }))
    )
    when({ input }, ({ input }) => !!input.approve).then(() => {
      validateTradeTermsStep(
        transform({ input }, ({ input }) => ({
          customer_id: input.customer_id ?? "",
          price_list_id: input.approve?.price_list_id,
          account_code: input.approve?.account_code,
        }))
      )
    })
    const created = when({ input }, ({ input }) => !input.customer_id).then(() =>
      createCustomersWorkflow.runAsStep({
        input: transform({ input }, ({ input }) => ({
          customersData: [
            {
              email: input.customer!.email,
              first_name: input.customer!.first_name ?? null,
              last_name: input.customer!.last_name ?? null,
              phone: input.phone ?? null,
              company_name: input.company_name,
              created_by: input.actor_id ?? undefined,
            },
          ],
        })),
      })
    )
    const customerId = transform({ input, created }, ({ input, created }) =>
      (input.customer_id ?? (created as { id: string }[] | undefined)?.[0]?.id) as string
    )
    const application = recordTradeApplication(input, customerId, applicant, "admin")
    recordTimelineStep(
      transform({ input, customerId, application }, ({ input, customerId, application }) => ({
        customer_id: customerId,
        kind: "trade.applied",
        summary: `Registered by staff for a trade account for ${input.company_name}`,
        data: { application_id: application.id, source: "admin" },
        actor_type: "user",
        actor_id: input.actor_id,
      }))
    )
    when({ input }, ({ input }) => !input.approve).then(() => {
      emitEventStep({
        eventName: TRADE_EVENTS.applied,
        data: transform({ input, customerId, application }, ({ input, customerId, application }) => ({
          id: application.id,
          customer_id: customerId,
          actor_type: "user",
          actor_id: input.actor_id,
        })),
      }).config({ name: "cbo-trade-staff-applied-event" })
    })
    when({ input }, ({ input }) => !!input.approve).then(() => {
      approveTradeApplicationWorkflow.runAsStep({
        input: transform({ input, application }, ({ input, application }) => ({
          id: application.id,
          actor_id: input.actor_id,
          ...(input.approve ?? {}),
        })),
      })
    })
    return new WorkflowResponse(transform({ application, customerId }, ({ application, customerId }) => ({
      id: application.id as string,
      customer_id: customerId,
    })))
  }
)
