import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { csvCell, query, requireGroup } from "../../../../../utils/engagement"
import type { SubscribersQueryType } from "../../../customers/engagement-validators"

const CSV_COLUMNS = [
  "customer_id",
  "email",
  "first_name",
  "last_name",
  "company_name",
  "confirmed_at",
] as const

/**
 * Confirmed subscribers of a category, minus opted-out and deleted customers:
 * the list a marketing tool takes.
 */
function subscribersQuery(pg: Knex, groupId: string) {
  return pg("mailing_subscription as s")
    .join("customer as c", function () {
      this.on("c.id", "=", "s.customer_id").andOnNull("c.deleted_at")
    })
    .leftJoin("customer_consent as cc", function () {
      this.on("cc.customer_id", "=", "s.customer_id").andOnNull("cc.deleted_at")
    })
    .where("s.customer_group_id", groupId)
    .andWhere("s.status", "confirmed")
    .whereNull("s.deleted_at")
    .andWhere(function () {
      this.whereNull("cc.id").orWhere("cc.marketing_opt_out", false)
    })
}

/** GET /admin/backoffice/categories/:id/subscribers?limit&offset&format=json|csv */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const group = await requireGroup(req, req.params.id)
  const q = query<SubscribersQueryType>(req)
  const pg: Knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const select = [
    "s.customer_id",
    "c.email",
    "c.first_name",
    "c.last_name",
    "c.company_name",
    "s.confirmed_at",
  ]
  const order = (qb: Knex.QueryBuilder) =>
    qb.orderBy([
      { column: "s.confirmed_at", order: "asc" },
      { column: "s.id", order: "asc" },
    ])

  if (q.format === "csv") {
    const rows = await order(subscribersQuery(pg, group.id).select(select))
    const lines = [CSV_COLUMNS.join(",")]
    for (const r of rows) {
      lines.push(
        CSV_COLUMNS.map((col) =>
          csvCell(
            r[col] instanceof Date ? (r[col] as Date).toISOString() : r[col]
          )
        ).join(",")
      )
    }
    const safeName = (group.name || group.id).replace(/[^A-Za-z0-9_-]+/g, "-")
    res.setHeader("Content-Type", "text/csv; charset=utf-8")
    res.setHeader(
      "Content-Disposition",
      `attachment; filename="subscribers-${safeName}.csv"`
    )
    res.send(lines.join("\r\n") + "\r\n")
    return
  }

  const [{ count }] = await subscribersQuery(pg, group.id).count({ count: "*" })
  const rows = await order(subscribersQuery(pg, group.id).select(select))
    .limit(q.limit)
    .offset(q.offset)
  res.json({
    category: { id: group.id, name: group.name },
    subscribers: rows,
    count: Number(count),
    limit: q.limit,
    offset: q.offset,
  })
}
