import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sessionCustomer } from "../helpers"
import { loyaltyState } from "../../../utils/loyalty"

/** GET /store/backoffice/loyalty — the logged-in customer's points (never another customer's). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customer = await sessionCustomer(req)
  const s = await loyaltyState(req, customer.id)
  res.json({
    loyalty: {
      enrolled: s.enrolled,
      code: s.code,
      balance: s.balance,
      value: s.value,
      currency_code: s.currency_code,
      expiring_soon: s.expiring_soon,
      expiring_soon_days: s.expiring_soon_days,
      next_expiry: s.next_expiry,
    },
  })
}
