import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { actorId, body, query } from "../../../utils/engagement"
import { registerTradeCustomerWorkflow } from "../../../../workflows/trade-accounts/workflows/register"
import { adminApplications, runOrConflict, tradeAccounts } from "./helpers"
import type { ListApplicationsQueryType, RegisterTradeBodyType } from "./validators"

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

/**
 * POST /admin/backoffice/trade-applications — staff register a customer as
 * trade: `{ customer_id | email (+ first_name, last_name), company_name, …,
 * approve?, price_list_id?, discount_percent?, free_delivery?, account_code? }`
 * → 201 `{ application }` (pending, or approved with `approve: true`).
 * 404 unknown customer, 409 email of another customer / already pending /
 * already trade / account code taken, 400 unknown price list.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { customer_id, email, first_name, last_name, approve, price_list_id, discount_percent, free_delivery, account_code, ...details } =
    body<RegisterTradeBodyType>(req)
  let id = ""
  const done = await runOrConflict(res, async () => {
    const { result } = await registerTradeCustomerWorkflow(req.scope).run({
      input: {
        ...details,
        actor_id: actorId(req),
        customer_id: customer_id ?? null,
        customer: email ? { email, first_name, last_name } : null,
        approve: approve ? { price_list_id, discount_percent, free_delivery, account_code } : null,
      },
    })
    id = result.id
  })
  if (!done) return
  const [app] = await tradeAccounts(req).listTradeApplications({ id })
  res.status(201).json({ application: (await adminApplications(req, [app]))[0] })
}
