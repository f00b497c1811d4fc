import { Modules } from "@medusajs/framework/utils"
import { managedKey } from "./plan"

type Container = { resolve: (key: string) => any }

/** Of these customer groups, the ones trade accounts keep in step (never edited as categories). */
export async function managedGroupIds(container: Container, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Set()
  const groups = (await container
    .resolve(Modules.CUSTOMER)
    .listCustomerGroups({ id: unique }, { select: ["id", "metadata"] })) as {
    id: string
    metadata?: Record<string, unknown> | null
  }[]
  return new Set(groups.filter((g) => managedKey(g.metadata)).map((g) => g.id))
}

export const MANAGED_GROUP_MESSAGE =
  "is kept in step with trade accounts — change the customer's terms in its Account card instead"
