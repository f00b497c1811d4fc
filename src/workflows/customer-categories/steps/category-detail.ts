import {
  ContainerRegistrationKeys,
  Modules,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { CUSTOMER_CATEGORIES_MODULE } from "../../../modules/customer-categories"
import type CustomerCategoriesModuleService from "../../../modules/customer-categories/service"

type Container = Pick<MedusaContainer, "resolve">

const categories = (c: Container): CustomerCategoriesModuleService =>
  c.resolve(CUSTOMER_CATEGORIES_MODULE)

const linkPair = (customer_group_id: string, category_detail_id: string) => ({
  [Modules.CUSTOMER]: { customer_group_id },
  [CUSTOMER_CATEGORIES_MODULE]: { category_detail_id },
})

/** category_detail of each group (one query). */
export async function detailsOfGroups(
  container: Container,
  groupIds: string[]
): Promise<Map<string, { id: string; description: string | null }>> {
  const out = new Map<string, { id: string; description: string | null }>()
  if (!groupIds.length) return out
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "customer_group",
    fields: ["id", "category_detail.id", "category_detail.description"],
    filters: { id: groupIds },
  })
  for (const g of data as {
    id: string
    category_detail?: { id: string; description: string | null } | null
  }[]) {
    if (g.category_detail) out.set(g.id, g.category_detail)
  }
  return out
}

export type UpsertCategoryDetailInput = {
  customer_group_id: string
  description?: string | null
}

type UpsertUndo =
  | { created: { detail_id: string; group_id: string } }
  | { updated: { detail_id: string; description: string | null } }
  | null

/** Creates (and links) or updates the detail of a customer group. */
export const upsertCategoryDetailStep = createStep(
  "cbo-upsert-category-detail",
  async (input: UpsertCategoryDetailInput, { container }) => {
    if (input.description === undefined) {
      return new StepResponse(null, null as UpsertUndo)
    }
    const service = categories(container)
    const existing = (await detailsOfGroups(container, [input.customer_group_id])).get(
      input.customer_group_id
    )
    if (existing) {
      await service.updateCategoryDetails({
        id: existing.id,
        description: input.description,
      })
      return new StepResponse(existing.id, {
        updated: { detail_id: existing.id, description: existing.description },
      } as UpsertUndo)
    }
    const detail = await service.createCategoryDetails({
      description: input.description,
    })
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    await link.create(linkPair(input.customer_group_id, detail.id))
    return new StepResponse(detail.id, {
      created: { detail_id: detail.id, group_id: input.customer_group_id },
    } as UpsertUndo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = categories(container)
    if ("updated" in undo) {
      await service.updateCategoryDetails({
        id: undo.updated.detail_id,
        description: undo.updated.description,
      })
      return
    }
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    await link.dismiss(linkPair(undo.created.group_id, undo.created.detail_id))
    await service.deleteCategoryDetails(undo.created.detail_id)
  }
)

/** Soft-deletes the details of groups that are being deleted. */
export const softDeleteCategoryDetailsStep = createStep(
  "cbo-soft-delete-category-details",
  async (groupIds: string[], { container }) => {
    const details = await detailsOfGroups(container, groupIds)
    const ids = [...details.values()].map((d) => d.id)
    if (ids.length) await categories(container).softDeleteCategoryDetails(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await categories(container).restoreCategoryDetails(ids)
  }
)
