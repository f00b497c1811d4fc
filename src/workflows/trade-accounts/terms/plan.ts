/**
 * What Medusa needs for a trade account's terms: the plugin-managed customer
 * groups the customer belongs in, and for each the promotion or price-list
 * rule that makes the group mean something at checkout. Pure functions.
 */

export const MANAGED_KEY = "backoffice_trade"

export type ManagedKind = "price_list" | "discount" | "free_delivery"

export type TermsAccount = {
  account_type?: string | null
  discount_bp?: number | null
  free_delivery?: boolean | null
  price_list_id?: string | null
}

/** One managed group: how it is found (`key`), named and what it enforces. */
export type WantedGroup = {
  key: string
  kind: ManagedKind
  name: string
  metadata: Record<string, unknown>
  price_list_id?: string
  promotion?: PromotionSpec
}

export type PromotionSpec = {
  code: string
  target_type: "order" | "shipping_methods"
  value: number
}

/** 1250 → "12.5", 1000 → "10", 5 → "0.05". */
export function percentLabel(bp: number): string {
  return String(bp / 100)
}

/** 1250 → TRADE-DISCOUNT-12_50 (always two decimals, so each rate has one code). */
export function discountCode(bp: number): string {
  const whole = Math.floor(bp / 100)
  const cents = String(bp % 100).padStart(2, "0")
  return `TRADE-DISCOUNT-${whole}_${cents}`
}

export const FREE_DELIVERY_CODE = "TRADE-FREE-DELIVERY"

/** The key a managed group's metadata identifies it by; null for any other group. */
export function managedKey(metadata: Record<string, unknown> | null | undefined): string | null {
  const kind = metadata?.[MANAGED_KEY]
  if (kind === "price_list" && typeof metadata?.price_list_id === "string") {
    return `price_list:${metadata.price_list_id}`
  }
  if (kind === "discount" && typeof metadata?.discount_bp === "number") {
    return `discount:${metadata.discount_bp}`
  }
  if (kind === "free_delivery") return "free_delivery"
  return null
}

/**
 * The groups a customer belongs in for these terms: none unless the account is
 * Trade; a price list's group, the group of its discount rate, and the
 * free-delivery group.
 */
export function wantedGroups(
  account: TermsAccount | null,
  priceListTitle: string | null
): WantedGroup[] {
  if (!account || account.account_type !== "trade") return []
  const out: WantedGroup[] = []
  if (account.price_list_id) {
    out.push({
      key: `price_list:${account.price_list_id}`,
      kind: "price_list",
      name: `Trade: ${priceListTitle ?? account.price_list_id}`,
      metadata: { [MANAGED_KEY]: "price_list", price_list_id: account.price_list_id },
      price_list_id: account.price_list_id,
    })
  }
  const bp = account.discount_bp ?? 0
  if (bp > 0) {
    out.push({
      key: `discount:${bp}`,
      kind: "discount",
      name: `Trade discount ${percentLabel(bp)} %`,
      metadata: { [MANAGED_KEY]: "discount", discount_bp: bp },
      promotion: { code: discountCode(bp), target_type: "order", value: bp / 100 },
    })
  }
  if (account.free_delivery) {
    out.push({
      key: "free_delivery",
      kind: "free_delivery",
      name: "Trade free delivery",
      metadata: { [MANAGED_KEY]: "free_delivery" },
      promotion: { code: FREE_DELIVERY_CODE, target_type: "shipping_methods", value: 100 },
    })
  }
  return out
}
