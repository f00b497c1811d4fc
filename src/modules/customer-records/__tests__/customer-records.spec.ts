import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { CUSTOMER_RECORDS_MODULE } from ".."
import CustomerProfile from "../models/customer-profile"
import ReferralSource from "../models/referral-source"
import type CustomerRecordsModuleService from "../service"
import {
  applyProfileUpserts,
  revertProfileUpserts,
} from "../../../workflows/customer-records/steps/upsert-profiles"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<CustomerRecordsModuleService>({
  moduleName: CUSTOMER_RECORDS_MODULE,
  moduleModels: [CustomerProfile, ReferralSource],
  resolve: "./src/modules/customer-records",
  moduleOptions: { defaultCountry: "gb", photoMaxBytes: 500_000 },
  testSuite: ({ service }) => {
    describe("customer records module", () => {
      const container = { resolve: () => service }

      it("parses the plugin options it is given", () => {
        expect(service.options).toMatchObject({
          defaultCountry: "GB",
          emailRequired: true,
          photoMaxBytes: 500_000,
        })
        expect(service.options.webhookSecret).toBeUndefined()
      })

      it("stores a profile with every field and defaults origin to admin", async () => {
        const p = await service.createCustomerProfiles({
          customer_id: "cus_1",
          title: "Dr",
          gender: "female",
          date_of_birth: new Date("1980-05-01T00:00:00Z"),
          nationality: "GB",
          customer_number: "C-0001",
          alt_phone: "+442079460958",
          alt_phone_original: "020 7946 0958",
        })
        expect(p).toMatchObject({ id: expect.stringMatching(/^cprof_/), origin: "admin", status_override: null })
        const [again] = await service.listCustomerProfiles({ customer_id: "cus_1" })
        expect(new Date(again.date_of_birth!).toISOString()).toBe("1980-05-01T00:00:00.000Z")
      })

      it("allows one profile per customer and unique customer ID numbers (when set)", async () => {
        await service.createCustomerProfiles({ customer_id: "cus_a", customer_number: "N1" })
        await expect(service.createCustomerProfiles({ customer_id: "cus_a" })).rejects.toThrow()
        await expect(
          service.createCustomerProfiles({ customer_id: "cus_b", customer_number: "N1" })
        ).rejects.toThrow()
        // many profiles without a number
        await service.createCustomerProfiles([{ customer_id: "cus_c" }, { customer_id: "cus_d" }])
        expect(await service.listCustomerProfiles({ customer_number: null })).toHaveLength(2)
      })

      it("keeps referral source names unique and ordered by rank", async () => {
        await service.createReferralSources([
          { name: "Walk-in", rank: 2 },
          { name: "Instagram", rank: 1 },
        ])
        await expect(service.createReferralSources({ name: "Walk-in" })).rejects.toThrow()
        const list = await service.listReferralSources({}, { order: { rank: "ASC" } })
        expect(list.map((s) => s.name)).toEqual(["Instagram", "Walk-in"])
        expect(list[0].active).toBe(true)
      })

      it("upserts profiles, reports changed fields and reverts exactly", async () => {
        await service.createCustomerProfiles({ customer_id: "cus_x", title: "Mr", gate_code: "1234" })
        const { result, compensation } = await applyProfileUpserts(container, {
          updates: [
            { customer_id: "cus_x", data: { title: "Dr", gate_code: "1234", gender: "male" } },
            { customer_id: "cus_new", origin_if_new: "storefront", data: { phone_original: "07700 900123" } },
          ],
        })
        expect(result.changes).toEqual([
          { customer_id: "cus_x", fields: ["title", "gender"] },
          { customer_id: "cus_new", fields: ["phone_original"] },
        ])
        const [created] = await service.listCustomerProfiles({ customer_id: "cus_new" })
        expect(created.origin).toBe("storefront")

        await revertProfileUpserts(container, compensation)
        const [x] = await service.listCustomerProfiles({ customer_id: "cus_x" })
        expect(x).toMatchObject({ title: "Mr", gate_code: "1234", gender: null })
        expect(await service.listCustomerProfiles({ customer_id: "cus_new" })).toHaveLength(0)
      })
    })
  },
})
