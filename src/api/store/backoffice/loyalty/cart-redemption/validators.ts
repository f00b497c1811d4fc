import { z } from "@medusajs/framework/zod"

const cartId = z
  .string({ error: "cart_id is required" })
  .trim()
  .min(1, "cart_id is required")
  .max(100, "cart_id is too long")

export const ApplyCartPointsBody = z
  .object({
    cart_id: cartId,
    points: z
      .number({ error: "points must be a number" })
      .int("points must be a whole number")
      .positive("points must be greater than 0")
      .max(1_000_000_000, "points is too large"),
  })
  .strict()
export type ApplyCartPointsBodyType = z.infer<typeof ApplyCartPointsBody>

export const CartRedemptionQuery = z.object({ cart_id: cartId }).strict()
export type CartRedemptionQueryType = z.infer<typeof CartRedemptionQuery>
