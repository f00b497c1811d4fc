import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { refreshCustomerSalesStep } from "../steps/refresh-sales"

/**
 * Recomputes the customer list's order columns (orders, total spent, last
 * order) of some customers from Medusa's order summaries.
 */
export const refreshCustomerSalesWorkflow = createWorkflow(
  "cbo-refresh-customer-sales",
  (input: { customer_ids: string[] }) => {
    const rows = refreshCustomerSalesStep(input)
    return new WorkflowResponse(rows)
  }
)
