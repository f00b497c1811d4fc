/** Emitted once per customer whose categories changed. Data: { customer_id, added, removed } (category ids). */
export const CATEGORIES_CHANGED_EVENT = "customer_backoffice.categories.changed"
/** Emitted once per customer whose stores changed. Data: { customer_id, added, removed } (sales channel ids). */
export const STORES_CHANGED_EVENT = "customer_backoffice.stores.changed"

export type MembershipChange = {
  customer_id: string
  added: string[]
  removed: string[]
}
