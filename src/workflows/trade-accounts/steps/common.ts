import { MedusaError, Modules } from "@medusajs/framework/utils"
import { TRADE_ACCOUNTS_MODULE } from "../../../modules/trade-accounts"
import type TradeAccountsModuleService from "../../../modules/trade-accounts/service"

type Container = { resolve: (key: string) => unknown }

export function tradeService(container: Container): TradeAccountsModuleService {
  return container.resolve(TRADE_ACCOUNTS_MODULE) as TradeAccountsModuleService
}

export async function requireApplication(container: Container, id: string) {
  const [app] = await tradeService(container).listTradeApplications({ id })
  if (!app) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Trade application ${id} was not found`)
  }
  return app
}

/** 409 unless the application still awaits a decision. */
export function assertPending(app: { status: string; decided_at?: Date | string | null }) {
  if (app.status === "pending") return
  const when = app.decided_at ? ` on ${new Date(app.decided_at).toISOString().slice(0, 10)}` : ""
  throw new MedusaError(
    MedusaError.Types.CONFLICT,
    `This application was already ${app.status}${when}: only a pending application can be approved or rejected`
  )
}

/** 400 naming the field when the price list does not exist. */
export async function assertPriceList(container: Container, id: string | null | undefined) {
  if (!id) return
  const pricing = container.resolve(Modules.PRICING) as {
    listPriceLists: (f: object, c: object) => Promise<{ id: string }[]>
  }
  const [list] = await pricing.listPriceLists({ id }, { select: ["id"], take: 1 })
  if (!list) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `price_list_id: no price list with id ${id}`)
  }
}

/** 409 when another customer already has this account code. */
export async function assertAccountCodeFree(
  container: Container,
  code: string | null | undefined,
  customerId: string
) {
  if (!code) return
  const [other] = await tradeService(container).listTradeAccounts(
    { account_code: code, customer_id: { $ne: customerId } },
    { select: ["id", "customer_id"], take: 1 }
  )
  if (other) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `account_code: ${code} is already the account code of customer ${other.customer_id}`
    )
  }
}
