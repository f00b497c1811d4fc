import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { CUSTOMER_LIST_MODULE } from ".."
import CustomerRemoval from "../models/customer-removal"
import type CustomerListModuleService from "../service"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<CustomerListModuleService>({
  moduleName: CUSTOMER_LIST_MODULE,
  moduleModels: [CustomerRemoval],
  resolve: "./src/modules/customer-list",
  testSuite: ({ service }) => {
    describe("customer removal records", () => {
      it("records who removed a customer and the categories they had", async () => {
        const created = await service.createCustomerRemovals({
          customer_id: "cus_1",
          removed_by: "user_1",
          group_ids: ["cusgroup_a", "cusgroup_b"] as unknown as Record<string, unknown>,
        })
        expect(created.id).toMatch(/^cusrm_/)
        const [found] = await service.listCustomerRemovals({ customer_id: "cus_1" })
        expect(found).toEqual(
          expect.objectContaining({
            customer_id: "cus_1",
            removed_by: "user_1",
            group_ids: ["cusgroup_a", "cusgroup_b"],
          })
        )
      })

      it("keeps one open record per customer; a closed one leaves room for the next removal", async () => {
        const first = await service.createCustomerRemovals({ customer_id: "cus_2" })
        await expect(service.createCustomerRemovals({ customer_id: "cus_2" })).rejects.toThrow()
        await service.softDeleteCustomerRemovals([first.id])
        const second = await service.createCustomerRemovals({ customer_id: "cus_2", removed_by: null })
        expect(second.id).not.toBe(first.id)
        const open = await service.listCustomerRemovals({ customer_id: "cus_2" })
        expect(open.map((r) => r.id)).toEqual([second.id])
      })
    })
  },
})
