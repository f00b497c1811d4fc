import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ensureTradeTermsStep, refreshTradeCartsStep, setTradeGroupsStep } from "./steps"

export type ApplyTradeTermsInput = { customer_id: string }

/**
 * Puts a customer's stored trade terms into effect with Medusa's own features:
 * the price list through a customer group its rules target, the global
 * discount through the automatic promotion of that rate's group, free
 * delivery through the free-delivery group's 100 % shipping promotion. The
 * customer moves between the managed groups in one go; on failure, created
 * groups and promotions are removed and memberships restored.
 */
export const applyTradeTermsWorkflow = createWorkflow(
  "cbo-apply-trade-terms",
  (input: ApplyTradeTermsInput) => {
    const ensured = ensureTradeTermsStep(input)
    const moved = setTradeGroupsStep(ensured)
    refreshTradeCartsStep(
      transform({ input, moved }, ({ input, moved }) => ({
        customer_id: input.customer_id,
        changed: moved.added.length + moved.removed.length > 0,
      }))
    )
    return new WorkflowResponse(
      transform({ ensured, moved }, ({ ensured, moved }) => ({
        group_ids: ensured.wanted_group_ids,
        added: moved.added,
        removed: moved.removed,
      }))
    )
  }
)
