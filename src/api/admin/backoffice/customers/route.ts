import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listCustomers, type CustomerSortKey } from "../../../../lib/customer-list/query"
import { DEFAULT_CURRENCY_SQL } from "../../../../lib/customer-list/sales"
import { pg, validated } from "./list-helpers"
import { parseOrder, type ListCustomersQueryType } from "./list-validators"

/** GET /admin/backoffice/customers — the customer list with filters, search, sort and pages. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = validated<ListCustomersQueryType>(req, "validatedQuery")
  const { sort, direction } = parseOrder(q.order)
  const { rows, count } = await listCustomers(pg(req), {
    status: q.status,
    category: q.category,
    store: q.store,
    invalid_email: q.invalid_email,
    birthday_this_month: q.birthday_this_month,
    outstanding_balance: q.outstanding_balance,
    over_credit_limit: q.over_credit_limit,
    account_type: q.account_type,
    has_duplicates: q.has_duplicates,
    created_from: q.created_from,
    created_to: q.created_to,
    spent_more_than: q.spent_more_than,
    no_order_since: q.no_order_since,
    q: q.q,
    sort: sort as CustomerSortKey,
    direction,
    limit: q.limit,
    offset: q.offset,
  })
  const { rows: cur } = await pg(req).raw(`select ${DEFAULT_CURRENCY_SQL} as code`)
  // sales_currency: the store's default currency, which total_spent and spent_more_than are in
  res.json({ customers: rows, count, limit: q.limit, offset: q.offset, sales_currency: cur[0]?.code ?? null })
}
