import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { CUSTOMER_CATEGORIES_MODULE } from ".."
import CategoryDetail from "../models/category-detail"
import type CustomerCategoriesModuleService from "../service"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<CustomerCategoriesModuleService>({
  moduleName: CUSTOMER_CATEGORIES_MODULE,
  moduleModels: [CategoryDetail],
  resolve: "./src/modules/customer-categories",
  testSuite: ({ service }) => {
    describe("category_detail", () => {
      it("creates a detail with a prefixed id and an optional description", async () => {
        const withText = await service.createCategoryDetails({ description: "Best customers" })
        const empty = await service.createCategoryDetails({})
        expect(withText.id).toMatch(/^catdet_/)
        expect(withText.description).toBe("Best customers")
        expect(empty.description).toBeNull()
      })

      it("updates the description and clears it", async () => {
        const d = await service.createCategoryDetails({ description: "Wholesale" })
        await service.updateCategoryDetails({ id: d.id, description: "Trade buyers" })
        expect((await service.retrieveCategoryDetail(d.id)).description).toBe("Trade buyers")
        await service.updateCategoryDetails({ id: d.id, description: null })
        expect((await service.retrieveCategoryDetail(d.id)).description).toBeNull()
      })

      it("soft-deletes and restores (what the delete workflow and its compensation do)", async () => {
        const d = await service.createCategoryDetails({ description: "Staff" })
        await service.softDeleteCategoryDetails([d.id])
        expect(await service.listCategoryDetails({ id: d.id })).toHaveLength(0)
        expect(await service.listCategoryDetails({ id: d.id }, { withDeleted: true })).toHaveLength(1)
        await service.restoreCategoryDetails([d.id])
        expect((await service.retrieveCategoryDetail(d.id)).description).toBe("Staff")
      })

      it("lists details by id in one call", async () => {
        const a = await service.createCategoryDetails({ description: "A" })
        const b = await service.createCategoryDetails({ description: "B" })
        const [rows, count] = await service.listAndCountCategoryDetails({ id: [a.id, b.id] })
        expect(count).toBe(2)
        expect(rows.map((r) => r.description).sort()).toEqual(["A", "B"])
      })
    })
  },
})
