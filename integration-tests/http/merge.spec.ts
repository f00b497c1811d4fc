import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { HOST_DIR, setTestEnv } from "../helpers/host"
import { createAdminHeaders } from "../helpers/admin"
import { deleteRedisPrefix, TEST_REDIS_URL } from "../helpers/redis"
import { customerDataChecksum } from "../../src/lib/customer-merge/checksum"
import { CUSTOMER_POINTS_MODULE } from "../../src/modules/customer-points"
import { HOUSE_ACCOUNTS_MODULE } from "../../src/modules/house-accounts"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

const PREFIX = `cbo-http-merge-${process.pid}`
const restoreEnv = setTestEnv({ CBO_QUEUE_PREFIX: PREFIX, REDIS_URL: TEST_REDIS_URL, ADMIN_DISABLED: "true" })
const ok = { validateStatus: () => true }

medusaIntegrationTestRunner({
  cwd: HOST_DIR,
  testSuite: ({ api, getContainer }) => {
    afterAll(async () => {
      restoreEnv()
      await deleteRedisPrefix(PREFIX)
    })

    let admin: Record<string, string>
    beforeEach(async () => {
      admin = (await createAdminHeaders(getContainer())).headers
    })

    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    let n = 0
    // A new customer is put in the default store by a subscriber (a store link and a
    // "store.changed" timeline line): wait for it, so a checksum taken afterwards holds it.
    const customer = async (data: Record<string, unknown> = {}, address?: Record<string, string>) => {
      n++
      const [c] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers([
          {
            email: `merge-${n}-${Date.now()}@example.com`,
            first_name: "Ann",
            last_name: "Smith",
            ...data,
            addresses: address ? [{ address_1: "1 High Street", city: "Leeds", country_code: "gb", postal_code: "LS1 1AA", ...address }] : [],
          },
        ])
      await waitFor(
        async () =>
          (await pg().raw(`select 1 from timeline_entry where customer_id = ? and kind = 'store.changed'`, [c.id])).rows
            .length > 0,
        { timeoutMs: 30_000, what: "the customer's default store" }
      )
      return c.id as string
    }
    const order = async (customerId: string) => {
      const o = await getContainer()
        .resolve(Modules.ORDER)
        .createOrders({
          customer_id: customerId,
          email: "buyer@example.com",
          currency_code: "eur",
          items: [{ title: "Mug", quantity: 1, unit_price: 1200 }],
        } as any)
      return (Array.isArray(o) ? o[0] : o).id as string
    }
    const credit = (customerId: string, points: number, key: string, earnedAt?: Date) =>
      getContainer()
        .resolve(CUSTOMER_POINTS_MODULE)
        .credit({ customer_id: customerId, points, kind: "manual_add", actor_type: "user", idempotency_key: key, earned_at: earnedAt })
    const rows = async (sql: string, b: unknown[] = []) => (await pg().raw(sql, b)).rows

    /** Two customers with something in every area a merge touches. */
    const pair = async () => {
      const primary = await customer({ phone: "+447700900001" }, { first_name: "Ann" })
      const secondary = await customer(
        { first_name: "Anne", phone: "+447700900002", company_name: "Smith Ltd" },
        { first_name: "Ann" }
      )
      await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomerAddresses([{ customer_id: secondary, address_1: "9 Low Road", city: "York", country_code: "gb" }])
      const orderId = await order(secondary)
      const note = await api.post(`/admin/backoffice/customers/${secondary}/notes`, { body: "Prefers phone calls" }, { headers: admin })
      expect(note.status).toBeLessThan(300)
      const consent = await api.post(`/admin/backoffice/customers/${secondary}/consent`, { marketing_opt_out: true }, { headers: admin })
      expect(consent.status).toBe(200)
      const [group] = await getContainer().resolve(Modules.CUSTOMER).createCustomerGroups([{ name: `VIP ${n}` }])
      await getContainer().resolve(Modules.CUSTOMER).addCustomerToGroup({ customer_id: secondary, customer_group_id: group.id })
      const soon = new Date(Date.now() - 300 * 24 * 3600 * 1000) // expires in ~65 days (365-day default)
      await credit(secondary, 150, `t-${secondary}-1`, soon)
      await credit(secondary, 50, `t-${secondary}-2`)
      await credit(primary, 10, `t-${primary}-1`)
      return { primary, secondary, orderId, group: group.id as string }
    }

    it("refuses without an admin (401)", async () => {
      for (const path of ["/admin/backoffice/customers/cus_x/merge/preview", "/admin/backoffice/customers/cus_x/merge", "/admin/backoffice/merges/cmrg_x/undo"]) {
        const res = await api.post(path, { secondary_ids: ["cus_y"] }, ok)
        expect([path, res.status]).toEqual([path, 401])
      }
      expect((await api.get("/admin/backoffice/merges", ok)).status).toBe(401)
    })

    it("previews, merges everything (order, points with their expiry, notes, categories, opt-out) and undoes it exactly", async () => {
      const { primary, secondary, orderId, group } = await pair()
      const before = await customerDataChecksum(pg(), [primary, secondary])
      const lotsBefore = await rows(`select expires_at, remaining from points_lot where customer_id = ? order by expires_at`, [secondary])

      const preview = await api.post(`/admin/backoffice/customers/${primary}/merge/preview`, { secondary_ids: [secondary] }, { headers: admin })
      expect(preview.status).toBe(200)
      const p = preview.data.preview
      expect(p.totals).toMatchObject({
        orders: 1,
        addresses: 1,
        addresses_deduplicated: 1,
        notes: 1,
        categories: 1,
        points: 200,
        consent_opt_out: true,
        login: "none",
      })
      expect(p.conflicts.map((c: any) => c.field).sort()).toEqual(["first_name", "phone"])
      expect(p.undo_days).toBe(30)
      // the preview wrote nothing
      expect(await customerDataChecksum(pg(), [primary, secondary])).toEqual(before)

      const merged = await api.post(
        `/admin/backoffice/customers/${primary}/merge`,
        { secondary_ids: [secondary], fields: { phone: secondary } },
        { headers: admin, ...ok }
      )
      expect([merged.status, merged.status === 200 ? null : merged.data]).toEqual([200, null])
      const merge = merged.data.merge
      expect(merge).toMatchObject({ primary_id: primary, secondary_ids: [secondary], status: "completed", can_undo: true })

      const [o] = await rows(`select customer_id from "order" where id = ?`, [orderId])
      expect(o.customer_id).toBe(primary)
      const [pc] = await rows(`select first_name, phone, company_name from customer where id = ?`, [primary])
      expect(pc).toEqual({ first_name: "Ann", phone: "+447700900002", company_name: "Smith Ltd" })
      const [sc] = await rows(`select deleted_at, metadata from customer where id = ?`, [secondary])
      expect(sc.deleted_at).not.toBeNull()
      expect(sc.metadata).toMatchObject({ merged_into: primary, merge_id: merge.id })
      expect(await rows(`select id from customer_address where customer_id = ? and deleted_at is null`, [primary])).toHaveLength(2)
      expect(await rows(`select id from customer_note where customer_id = ?`, [primary])).toHaveLength(1)
      expect(await rows(`select id from customer_group_customer where customer_id = ? and customer_group_id = ? and deleted_at is null`, [primary, group])).toHaveLength(1)
      const [consent] = await rows(`select marketing_opt_out from customer_consent where customer_id = ? and deleted_at is null`, [primary])
      expect(consent.marketing_opt_out).toBe(true)
      const [acc] = await rows(`select balance from points_account where customer_id = ?`, [primary])
      expect(acc.balance).toBe(210)
      const [sacc] = await rows(`select balance from points_account where customer_id = ?`, [secondary])
      expect(sacc.balance).toBe(0)
      // the moved lots keep their expiry dates
      const moved = await rows(
        `select l.expires_at, l.remaining from points_lot l join points_entry e on e.id = l.entry_id
          where l.customer_id = ? and e.source_type = 'customer_merge' order by l.expires_at`,
        [primary]
      )
      expect(moved.map((l: any) => [new Date(l.expires_at).toISOString(), l.remaining])).toEqual(
        lotsBefore.map((l: any) => [new Date(l.expires_at).toISOString(), l.remaining])
      )
      const timeline = await rows(`select customer_id from timeline_entry where kind = 'customer.merged'`)
      expect(timeline.map((t: any) => t.customer_id).sort()).toEqual([primary, secondary].sort())
      const list = await api.get(`/admin/backoffice/merges?customer_id=${primary}`, { headers: admin })
      expect(list.data.merges.map((m: any) => m.id)).toEqual([merge.id])

      // the secondary cannot be merged again
      const again = await api.post(`/admin/backoffice/customers/${primary}/merge`, { secondary_ids: [secondary] }, { headers: admin, ...ok })
      expect(again.status).toBe(409)
      expect(again.data.message).toContain("already merged")

      // something new on the primary after the merge stays and is listed
      const newOrder = await order(primary)
      const undone = await api.post(`/admin/backoffice/merges/${merge.id}/undo`, {}, { headers: admin, ...ok })
      expect(undone.status).toBe(200)
      expect(undone.data.merge.status).toBe("undone")
      expect(undone.data.changed_since).toEqual([expect.objectContaining({ table: "order", ids: [newOrder] })])
      // set aside (it is the primary's own, not part of the merge) to compare the rest
      await pg().raw(`update "order" set customer_id = 'cus_elsewhere' where id = ?`, [newOrder])
      expect(await customerDataChecksum(pg(), [primary, secondary])).toEqual(before)
      const balances = await rows(`select customer_id, balance from points_account where customer_id = any(?) order by balance`, [[primary, secondary]])
      expect(balances.map((b: any) => b.balance)).toEqual([10, 200])

      const twice = await api.post(`/admin/backoffice/merges/${merge.id}/undo`, {}, { headers: admin, ...ok })
      expect(twice.status).toBe(409)
      expect(twice.data.message).toContain("undone")
    })

    it("undoes a merge into a primary without a loyalty account exactly (the account the merge opened holds only its lines)", async () => {
      const primary = await customer({ phone: "+447700900031" })
      const secondary = await customer({ phone: "+447700900032" })
      await credit(secondary, 120, `t-${secondary}-only`)
      expect(await rows(`select 1 from points_account where customer_id = ?`, [primary])).toHaveLength(0)
      const before = await customerDataChecksum(pg(), [primary, secondary])

      const merged = await api.post(`/admin/backoffice/customers/${primary}/merge`, { secondary_ids: [secondary] }, { headers: admin, ...ok })
      expect(merged.status).toBe(200)
      const [opened] = await rows(`select balance, enrolled from points_account where customer_id = ?`, [primary])
      expect(opened).toMatchObject({ balance: 120 })

      const undone = await api.post(`/admin/backoffice/merges/${merged.data.merge.id}/undo`, {}, { headers: admin, ...ok })
      expect(undone.status).toBe(200)
      expect(await customerDataChecksum(pg(), [primary, secondary])).toEqual(before)
      const [left] = await rows(`select balance, enrolled from points_account where customer_id = ?`, [primary])
      expect(left).toEqual({ balance: 0, enrolled: false })
      const [back] = await rows(`select balance from points_account where customer_id = ?`, [secondary])
      expect(back.balance).toBe(120)
    })

    it("moves the login when only the secondary has one, and disables the secondary's when both have one", async () => {
      const auth = getContainer().resolve(Modules.AUTH)
      const primary = await customer()
      const s1 = await customer({ has_account: true })
      const s2 = await customer({ has_account: true })
      const a1 = await auth.createAuthIdentities({ provider_identities: [{ provider: "emailpass", entity_id: `l1-${s1}@example.com` }], app_metadata: { customer_id: s1 } })
      const a2 = await auth.createAuthIdentities({ provider_identities: [{ provider: "emailpass", entity_id: `l2-${s2}@example.com` }], app_metadata: { customer_id: s2 } })
      const preview = await api.post(`/admin/backoffice/customers/${primary}/merge/preview`, { secondary_ids: [s1, s2] }, { headers: admin })
      expect(preview.data.preview.totals.logins).toEqual({ moves: s1, disabled: [s2] })
      const res = await api.post(`/admin/backoffice/customers/${primary}/merge`, { secondary_ids: [s1, s2] }, { headers: admin, ...ok })
      expect(res.status).toBe(200)
      const meta = async (id: string) => (await rows(`select app_metadata from auth_identity where id = ?`, [id]))[0].app_metadata
      expect((await meta(a1.id)).customer_id).toBe(primary)
      expect(await meta(a2.id)).toEqual({ merged_into_customer_id: primary })
      expect((await rows(`select has_account from customer where id = ?`, [primary]))[0].has_account).toBe(true)

      // the customer whose login was disabled is told by e-mail (Notification module, local provider on "feed");
      // the one whose login moved is not
      const merged = res.data.merge.id
      const sent = async () =>
        (await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ resource_id: merged, template: "customer-backoffice-merge-login-disabled" } as any)) as any[]
      await waitFor(async () => (await sent()).length > 0, { timeoutMs: 30_000, what: "the login notice" })
      const [notice, ...more] = await sent()
      expect(more).toHaveLength(0)
      const [s2Row] = await rows(`select email, first_name from customer where id = ?`, [s2])
      const [pRow] = await rows(`select email from customer where id = ?`, [primary])
      expect(notice).toMatchObject({ to: s2Row.email, receiver_id: s2, channel: "feed", trigger_type: "customer_backoffice.customer.merged" })
      expect(notice.data).toMatchObject({
        customer: { id: s2, email: s2Row.email, first_name: s2Row.first_name },
        primary: { id: primary, email: pRow.email },
        login_email: pRow.email,
        merge_id: merged,
      })
      expect(notice.data.store).toHaveProperty("name")
    })

    it("is blocked (409, nothing changed) by an open order change or a closed house account", async () => {
      const primary = await customer()
      const withEdit = await customer()
      const orderId = await order(withEdit)
      await getContainer().resolve(Modules.ORDER).createOrderChange({ order_id: orderId, change_type: "edit" } as any)
      const closed = await customer()
      const ha = getContainer().resolve(HOUSE_ACCOUNTS_MODULE)
      const account = await ha.createAccount({ name: "Closed Co", currency_code: "eur", credit_limit: 0 })
      await ha.setCustomers(account.id, { add: [closed] })
      await ha.updateAccount(account.id, { status: "closed" })
      const before = await customerDataChecksum(pg(), [primary, withEdit, closed])
      const res = await api.post(`/admin/backoffice/customers/${primary}/merge`, { secondary_ids: [withEdit, closed] }, { headers: admin, ...ok })
      expect(res.status).toBe(409)
      expect(res.data.reasons.map((r: any) => r.code).sort()).toEqual(["closed_house_account", "open_order_change"])
      expect(res.data.message).toMatch(/open edit/)
      const preview = await api.post(`/admin/backoffice/customers/${primary}/merge/preview`, { secondary_ids: [withEdit] }, { headers: admin, ...ok })
      expect(preview.status).toBe(409)
      expect(await customerDataChecksum(pg(), [primary, withEdit, closed])).toEqual(before)
      expect(await rows(`select id from customer_merge`)).toEqual([])
    })

    it("is blocked (409, nothing changed) when a customer was forgotten or is being forgotten (GDPR)", async () => {
      const primary = await customer()
      const forgotten = await customer()
      const forgetting = await customer()
      // What a finished forget leaves: the customer's email is its placeholder.
      await getContainer()
        .resolve(Modules.CUSTOMER)
        .updateCustomers(forgotten, { email: `forgotten-${forgotten.toLowerCase()}@forgotten.invalid` })
      // A forget job queued for the other (its record, as the forget route writes it).
      await pg().raw(
        `insert into backoffice_job (id, type, queue, key, status) values (?, 'gdpr.forget', 'gdpr', ?, 'queued')`,
        [`bojob_merge_test_${Date.now()}`, `gdpr.forget:${forgetting}:test`]
      )
      const before = await customerDataChecksum(pg(), [primary, forgotten, forgetting])
      const res = await api.post(
        `/admin/backoffice/customers/${primary}/merge`,
        { secondary_ids: [forgotten, forgetting] },
        { headers: admin, ...ok }
      )
      expect(res.status).toBe(409)
      expect(res.data.reasons.map((r: any) => [r.customer_id, r.code]).sort()).toEqual(
        [
          [forgotten, "forgotten"],
          [forgetting, "being_forgotten"],
        ].sort()
      )
      expect(res.data.message).toMatch(/is being forgotten \(GDPR\)/)
      // Nor into a customer being forgotten.
      const into = await api.post(
        `/admin/backoffice/customers/${forgetting}/merge/preview`,
        { secondary_ids: [primary] },
        { headers: admin, ...ok }
      )
      expect(into.status).toBe(409)
      expect(into.data.reasons.map((r: any) => r.code)).toEqual(["being_forgotten"])
      expect(await customerDataChecksum(pg(), [primary, forgotten, forgetting])).toEqual(before)
      expect(await rows(`select id from customer_merge`)).toEqual([])
    })

    it("lists customers with possible duplicates (filter), and no longer once they are merged", async () => {
      const a = await customer({ last_name: "Filterson" })
      const b = await customer({ last_name: "Filterson" })
      await customer({ last_name: "Filterson" })
      const [x, y] = [a, b].sort()
      await pg().raw(
        `insert into customer_duplicate_pair (id, customer_a_id, customer_b_id, score, confidence, reasons, fingerprint_a, fingerprint_b, scan_id)
         values ('cdup_test_filter', ?, ?, 0.97, 'likely', '["same_email"]', 'f', 'f', 'check')`,
        [x, y]
      )
      const ids = async (qs: string) =>
        (await api.get(`/admin/backoffice/customers?q=Filterson&${qs}`, { headers: admin })).data.customers.map((c: any) => c.id).sort()
      expect(await ids("has_duplicates=true")).toEqual([x, y])
      expect(await ids("has_duplicates=false")).toHaveLength(1)
      const bad = await api.get(`/admin/backoffice/customers?has_duplicates=maybe`, { headers: admin, ...ok })
      expect(bad.status).toBe(400)
      expect((await api.post(`/admin/backoffice/customers/${a}/merge`, { secondary_ids: [b] }, { headers: admin, ...ok })).status).toBe(200)
      expect(await ids("has_duplicates=true")).toEqual([])
    })

    it("answers bad input with 400/404 and a clear message, and changes nothing", async () => {
      const primary = await customer()
      const other = await customer()
      const before = await customerDataChecksum(pg(), [primary, other])
      const post = (id: string, body: unknown) => api.post(`/admin/backoffice/customers/${id}/merge`, body, { headers: admin, ...ok })
      const cases: [string, unknown, number, RegExp][] = [
        [primary, { secondary_ids: [primary] }, 400, /into itself/],
        [primary, { secondary_ids: ["cus_unknown"] }, 400, /unknown customer cus_unknown/],
        [primary, { secondary_ids: [] }, 400, /at least one/],
        [primary, { secondary_ids: Array.from({ length: 11 }, (_, i) => `cus_${i}`) }, 400, /At most 10/],
        [primary, { secondary_ids: [other, other] }, 400, /named twice/],
        [primary, { secondary_ids: [other], fields: { phone: "cus_someone_else" } }, 400, /fields\.phone/],
        [primary, { secondary_ids: [other], fields: { password: other } }, 400, /fields/],
        [primary, { secondary_ids: "cus_1" }, 400, /secondary_ids/],
        ["cus_missing", { secondary_ids: [other] }, 404, /not found/],
      ]
      for (const [id, body, status, message] of cases) {
        const res = await post(id, body)
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), status])
        expect(res.data.message).toMatch(message)
      }
      const undo = await api.post(`/admin/backoffice/merges/cmrg_missing/undo`, {}, { headers: admin, ...ok })
      expect(undo.status).toBe(404)
      expect(await customerDataChecksum(pg(), [primary, other])).toEqual(before)
      expect(await rows(`select id from customer_merge`)).toEqual([])
    })
  },
})
