import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CUSTOMER_RECORDS_MODULE } from "../../../modules/customer-records"
import type CustomerRecordsModuleService from "../../../modules/customer-records/service"

/** Reads the profile's current photo (to delete the old file after a change). */
export const currentPhotoStep = createStep(
  "cbo-current-customer-photo",
  async (input: { customer_id: string }, { container }) => {
    const records: CustomerRecordsModuleService = container.resolve(
      CUSTOMER_RECORDS_MODULE
    )
    const [profile] = await records.listCustomerProfiles(
      { customer_id: input.customer_id },
      { select: ["id", "photo_file_id"] }
    )
    return new StepResponse({ photo_file_id: profile?.photo_file_id ?? null })
  }
)
