import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"

export type FieldProblem = { field: string; message: string }

type Container = Pick<MedusaContainer, "resolve">

const uniq = (ids: string[]) => [...new Set(ids)]

/** Ids in `ids` that do not exist (or are deleted) in `entity`. */
export async function missingIds(
  container: Container,
  entity: "customer" | "customer_group" | "sales_channel",
  ids: string[]
): Promise<string[]> {
  const wanted = uniq(ids)
  if (!wanted.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity,
    fields: ["id"],
    filters: { id: wanted },
  })
  const found = new Set((data as { id: string }[]).map((r) => r.id))
  return wanted.filter((id) => !found.has(id))
}

const NOUNS = {
  customer: ["customer", "customers"],
  customer_group: ["category", "categories"],
  sales_channel: ["store (sales channel)", "stores (sales channels)"],
} as const

/** A field problem naming the unknown ids, or nothing. */
export async function unknownIdsProblem(
  container: Container,
  entity: keyof typeof NOUNS,
  ids: string[] | undefined,
  field: string
): Promise<FieldProblem[]> {
  const missing = await missingIds(container, entity, ids ?? [])
  if (!missing.length) return []
  const noun = NOUNS[entity][missing.length === 1 ? 0 : 1]
  return [{ field, message: `Unknown ${noun}: ${missing.join(", ")}` }]
}

/** Throws a 400 (invalid_data) carrying the problems, when there are any. */
export function throwIfProblems(problems: FieldProblem[]) {
  if (!problems.length) return
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    problems.map((p) => `${p.field}: ${p.message}`).join("; ")
  )
}

/** Throws a 404 when the id does not exist. */
export async function assertExists(
  container: Container,
  entity: "customer" | "customer_group",
  id: string
) {
  const missing = await missingIds(container, entity, [id])
  if (missing.length) {
    const noun = entity === "customer" ? "Customer" : "Category"
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `${noun} ${id} was not found`)
  }
}
