import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CUSTOMER_TIMELINE_MODULE } from "../../../modules/customer-timeline"
import type CustomerTimelineModuleService from "../../../modules/customer-timeline/service"
import type { TimelineEntryInput } from "../../../modules/customer-timeline/types"

export type RecordTimelineStepInput = TimelineEntryInput | TimelineEntryInput[]

/**
 * Appends entries to customers' timelines. Add it to any workflow that
 * changes a customer; if the workflow is rolled back, its entries go too.
 */
export const recordTimelineStep = createStep(
  "cbo-record-timeline",
  async (input: RecordTimelineStepInput, { container }) => {
    const entries = (Array.isArray(input) ? input : [input]).filter(Boolean)
    const timeline: CustomerTimelineModuleService = container.resolve(
      CUSTOMER_TIMELINE_MODULE
    )
    const created = await timeline.appendEntries(entries)
    return new StepResponse(
      created,
      created.map((e) => e.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const timeline: CustomerTimelineModuleService = container.resolve(
      CUSTOMER_TIMELINE_MODULE
    )
    await timeline.deleteTimelineEntries(ids)
  }
)
