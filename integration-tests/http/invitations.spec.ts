import fs from "fs"
import os from "os"
import path from "path"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import { createPublishableKeyHeader } from "../helpers/admin"
import { waitFor } from "../helpers/wait"
import { CUSTOMER_POINTS_MODULE } from "../../src/modules/customer-points"

jest.setTimeout(180_000)

const ok = { validateStatus: () => true }
const PASSWORD = "Secret-pass-123"
/** The spec's host uses the test "feed" provider (integration-tests/providers), which can be made to fail. */
const PROVIDER_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "cbo-invitations-provider-"))

/**
 * In-store customers and invitations: staff create a customer (the plugin
 * invites it on creation in this file: inviteInStoreCustomers "on_create"),
 * the shopper registers and proves the email with the link → one customer
 * with the in-store history; without the link → two customers and a likely
 * duplicate; bad links refused with nothing moved; the join undone by staff.
 */
useTestHost({
  prefix: "cbo-http-invitations",
  env: { CBO_INVITE_IN_STORE_CUSTOMERS: "on_create", CBO_TEST_PROVIDER_DIR: PROVIDER_DIR },
  testSuite: ({ api, getContainer, session }) => {
    const admin = session.headers
    let pk: Record<string, string>
    beforeAll(async () => {
      pk = await createPublishableKeyHeader(getContainer())
    })
    afterAll(() => {
      delete process.env.CBO_TEST_PROVIDER_FAIL
      fs.rmSync(PROVIDER_DIR, { recursive: true, force: true })
    })
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const rows = async (sql: string, b: unknown[] = []) => (await pg().raw(sql, b)).rows
    const email = () => `instore-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`

    /** A staff-created customer (admin route: created_by set) with `orders` orders, points and an opt-out. */
    const inStore = async (address = email(), orders = 2) => {
      const res = await api.post("/admin/customers", { email: address, first_name: "Ivy", last_name: "Store" }, { headers: admin })
      expect(res.status).toBe(200)
      const id = res.data.customer.id as string
      const orderIds: string[] = []
      for (let i = 0; i < orders; i++) {
        const o = await getContainer()
          .resolve(Modules.ORDER)
          .createOrders({
            customer_id: id,
            email: address,
            currency_code: "eur",
            items: [{ title: `In-store item ${i + 1}`, quantity: 1, unit_price: 1500 }],
          } as any)
        orderIds.push((Array.isArray(o) ? o[0] : o).id)
      }
      await getContainer()
        .resolve(CUSTOMER_POINTS_MODULE)
        .credit({ customer_id: id, points: 120, kind: "manual_add", actor_type: "user", idempotency_key: `inv-${id}` })
      expect(
        (await api.post(`/admin/backoffice/customers/${id}/consent`, { marketing_opt_out: true }, { headers: admin })).status
      ).toBe(200)
      return { id, email: address, orderIds }
    }

    /** The invitation messages of a customer the notification module sent ("feed" channel). */
    const messages = async (customerId: string) =>
      (
        await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ receiver_id: customerId, template: "customer-backoffice-invitation", status: "success" } as any, {
            order: { created_at: "ASC" },
          })
      ).map((n: any) => n.data as { token: string; url: string; email: string })
    const waitForInvitation = (customerId: string, count = 1) =>
      waitFor(async () => (await messages(customerId)).length >= count, { timeoutMs: 30_000, what: "the invitation message" })

    /** Medusa's own registration: emailpass register, POST /store/customers, then log in. */
    const register = async (address: string) => {
      const reg = await api.post("/auth/customer/emailpass/register", { email: address, password: PASSWORD })
      expect(reg.status).toBe(200)
      const created = await api.post(
        "/store/customers",
        { email: address, first_name: "Ivy", last_name: "Store" },
        { headers: { authorization: `Bearer ${reg.data.token}`, ...pk } }
      )
      expect(created.status).toBe(200)
      const login = await api.post("/auth/customer/emailpass", { email: address, password: PASSWORD })
      expect(login.status).toBe(200)
      return { id: created.data.customer.id as string, headers: { authorization: `Bearer ${login.data.token}`, ...pk } }
    }
    const accept = (token: unknown, headers: Record<string, string>) =>
      api.post("/store/backoffice/invitations/accept", { token }, { headers, ...ok })
    const orderOwners = async (ids: string[]) =>
      (await rows(`select customer_id from "order" where id = any(?)`, [ids])).map((r: any) => r.customer_id)

    it("admin routes need an admin (401); accepting needs a logged-in customer (401)", async () => {
      expect((await api.post("/admin/backoffice/customers/cus_x/invitations", {}, ok)).status).toBe(401)
      expect((await api.get("/admin/backoffice/customers/cus_x/invitations", ok)).status).toBe(401)
      expect((await api.post("/admin/backoffice/invitations", { customer_ids: ["cus_x"] }, ok)).status).toBe(401)
      const res = await api.post("/store/backoffice/invitations/accept", { token: "a".repeat(43) }, { headers: pk, ...ok })
      expect(res.status).toBe(401)
    })

    it("invites a staff-created customer, joins its orders, points and consent to the account registered through the link; staff undo it", async () => {
      // the plugin's own events, as a subscriber of the host would get them (local event bus)
      const emitter = (getContainer().resolve(Modules.EVENT_BUS) as unknown as { eventEmitter_: NodeJS.EventEmitter })
        .eventEmitter_
      const runs: { event: string; data: any }[] = []
      const listen = (event: string) => {
        const fn = (e: { data: unknown }) => void runs.push({ event, data: e.data })
        emitter.on(event, fn)
        return () => emitter.removeListener(event, fn)
      }
      const stop = [listen("customer_backoffice.customer.invited"), listen("customer_backoffice.customer.accounts_joined")]
      const c = await inStore()
      // on_create: the plugin sent the invitation by itself
      await waitForInvitation(c.id)
      // staff re-send from the customer page: the earlier link is replaced
      const resend = await api.post(`/admin/backoffice/customers/${c.id}/invitations`, {}, { headers: admin })
      expect(resend.status).toBe(201)
      expect(resend.data.invitation).toMatchObject({ customer_id: c.id, email: c.email, status: "sent", trigger: "manual" })
      const [first, latest] = await messages(c.id)
      expect(latest.url).toBe(`http://localhost:8000/account/register?invitation=${latest.token}`)
      const status = await api.get(`/admin/backoffice/customers/${c.id}/invitations`, { headers: admin })
      expect(status.data.invitations.map((i: any) => [i.status, i.trigger])).toEqual([["sent", "manual"], ["replaced", "on_create"]])
      expect(status.data.invitable).toEqual({ ok: true })

      // the storefront's registration page opens the link
      const opened = await api.post("/store/backoffice/invitations/open", { token: latest.token }, { headers: pk })
      expect(opened.status).toBe(200)
      expect(opened.data.invitation).toMatchObject({ email: c.email, first_name: "Ivy" })

      const me = await register(c.email)
      // before accepting: Medusa's own list of the new account is empty
      expect((await api.get("/store/orders", { headers: me.headers })).data.orders).toEqual([])
      // the replaced link is refused, nothing moved
      const old = await accept(first.token, me.headers)
      expect([old.status, old.data.message]).toEqual([409, expect.stringMatching(/^token: a newer invitation replaced/)])
      expect(await orderOwners(c.orderIds)).toEqual([c.id, c.id])

      const joined = await accept(latest.token, me.headers)
      expect([joined.status, joined.status === 200 ? null : joined.data]).toEqual([200, null])
      expect(joined.data.joined).toMatchObject({ customer_id: me.id, joined_customer_id: c.id })

      // one customer: both orders through Medusa's /store/orders, points and the opt-out moved
      const orders = await api.get("/store/orders", { headers: me.headers })
      expect(orders.data.orders.map((o: any) => o.id).sort()).toEqual([...c.orderIds].sort())
      expect((await api.get("/store/backoffice/loyalty", { headers: me.headers })).data.loyalty.balance).toBe(120)
      expect((await api.get("/store/backoffice/consent", { headers: me.headers })).data.consent.marketing_opt_out).toBe(true)
      const live = await rows(`select id from customer where lower(email) = lower(?) and deleted_at is null`, [c.email])
      expect(live.map((r: any) => r.id)).toEqual([me.id])

      // recorded as an automatic merge; the invitation says registered; both timelines tell it
      const merges = await api.get(`/admin/backoffice/merges?customer_id=${me.id}`, { headers: admin })
      const merge = merges.data.merges.find((m: any) => m.id === joined.data.joined.merge_id)
      expect(merge).toMatchObject({ source: "invitation", merged_by: null, secondary_ids: [c.id], can_undo: true })
      const after = await api.get(`/admin/backoffice/customers/${c.id}/invitations`, { headers: admin })
      expect(after.data.invitations[0]).toMatchObject({ status: "registered", account_customer_id: me.id, merge_id: merge.id })
      expect(after.data.invitations[0].opened_at).not.toBeNull()
      // the in-store customer's timeline moved with it (merge)
      const kinds = await rows(`select kind from timeline_entry where customer_id = ? order by created_at`, [me.id])
      expect(kinds.map((k: any) => k.kind)).toEqual(
        expect.arrayContaining(["customer.invited", "customer.invitation_opened", "customer.accounts_joined"])
      )
      await waitFor(async () => runs.some((r) => r.event === "customer_backoffice.customer.accounts_joined"), {
        timeoutMs: 30_000,
        what: "accounts_joined",
      })
      expect(runs.find((r) => r.event === "customer_backoffice.customer.accounts_joined")!.data).toMatchObject({
        id: me.id,
        joined_customer_id: c.id,
        merge_id: merge.id,
      })
      expect(runs.filter((r) => r.event === "customer_backoffice.customer.invited").map((r) => r.data.customer_id)).toEqual([
        c.id,
        c.id,
      ])
      stop.forEach((f) => f())

      // the link is single-use
      const again = await accept(latest.token, me.headers)
      expect([again.status, again.data.message]).toEqual([409, "token: this invitation link was already used to register"])

      // staff undo the automatic merge like any merge: both customers back, the orders with the in-store one
      const undo = await api.post(`/admin/backoffice/merges/${merge.id}/undo`, {}, { headers: admin, ...ok })
      expect([undo.status, undo.status === 200 ? null : undo.data]).toEqual([200, null])
      expect(await orderOwners(c.orderIds)).toEqual([c.id, c.id])
      const both = await rows(`select id from customer where lower(email) = lower(?) and deleted_at is null order by has_account`, [c.email])
      expect(both.map((r: any) => r.id)).toEqual([c.id, me.id])
      expect((await api.get("/store/orders", { headers: me.headers })).data.orders).toEqual([])
      expect((await api.get("/store/backoffice/loyalty", { headers: me.headers })).data.loyalty.balance).toBe(0)
    })

    it("registering without the link leaves two customers and a likely duplicate for staff; nothing moves", async () => {
      const c = await inStore(email(), 1)
      await waitForInvitation(c.id)
      const me = await register(c.email)
      await waitFor(
        async () =>
          (
            await rows(
              `select 1 from customer_duplicate_pair where confidence = 'likely' and deleted_at is null
                 and ((customer_a_id = ? and customer_b_id = ?) or (customer_a_id = ? and customer_b_id = ?))`,
              [c.id, me.id, me.id, c.id]
            )
          ).length === 1,
        { timeoutMs: 30_000, what: "the likely-duplicate pair" }
      )
      const live = await rows(`select id from customer where lower(email) = lower(?) and deleted_at is null`, [c.email])
      expect(live.length).toBe(2)
      expect(await orderOwners(c.orderIds)).toEqual([c.id])
      expect((await api.get("/store/orders", { headers: me.headers })).data.orders).toEqual([])
      expect((await api.get("/store/backoffice/loyalty", { headers: me.headers })).data.loyalty.balance).toBe(0)
    })

    it("refuses bad links with a 4xx naming the problem, nothing moved", async () => {
      const c = await inStore(email(), 1)
      await waitForInvitation(c.id)
      const [{ token }] = await messages(c.id)
      const me = await register(c.email)
      const other = await register(email())

      const malformed = await accept("not-a-token", me.headers)
      expect([malformed.status, malformed.data.message]).toEqual([400, expect.stringMatching(/^token: Malformed invitation token/)])
      expect((await accept(undefined, me.headers)).status).toBe(400)
      const unknown = await accept("b".repeat(43), me.headers)
      expect([unknown.status, unknown.data.message]).toEqual([400, "token: this invitation link is not valid"])
      const wrongEmail = await accept(token, other.headers)
      expect([wrongEmail.status, wrongEmail.data.message]).toEqual([400, expect.stringMatching(/^token: this invitation was sent to another email/)])

      await pg().raw(`update customer_invitation set expires_at = now() - interval '1 day' where customer_id = ?`, [c.id])
      const expired = await accept(token, me.headers)
      expect([expired.status, expired.data.message]).toEqual([400, expect.stringMatching(/^token: this invitation link expired on /)])
      const openExpired = await api.post("/store/backoffice/invitations/open", { token }, { headers: pk, ...ok })
      expect(openExpired.status).toBe(400)

      expect(await orderOwners(c.orderIds)).toEqual([c.id])
      const live = await rows(`select id from customer where lower(email) = lower(?) and deleted_at is null`, [c.email])
      expect(live.length).toBe(2)
      const [inv] = await rows(`select status from customer_invitation where customer_id = ?`, [c.id])
      expect(inv.status).toBe("sent")
    })

    it("sends invitations in bulk and says why others were skipped", async () => {
      const a = await inStore(email(), 0)
      const registered = await register(email())
      const noEmail = (await api.post("/admin/customers", { first_name: "No", last_name: "Mail" }, { headers: admin, ...ok })).data
        ?.customer?.id
      const ids = [a.id, registered.id, ...(noEmail ? [noEmail] : []), "cus_unknown"]
      const res = await api.post("/admin/backoffice/invitations", { customer_ids: ids }, { headers: admin })
      expect(res.status).toBe(200)
      expect(res.data.sent.map((s: any) => s.customer_id)).toEqual([a.id])
      const codes = Object.fromEntries(res.data.skipped.map((s: any) => [s.customer_id, s.code]))
      expect(codes[registered.id]).toBe("has_account")
      expect(codes.cus_unknown).toBe("not_found")
      if (noEmail) expect(codes[noEmail]).toBe("no_email")
      expect((await api.post(`/admin/backoffice/customers/${registered.id}/invitations`, {}, { headers: admin, ...ok })).status).toBe(409)
      expect((await api.post("/admin/backoffice/invitations", { customer_ids: [] }, { headers: admin, ...ok })).status).toBe(400)
      // a registered customer is never invited automatically; the staff-created one twice (on create, then bulk)
      expect(await messages(registered.id)).toEqual([])
      await waitForInvitation(a.id, 2)
    })

    it("on_create for an import: one background job invites the new customers; a failing mail service fails that job, not the import, and its retry sends them", async () => {
      const get = (url: string) => api.get(url, { headers: admin, ...ok })
      const job = (id: string) =>
        waitFor(
          async () => {
            const j = (await get(`/admin/backoffice/jobs/${id}`)).data.job
            return ["completed", "failed"].includes(j?.status) ? j : null
          },
          { timeoutMs: 60_000, intervalMs: 250, what: `job ${id}` }
        )
      const addresses = [email(), email(), email()]
      process.env.CBO_TEST_PROVIDER_FAIL = "notification"
      let inviteJob: any
      let ids: string[]
      try {
        const form = new FormData()
        const csv = `Email,First Name\r\n${addresses.map((a, i) => `${a},Imported${i}`).join("\r\n")}\r\n`
        form.append("file", new Blob([csv], { type: "text/csv" }), "in-store.csv")
        const created = await api.post("/admin/backoffice/customer-imports", form, { headers: admin, ...ok })
        expect(created.status).toBe(201)
        const runId = created.data.import_run.id as string
        await waitFor(async () => (await get(`/admin/backoffice/customer-imports/${runId}`)).data.import_run?.status === "review", {
          timeoutMs: 60_000,
          what: "import review",
        })
        expect((await api.post(`/admin/backoffice/customer-imports/${runId}/confirm`, {}, { headers: admin })).status).toBe(200)
        // the import commits although every message fails
        await waitFor(async () => (await get(`/admin/backoffice/customer-imports/${runId}`)).data.import_run?.status === "completed", {
          timeoutMs: 60_000,
          what: "import committed",
        })
        ids = (await rows(`select id from customer where email = any(?) order by email`, [addresses])).map((r: any) => r.id)
        expect(ids).toHaveLength(3)

        // one job for the run (not one message per customer.created event); it fails after its attempts, saying why
        const jobs = await rows(`select id from backoffice_job where type = 'invitations.imported' and payload->>'run_id' = ?`, [runId])
        expect(jobs).toHaveLength(1)
        inviteJob = await job(jobs[0].id)
        expect(inviteJob.status).toBe("failed")
        expect(inviteJob.error).toMatch(/^3 of 3 invitations could not be sent \(.*the mail service is down\); a retry sends only those$/)
        expect(await rows(`select id from customer_invitation where customer_id = any(?)`, [ids])).toEqual([])
        expect(await rows(`select id from timeline_entry where kind = 'customer.invited' and customer_id = any(?)`, [ids])).toEqual([])
      } finally {
        delete process.env.CBO_TEST_PROVIDER_FAIL
      }

      // the mail service is back: Retry on the jobs page sends each customer one invitation
      expect((await api.post(`/admin/backoffice/jobs/${inviteJob.id}/retry`, {}, { headers: admin })).status).toBe(200)
      const retried = await job(inviteJob.id)
      expect([retried.status, retried.result]).toEqual(["completed", { invited: 3, skipped: 0 }])
      for (const id of ids!) expect((await messages(id)).length).toBe(1)
      const invitations = await rows(`select customer_id, trigger, status from customer_invitation where customer_id = any(?)`, [ids!])
      expect(invitations.map((i: any) => [i.trigger, i.status])).toEqual(Array(3).fill(["on_create", "sent"]))
    })
  },
})
