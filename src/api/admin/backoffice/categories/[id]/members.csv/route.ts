import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { csvRow } from "../../../../../../lib/csv"
import { pg, retrieveCategory } from "../../helpers"

const BATCH = 1000
export const MEMBER_CSV_HEADER = [
  "First name",
  "Last name",
  "Email",
  "Phone",
  "Company",
  "Created",
]

const fileName = (name: string) =>
  `category-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "members"}-members.csv`

/**
 * GET /admin/backoffice/categories/:id/members.csv — the category's members
 * as CSV, streamed in batches (keyset pagination), cells neutralised against
 * formula injection.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const category = await retrieveCategory(req, req.params.id)
  const knex = pg(req)
  res.status(200)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader(
    "Content-Disposition",
    `attachment; filename="${fileName(category.name)}"`
  )
  res.setHeader("Cache-Control", "no-store")
  // UTF-8 BOM: spreadsheet software then reads accents correctly.
  res.write(`\uFEFF${csvRow(MEMBER_CSV_HEADER)}`)
  let after = ""
  for (;;) {
    const { rows } = await knex.raw(
      `select c.id, c.first_name, c.last_name, c.email, c.phone, c.company_name, c.created_at
         from customer_group_customer gc
         join customer c on c.id = gc.customer_id and c.deleted_at is null
        where gc.customer_group_id = ? and gc.deleted_at is null and c.id > ?
        order by c.id
        limit ?`,
      [category.id, after, BATCH]
    )
    if (!rows.length) break
    let chunk = ""
    for (const r of rows) {
      chunk += csvRow([
        r.first_name,
        r.last_name,
        r.email,
        r.phone,
        r.company_name,
        r.created_at ? new Date(r.created_at) : null,
      ])
    }
    if (!res.write(chunk)) {
      await new Promise((resolve) => res.once("drain", resolve))
    }
    after = rows[rows.length - 1].id
    if (rows.length < BATCH) break
  }
  res.end()
}
