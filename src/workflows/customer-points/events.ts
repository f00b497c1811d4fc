/** Data: { customer_id, entry_id, kind, points (signed), balance, reason, actor_id }. */
export const POINTS_ADJUSTED_EVENT = "customer_backoffice.loyalty.points_adjusted"
/** Data: { customer_id, enrolled, code, changes: [{field, old, new}] }. */
export const LOYALTY_UPDATED_EVENT = "customer_backoffice.loyalty.account_updated"
/** Emitted by the expiry job once per customer and chunk. Data: { customer_id, points, lots, expired_at }. */
export const POINTS_EXPIRED_EVENT = "customer_backoffice.loyalty.points_expired"
