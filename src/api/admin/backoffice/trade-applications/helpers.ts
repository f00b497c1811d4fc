import type { MedusaRequest } from "@medusajs/framework/http"
import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { TRADE_ACCOUNTS_MODULE } from "../../../../modules/trade-accounts"
import type TradeAccountsModuleService from "../../../../modules/trade-accounts/service"
import { userNames } from "../../../utils/engagement"

export function tradeAccounts(req: MedusaRequest): TradeAccountsModuleService {
  return req.scope.resolve(TRADE_ACCOUNTS_MODULE)
}

type Row = Record<string, any>

/**
 * The storefront customer of the request: the token's actor, or — for the
 * token of an emailpass registration that has since applied — the customer
 * its auth identity was linked to. 401 when there is none.
 */
export async function storeCustomerId(req: MedusaRequest): Promise<string> {
  const auth = (req as MedusaRequest & { auth_context?: { actor_id?: string; auth_identity_id?: string } })
    .auth_context
  if (auth?.actor_id) return auth.actor_id
  if (auth?.auth_identity_id) {
    const identity = await req.scope
      .resolve(Modules.AUTH)
      .retrieveAuthIdentity(auth.auth_identity_id)
      .catch(() => null)
    const id = (identity?.app_metadata as { customer_id?: unknown } | null)?.customer_id
    if (typeof id === "string" && id) return id
  }
  throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "Unauthorized")
}

/** `%`, `_` and `\` taken literally in an ILIKE pattern. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** What the storefront may see of its own application (no staff names). */
export function storeApplication(app: Row) {
  return {
    id: app.id,
    status: app.status,
    company_name: app.company_name,
    company_number: app.company_number,
    vat_number: app.vat_number,
    phone: app.phone,
    address: app.address,
    note: app.note,
    rejection_reason: app.rejection_reason,
    decided_at: app.decided_at,
    created_at: app.created_at,
  }
}

/**
 * Applications for the admin queue: the applicant, who decided, the age in
 * days, and other customers of the store with the same email or company name.
 */
export async function adminApplications(req: MedusaRequest, apps: Row[]) {
  if (!apps.length) return []
  const customers = req.scope.resolve(Modules.CUSTOMER)
  const ids = [...new Set(apps.map((a) => a.customer_id))]
  const applicants = await customers.listCustomers(
    { id: ids },
    { select: ["id", "email", "first_name", "last_name", "company_name", "has_account"] }
  )
  const byId = new Map(applicants.map((c) => [c.id, c]))
  const deciders = await userNames(req, apps.map((a) => a.decided_by))
  const svc = tradeAccounts(req)
  const now = Date.now()
  return Promise.all(
    apps.map(async (a) => {
      const [sameEmail, sameCompany, sameCompanyAccounts] = await Promise.all([
        customers.listCustomers(
          { email: { $ilike: literal(a.email) }, id: { $ne: a.customer_id } } as never,
          { select: ["id", "email", "first_name", "last_name", "company_name"], take: 5 }
        ),
        customers.listCustomers(
          { company_name: { $ilike: literal(a.company_name) }, id: { $ne: a.customer_id } } as never,
          { select: ["id", "email", "first_name", "last_name", "company_name"], take: 5 }
        ),
        svc.listTradeAccounts(
          { company_name: { $ilike: literal(a.company_name) }, customer_id: { $ne: a.customer_id } } as never,
          { select: ["customer_id"], take: 5 }
        ),
      ])
      const dupIds = new Set<string>()
      const duplicates = [
        ...sameEmail.map((c) => ({ customer_id: c.id, email: c.email, company_name: c.company_name, match: "email" })),
        ...sameCompany.map((c) => ({ customer_id: c.id, email: c.email, company_name: c.company_name, match: "company" })),
        ...sameCompanyAccounts.map((t) => ({ customer_id: t.customer_id, email: null, company_name: a.company_name, match: "company" })),
      ].filter((d) => (dupIds.has(d.customer_id) ? false : (dupIds.add(d.customer_id), true)))
      const c = byId.get(a.customer_id)
      return {
        ...a,
        age_days: Math.floor((now - new Date(a.created_at).getTime()) / 86_400_000),
        applicant: c
          ? {
              id: c.id,
              email: c.email,
              name: [c.first_name, c.last_name].filter(Boolean).join(" ") || null,
            }
          : null,
        decided_by_name: a.decided_by ? deciders[a.decided_by] ?? a.decided_by : null,
        duplicates,
      }
    })
  )
}

/** The Account tab: a customer without a row is Retail and active. */
export async function accountState(req: MedusaRequest, customerId: string) {
  const svc = tradeAccounts(req)
  const [[row], [pending]] = await Promise.all([
    svc.listTradeAccounts({ customer_id: customerId }),
    svc.listTradeApplications({ customer_id: customerId, status: "pending" }, { take: 1 }),
  ])
  let priceList: { id: string; title: string } | null = null
  if (row?.price_list_id) {
    const pricing = req.scope.resolve(Modules.PRICING)
    const [pl] = await pricing.listPriceLists({ id: row.price_list_id }, { select: ["id", "title"] })
    priceList = pl ? { id: pl.id, title: pl.title ?? pl.id } : { id: row.price_list_id, title: row.price_list_id }
  }
  return {
    customer_id: customerId,
    account_type: row?.account_type ?? "retail",
    account_code: row?.account_code ?? null,
    company_name: row?.company_name ?? null,
    company_number: row?.company_number ?? null,
    vat_number: row?.vat_number ?? null,
    free_delivery: row?.free_delivery ?? false,
    discount_percent: (row?.discount_bp ?? 0) / 100,
    price_list_id: row?.price_list_id ?? null,
    price_list: priceList,
    active: row?.active ?? true,
    pending_application_id: pending?.id ?? null,
  }
}

/**
 * Runs a workflow; a conflict (already decided, account code taken, pending
 * applicant) answers 409 with its own message — Medusa's error handler would
 * replace it with a generic one. Returns false when it answered.
 */
export async function runOrConflict(res: MedusaResponse, run: () => Promise<unknown>) {
  try {
    await run()
    return true
  } catch (e) {
    const err = e as { type?: string; message?: string }
    if (err?.type === MedusaError.Types.CONFLICT) {
      const message = err.message ?? "Conflict"
      const field = /^(\w+): /.exec(message)?.[1]
      res.status(409).json({
        type: "conflict",
        message,
        ...(field ? { errors: [{ field, message: message.slice(field.length + 2) }] } : {}),
      })
      return false
    }
    throw e
  }
}
