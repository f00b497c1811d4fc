import { z } from "@medusajs/framework/zod"
import { dateInput } from "../../../../lib/validation/input"
import { validateEmail } from "../../../../lib/validation/email"

export const EmailBounceBody = z
  .object({
    email: z.unknown().transform((v, ctx) => {
      const r = validateEmail(v, { required: true })
      if (!r.ok || !r.value) {
        ctx.addIssue({ code: "custom", message: r.ok ? "Email is required" : r.message })
        return z.NEVER
      }
      return r.value
    }),
    attempted_at: dateInput()
      .refine((d) => d.getTime() <= Date.now() + 5 * 60_000, "attempted_at cannot be in the future")
      .optional(),
  })
  .strict()

export const CreateReferralSourceBody = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(100, "At most 100 characters"),
    rank: z.number().int().min(0).max(100_000).optional(),
    active: z.boolean().optional(),
  })
  .strict()

export const UpdateReferralSourceBody = CreateReferralSourceBody.partial().strict()

export const ListReferralSourcesQuery = z
  .object({
    active: z.enum(["true", "false"]).optional(),
  })
  .strict()
