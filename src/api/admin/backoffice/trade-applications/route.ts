import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { query } from "../../../utils/engagement"
import { adminApplications, tradeAccounts } from "./helpers"
import type { ListApplicationsQueryType } from "./validators"

/**
 * GET /admin/backoffice/trade-applications?status=&limit=&offset=
 * Without a status: pending applications first (oldest first: the longest
 * waiting), then decided ones (latest decision first).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { status, limit, offset } = query<ListApplicationsQueryType>(req)
  const svc = tradeAccounts(req)
  const pendingOrder = { order: { created_at: "ASC" as const, id: "ASC" as const } }
  const decidedOrder = { order: { decided_at: "DESC" as const, id: "DESC" as const } }
  let rows: Record<string, unknown>[]
  let count: number
  if (status) {
    ;[rows, count] = await svc.listAndCountTradeApplications(
      { status },
      { ...(status === "pending" ? pendingOrder : decidedOrder), take: limit, skip: offset }
    )
  } else {
    const pendingCount = (await svc.listAndCountTradeApplications({ status: "pending" }, { take: 1 }))[1]
    const pending =
      offset < pendingCount
        ? await svc.listTradeApplications({ status: "pending" }, { ...pendingOrder, take: limit, skip: offset })
        : []
    const [decided, decidedCount] = await svc.listAndCountTradeApplications(
      { status: ["approved", "rejected"] },
      {
        ...decidedOrder,
        take: Math.max(0, limit - pending.length),
        skip: Math.max(0, offset - pendingCount),
      }
    )
    rows = [...pending, ...(limit - pending.length > 0 ? decided : [])]
    count = pendingCount + decidedCount
  }
  const pending_count =
    status === "pending" ? count : (await svc.listAndCountTradeApplications({ status: "pending" }, { take: 1 }))[1]
  res.json({
    applications: await adminApplications(req, rows),
    count,
    limit,
    offset,
    pending_count,
  })
}
