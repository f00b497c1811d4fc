import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
// The plugin as the host loads it (built by `npm run demo` before seeding).
import {
  applyForTradeAccountWorkflow,
  approveTradeApplicationWorkflow,
} from "../../.medusa/server/src/workflows"
import { DAY, firstBy, type DemoCustomer } from "./demo-pick"

const NOTES = [
  "We fit out restaurants and would like to order tableware in bulk.",
  "Interior design studio — we source textiles and accessories for clients.",
  "Hotel group with three properties; looking for staff uniforms and room amenities.",
  "Independent gift shop, interested in stocking your stationery.",
  "Office manager for a 40-person agency; monthly coffee and kitchen supplies.",
  "Event caterer, need mugs and linen for hire stock.",
]

/**
 * Trade applications as a storefront sends them: most pending approval (the
 * Trade applications screen and the Pending Approval status show them), two
 * approved with terms. Idempotent: customers with an application are skipped.
 */
export async function seedTradeApplications(
  container: MedusaContainer,
  customers: DemoCustomer[],
  exclude: Set<string>,
  now: Date
) {
  const pg = container.resolve<any>(ContainerRegistrationKeys.PG_CONNECTION)
  const companies = customers.filter((c) => c.company_name && c.has_account && !exclude.has(c.id))
  const chosen = firstBy(companies, "trade", 6)
  const { rows } = await pg.raw(
    `select customer_id from trade_application where deleted_at is null and customer_id = any(?)`,
    [chosen.map((c) => c.id)]
  )
  const have = new Set((rows as { customer_id: string }[]).map((r) => r.customer_id))
  const out = { pending: 0, approved: 0, failed: 0, error: "" }
  for (const [i, c] of chosen.entries()) {
    if (have.has(c.id)) continue
    try {
      const { result } = await applyForTradeAccountWorkflow(container).run({
        input: {
          customer_id: c.id,
          auth_identity_id: null,
          first_name: c.first_name,
          last_name: c.last_name,
          company_name: c.company_name!,
          note: NOTES[i % NOTES.length],
        },
      })
      const id = (result as { id: string }).id
      const at = new Date(now.getTime() - (1 + i * 2) * DAY)
      await pg("trade_application").where("id", id).update({ created_at: at, updated_at: at })
      if (i >= 4) {
        await approveTradeApplicationWorkflow(container).run({
          input: { id, actor_id: null, discount_percent: i === 4 ? 10 : 5, free_delivery: i === 4 },
        })
        out.approved++
      } else out.pending++
    } catch (e) {
      out.failed++
      out.error ||= (e as Error).message
    }
  }
  return out
}
