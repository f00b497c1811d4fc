import { z } from "@medusajs/framework/zod"
import { SendReceiptBody } from "./metrics-validators"

/** POST /admin/backoffice/customers/:id/forget — the customer's email, typed by the admin as a confirmation. */
export const ForgetCustomerBody = z
  .object({
    confirm_email: z.string().trim().min(1, "Type the customer's email to confirm").max(320),
  })
  .strict()
export type ForgetCustomerBodyType = z.infer<typeof ForgetCustomerBody>

/** GET …/forget?format= — `download` or `json`: the certificate as a JSON file; `pdf`: as a PDF. */
export const ForgetStatusQuery = z
  .object({
    format: z.enum(["download", "json", "pdf"], { message: "format: one of download, json, pdf" }).optional(),
  })
  .strict()
export type ForgetStatusQueryType = z.infer<typeof ForgetStatusQuery>

export const DataExportBody = z.object({}).strict()

/** POST …/data-export/:export_id/send — `{ email? }`, the same rule as a receipt's recipient. */
export const SendDataExportBody = SendReceiptBody
export type SendDataExportBodyType = z.infer<typeof SendDataExportBody>
