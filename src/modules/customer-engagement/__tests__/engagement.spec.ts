import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { CUSTOMER_ENGAGEMENT_MODULE } from ".."
import CustomerNote from "../models/customer-note"
import CustomerNoteRevision from "../models/customer-note-revision"
import CustomerConsent from "../models/customer-consent"
import MailingSubscription from "../models/mailing-subscription"
import ConsentEvent from "../models/consent-event"
import type CustomerEngagementModuleService from "../service"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<CustomerEngagementModuleService>({
  moduleName: CUSTOMER_ENGAGEMENT_MODULE,
  moduleModels: [CustomerNote, CustomerNoteRevision, CustomerConsent, MailingSubscription, ConsentEvent],
  resolve: "./src/modules/customer-engagement",
  moduleOptions: { confirmationTokenTtlHours: 24 },
  testSuite: ({ service }) => {
    describe("customer engagement module", () => {
      it("reads its plugin options", () => {
        expect(service.options.confirmationTokenTtlHours).toBe(24)
        expect(service.options.confirmationChannel).toBe("email")
      })

      it("lists notes pinned first, then in the order written, and keeps revisions", async () => {
        const first = await service.createCustomerNotes({ customer_id: "cus_1", body: "first", author_id: "user_1" })
        const second = await service.createCustomerNotes({ customer_id: "cus_1", body: "second", author_id: "user_1" })
        const pinned = await service.createCustomerNotes({ customer_id: "cus_1", body: "pinned", pinned: true, author_id: "user_2" })
        await service.createCustomerNotes({ customer_id: "cus_2", body: "other customer" })
        const [notes, count] = await service.listNotesInOrder("cus_1")
        expect(count).toBe(3)
        expect(notes.map((n) => n.id)).toEqual([pinned.id, first.id, second.id])

        await service.createCustomerNoteRevisions({ note_id: first.id, body: "first", written_by: "user_1", replaced_by: "user_2" })
        const withHistory = await service.retrieveCustomerNote(first.id, { relations: ["revisions"] })
        expect(withHistory.revisions.map((r) => r.body)).toEqual(["first"])

        await service.softDeleteCustomerNotes(second.id)
        const [, afterDelete] = await service.listNotesInOrder("cus_1")
        expect(afterDelete).toBe(2)
      })

      it("keeps consent events and note revisions append-only", async () => {
        const [event] = await service.createConsentEvents([
          { customer_id: "cus_1", kind: "opt_out", old_value: "false", new_value: "true", source: "admin", actor_id: "user_1" },
        ])
        await expect((service as any).updateConsentEvents({ id: event.id, new_value: "false" })).rejects.toThrow(
          "Consent events are append-only"
        )
        await expect((service as any).updateCustomerNoteRevisions({ id: "x" })).rejects.toThrow("append-only")
        const [stored] = await service.listConsentEvents({ id: event.id })
        expect(stored.new_value).toBe("true")
      })

      it("has one consent row and one subscription per customer and category", async () => {
        await service.createCustomerConsents({ customer_id: "cus_9", marketing_opt_out: true })
        expect(await service.getOptOut("cus_9")).toBe(true)
        expect(await service.getOptOut("cus_unknown")).toBe(false)
        await expect(service.createCustomerConsents({ customer_id: "cus_9" })).rejects.toThrow()
        await service.createMailingSubscriptions({ customer_id: "cus_9", customer_group_id: "cusgroup_1", status: "confirmed" })
        await expect(
          service.createMailingSubscriptions({ customer_id: "cus_9", customer_group_id: "cusgroup_1" })
        ).rejects.toThrow()
      })
    })
  },
})
