import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
} from "@medusajs/framework/utils"
import type { MembershipChange } from "../customer-categories/events"
import {
  type FieldProblem,
  missingIds,
  unknownIdsProblem,
} from "../customer-categories/validate"

type Container = Pick<MedusaContainer, "resolve">

export type StoreChange = {
  customer_id: string
  /** Replace the customer's stores with exactly these. */
  set?: string[]
  add?: string[]
  remove?: string[]
}

export type StorePair = { customer_id: string; sales_channel_id: string }

export type StorePlan = {
  create: StorePair[]
  dismiss: StorePair[]
  changes: MembershipChange[]
}

export const storeLinkPair = (p: StorePair) => ({
  [Modules.CUSTOMER]: { customer_id: p.customer_id },
  [Modules.SALES_CHANNEL]: { sales_channel_id: p.sales_channel_id },
})

/** Current stores (sales channel ids) of each customer, one query. */
export async function storesOfCustomers(
  container: Container,
  customerIds: string[]
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (!customerIds.length) return out
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "customer",
    fields: ["id", "sales_channels.id"],
    filters: { id: customerIds },
  })
  for (const c of data as { id: string; sales_channels?: { id: string }[] }[]) {
    out.set(
      c.id,
      (c.sales_channels ?? []).filter(Boolean).map((s) => s.id)
    )
  }
  return out
}

/**
 * Validates store changes and computes the links to create and dismiss.
 * The rule "at least one store must remain" is checked per customer; when it
 * fails for any customer, nothing is planned and the problem names them.
 */
export async function planStoreChanges(
  container: Container,
  changes: StoreChange[],
  customerField = "customer_ids"
): Promise<{ problems: FieldProblem[]; plan: StorePlan }> {
  const plan: StorePlan = { create: [], dismiss: [], changes: [] }
  const customerIds = [...new Set(changes.map((c) => c.customer_id))]
  const missingCustomers = await missingIds(container, "customer", customerIds)
  const problems: FieldProblem[] = []
  if (missingCustomers.length) {
    problems.push({
      field: customerField,
      message: `Unknown customer${missingCustomers.length > 1 ? "s" : ""}: ${missingCustomers.join(", ")}`,
    })
  }
  for (const key of ["set", "add", "remove"] as const) {
    const ids = changes.flatMap((c) => c[key] ?? [])
    const field = key === "set" ? "sales_channel_ids" : key
    problems.push(...(await unknownIdsProblem(container, "sales_channel", ids, field)))
  }
  if (problems.length) return { problems, plan }

  const current = await storesOfCustomers(container, customerIds)
  const leftWithNone: string[] = []
  for (const change of changes) {
    const before = current.get(change.customer_id) ?? []
    let after: string[]
    if (change.set) {
      after = [...new Set(change.set)]
    } else {
      const remove = new Set(change.remove ?? [])
      after = [...new Set([...before, ...(change.add ?? [])])].filter(
        (id) => !remove.has(id)
      )
    }
    if (!after.length) {
      leftWithNone.push(change.customer_id)
      continue
    }
    const added = after.filter((id) => !before.includes(id))
    const removed = before.filter((id) => !after.includes(id))
    current.set(change.customer_id, after)
    plan.create.push(...added.map((sales_channel_id) => ({ customer_id: change.customer_id, sales_channel_id })))
    plan.dismiss.push(...removed.map((sales_channel_id) => ({ customer_id: change.customer_id, sales_channel_id })))
    if (added.length || removed.length) {
      plan.changes.push({ customer_id: change.customer_id, added, removed })
    }
  }
  if (leftWithNone.length) {
    const single = changes.length === 1 && !changes[0].add && !changes[0].remove
    problems.push(
      single
        ? { field: "sales_channel_ids", message: "At least one store must remain assigned to the customer" }
        : {
            field: "remove",
            message: `At least one store must remain assigned to each customer; these customers would have none: ${leftWithNone.join(", ")}`,
          }
    )
    return { problems, plan: { create: [], dismiss: [], changes: [] } }
  }
  return { problems, plan }
}
