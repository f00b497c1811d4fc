import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { checkMergeable, MergeRefused } from "../../lib/customer-merge"
import { storeVerifiesCustomerEmails, verifiedJoin } from "../../lib/invitations/email-verification"
import { joinVerifiedEmailWorkflow } from "./workflows"

type Container = { resolve: (key: string) => any }

/**
 * Joins the in-store customers with the same email to this registered
 * customer when the store requires Medusa's email verification and the
 * shopper's login has verified that email (see verifiedJoin). Called when
 * the account is created and when a verification is confirmed, whichever
 * comes last. Without that proof nothing moves: the duplicate check leaves
 * staff a likely duplicate. A merge that is refused (a conflict staff must
 * settle) is logged and left to staff too.
 */
export async function joinOnVerifiedEmail(container: Container, customerId: string): Promise<string | null> {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  if (!storeVerifiesCustomerEmails(config?.projectConfig?.http?.authVerificationsPerActor)) return null
  const db: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const join = await verifiedJoin(db, customerId)
  if (!join) return null
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await checkMergeable(db, join.account_customer_id, join.joined_customer_ids)
    const { result } = await joinVerifiedEmailWorkflow(container as never).run({ input: join })
    return result.merge_id
  } catch (e) {
    if (!(e instanceof MergeRefused)) throw e
    logger.warn(`[customer-backoffice] verified email of ${customerId}: accounts not joined (${e.message}); left to staff`)
    return null
  }
}
