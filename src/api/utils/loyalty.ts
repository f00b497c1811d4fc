import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { CUSTOMER_POINTS_MODULE } from "../../modules/customer-points"
import type CustomerPointsModuleService from "../../modules/customer-points/service"
import type { EntryRow } from "../../modules/customer-points/service"

export function pointsService(req: MedusaRequest): CustomerPointsModuleService {
  return req.scope.resolve(CUSTOMER_POINTS_MODULE)
}

/** The store's default currency (lower case), or null when none is set. */
export async function storeCurrency(req: MedusaRequest): Promise<string | null> {
  const stores = await req.scope
    .resolve(Modules.STORE)
    .listStores({}, { relations: ["supported_currencies"] })
  const currencies = (stores[0]?.supported_currencies ?? []) as {
    currency_code: string
    is_default: boolean
  }[]
  return (currencies.find((c) => c.is_default) ?? currencies[0])?.currency_code ?? null
}

/** What the loyalty card shows: balance, value in the store currency, expiry. */
export async function loyaltyState(req: MedusaRequest, customerId: string) {
  const [summary, currency_code] = await Promise.all([
    pointsService(req).summary(customerId),
    storeCurrency(req),
  ])
  return { ...summary, currency_code }
}

/** A customer id of a request body: 400 with the field when it does not exist. */
export async function requireCustomerField(req: MedusaRequest, id: string, field = "customer_id") {
  const [customer] = await req.scope.resolve(Modules.CUSTOMER).listCustomers({ id }, { select: ["id"] })
  if (!customer) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: no customer with id ${id}`)
  }
  return customer
}

/** An entry as the storefront sees it (no admin user ids, no keys). */
export function storeEntry(e: EntryRow) {
  return {
    id: e.id,
    kind: e.kind,
    points: e.points,
    balance_after: e.balance_after,
    reason: e.kind === "manual_add" || e.kind === "manual_remove" ? e.reason : storeReason(e),
    source_type: e.source_type === "order" ? "order" : null,
    source_id: e.source_type === "order" ? e.source_id : null,
    created_at: e.created_at,
  }
}

function storeReason(e: EntryRow) {
  switch (e.kind) {
    case "earn":
      return e.reason ?? "Points earned"
    case "redeem":
      return e.reason ?? "Points redeemed"
    case "expire":
      return "Points expired"
    default:
      return e.reason ?? "Correction"
  }
}
