import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { CUSTOMER_POINTS_MODULE } from "../../../modules/customer-points"
import type {
  CustomerPointsModuleService,
  EntryRow,
} from "../../../modules/customer-points"

type Resolver = { resolve: (key: string) => any }

export const pointsLedger = (container: Resolver) =>
  container.resolve(CUSTOMER_POINTS_MODULE) as CustomerPointsModuleService

/** `pointValue` (currency value of one point) and `pointsPerCurrencyUnit` (earning rate). */
export const checkoutOptions = (container: Resolver) => {
  const o = pointsLedger(container).options
  return { pointValue: o.pointValue, pointsPerCurrencyUnit: o.pointsPerCurrencyUnit }
}

export const query = (container: Resolver) =>
  container.resolve(ContainerRegistrationKeys.QUERY) as {
    graph: (q: Record<string, unknown>) => Promise<{ data: any[] }>
  }

/** Idempotency key of the points an order earns. */
export const earnKey = (orderId: string) => `earn:order:${orderId}`

export async function entryByKey(container: Resolver, key: string): Promise<EntryRow | null> {
  const [e] = await pointsLedger(container).listPointsEntries({ idempotency_key: key })
  return (e as unknown as EntryRow) ?? null
}

/** Redeem entries written when a cart was completed (oldest first). */
export async function cartRedemptions(container: Resolver, cartId: string): Promise<EntryRow[]> {
  const entries = await pointsLedger(container).listPointsEntries(
    { source_type: "cart", source_id: cartId, kind: "redeem" },
    { order: { created_at: "ASC", id: "ASC" } }
  )
  return entries as unknown as EntryRow[]
}

/** Points of an entry not reversed yet. */
export const leftOf = (e: Pick<EntryRow, "points" | "reversed">) =>
  Math.abs(Number(e.points)) - Number(e.reversed ?? 0)

/** The cart an order was placed from (null for orders not made from a cart). */
export async function cartIdOfOrder(container: Resolver, orderId: string): Promise<string | null> {
  const { data } = await query(container).graph({
    entity: "order_cart",
    fields: ["cart_id", "order_id"],
    filters: { order_id: orderId },
  })
  return data[0]?.cart_id ?? null
}

/** Sum of a list of Medusa amounts as an exact decimal string. */
export const sumAmounts = (values: unknown[]) =>
  values.reduce<ReturnType<typeof MathBN.convert>>(
    (acc, v) => MathBN.add(acc, (v as any) ?? 0),
    MathBN.convert(0)
  )
