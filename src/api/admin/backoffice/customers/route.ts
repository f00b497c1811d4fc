import type { AuthenticatedMedusaRequest, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { createBackofficeCustomerWorkflow } from "../../../../workflows/customer-records/workflows/create-customer"
import type { AdminCreateCustomerBodyType } from "./validators"
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

/**
 * POST /admin/backoffice/customers — "+ New customer": the customer with an
 * address, stores (all when none are given), categories (and a new one),
 * marketing opt-out, a note and loyalty enrolment, in one workflow.
 * 201 `{ customer: { id } }`; 400 naming the field; 409 when another
 * customer has the email (the message names it).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateCustomerBodyType>, res: MedusaResponse) {
  const b = req.validatedBody
  try {
    const { result } = await createBackofficeCustomerWorkflow(req.scope).run({
      input: {
        actor_id: req.auth_context?.actor_id ?? null,
        email: b.email ?? null,
        first_name: b.first_name ?? null,
        last_name: b.last_name ?? null,
        company_name: b.company_name ?? null,
        phone: b.phone?.value ?? null,
        phone_original: b.phone?.original ?? null,
        address: b.address
          ? {
              company: b.address.company ?? null,
              address_1: b.address.address_1 ?? null,
              address_2: b.address.address_2 ?? null,
              city: b.address.city ?? null,
              province: b.address.province ?? null,
              postal_code: b.address.postal_code ?? null,
              country_code: b.address.country_code?.toLowerCase() ?? null,
              phone: b.address.phone?.value ?? null,
            }
          : null,
        stores: b.stores,
        categories: b.categories,
        new_category: b.new_category ?? null,
        marketing_opt_out: b.marketing_opt_out,
        note: b.note ?? null,
        loyalty: b.loyalty,
      },
    })
    res.status(201).json({ customer: { id: result.id } })
  } catch (e) {
    const err = e as { type?: string; message?: string }
    const field = /^(\w+): /.exec(err?.message ?? "")?.[1]
    const status =
      err?.type === MedusaError.Types.CONFLICT ? 409 : err?.type === MedusaError.Types.INVALID_DATA ? 400 : 0
    if (!status || !field) throw e
    const message = err.message!.slice(field.length + 2)
    res.status(status).json({
      type: status === 409 ? "conflict" : "invalid_data",
      message: err.message,
      errors: [{ field, message }],
    })
  }
}
