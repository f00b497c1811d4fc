/** Data: { account_id, entry_id, amount, balance, available_credit, currency_code, customer_id, source_type, source_id }. */
export const HOUSE_ACCOUNT_CHARGED_EVENT = "customer_backoffice.house_account.charged"
/** Data: { account_id, entry_id, amount (positive), balance, currency_code, method, reference, actor_id }. */
export const HOUSE_ACCOUNT_PAYMENT_RECORDED_EVENT = "customer_backoffice.house_account.payment_recorded"
/** Data: { account_id, entry_id, amount (signed), balance, reason, actor_id }. */
export const HOUSE_ACCOUNT_ADJUSTED_EVENT = "customer_backoffice.house_account.adjusted"
/** Data: { account_id, entry_id, amount (positive), balance, currency_code, source_type, source_id }. */
export const HOUSE_ACCOUNT_REFUNDED_EVENT = "customer_backoffice.house_account.refunded"
/** Data: { account_id, old, new, order_limit_old, order_limit_new, actor_id }. */
export const HOUSE_ACCOUNT_LIMIT_CHANGED_EVENT = "customer_backoffice.house_account.limit_changed"
/** Data: { account_id, old, new, actor_id }. */
export const HOUSE_ACCOUNT_STATUS_CHANGED_EVENT = "customer_backoffice.house_account.status_changed"
/** Data: { account_id, account_number, customer_ids, actor_id }. */
export const HOUSE_ACCOUNT_CREATED_EVENT = "customer_backoffice.house_account.created"
/** Data: { account_id, added, removed, customer_ids, actor_id }. */
export const HOUSE_ACCOUNT_CUSTOMERS_CHANGED_EVENT = "customer_backoffice.house_account.customers_changed"
