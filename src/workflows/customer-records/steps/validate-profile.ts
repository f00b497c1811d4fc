import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CUSTOMER_RECORDS_MODULE } from "../../../modules/customer-records"
import type CustomerRecordsModuleService from "../../../modules/customer-records/service"

export type ProfileCheckInput = {
  customer_id: string
  referral_source_id?: string | null
  customer_number?: string | null
}

export type ProfileProblem = {
  status: 400 | 404 | 409
  field: string
  message: string
}

/**
 * The checks that need the database: the customer exists, the referral
 * source exists, the customer ID number is not someone else's. Used by the
 * routes (to answer with field messages) and by the workflow step.
 */
export async function findProfileProblems(
  container: { resolve: (key: string) => unknown },
  input: ProfileCheckInput
): Promise<ProfileProblem[]> {
  const records = container.resolve(
    CUSTOMER_RECORDS_MODULE
  ) as CustomerRecordsModuleService
  const customers = container.resolve(Modules.CUSTOMER) as {
    listCustomers: (f: object, c?: object) => Promise<{ id: string }[]>
  }
  const problems: ProfileProblem[] = []
  const [customer] = await customers.listCustomers(
    { id: input.customer_id },
    { select: ["id"] }
  )
  if (!customer) {
    return [
      {
        status: 404,
        field: "customer_id",
        message: `Customer ${input.customer_id} was not found`,
      },
    ]
  }
  if (input.referral_source_id) {
    const [source] = await records.listReferralSources({
      id: input.referral_source_id,
    })
    if (!source) {
      problems.push({
        status: 400,
        field: "referral_source_id",
        message: `Unknown "How did you find us" choice: ${input.referral_source_id}`,
      })
    }
  }
  if (input.customer_number) {
    const [holder] = await records.listCustomerProfiles({
      customer_number: input.customer_number,
    })
    if (holder && holder.customer_id !== input.customer_id) {
      problems.push({
        status: 409,
        field: "customer_number",
        message: `Customer ID number ${input.customer_number} is already used by another customer (${holder.customer_id})`,
      })
    }
  }
  return problems
}

export const validateProfileStep = createStep(
  "cbo-validate-customer-profile",
  async (input: ProfileCheckInput, { container }) => {
    const problems = await findProfileProblems(container, input)
    const first = problems[0]
    if (first) {
      throw new MedusaError(
        first.status === 404
          ? MedusaError.Types.NOT_FOUND
          : first.status === 409
            ? MedusaError.Types.CONFLICT
            : MedusaError.Types.INVALID_DATA,
        problems.map((p) => `${p.field}: ${p.message}`).join("; ")
      )
    }
    return new StepResponse(true)
  }
)
