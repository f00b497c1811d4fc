import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { customerSearchSql } from "../lib/customer-list/search"

/**
 * Indexes on Medusa's core `customer` table for the back-office customer list.
 *
 * A migration script, not a module migration: `medusa db:migrate` runs
 * plugin module migrations before (or alongside) the core customer module's,
 * so a module migration cannot rely on the customer table existing. Scripts
 * run once, after every module is migrated.
 *
 * Search uses a pg_trgm GIN index. Where the database user may not create the
 * extension (pg_trgm is a "trusted" extension: database owners can), search
 * still works, without that index.
 */
export const CUSTOMER_LIST_INDEXES: Record<string, string> = {
  IDX_cbo_customer_created_at: `CREATE INDEX IF NOT EXISTS "IDX_cbo_customer_created_at" ON "customer" ("created_at" DESC, "id" DESC) WHERE deleted_at IS NULL`,
  IDX_cbo_customer_name: `CREATE INDEX IF NOT EXISTS "IDX_cbo_customer_name" ON "customer" ((lower(coalesce(first_name, ''))), (lower(coalesce(last_name, ''))), "id") WHERE deleted_at IS NULL`,
  IDX_cbo_customer_email_sort: `CREATE INDEX IF NOT EXISTS "IDX_cbo_customer_email_sort" ON "customer" ((lower(coalesce(email, ''))), "id") WHERE deleted_at IS NULL`,
  IDX_cbo_customer_removed_at: `CREATE INDEX IF NOT EXISTS "IDX_cbo_customer_removed_at" ON "customer" ("deleted_at" DESC, "id" DESC) WHERE deleted_at IS NOT NULL`,
}

export async function createCustomerListIndexes(knex: Knex, log: (m: string) => void = () => undefined) {
  for (const sql of Object.values(CUSTOMER_LIST_INDEXES)) {
    await knex.raw(sql)
  }
  try {
    await knex.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm")
  } catch (e) {
    log(`[customer-backoffice] pg_trgm is not available (${(e as Error).message}): customer search runs without its index`)
    return
  }
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS "IDX_cbo_customer_search_trgm" ON "customer" USING gin ((${customerSearchSql("customer")}) gin_trgm_ops)`
  )
}

export default async function customerListIndexes({ container }: { container: MedusaContainer }) {
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await createCustomerListIndexes(knex, (m) => logger.warn(m))
  logger.info("[customer-backoffice] customer list indexes are in place")
}
