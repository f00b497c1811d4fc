import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { recordTimelineStep } from "../../timeline"
import {
  adjustPointsStep,
  updateLoyaltyAccountStep,
  type AdjustPointsInput,
  type UpdateLoyaltyInput,
} from "../steps"
import { LOYALTY_UPDATED_EVENT, POINTS_ADJUSTED_EVENT } from "../events"

export type { AdjustPointsInput, UpdateLoyaltyInput }
export * from "../events"

/** Adds or removes points by hand (mandatory reason), with a timeline entry; adding enrols. */
export const adjustCustomerPointsWorkflow = createWorkflow(
  "cbo-adjust-customer-points",
  (input: AdjustPointsInput) => {
    const result = adjustPointsStep(input)
    when({ result }, ({ result }) => !result.replayed).then(() => {
      const entry = transform({ result, input }, ({ result, input }) => ({
        customer_id: input.customer_id,
        kind: input.direction === "add" ? "points.added" : "points.removed",
        summary: `${input.points.toLocaleString("en-US")} points ${
          input.direction === "add" ? "added" : "removed"
        }: ${input.reason}`,
        data: {
          entry_id: result.entry.id,
          points: result.entry.points,
          balance: result.balance,
          reason: input.reason,
        },
        actor_type: "user",
        actor_id: input.actor_id,
      }))
      recordTimelineStep(entry)
      const eventData = transform({ result, input }, ({ result, input }) => ({
        customer_id: input.customer_id,
        entry_id: result.entry.id,
        kind: result.entry.kind,
        points: result.entry.points,
        balance: result.balance,
        reason: input.reason,
        actor_id: input.actor_id,
      }))
      emitEventStep({ eventName: POINTS_ADJUSTED_EVENT, data: eventData })
    })
    // Points added by hand enrol the customer: the merchant who gives points
    // means the customer to collect them (removing points changes nothing).
    const enrolment = when({ result, input }, ({ result, input }) => !result.replayed && input.direction === "add").then(
      () => {
        const enrolInput = transform({ input }, ({ input }) => ({ customer_id: input.customer_id, enrolled: true }))
        return updateLoyaltyAccountStep(enrolInput).config({ name: "cbo-enrol-on-points-added" })
      }
    )
    when({ enrolment }, ({ enrolment }) => !!enrolment && !enrolment.before.enrolled).then(() => {
      const entry = transform({ input }, ({ input }) => ({
        customer_id: input.customer_id,
        kind: "loyalty.updated",
        summary: "Enrolled in loyalty (points added)",
        data: { changes: [{ field: "enrolled", old: false, new: true }] },
        actor_type: "user",
        actor_id: input.actor_id,
      }))
      recordTimelineStep(entry).config({ name: "cbo-enrol-on-points-timeline" })
      const eventData = transform({ enrolment }, ({ enrolment }) => ({
        customer_id: enrolment!.account.customer_id,
        enrolled: true,
        code: enrolment!.account.code,
        changes: [{ field: "enrolled", old: false, new: true }],
      }))
      emitEventStep({ eventName: LOYALTY_UPDATED_EVENT, data: eventData }).config({ name: "cbo-enrol-on-points-event" })
    })
    return new WorkflowResponse(result)
  }
)

/** Enrols a customer in loyalty (or not) and/or sets the account code. */
export const updateCustomerLoyaltyWorkflow = createWorkflow(
  "cbo-update-customer-loyalty",
  (input: UpdateLoyaltyInput & { actor_id: string | null }) => {
    const result = updateLoyaltyAccountStep(input)
    const changes = transform({ result }, ({ result }) => {
      const list: { field: string; old: unknown; new: unknown }[] = []
      if (result.before.enrolled !== result.account.enrolled) {
        list.push({ field: "enrolled", old: result.before.enrolled, new: result.account.enrolled })
      }
      if (result.before.code !== result.account.code) {
        list.push({ field: "code", old: result.before.code, new: result.account.code })
      }
      return list
    })
    when({ changes }, ({ changes }) => changes.length > 0).then(() => {
      const entry = transform({ result, changes, input }, ({ result, changes, input }) => ({
        customer_id: input.customer_id,
        kind: "loyalty.updated",
        summary: changes
          .map((c) =>
            c.field === "enrolled"
              ? c.new
                ? "Enrolled in loyalty"
                : "Left the loyalty program"
              : `Loyalty account code changed to ${result.account.code}`
          )
          .join("; "),
        data: { changes },
        actor_type: "user",
        actor_id: input.actor_id,
      }))
      recordTimelineStep(entry)
      const eventData = transform({ result, changes }, ({ result, changes }) => ({
        customer_id: result.account.customer_id,
        enrolled: result.account.enrolled,
        code: result.account.code,
        changes,
      }))
      emitEventStep({ eventName: LOYALTY_UPDATED_EVENT, data: eventData })
    })
    return new WorkflowResponse(result.account)
  }
)
