import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { recordTimelineStep } from "../../timeline"
import {
  applyConsentChangesStep,
  type ApplyConsentInput,
  type ConsentEventRow,
} from "../steps/consent"
import { sendSubscriptionConfirmationStep } from "../steps/send-confirmation"
import { SUBSCRIPTION_STATUS_LABELS } from "../../../types/enums"

export const CONSENT_CHANGED_EVENT = "customer_backoffice.consent.changed"

export type ChangeConsentWorkflowInput = ApplyConsentInput & {
  /** customer_group_id → name, for readable timeline lines */
  group_names?: Record<string, string>
  /** set when pending subscriptions must send a confirmation */
  notify?: { to: string; channel: string } | null
}

const SOURCE_LABEL: Record<string, string> = {
  admin: "admin",
  storefront: "storefront",
  import: "import",
  system: "system",
}

const statusLabel = (v: string | null) =>
  v === null ? null : (SUBSCRIPTION_STATUS_LABELS as Record<string, string>)[v] ?? v

export function describeConsentEvent(
  e: Pick<ConsentEventRow, "kind" | "subject" | "old_value" | "new_value">,
  groupNames: Record<string, string> = {}
) {
  if (e.kind === "opt_out") {
    return e.new_value === "true"
      ? "Opted out of email marketing"
      : "Opted in to email marketing (opt-out removed)"
  }
  const name = (e.subject && groupNames[e.subject]) || e.subject
  return `Mailings of "${name}": ${statusLabel(e.old_value) ?? "Not subscribed"} → ${statusLabel(e.new_value)}`
}

/**
 * The one workflow behind every consent change (admin, storefront, import,
 * system): state + consent history + timeline + event, and the double opt-in
 * notification for new pending subscriptions.
 */
export const changeConsentWorkflow = createWorkflow(
  "cbo-change-consent",
  (input: ChangeConsentWorkflowInput) => {
    const applied = applyConsentChangesStep(input)
    const entries = transform({ applied, input }, ({ applied, input }) =>
      applied.events.map((e) => ({
        customer_id: e.customer_id,
        kind: "consent.changed",
        summary: `${describeConsentEvent(e, input.group_names)} (${SOURCE_LABEL[e.source]})`,
        data: {
          consent_event_id: e.id,
          kind: e.kind,
          subject: e.subject,
          source: e.source,
          changes: [
            {
              field: e.kind === "opt_out" ? "marketing_opt_out" : `subscription:${e.subject}`,
              old: e.old_value,
              new: e.new_value,
            },
          ],
        },
        actor_type:
          e.source === "admin" ? "user" : e.source === "storefront" ? "customer" : e.source,
        actor_id: e.actor_id,
      }))
    )
    recordTimelineStep(entries)
    const notifyInput = transform({ applied, input }, ({ applied, input }) => ({
      to: input.notify?.to ?? "",
      channel: input.notify?.channel ?? "email",
      customer_id: input.customer_id,
      tokens: input.notify ? applied.tokens : [],
      group_names: input.group_names ?? {},
    }))
    sendSubscriptionConfirmationStep(notifyInput)
    const eventData = transform({ applied }, ({ applied }) =>
      applied.events.map((e) => ({
        id: e.id,
        customer_id: e.customer_id,
        kind: e.kind,
        subject: e.subject,
        old_value: e.old_value,
        new_value: e.new_value,
        source: e.source,
        actor_id: e.actor_id,
      }))
    )
    emitEventStep({ eventName: CONSENT_CHANGED_EVENT, data: eventData })
    const events = transform({ applied }, ({ applied }) => applied.events)
    return new WorkflowResponse(events)
  }
)
