import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { OrderMetricsSql, type MetricsPeriod } from "../../lib/customer-metrics/order-metrics-sql"
import { pointsValueMinor } from "../../lib/customer-metrics/minor"
import { buildReceipt, RECEIPT_FIELDS } from "../../lib/customer-metrics/receipt"
import { HOUSE_ACCOUNTS_MODULE } from "../../modules/house-accounts"
import type HouseAccountsModuleService from "../../modules/house-accounts/service"
import type { CustomerMetrics, CustomerTransaction, Receipt } from "../../types/customer-metrics"
import { pointsService, storeCurrency } from "./loyalty"

export function orderMetricsSql(req: MedusaRequest): OrderMetricsSql {
  return new OrderMetricsSql(req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION))
}

/** Everything the metrics page shows above the transaction history. */
export async function customerMetrics(
  req: MedusaRequest,
  customerId: string,
  period: MetricsPeriod
): Promise<CustomerMetrics> {
  const sql = orderMetricsSql(req)
  const points = pointsService(req)
  const houseAccounts = req.scope.resolve(HOUSE_ACCOUNTS_MODULE) as HouseAccountsModuleService
  const [orders, account, currency, accounts] = await Promise.all([
    sql.metrics(customerId, period),
    points.findAccount(customerId),
    storeCurrency(req),
    houseAccounts.listAccounts({ customer_id: customerId }, { limit: 1, offset: 0 }),
  ])
  const balance = Number(account?.balance ?? 0)
  const digits = currency ? await sql.currencyDigits(currency) : 2
  const house = accounts.accounts[0]
  return {
    customer_id: customerId,
    period: { from: period.from?.toISOString() ?? null, to: period.to?.toISOString() ?? null },
    ...orders,
    loyalty: {
      points: balance,
      value: pointsValueMinor(balance, points.options.pointValue, digits),
      currency_code: currency,
    },
    ...(house
      ? {
          house_account: {
            id: house.id,
            account_number: house.account_number,
            name: house.name,
            currency_code: house.currency_code,
            balance: house.balance,
            credit_limit: house.credit_limit,
            status: house.status,
          },
        }
      : {}),
  }
}

/** The order as a transaction of this customer; 404 when it is another customer's (or a draft). */
export async function requireCustomerOrder(
  req: MedusaRequest,
  customerId: string,
  orderId: string
): Promise<CustomerTransaction> {
  const row = await orderMetricsSql(req).transaction(customerId, orderId)
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} of customer ${customerId} was not found`)
  }
  return row
}

/** The receipt of one order of the customer (one order read through Medusa's Query). */
export async function customerReceipt(req: MedusaRequest, customerId: string, orderId: string): Promise<Receipt> {
  const row = await requireCustomerOrder(req, customerId, orderId)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: RECEIPT_FIELDS, filters: { id: orderId } })
  const digits = await orderMetricsSql(req).currencyDigits(row.currency_code)
  return buildReceipt(data[0], digits, row.net_total)
}
