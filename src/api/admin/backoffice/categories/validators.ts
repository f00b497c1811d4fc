import { z } from "@medusajs/framework/zod"

const id = z.string().trim().min(1, "Must not be empty").max(100)
const idList = (max = 5000) =>
  z.array(id).max(max, `At most ${max} ids at once`)

const name = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be at most 100 characters")

const description = z
  .string()
  .trim()
  .max(1000, "Description must be at most 1000 characters")
  .nullable()
  .transform((v) => (v === "" ? null : v))

export const CATEGORY_ORDERS = [
  "name",
  "-name",
  "customer_count",
  "-customer_count",
  "created_at",
  "-created_at",
] as const

export const ListCategoriesQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    order: z.enum([...CATEGORY_ORDERS]).default("name"),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type ListCategoriesQueryType = z.infer<typeof ListCategoriesQuery>

export const CreateCategoryBody = z
  .object({ name, description: description.optional() })
  .strict()
export type CreateCategoryBodyType = z.infer<typeof CreateCategoryBody>

export const UpdateCategoryBody = z
  .object({ name: name.optional(), description: description.optional() })
  .strict()
export type UpdateCategoryBodyType = z.infer<typeof UpdateCategoryBody>

export const ManageCategoryCustomersBody = z
  .object({ add: idList().default([]), remove: idList().default([]) })
  .strict()
  .refine((b) => b.add.length + b.remove.length > 0, {
    message: "Give at least one customer id to add or remove",
    path: ["add"],
  })
export type ManageCategoryCustomersBodyType = z.infer<typeof ManageCategoryCustomersBody>

export const SetCustomerCategoriesBody = z
  .object({ category_ids: idList(500) })
  .strict()
export type SetCustomerCategoriesBodyType = z.infer<typeof SetCustomerCategoriesBody>

export const SetCustomerStoresBody = z
  .object({
    sales_channel_ids: idList(500).min(1, "At least one store must remain assigned to the customer"),
  })
  .strict()
export type SetCustomerStoresBodyType = z.infer<typeof SetCustomerStoresBody>

export const BulkCustomerStoresBody = z
  .object({
    customer_ids: idList().min(1, "Select at least one customer"),
    add: idList(500).optional(),
    remove: idList(500).optional(),
  })
  .strict()
  .refine((b) => (b.add?.length ?? 0) + (b.remove?.length ?? 0) > 0, {
    message: "Give at least one store to add or remove",
    path: ["add"],
  })
export type BulkCustomerStoresBodyType = z.infer<typeof BulkCustomerStoresBody>
