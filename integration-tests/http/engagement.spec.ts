import { Modules } from "@medusajs/framework/utils"
import {
  createAdminHeaders,
  createCustomerHeaders,
  createPublishableKeyHeader,
} from "../helpers/admin"
import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"

jest.setTimeout(120_000)

const ok = { validateStatus: () => true }

useTestHost({
  prefix: "cbo-http-eng",
  testSuite: ({ api, getContainer, session }) => {
    const admin = session.headers
    let pk: Record<string, string>

    beforeEach(async () => {
      pk = await createPublishableKeyHeader(getContainer())
    })

    const newCustomer = async () => {
      const c = await createCustomerHeaders(getContainer())
      return { id: c.customer.id, email: c.customer.email, store: { ...c.headers, ...pk } }
    }
    const newGroup = async (name = `VIP ${Math.random().toString(36).slice(2, 7)}`) =>
      await getContainer().resolve(Modules.CUSTOMER).createCustomerGroups({ name })
    const engagement = () => getContainer().resolve("customer_engagement") as any
    const timelineOf = async (customerId: string, kind?: string) =>
      (
        await api.get(
          `/admin/backoffice/customers/${customerId}/timeline${kind ? `?kind=${kind}` : ""}`,
          { headers: admin }
        )
      ).data.entries as any[]
    const lastToken = async (customerId: string) => {
      const notes = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications(
          { receiver_id: customerId, template: "customer-backoffice-subscription-confirm" },
          { order: { created_at: "DESC" } }
        )
      return notes[0]?.data?.token as string
    }

    describe("authentication", () => {
      const ADMIN_ROUTES: [string, string][] = [
        ["get", "/admin/backoffice/customers/cus_x/notes"],
        ["post", "/admin/backoffice/customers/cus_x/notes"],
        ["post", "/admin/backoffice/customers/cus_x/notes/cnote_x"],
        ["delete", "/admin/backoffice/customers/cus_x/notes/cnote_x"],
        ["get", "/admin/backoffice/customers/cus_x/notes/cnote_x/revisions"],
        ["get", "/admin/backoffice/customers/cus_x/consent"],
        ["post", "/admin/backoffice/customers/cus_x/consent"],
        ["post", "/admin/backoffice/customers/cus_x/unsubscribe-all"],
        ["get", "/admin/backoffice/customers/cus_x/subscriptions"],
        ["post", "/admin/backoffice/customers/cus_x/subscriptions"],
        ["get", "/admin/backoffice/customers/cus_x/consent-history"],
        ["get", "/admin/backoffice/customers/cus_x/timeline"],
        ["get", "/admin/backoffice/categories/cusgroup_x/subscribers"],
      ]
      it.each(ADMIN_ROUTES)("%s %s answers 401 without an admin", async (method, url) => {
        const res = await (api as any)[method](url, ...(method === "post" ? [{}, ok] : [ok]))
        expect(res.status).toBe(401)
      })

      it("refuses a customer's token on admin routes", async () => {
        const c = await newCustomer()
        const res = await api.get(`/admin/backoffice/customers/${c.id}/notes`, {
          headers: c.store,
          ...ok,
        })
        expect(res.status).toBe(401)
      })

      const STORE_ROUTES: [string, string][] = [
        ["get", "/store/backoffice/consent"],
        ["post", "/store/backoffice/consent"],
        ["get", "/store/backoffice/subscriptions"],
        ["post", "/store/backoffice/subscriptions"],
        ["post", "/store/backoffice/unsubscribe-all"],
      ]
      it.each(STORE_ROUTES)("%s %s answers 401 without a customer session", async (method, url) => {
        const res = await (api as any)[method](
          url,
          ...(method === "post" ? [{}, { headers: pk, ...ok }] : [{ headers: pk, ...ok }])
        )
        expect(res.status).toBe(401)
      })
    })

    describe("notes", () => {
      it("adds, lists (pinned first, then oldest first), edits with history, pins and deletes", async () => {
        const c = await newCustomer()
        const base = `/admin/backoffice/customers/${c.id}/notes`
        const a = await api.post(base, { body: "Leave parcels with the neighbour" }, { headers: admin })
        expect(a.status).toBe(201)
        expect(a.data.note).toEqual(
          expect.objectContaining({ body: "Leave parcels with the neighbour", author_id: session.id, pinned: false })
        )
        const b = await api.post(base, { body: "Birthday on 3 May" }, { headers: admin })
        const p = await api.post(base, { body: "Trade customer: always call first", pinned: true }, { headers: admin })

        let list = await api.get(base, { headers: admin })
        expect(list.data.count).toBe(3)
        expect(list.data.notes.map((n: any) => n.id)).toEqual([p.data.note.id, a.data.note.id, b.data.note.id])
        expect(list.data.notes[0].author_name).toBe("Ada Admin")

        const other = await createAdminHeaders(getContainer())
        const edit = await api.post(`${base}/${a.data.note.id}`, { body: "Leave parcels at number 12" }, { headers: other.headers })
        expect(edit.status).toBe(200)
        expect(edit.data.note).toEqual(
          expect.objectContaining({ body: "Leave parcels at number 12", author_id: session.id, updated_by: other.user.id })
        )
        await api.post(`${base}/${a.data.note.id}`, { body: "Leave parcels at number 14" }, { headers: admin })
        const revs = await api.get(`${base}/${a.data.note.id}/revisions`, { headers: admin })
        expect(revs.status).toBe(200)
        expect(revs.data.revisions.map((r: any) => r.body)).toEqual([
          "Leave parcels at number 12",
          "Leave parcels with the neighbour",
        ])
        expect(revs.data.revisions[1]).toEqual(
          expect.objectContaining({ written_by: session.id, replaced_by: other.user.id })
        )

        const pin = await api.post(`${base}/${b.data.note.id}`, { pinned: true }, { headers: admin })
        expect(pin.data.note.pinned).toBe(true)
        list = await api.get(base, { headers: admin })
        expect(list.data.notes.map((n: any) => n.id)).toEqual([b.data.note.id, p.data.note.id, a.data.note.id])

        const del = await api.delete(`${base}/${b.data.note.id}`, { headers: admin })
        expect(del.status).toBe(200)
        expect(del.data).toEqual({ id: b.data.note.id, object: "customer_note", deleted: true })
        list = await api.get(base, { headers: admin })
        expect(list.data.count).toBe(2)
        const gone = await api.post(`${base}/${b.data.note.id}`, { body: "x" }, { headers: admin, ...ok })
        expect(gone.status).toBe(404)
        // soft delete: the row is kept
        const [kept] = await engagement().listCustomerNotes({ id: b.data.note.id }, { withDeleted: true })
        expect(kept.deleted_at).not.toBeNull()

        const kinds = (await timelineOf(c.id)).map((e) => e.kind)
        expect(kinds.filter((k) => k === "note.created")).toHaveLength(3)
        expect(kinds.filter((k) => k === "note.updated")).toHaveLength(3)
        expect(kinds.filter((k) => k === "note.deleted")).toHaveLength(1)
        const edited = (await timelineOf(c.id, "note.updated")).find((e) =>
          e.data.changes.some((ch: any) => ch.field === "body" && ch.new === "Leave parcels at number 12")
        )
        expect(edited).toEqual(
          expect.objectContaining({ actor_type: "user", actor_id: other.user.id })
        )
        expect(edited.data.changes[0].old).toBe("Leave parcels with the neighbour")
      })

      it("refuses bad notes with field messages and writes nothing", async () => {
        const c = await newCustomer()
        const base = `/admin/backoffice/customers/${c.id}/notes`
        const long = await api.post(base, { body: "x".repeat(10_001) }, { headers: admin, ...ok })
        expect(long.status).toBe(400)
        expect(long.data.errors).toEqual([
          { field: "body", message: "A note can have at most 10,000 characters" },
        ])
        expect(long.data.message).toContain("10,000 characters")
        const exact = await api.post(base, { body: "y".repeat(10_000) }, { headers: admin, ...ok })
        expect(exact.status).toBe(201)
        const empty = await api.post(base, { body: "   " }, { headers: admin, ...ok })
        expect(empty.status).toBe(400)
        expect(empty.data.errors[0].field).toBe("body")
        const missing = await api.post(base, {}, { headers: admin, ...ok })
        expect(missing.status).toBe(400)
        const extra = await api.post(base, { body: "ok", author_id: "user_x" }, { headers: admin, ...ok })
        expect(extra.status).toBe(400)
        const badPin = await api.post(`${base}/${exact.data.note.id}`, { pinned: "yes" }, { headers: admin, ...ok })
        expect(badPin.status).toBe(400)
        expect(badPin.data.errors[0].field).toBe("pinned")
        const nothing = await api.post(`${base}/${exact.data.note.id}`, {}, { headers: admin, ...ok })
        expect(nothing.status).toBe(400)
        const longEdit = await api.post(`${base}/${exact.data.note.id}`, { body: "z".repeat(10_001) }, { headers: admin, ...ok })
        expect(longEdit.status).toBe(400)

        const list = await api.get(base, { headers: admin })
        expect(list.data.count).toBe(1)
        expect(list.data.notes[0].body).toBe("y".repeat(10_000))
        const revs = await api.get(`${base}/${exact.data.note.id}/revisions`, { headers: admin })
        expect(revs.data.count).toBe(0)
        expect((await timelineOf(c.id, "note.created"))).toHaveLength(1)
        expect((await timelineOf(c.id, "note.updated"))).toHaveLength(0)
      })

      it("answers 404 for an unknown customer or a note of another customer", async () => {
        const c1 = await newCustomer()
        const c2 = await newCustomer()
        const missing = await api.get(`/admin/backoffice/customers/cus_missing/notes`, { headers: admin, ...ok })
        expect(missing.status).toBe(404)
        const n = await api.post(`/admin/backoffice/customers/${c1.id}/notes`, { body: "mine" }, { headers: admin })
        const cross = await api.post(
          `/admin/backoffice/customers/${c2.id}/notes/${n.data.note.id}`,
          { body: "hijack" },
          { headers: admin, ...ok }
        )
        expect(cross.status).toBe(404)
        const crossDel = await api.delete(`/admin/backoffice/customers/${c2.id}/notes/${n.data.note.id}`, { headers: admin, ...ok })
        expect(crossDel.status).toBe(404)
        const crossRev = await api.get(`/admin/backoffice/customers/${c2.id}/notes/${n.data.note.id}/revisions`, { headers: admin, ...ok })
        expect(crossRev.status).toBe(404)
      })
    })

    describe("consent (admin)", () => {
      it("sets the opt-out flag, records history with the admin, and unsubscribes from all", async () => {
        const c = await newCustomer()
        const g1 = await newGroup("Newsletter")
        const g2 = await newGroup("Wine club")
        const base = `/admin/backoffice/customers/${c.id}`

        const initial = await api.get(`${base}/consent`, { headers: admin })
        expect(initial.data.consent).toEqual(
          expect.objectContaining({ marketing_opt_out: false, subscriptions: [] })
        )
        const s1 = await api.post(`${base}/subscriptions`, { customer_group_id: g1.id, status: "confirmed" }, { headers: admin })
        expect(s1.status).toBe(200)
        expect(s1.data.subscriptions).toEqual([
          expect.objectContaining({ customer_group_id: g1.id, status: "confirmed", category_name: "Newsletter" }),
        ])
        await api.post(`${base}/subscriptions`, { customer_group_id: g2.id, status: "confirmed" }, { headers: admin })

        const optOut = await api.post(`${base}/consent`, { marketing_opt_out: true }, { headers: admin })
        expect(optOut.status).toBe(200)
        expect(optOut.data.consent.marketing_opt_out).toBe(true)
        // the same value again changes nothing and records nothing
        await api.post(`${base}/consent`, { marketing_opt_out: true }, { headers: admin })
        await api.post(`${base}/consent`, { marketing_opt_out: false }, { headers: admin })

        const all = await api.post(`${base}/unsubscribe-all`, {}, { headers: admin })
        expect(all.status).toBe(200)
        expect(all.data.consent.marketing_opt_out).toBe(true)
        expect(all.data.consent.subscriptions.map((s: any) => s.status)).toEqual(["unsubscribed", "unsubscribed"])

        const hist = await api.get(`${base}/consent-history`, { headers: admin })
        expect(hist.status).toBe(200)
        expect(hist.data.count).toBe(7)
        expect(hist.data.events.every((e: any) => e.source === "admin" && e.actor_id === session.id)).toBe(true)
        const rows = hist.data.events.map((e: any) => [e.kind, e.old_value, e.new_value]).reverse()
        expect(rows.slice(0, 4)).toEqual([
          ["subscription", null, "confirmed"],
          ["subscription", null, "confirmed"],
          ["opt_out", "false", "true"],
          ["opt_out", "true", "false"],
        ])
        // "unsubscribe from all" writes its three events at the same moment
        expect(rows.slice(4).sort()).toEqual([
          ["opt_out", "false", "true"],
          ["subscription", "confirmed", "unsubscribed"],
          ["subscription", "confirmed", "unsubscribed"],
        ])
        expect(hist.data.events[0].actor_name).toBe("Ada Admin")
        expect(hist.data.events.find((e: any) => e.subject === g2.id).category_name).toBe("Wine club")
        // the history reads with the words of the subscription badges
        expect(hist.data.events.map((e: any) => e.description)).toEqual(
          expect.arrayContaining([
            'Mailings of "Newsletter": Not subscribed → Subscribed',
            'Mailings of "Wine club": Subscribed → Unsubscribed',
          ])
        )

        const consentEntries = await timelineOf(c.id, "consent.changed")
        expect(consentEntries).toHaveLength(7)
        expect(consentEntries[0]).toEqual(expect.objectContaining({ actor_type: "user", actor_id: session.id }))
        const page = await api.get(`${base}/consent-history?limit=2&offset=1`, { headers: admin })
        expect(page.data.events).toHaveLength(2)
        expect(page.data.count).toBe(7)
      })

      it("refuses bad consent input with field messages and writes nothing", async () => {
        const c = await newCustomer()
        const base = `/admin/backoffice/customers/${c.id}`
        const bad = await api.post(`${base}/consent`, { marketing_opt_out: "yes" }, { headers: admin, ...ok })
        expect(bad.status).toBe(400)
        expect(bad.data.errors[0]).toEqual({ field: "marketing_opt_out", message: "Must be true or false" })
        const badSub = await api.post(`${base}/subscriptions`, { customer_group_id: "", status: "maybe" }, { headers: admin, ...ok })
        expect(badSub.status).toBe(400)
        expect(badSub.data.errors.map((e: any) => e.field).sort()).toEqual(["customer_group_id", "status"])
        const noGroup = await api.post(`${base}/subscriptions`, { customer_group_id: "cusgroup_missing", status: "confirmed" }, { headers: admin, ...ok })
        expect(noGroup.status).toBe(400)
        expect(noGroup.data.message).toContain("customer_group_id")
        const extra = await api.post(`${base}/unsubscribe-all`, { x: 1 }, { headers: admin, ...ok })
        expect(extra.status).toBe(400)
        const badQuery = await api.get(`${base}/timeline?limit=0`, { headers: admin, ...ok })
        expect(badQuery.status).toBe(400)
        const badHist = await api.get(`${base}/consent-history?offset=-1`, { headers: admin, ...ok })
        expect(badHist.status).toBe(400)
        const missing = await api.post(`/admin/backoffice/customers/cus_missing/consent`, { marketing_opt_out: true }, { headers: admin, ...ok })
        expect(missing.status).toBe(404)

        const hist = await api.get(`${base}/consent-history`, { headers: admin })
        expect(hist.data.count).toBe(0)
        expect((await api.get(`${base}/consent`, { headers: admin })).data.consent).toEqual(
          expect.objectContaining({ marketing_opt_out: false, subscriptions: [] })
        )
        expect(await timelineOf(c.id, "consent.changed")).toHaveLength(0)
      })
    })

    describe("subscribers of a category", () => {
      it("lists confirmed, never opted-out customers; paginates; exports safe CSV", async () => {
        const g = await newGroup("Garden club")
        const [a, b, c, d] = [await newCustomer(), await newCustomer(), await newCustomer(), await newCustomer()]
        const customers = getContainer().resolve(Modules.CUSTOMER)
        await customers.updateCustomers(a.id, { first_name: "=HYPERLINK(\"http://x\")", last_name: "+1", company_name: "@corp" })
        for (const x of [a, b, c]) {
          await api.post(`/admin/backoffice/customers/${x.id}/subscriptions`, { customer_group_id: g.id, status: "confirmed" }, { headers: admin })
        }
        // c opts out; d only pending
        await api.post(`/admin/backoffice/customers/${c.id}/consent`, { marketing_opt_out: true }, { headers: admin })
        await api.post(`/admin/backoffice/customers/${d.id}/subscriptions`, { customer_group_id: g.id, status: "pending" }, { headers: admin })
        const pendingHist = await api.get(`/admin/backoffice/customers/${d.id}/consent-history`, { headers: admin })
        expect(pendingHist.data.events[0].description).toBe('Mailings of "Garden club": Not subscribed → Awaiting confirmation')

        const res = await api.get(`/admin/backoffice/categories/${g.id}/subscribers`, { headers: admin })
        expect(res.status).toBe(200)
        expect(res.data.count).toBe(2)
        expect(res.data.subscribers.map((s: any) => s.customer_id).sort()).toEqual([a.id, b.id].sort())
        expect(res.data.category).toEqual({ id: g.id, name: "Garden club" })

        const page = await api.get(`/admin/backoffice/categories/${g.id}/subscribers?limit=1&offset=1`, { headers: admin })
        expect(page.data.subscribers).toHaveLength(1)
        expect(page.data.count).toBe(2)

        const csv = await api.get(`/admin/backoffice/categories/${g.id}/subscribers?format=csv`, { headers: admin })
        expect(csv.status).toBe(200)
        expect(csv.headers["content-type"]).toContain("text/csv")
        const lines = (csv.data as string).trim().split("\r\n")
        expect(lines[0]).toBe("customer_id,email,first_name,last_name,company_name,confirmed_at")
        expect(lines).toHaveLength(3)
        const rowA = lines.find((l) => l.startsWith(a.id))!
        expect(rowA).toContain(`"'=HYPERLINK(""http://x"")"`)
        expect(rowA).toContain(",'+1,'@corp,")

        const missing = await api.get(`/admin/backoffice/categories/cusgroup_missing/subscribers`, { headers: admin, ...ok })
        expect(missing.status).toBe(404)
        const bad = await api.get(`/admin/backoffice/categories/${g.id}/subscribers?format=xls`, { headers: admin, ...ok })
        expect(bad.status).toBe(400)
        expect(bad.data.errors[0].field).toBe("format")
      })
    })

    describe("store API", () => {
      it("lets the customer opt out and read only their own preferences", async () => {
        const a = await newCustomer()
        const b = await newCustomer()
        const g = await newGroup()
        await api.post(`/admin/backoffice/customers/${b.id}/subscriptions`, { customer_group_id: g.id, status: "confirmed" }, { headers: admin })

        const mine = await api.get("/store/backoffice/consent", { headers: a.store })
        expect(mine.status).toBe(200)
        expect(mine.data.consent).toEqual(expect.objectContaining({ customer_id: a.id, marketing_opt_out: false, subscriptions: [] }))

        const set = await api.post("/store/backoffice/consent", { marketing_opt_out: true }, { headers: a.store })
        expect(set.status).toBe(200)
        expect(set.data.consent.marketing_opt_out).toBe(true)
        // no way to name another customer
        const idor = await api.post("/store/backoffice/consent", { marketing_opt_out: true, customer_id: b.id }, { headers: a.store, ...ok })
        expect(idor.status).toBe(400)
        const idorQuery = await api.get(`/store/backoffice/subscriptions?customer_id=${b.id}`, { headers: a.store })
        expect(idorQuery.data.subscriptions).toEqual([])
        const bState = await api.get(`/admin/backoffice/customers/${b.id}/consent`, { headers: admin })
        expect(bState.data.consent.marketing_opt_out).toBe(false)

        const bad = await api.post("/store/backoffice/consent", { marketing_opt_out: 1 }, { headers: a.store, ...ok })
        expect(bad.status).toBe(400)
        expect(bad.data.errors[0].field).toBe("marketing_opt_out")

        const hist = await api.get(`/admin/backoffice/customers/${a.id}/consent-history`, { headers: admin })
        expect(hist.data.events).toEqual([
          expect.objectContaining({ kind: "opt_out", old_value: "false", new_value: "true", source: "storefront", actor_id: a.id }),
        ])
        const [entry] = await timelineOf(a.id, "consent.changed")
        expect(entry).toEqual(expect.objectContaining({ actor_type: "customer", actor_id: a.id }))
      })

      it("double opt-in: pending, confirmation sent, confirmed once; expired links refused", async () => {
        const a = await newCustomer()
        const b = await newCustomer()
        const g = await newGroup("Newsletter")

        const sub = await api.post("/store/backoffice/subscriptions", { customer_group_id: g.id }, { headers: a.store })
        expect(sub.status).toBe(201)
        expect(sub.data.subscription).toEqual(expect.objectContaining({ customer_group_id: g.id, status: "pending" }))
        expect(sub.data.subscription.token_hash).toBeUndefined()
        const token = await lastToken(a.id)
        expect(token).toEqual(expect.any(String))
        const [notification] = await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ receiver_id: a.id })
        expect(notification).toEqual(expect.objectContaining({ to: a.email, template: "customer-backoffice-subscription-confirm" }))
        // only a hash is stored
        const [row] = await engagement().listMailingSubscriptions({ customer_id: a.id })
        expect(row.token_hash).not.toBe(token)
        expect(row.token_hash).toHaveLength(64)
        const ttlHours = (new Date(row.token_expires_at).getTime() - Date.now()) / 3_600_000
        expect(ttlHours).toBeGreaterThan(47.9)
        expect(ttlHours).toBeLessThanOrEqual(48)

        // pending subscribers are not exported
        let subs = await api.get(`/admin/backoffice/categories/${g.id}/subscribers`, { headers: admin })
        expect(subs.data.count).toBe(0)

        const wrong = await api.post("/store/backoffice/subscriptions/confirm", { token: "nope" }, { headers: pk, ...ok })
        expect(wrong.status).toBe(400)
        expect(wrong.data.message).toContain("not valid")
        const confirm = await api.post("/store/backoffice/subscriptions/confirm", { token }, { headers: pk })
        expect(confirm.status).toBe(200)
        expect(confirm.data.subscription).toEqual({ customer_group_id: g.id, category_name: "Newsletter", status: "confirmed" })
        const again = await api.post("/store/backoffice/subscriptions/confirm", { token }, { headers: pk, ...ok })
        expect(again.status).toBe(400)
        expect(again.data.message).toContain("already used")

        subs = await api.get(`/admin/backoffice/categories/${g.id}/subscribers`, { headers: admin })
        expect(subs.data.subscribers.map((s: any) => s.customer_id)).toEqual([a.id])

        // two simultaneous confirmations of one link: exactly one succeeds
        const gRace = await newGroup("Race")
        await api.post("/store/backoffice/subscriptions", { customer_group_id: gRace.id }, { headers: a.store })
        const raceToken = await lastToken(a.id)
        const results = await Promise.all([
          api.post("/store/backoffice/subscriptions/confirm", { token: raceToken }, { headers: pk, ...ok }),
          api.post("/store/backoffice/subscriptions/confirm", { token: raceToken }, { headers: pk, ...ok }),
        ])
        expect(results.map((r) => r.status).sort()).toEqual([200, 400])
        const raceEvents = (await engagement().listConsentEvents({ customer_id: a.id, subject: gRace.id }))
          .map((e: any) => e.new_value)
          .sort()
        expect(raceEvents).toEqual(["confirmed", "pending"])

        // subscribing again while confirmed changes nothing
        const dup = await api.post("/store/backoffice/subscriptions", { customer_group_id: g.id }, { headers: a.store })
        expect(dup.status).toBe(200)
        expect(dup.data.subscription.status).toBe("confirmed")

        // expiry
        const g2 = await newGroup("Offers")
        await api.post("/store/backoffice/subscriptions", { customer_group_id: g2.id }, { headers: b.store })
        const token2 = await lastToken(b.id)
        const [row2] = await engagement().listMailingSubscriptions({ customer_id: b.id })
        await engagement().updateMailingSubscriptions({ id: row2.id, token_expires_at: new Date(Date.now() - 1000) })
        const expired = await api.post("/store/backoffice/subscriptions/confirm", { token: token2 }, { headers: pk, ...ok })
        expect(expired.status).toBe(400)
        expect(expired.data.message).toContain("expired")
        const [still] = await engagement().listMailingSubscriptions({ customer_id: b.id })
        expect(still.status).toBe("pending")
        // a new request sends a new token; the old one stays invalid
        await api.post("/store/backoffice/subscriptions", { customer_group_id: g2.id }, { headers: b.store })
        const token3 = await lastToken(b.id)
        expect(token3).not.toBe(token2)
        expect((await api.post("/store/backoffice/subscriptions/confirm", { token: token2 }, { headers: pk, ...ok })).status).toBe(400)
        expect((await api.post("/store/backoffice/subscriptions/confirm", { token: token3 }, { headers: pk })).status).toBe(200)

        const hist = await api.get(`/admin/backoffice/customers/${a.id}/consent-history`, { headers: admin })
        expect(hist.data.events.filter((e: any) => e.subject === g.id).map((e: any) => [e.old_value, e.new_value, e.source]).reverse()).toEqual([
          [null, "pending", "storefront"],
          ["pending", "confirmed", "storefront"],
        ])

        const bad = await api.post("/store/backoffice/subscriptions", { customer_group_id: 5 }, { headers: a.store, ...ok })
        expect(bad.status).toBe(400)
        expect(bad.data.errors[0].field).toBe("customer_group_id")
        const noGroup = await api.post("/store/backoffice/subscriptions", { customer_group_id: "cusgroup_missing" }, { headers: a.store, ...ok })
        expect(noGroup.status).toBe(400)
        const noToken = await api.post("/store/backoffice/subscriptions/confirm", {}, { headers: pk, ...ok })
        expect(noToken.status).toBe(400)
        expect(noToken.data.errors[0]).toEqual({ field: "token", message: "The confirmation token is missing" })
      })

      it("unsubscribes the customer from all and opts out", async () => {
        const a = await newCustomer()
        const b = await newCustomer()
        const g = await newGroup()
        for (const x of [a, b]) {
          await api.post(`/admin/backoffice/customers/${x.id}/subscriptions`, { customer_group_id: g.id, status: "confirmed" }, { headers: admin })
        }
        const res = await api.post("/store/backoffice/unsubscribe-all", {}, { headers: a.store })
        expect(res.status).toBe(200)
        expect(res.data.consent).toEqual(
          expect.objectContaining({
            marketing_opt_out: true,
            subscriptions: [expect.objectContaining({ status: "unsubscribed" })],
          })
        )
        const bState = await api.get(`/admin/backoffice/customers/${b.id}/subscriptions`, { headers: admin })
        expect(bState.data.subscriptions[0].status).toBe("confirmed")
        const subs = await api.get(`/admin/backoffice/categories/${g.id}/subscribers`, { headers: admin })
        expect(subs.data.subscribers.map((s: any) => s.customer_id)).toEqual([b.id])
      })
    })

    describe("events and timeline", () => {
      it("emits note and consent events for integrations", async () => {
        const seen: { name: string; data: any }[] = []
        const bus = getContainer().resolve(Modules.EVENT_BUS) as any
        const names = [
          "customer_backoffice.note.created",
          "customer_backoffice.note.updated",
          "customer_backoffice.note.deleted",
          "customer_backoffice.consent.changed",
        ]
        for (const name of names) {
          bus.subscribe(name, async (event: any) => {
            seen.push({ name, data: event.data })
          }, { subscriberId: `test-${name}` })
        }
        const c = await newCustomer()
        const n = await api.post(`/admin/backoffice/customers/${c.id}/notes`, { body: "hello" }, { headers: admin })
        await api.post(`/admin/backoffice/customers/${c.id}/notes/${n.data.note.id}`, { body: "hello again" }, { headers: admin })
        await api.delete(`/admin/backoffice/customers/${c.id}/notes/${n.data.note.id}`, { headers: admin })
        await api.post(`/admin/backoffice/customers/${c.id}/consent`, { marketing_opt_out: true }, { headers: admin })
        await waitFor(() => names.every((name) => seen.some((s) => s.name === name && s.data.customer_id === c.id)), {
          what: "all four events",
        })
        expect(seen.find((s) => s.name === "customer_backoffice.consent.changed" && s.data.customer_id === c.id)!.data).toEqual(
          expect.objectContaining({ kind: "opt_out", old_value: "false", new_value: "true", source: "admin", actor_id: session.id })
        )
        expect(seen.find((s) => s.name === "customer_backoffice.note.updated" && s.data.customer_id === c.id)!.data).toEqual(
          expect.objectContaining({ id: n.data.note.id, fields: ["body"], actor_id: session.id })
        )
      })

      it("captures core customer updates (field, old, new, admin) and deletes", async () => {
        const created = await api.post(
          "/admin/customers",
          { email: "timeline@example.com", first_name: "Tim", last_name: "Line" },
          { headers: admin }
        )
        const id = created.data.customer.id
        await waitFor(async () => (await timelineOf(id, "customer.created")).length === 1, { what: "created entry" })

        await api.post(`/admin/customers/${id}`, { first_name: "Timothy", phone: "+44 20 7946 0000" }, { headers: admin })
        const [entry] = await waitFor(async () => {
          const e = await timelineOf(id, "profile.updated")
          return e.length ? e : null
        }, { what: "profile.updated entry" })
        expect(entry).toEqual(expect.objectContaining({ actor_type: "user", actor_id: session.id, actor_name: "Ada Admin" }))
        expect(entry.data.changes).toEqual([
          { field: "first_name", old: "Tim", new: "Timothy" },
          // stored as E.164 by the customer-records rules
          { field: "phone", old: null, new: "+442079460000" },
        ])

        // an update through the module (no admin route) is attributed to the system
        await getContainer().resolve(Modules.CUSTOMER).updateCustomers(id, { last_name: "Lines" })
        await getContainer()
          .resolve(Modules.EVENT_BUS)
          .emit({ name: "customer.updated", data: { id } })
        const entries = await waitFor(async () => {
          const e = await timelineOf(id, "profile.updated")
          return e.length === 2 ? e : null
        }, { what: "second profile.updated entry" })
        expect(entries[0]).toEqual(expect.objectContaining({ actor_type: "system", actor_id: null }))
        expect(entries[0].data.changes).toEqual([{ field: "last_name", old: "Line", new: "Lines" }])

        // a customer's own edit through the store API
        const c = await newCustomer()
        await api.post("/store/customers/me", { first_name: "Cassie" }, { headers: c.store })
        const [own] = await waitFor(async () => {
          const e = await timelineOf(c.id, "profile.updated")
          return e.length ? e : null
        }, { what: "store edit entry" })
        expect(own).toEqual(expect.objectContaining({ actor_type: "customer", actor_id: c.id }))
        expect(own.data.changes).toEqual([{ field: "first_name", old: "Sam", new: "Cassie" }])

        const del = await api.delete(`/admin/customers/${id}`, { headers: admin })
        expect(del.status).toBe(200)
        const [deleted] = await waitFor(async () => {
          const e = await timelineOf(id, "customer.deleted")
          return e.length ? e : null
        }, { what: "deleted entry" })
        expect(deleted).toEqual(expect.objectContaining({ actor_type: "user", actor_id: session.id }))
        // the trail of a deleted customer stays readable
        const all = await timelineOf(id)
        // (besides the system's default-stores entry of a new customer)
        expect(all.filter((e) => e.kind !== "store.changed").map((e) => e.kind)).toEqual([
          "customer.deleted",
          "profile.updated",
          "profile.updated",
          "customer.created",
        ])
        expect(all.filter((e) => e.kind === "store.changed" && e.actor_type === "system")).toHaveLength(1)
      })

      it("writes one \"Customer created\" entry when customer.created is delivered twice at once", async () => {
        const [c] = await getContainer().resolve(Modules.CUSTOMER).createCustomers([{ email: "twice@example.com" }])
        const bus = getContainer().resolve(Modules.EVENT_BUS)
        await Promise.all([
          bus.emit({ name: "customer.created", data: { id: c.id } }),
          bus.emit({ name: "customer.created", data: { id: c.id } }),
        ])
        await waitFor(async () => (await timelineOf(c.id, "customer.created")).length >= 1, { what: "created entry" })
        // both deliveries are handled (a later update is recorded after them)
        await getContainer().resolve(Modules.CUSTOMER).updateCustomers(c.id, { first_name: "Twice" })
        await bus.emit({ name: "customer.updated", data: { id: c.id } })
        await waitFor(async () => (await timelineOf(c.id, "profile.updated")).length === 1, { what: "update entry" })
        expect(await timelineOf(c.id, "customer.created")).toHaveLength(1)
      })

      it("records profile, category, store and restore events other features emit", async () => {
        const c = await newCustomer()
        const g = await newGroup("Trade")
        const channels = getContainer().resolve(Modules.SALES_CHANNEL)
        const [sc] = await channels.createSalesChannels([{ name: "Leeds shop" }])
        const bus = getContainer().resolve(Modules.EVENT_BUS)
        await bus.emit([
          {
            name: "customer_backoffice.profile.updated",
            data: { customer_id: c.id, actor_id: session.id, changes: [{ field: "date_of_birth", old: null, new: "1990-05-03" }] },
          },
          { name: "customer_backoffice.categories.changed", data: { customer_id: c.id, actor_id: session.id, added: [g.id], removed: [] } },
          { name: "customer_backoffice.stores.changed", data: { customer_id: c.id, actor_id: session.id, added: [], removed: [sc.id] } },
          { name: "customer_backoffice.customer.restored", data: { customer_id: c.id, actor_id: session.id } },
        ])
        // the four events, plus the system's own entry: a new customer gets every store
        const entries = await waitFor(async () => {
          const e = await timelineOf(c.id)
          return e.filter((x) => x.actor_id === session.id).length >= 4 &&
            e.some((x) => x.kind === "store.changed" && x.actor_type === "system")
            ? e
            : null
        }, { what: "four entries and the default stores entry" })
        const mine = entries.filter((e) => e.actor_id === session.id)
        const byKind = Object.fromEntries(mine.map((e) => [e.kind, e]))
        expect(byKind["profile.updated"].data.changes).toEqual([{ field: "date_of_birth", old: null, new: "1990-05-03" }])
        expect(byKind["category.changed"].summary).toBe("Categories: added to Trade")
        expect(byKind["store.changed"].summary).toBe("Stores: removed Leeds shop")
        expect(byKind["customer.restored"]).toEqual(expect.objectContaining({ actor_type: "user", actor_id: session.id }))
        const defaults = entries.find((e) => e.kind === "store.changed" && e.actor_type === "system")!
        expect(defaults.summary).toMatch(/^Stores: added /)

        const filtered = await api.get(`/admin/backoffice/customers/${c.id}/timeline?kind=category.changed,store.changed`, { headers: admin })
        expect(filtered.data.entries.map((e: any) => e.kind).sort()).toEqual(["category.changed", "store.changed", "store.changed"])
        expect(filtered.data.count).toBe(3)
      })
    })
  },
})
