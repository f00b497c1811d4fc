import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { backfillDefaultStores } from "../workflows/customer-stores/backfill"

/**
 * Runs once, on the `medusa db:migrate` after the plugin is installed:
 * customers that existed before get every store, as new customers do.
 */
export default async function assignDefaultStores({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const assigned = await backfillDefaultStores(container)
  logger.info(`[customer-backoffice] assigned every store to ${assigned} existing customer(s)`)
}
