import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { HOUSE_ACCOUNTS_MODULE } from "../../../../modules/house-accounts"
import type HouseAccountsModuleService from "../../../../modules/house-accounts/service"

export function houseAccounts(req: MedusaRequest): HouseAccountsModuleService {
  return req.scope.resolve(HOUSE_ACCOUNTS_MODULE)
}

/** 400 naming the field when a currency is not one Medusa knows. */
export async function requireCurrency(req: MedusaRequest, code: string) {
  const currencies = req.scope.resolve(Modules.CURRENCY)
  const [currency] = await currencies.listCurrencies({ code: [code.toLowerCase()] }, { select: ["code"] })
  if (!currency) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `currency_code: ${code} is not a known currency`)
  }
}

/** 400 naming the ids that are not existing customers. */
export async function requireCustomers(req: MedusaRequest, ids: string[] | undefined, field: string) {
  const unique = [...new Set(ids ?? [])]
  if (!unique.length) return
  const customers = req.scope.resolve(Modules.CUSTOMER)
  const found = await customers.listCustomers({ id: unique }, { select: ["id"], take: unique.length })
  const known = new Set(found.map((c) => c.id))
  const missing = unique.filter((id) => !known.has(id))
  if (missing.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: no customer with id ${missing.join(", ")}`)
  }
}

/** The error a workflow failed with, as the MedusaError it was (type kept). */
export function asMedusaError(e: unknown): unknown {
  const err = e as { type?: string; message?: string; name?: string }
  if (e instanceof MedusaError || !err?.type || !err.message) return e
  const types = Object.values(MedusaError.Types) as string[]
  return types.includes(err.type) ? new MedusaError(err.type, err.message) : e
}

/**
 * Medusa answers a CONFLICT with a generic text; a house account conflict
 * (limit, status, duplicate number) answers 409 with its own message.
 * Returns false when `e` is not a conflict (the caller rethrows it).
 */
export function sendConflict(res: MedusaResponse, e: unknown, extra: Record<string, unknown> = {}): boolean {
  const err = asMedusaError(e)
  if (err instanceof MedusaError && err.type === MedusaError.Types.CONFLICT) {
    res.status(409).json({ type: err.type, message: err.message, ...extra })
    return true
  }
  return false
}
