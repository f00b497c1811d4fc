export const TRADE_EVENTS = {
  applied: "customer_backoffice.trade.applied",
  approved: "customer_backoffice.trade.approved",
  rejected: "customer_backoffice.trade.rejected",
  deactivated: "customer_backoffice.trade.deactivated",
} as const

/** Payload of every trade event. */
export type TradeEventData = {
  customer_id: string
  /** The application (applied, approved, rejected). */
  id?: string
  actor_id?: string | null
  actor_type?: "user" | "customer"
}
