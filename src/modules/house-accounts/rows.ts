import type { HouseAccountJSON, HouseEntryJSON } from "../../types/house-accounts"

/** An account row with its customer ids (alias `a`). */
export const ACCOUNT_SELECT = `a.*,
  coalesce((select json_agg(c.customer_id order by c.created_at, c.customer_id)
              from house_account_customer c
             where c.account_id = a.id and c.deleted_at is null), '[]'::json) as customer_ids`

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

export function toAccount(r: Record<string, any>): HouseAccountJSON {
  const balance = Number(r.balance)
  const credit_limit = Number(r.credit_limit)
  return {
    id: r.id,
    account_number: r.account_number,
    name: r.name,
    currency_code: r.currency_code,
    credit_limit,
    order_limit: num(r.order_limit),
    balance,
    available_credit: Math.max(0, credit_limit - balance),
    status: r.status,
    customer_ids: r.customer_ids ?? [],
    last_payment_at: r.last_payment_at ?? null,
    metadata: r.metadata ?? null,
    created_at: r.created_at,
    updated_at: r.updated_at,
  }
}

export function toEntry(r: Record<string, any>): HouseEntryJSON {
  return {
    id: r.id,
    account_id: r.account_id,
    kind: r.kind,
    amount: Number(r.amount),
    currency_code: r.currency_code,
    balance_after: Number(r.balance_after),
    method: r.method ?? null,
    reference: r.reference ?? null,
    reason: r.reason ?? null,
    customer_id: r.customer_id ?? null,
    actor_type: r.actor_type,
    actor_id: r.actor_id ?? null,
    source_type: r.source_type ?? null,
    source_id: r.source_id ?? null,
    idempotency_key: r.idempotency_key,
    metadata: r.metadata ?? null,
    created_at: r.created_at,
  }
}
