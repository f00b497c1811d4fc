import { apiGet } from "./sdk"

export type OrderPointsEntry = {
  id: string
  kind: string
  points: number
  reason: string | null
  reverses_entry_id: string | null
  created_at: string
}

export type OrderPoints = {
  order_id: string
  customer_id: string | null
  earned: number
  earned_reversed: number
  redeemed: number
  redeemed_restored: number
  point_value: number
  entries: OrderPointsEntry[]
}

export const orderPointsQueryKey = (orderId: string) => ["cbo-order-points", orderId] as const

export const fetchOrderPoints = (orderId: string) =>
  apiGet<{ points: OrderPoints }>(`/admin/backoffice/orders/${orderId}/points`).then((r) => r.points)
