import type { MedusaRequest } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { DUPLICATE_REASON_LABELS, type DuplicateCustomerSummary, type DuplicateReason } from "../../../../types/duplicates"

/** Reason codes → { code, label } as the review shows them. */
export const reasonsOf = (codes: string[]): DuplicateReason[] =>
  codes.map((code) => ({ code, label: DUPLICATE_REASON_LABELS[code] ?? code }))

/** The customers a duplicate list names, by id (one query). */
export async function customerSummaries(req: MedusaRequest, ids: string[]): Promise<Map<string, DuplicateCustomerSummary>> {
  const wanted = [...new Set(ids)]
  const customers = wanted.length
    ? await req.scope.resolve(Modules.CUSTOMER).listCustomers(
        { id: wanted },
        { select: ["id", "first_name", "last_name", "email", "phone", "has_account"], take: wanted.length }
      )
    : []
  return new Map(
    customers.map((c) => [
      c.id,
      {
        id: c.id,
        first_name: c.first_name ?? null,
        last_name: c.last_name ?? null,
        email: c.email ?? null,
        phone: c.phone ?? null,
        has_account: !!c.has_account,
      },
    ])
  )
}
