import { model } from "@medusajs/framework/utils"

/**
 * What a customer category adds to Medusa's core customer group (linked
 * 1:1 in src/links/category-detail.ts). The group itself keeps the name and
 * the members, so price lists and promotions that target groups keep working.
 */
const CategoryDetail = model.define("category_detail", {
  id: model.id({ prefix: "catdet" }).primaryKey(),
  description: model.text().nullable(),
})

export default CategoryDetail
