/**
 * Medusa's own customer events for the customers an import writes. The
 * commit writes customers with set-based SQL (./batch.ts), past the
 * customer module, so the module emits nothing: after each committed batch
 * the commit emits `customer.created` for the batch's new customers and
 * `customer.updated` for the updated ones, one `{ id }` payload per customer
 * (the shape Medusa's createCustomersWorkflow / updateCustomersWorkflow
 * emit), all in ONE emit call per batch. Other plugins (search, CRM sync)
 * thereby see imported customers.
 *
 * The messages carry `metadata.source = "customer-import"` (and the run id):
 * this plugin's own subscribers skip work the batch already did (the
 * timeline entry and snapshot are written in the batch's transaction).
 */
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"

export const IMPORT_EVENT_SOURCE = "customer-import"

export type ImportedCustomerMessage = {
  name: string
  data: { id: string }
  metadata: { source: typeof IMPORT_EVENT_SOURCE; run_id: string }
}

/** The messages of one committed batch: created first, then updated. */
export function importedCustomerMessages(
  runId: string,
  batch: { created: string[]; updated: string[] }
): ImportedCustomerMessage[] {
  const metadata = { source: IMPORT_EVENT_SOURCE, run_id: runId } as const
  return [
    ...batch.created.map((id) => ({ name: CustomerWorkflowEvents.CREATED, data: { id }, metadata })),
    ...batch.updated.map((id) => ({ name: CustomerWorkflowEvents.UPDATED, data: { id }, metadata })),
  ]
}

/** True for an event the import emitted (see importedCustomerMessages). */
export function isImportEvent(event: { metadata?: unknown }): boolean {
  return (event.metadata as { source?: unknown } | undefined)?.source === IMPORT_EVENT_SOURCE
}
