import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
// The plugin as the host loads it (built by `npm run demo` before seeding).
import { sendInvitationWorkflow } from "../../.medusa/server/src/workflows/customer-invitations/workflows"

/**
 * One invited in-store customer: the first guest (no account) with an email
 * and orders gets an invitation to register, so the customer page shows the
 * Invitation card and the timeline its entry. Idempotent: nothing is sent
 * when a demo invitation exists.
 */
export async function seedInvitation(container: MedusaContainer): Promise<string | null> {
  const pg = container.resolve<any>(ContainerRegistrationKeys.PG_CONNECTION)
  if ((await pg.raw(`select 1 from customer_invitation limit 1`)).rows.length) return null
  const { rows } = await pg.raw(
    `select c.id, c.email, c.first_name, c.last_name from customer c
      where c.has_account = false and c.deleted_at is null and c.email is not null
        and exists (select 1 from "order" o where o.customer_id = c.id and o.deleted_at is null)
      order by c.created_at limit 1`
  )
  const c = rows[0]
  if (!c) return null
  await sendInvitationWorkflow(container).run({ input: { customer: c, trigger: "manual", actor_id: null } })
  return c.email as string
}
