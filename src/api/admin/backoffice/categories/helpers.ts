import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { detailsOfGroups } from "../../../../workflows/customer-categories/steps/category-detail"
import type { FieldProblem } from "../../../../workflows/customer-categories/validate"
import { sendInvalid } from "../../../utils/validation"
import { MANAGED_KEY } from "../../../../workflows/trade-accounts/terms/plan"
import { MANAGED_GROUP_MESSAGE } from "../../../../workflows/trade-accounts/terms/managed"
import type { ListCategoriesQueryType } from "./validators"

export type CategoryRow = {
  id: string
  name: string
  description: string | null
  customer_count: number
  /** "trade_terms": a group trade accounts keep in step (read-only here); null for the merchant's own categories. */
  managed_by: "trade_terms" | null
  created_at: string
  updated_at: string
}

export const pg = (req: MedusaRequest): Knex =>
  req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)

export function validated<T>(req: MedusaRequest, key: "validatedBody" | "validatedQuery"): T {
  return (req as unknown as Record<string, T>)[key]
}

/** Answers 400 with field problems; returns true when it did. */
export function rejectProblems(res: MedusaResponse, problems: FieldProblem[]): boolean {
  if (!problems.length) return false
  sendInvalid(res, problems)
  return true
}

const ORDER_SQL: Record<ListCategoriesQueryType["order"], string> = {
  name: "g.name asc, g.id asc",
  "-name": "g.name desc, g.id desc",
  customer_count: "customer_count asc, g.name asc",
  "-customer_count": "customer_count desc, g.name asc",
  created_at: "g.created_at asc, g.id asc",
  "-created_at": "g.created_at desc, g.id desc",
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`)

/**
 * Categories with their member counts, counted in SQL in one statement
 * (deleted customers and deleted memberships are not counted), plus their
 * descriptions in a second query for the whole page.
 */
export async function listCategories(
  req: MedusaRequest,
  q: { q?: string; order: ListCategoriesQueryType["order"]; limit: number; offset: number; ids?: string[] }
): Promise<{ categories: CategoryRow[]; count: number }> {
  const knex = pg(req)
  const where: string[] = ["g.deleted_at is null"]
  const params: Knex.RawBinding[] = []
  if (q.q) {
    where.push("g.name ilike ?")
    params.push(`%${escapeLike(q.q)}%`)
  }
  if (q.ids) {
    if (!q.ids.length) return { categories: [], count: 0 }
    where.push(`g.id in (${q.ids.map(() => "?").join(", ")})`)
    params.push(...q.ids)
  }
  const { rows } = await knex.raw(
    `select g.id, g.name, g.created_at, g.updated_at,
            (g.metadata ->> '${MANAGED_KEY}') is not null as managed,
            coalesce(m.customer_count, 0)::int as customer_count,
            count(*) over ()::int as total
       from customer_group g
       left join lateral (
         select count(*) as customer_count
           from customer_group_customer gc
           join customer c on c.id = gc.customer_id and c.deleted_at is null
          where gc.customer_group_id = g.id and gc.deleted_at is null
       ) m on true
      where ${where.join(" and ")}
      order by ${ORDER_SQL[q.order]}
      limit ? offset ?`,
    [...params, q.limit, q.offset]
  )
  let count = rows[0]?.total ?? 0
  if (!rows.length && q.offset > 0) {
    const { rows: c } = await knex.raw(
      `select count(*)::int as total from customer_group g where ${where.join(" and ")}`,
      params
    )
    count = c[0].total
  }
  const details = await detailsOfGroups(
    req.scope,
    rows.map((r: { id: string }) => r.id)
  )
  const categories = rows.map(
    (r: CategoryRow & { total: number; created_at: Date; updated_at: Date }) => ({
      id: r.id,
      name: r.name,
      description: details.get(r.id)?.description ?? null,
      customer_count: r.customer_count,
      managed_by: (r as { managed?: boolean }).managed ? ("trade_terms" as const) : null,
      created_at: new Date(r.created_at).toISOString(),
      updated_at: new Date(r.updated_at).toISOString(),
    })
  )
  return { categories, count }
}

/** One category or a 404. */
export async function retrieveCategory(req: MedusaRequest, id: string): Promise<CategoryRow> {
  const { categories } = await listCategories(req, {
    ids: [id],
    order: "name",
    limit: 1,
    offset: 0,
  })
  if (!categories.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Category ${id} was not found`)
  }
  return categories[0]
}

/** A name already used by another category (case-insensitive) is a field problem. */
export async function nameProblems(
  req: MedusaRequest,
  name: string | undefined,
  exceptId?: string
): Promise<FieldProblem[]> {
  if (name === undefined) return []
  const { rows } = await pg(req).raw(
    `select id from customer_group
      where deleted_at is null and lower(name) = lower(?) and id <> ?
      limit 1`,
    [name, exceptId ?? ""]
  )
  return rows.length
    ? [{ field: "name", message: `A category named "${name}" already exists` }]
    : []
}

/** 404 unless the customer exists (and is not deleted). */
export async function assertCustomer(req: MedusaRequest, id: string) {
  const { rows } = await pg(req).raw(
    `select id from customer where id = ? and deleted_at is null`,
    [id]
  )
  if (!rows.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${id} was not found`)
  }
}

/**
 * 409 (answered here: Medusa's error handler replaces a thrown conflict's
 * message): a group trade accounts keep in step is not renamed or deleted by
 * hand. Returns true when it answered.
 */
export function rejectManaged(res: MedusaResponse, category: CategoryRow): boolean {
  if (!category.managed_by) return false
  res.status(409).json({
    type: "conflict",
    message: `The customer group "${category.name}" ${MANAGED_GROUP_MESSAGE}`,
  })
  return true
}
