import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { markEmailBouncedWorkflow } from "../../../../../workflows/customer-records/workflows"

export type EmailBounceBody = { email: string; attempted_at?: Date }

/** POST /admin/backoffice/customers/email-bounces — flags an address as invalid. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = (req as unknown as { validatedBody: EmailBounceBody }).validatedBody
  const { result } = await markEmailBouncedWorkflow(req.scope).run({
    input: {
      email: body.email,
      attempted_at: (body.attempted_at ?? new Date()).toISOString(),
    },
  })
  res.json({ email: body.email, customer_ids: result.customer_ids, count: result.customer_ids.length })
}
