import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
} from "@medusajs/framework/utils"
import { storeLinkPair } from "./plan"
import { CUSTOMER_STORES_TABLE } from "../../lib/core-sql/tables"

type Container = Pick<MedusaContainer, "resolve">

/**
 * Gives every customer that has no store yet all stores (sales channels):
 * customers that existed before the plugin was installed. Runs in batches
 * (keyset pagination) so it scales to large customer bases; returns how many
 * customers it assigned. Safe to run again: customers with a store are skipped.
 */
export async function backfillDefaultStores(
  container: Container,
  { batchSize = 500 }: { batchSize?: number } = {}
): Promise<number> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const channels = (
    await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({}, { select: ["id"] })
  ).map((s) => s.id)
  if (!channels.length) return 0
  let after = ""
  let assigned = 0
  for (;;) {
    const { rows } = await pg.raw(
      `select c.id from customer c
        where c.deleted_at is null and c.id > ?
          and not exists (
            select 1 from ${CUSTOMER_STORES_TABLE} l
             where l.customer_id = c.id and l.deleted_at is null)
        order by c.id
        limit ?`,
      [after, batchSize]
    )
    if (!rows.length) break
    const pairs = rows.flatMap((r: { id: string }) =>
      channels.map((sales_channel_id) => storeLinkPair({ customer_id: r.id, sales_channel_id }))
    )
    await link.create(pairs)
    assigned += rows.length
    after = rows[rows.length - 1].id
    if (rows.length < batchSize) break
  }
  return assigned
}
