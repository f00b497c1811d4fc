import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { CUSTOMER_TIMELINE_MODULE } from ".."
import TimelineEntry from "../models/timeline-entry"
import CustomerSnapshot from "../models/customer-snapshot"
import type CustomerTimelineModuleService from "../service"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<CustomerTimelineModuleService>({
  moduleName: CUSTOMER_TIMELINE_MODULE,
  moduleModels: [TimelineEntry, CustomerSnapshot],
  resolve: "./src/modules/customer-timeline",
  testSuite: ({ service }) => {
    describe("customer timeline module", () => {
      it("appends entries and lists them newest first, filtered by kind", async () => {
        await service.appendEntries([
          { customer_id: "cus_1", kind: "note.created", summary: "Note added", actor_type: "user", actor_id: "user_1" },
        ])
        await service.appendEntries([
          { customer_id: "cus_1", kind: "consent.changed", summary: "Opted out", data: { changes: [{ field: "marketing_opt_out", old: "false", new: "true" }] } },
          { customer_id: "cus_2", kind: "note.created", summary: "Other customer" },
        ])
        const [all, count] = await service.listTimeline("cus_1", { limit: 10, offset: 0 })
        expect(count).toBe(2)
        expect(all.map((e) => e.kind)).toEqual(["consent.changed", "note.created"])
        expect(all[0].actor_type).toBe("system")
        const [notes] = await service.listTimeline("cus_1", { kinds: ["note.created"], limit: 10, offset: 0 })
        expect(notes).toHaveLength(1)
        expect(notes[0].actor_id).toBe("user_1")
      })

      it("refuses to update entries", async () => {
        const [e] = await service.appendEntries([{ customer_id: "cus_1", kind: "x.y", summary: "s" }])
        await expect((service as any).updateTimelineEntries({ id: e.id, summary: "changed" })).rejects.toThrow(
          "append-only"
        )
      })

      it("turns core customer changes into field/old/new entries with the pending actor", async () => {
        const customer = { id: "cus_5", first_name: "Ann", last_name: "Lee", email: "ann@example.com", phone: null, company_name: null }
        // first sight: baseline only (plus a created entry when asked)
        expect(await service.recordCustomerSnapshot(customer, { baselineKind: "customer.created" })).toEqual([])
        // nothing changed: nothing recorded
        expect(await service.recordCustomerSnapshot(customer)).toEqual([])

        await service.markPendingActor(customer, { type: "user", id: "user_7" })
        const [entry] = await service.recordCustomerSnapshot({ ...customer, first_name: "Anne", phone: "+441234" })
        expect(entry).toEqual(
          expect.objectContaining({
            kind: "profile.updated",
            actor_type: "user",
            actor_id: "user_7",
            summary: "Changed first name, phone",
            data: {
              changes: [
                { field: "first_name", old: "Ann", new: "Anne" },
                { field: "phone", old: null, new: "+441234" },
              ],
            },
          })
        )
        // the pending actor is used once
        const [next] = await service.recordCustomerSnapshot({ ...customer, first_name: "Annie", phone: "+441234" })
        expect(next).toEqual(expect.objectContaining({ actor_type: "system", actor_id: null }))
        expect(await service.pendingActor("cus_5")).toEqual({ actor_type: "system", actor_id: null })

        const [entries] = await service.listTimeline("cus_5", { limit: 10, offset: 0 })
        expect(entries.map((e) => e.kind)).toEqual(["profile.updated", "profile.updated", "customer.created"])
      })

      it("gives a customer first seen before an edit its old values", async () => {
        const customer = { id: "cus_6", first_name: "Old", last_name: "Name", email: "o@example.com" }
        await service.markPendingActor(customer, { type: "customer", id: "cus_6" })
        const [entry] = await service.recordCustomerSnapshot({ ...customer, last_name: "New" })
        expect(entry.data).toEqual({ changes: [{ field: "last_name", old: "Name", new: "New" }] })
        expect(entry.actor_type).toBe("customer")
      })
    })
  },
})
