import { Modules } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import { createCustomerHeaders, createPublishableKeyHeader } from "../helpers/admin"

jest.setTimeout(180_000)

const ok = { validateStatus: () => true }
const BASE = "/admin/backoffice/house-accounts"

useTestHost({
  prefix: "cbo-http-hacc",
  testSuite: ({ api, getContainer, session }) => {
    const admin = session.headers
    let pk: Record<string, string>

    beforeEach(async () => {
      pk = await createPublishableKeyHeader(getContainer())
    })

    const newCustomer = async () => {
      const c = await createCustomerHeaders(getContainer())
      return { id: c.customer.id, store: { ...c.headers, ...pk } }
    }
    const ledger = () => getContainer().resolve("house_accounts") as any
    const create = (body: Record<string, unknown>) => api.post(BASE, body, { headers: admin, ...ok })
    const post = (id: string, body: Record<string, unknown>) =>
      api.post(`${BASE}/${id}/entries`, body, { headers: admin, ...ok })
    const entries = async (id: string) => (await ledger().listEntries(id, {}, { limit: 200, offset: 0 })).entries
    const newAccount = async (extra: Record<string, unknown> = {}) => {
      const res = await create({ name: "Acme Builders", currency_code: "eur", credit_limit: 10_000, ...extra })
      expect(res.status).toBe(201)
      return res.data.house_account
    }

    describe("authentication", () => {
      const ADMIN_ROUTES: [string, string][] = [
        ["get", BASE],
        ["post", BASE],
        ["get", `${BASE}/hacc_x`],
        ["post", `${BASE}/hacc_x`],
        ["post", `${BASE}/hacc_x/customers`],
        ["get", `${BASE}/hacc_x/entries`],
        ["post", `${BASE}/hacc_x/entries`],
      ]
      it.each(ADMIN_ROUTES)("%s %s needs an admin (401)", async (method, url) => {
        const res = method === "get" ? await api.get(url, ok) : await api.post(url, { kind: "charge", amount: 1 }, ok)
        expect(res.status).toBe(401)
      })

      it("store routes need a logged-in customer (401)", async () => {
        for (const url of ["/store/backoffice/house-accounts", "/store/backoffice/house-accounts/hacc_x/entries"]) {
          const res = await api.get(url, { headers: pk, ...ok })
          expect(res.status).toBe(401)
        }
      })
    })

    describe("accounts", () => {
      it("creates an account with a generated or typed number, assigns customers, lists and filters", async () => {
        const a = await newCustomer()
        const b = await newCustomer()
        let res = await create({ name: "Acme Builders", currency_code: "EUR", credit_limit: 50_000, customer_ids: [a.id] })
        expect(res.status).toBe(201)
        const acc = res.data.house_account
        expect(acc).toEqual(
          expect.objectContaining({
            account_number: expect.stringMatching(/^HA-\d{8}$/),
            currency_code: "eur",
            credit_limit: 50_000,
            balance: 0,
            available_credit: 50_000,
            status: "active",
            customer_ids: [a.id],
          })
        )

        res = await create({ account_number: "acme 001", name: "Typed", currency_code: "eur", credit_limit: 0 })
        expect(res.status).toBe(201)
        expect(res.data.house_account.account_number).toBe("ACME001")
        res = await create({ account_number: "ACME001", name: "Again", currency_code: "eur", credit_limit: 0 })
        expect(res.status).toBe(409)
        expect(res.data.message).toMatch(/account_number/)

        res = await api.post(`${BASE}/${acc.id}/customers`, { add: [b.id] }, { headers: admin })
        expect(res.data.house_account.customer_ids).toEqual([a.id, b.id])
        res = await api.post(`${BASE}/${acc.id}/customers`, { remove: [a.id] }, { headers: admin })
        expect(res.data.house_account.customer_ids).toEqual([b.id])
        res = await api.post(`${BASE}/${acc.id}/customers`, { add: ["cus_nope"] }, { headers: admin, ...ok })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/cus_nope/)

        res = await api.get(`${BASE}?q=acme`, { headers: admin })
        expect(res.data.count).toBe(2)
        res = await api.get(`${BASE}?customer_id=${b.id}`, { headers: admin })
        expect(res.data.house_accounts.map((x: any) => x.id)).toEqual([acc.id])
        res = await api.get(`${BASE}/${acc.id}`, { headers: admin })
        expect(res.data.house_account.id).toBe(acc.id)
        res = await api.get(`${BASE}/hacc_missing`, { headers: admin, ...ok })
        expect(res.status).toBe(404)

        // the assignment reaches the core customer through the read-only link
        const query = getContainer().resolve("query") as any
        const { data } = await query.graph({
          entity: "house_account_customer",
          fields: ["customer_id", "customer.id"],
          filters: { account_id: acc.id },
        })
        expect(data.map((r: any) => r.customer?.id)).toEqual([b.id])
      })

      it("refuses bad input with 400 naming the field, nothing written", async () => {
        const bad: Record<string, unknown>[] = [
          { name: "X", currency_code: "eur", credit_limit: -1 },
          { name: "X", currency_code: "eur", credit_limit: 10.5 },
          { name: "X", currency_code: "eur", credit_limit: Number.MAX_SAFE_INTEGER + 2 },
          { name: "X", currency_code: "eur", credit_limit: "100" },
          { name: "X", currency_code: "zzz", credit_limit: 100 },
          { name: "X", currency_code: "euro", credit_limit: 100 },
          { name: "", currency_code: "eur", credit_limit: 100 },
          { name: "X\u202E", currency_code: "eur", credit_limit: 100 },
          { name: "X", currency_code: "eur", credit_limit: 100, customer_ids: ["cus_nope"] },
          { name: "X", currency_code: "eur", credit_limit: 100, unknown: 1 },
        ]
        for (const body of bad) {
          const res = await create(body)
          expect([res.status, body]).toEqual([400, body])
          expect(res.data.message).toEqual(expect.any(String))
        }
        const { count } = await ledger().listAccounts({}, { limit: 1, offset: 0 })
        expect(count).toBe(0)
      })
    })

    describe("ledger", () => {
      it("charges within the limit, refuses a charge over it (409, nothing written), payments lower the balance", async () => {
        const acc = await newAccount({ credit_limit: 10_000 })
        let res = await post(acc.id, { kind: "charge", amount: 7_000, reference: "Order 1001" })
        expect(res.status).toBe(201)
        expect(res.data.entry).toEqual(
          expect.objectContaining({ kind: "charge", amount: 7_000, balance_after: 7_000, actor_id: session.id })
        )
        expect(res.data.account).toEqual(expect.objectContaining({ balance: 7_000, available_credit: 3_000 }))

        res = await post(acc.id, { kind: "charge", amount: 3_001 })
        expect(res.status).toBe(409)
        expect(res.data.available_credit).toBe(3_000)
        expect(res.data.message).toMatch(/credit limit/)
        expect((await entries(acc.id)).length).toBe(1)
        expect((await ledger().getAccount(acc.id)).balance).toBe(7_000)

        res = await post(acc.id, { kind: "payment", amount: 5_000, method: "bank_transfer", reference: "TRX-42", reason: "June invoice" })
        expect(res.status).toBe(201)
        expect(res.data.entry).toEqual(
          expect.objectContaining({ kind: "payment", amount: -5_000, method: "bank_transfer", reference: "TRX-42" })
        )
        expect(res.data.account).toEqual(
          expect.objectContaining({ balance: 2_000, available_credit: 8_000, last_payment_at: expect.any(String) })
        )
        // paying more than owed puts the account in credit
        res = await post(acc.id, { kind: "payment", amount: 3_000, method: "cash" })
        expect(res.data.account).toEqual(expect.objectContaining({ balance: -1_000, available_credit: 11_000 }))

        res = await api.get(`${BASE}/${acc.id}/entries?kind=payment`, { headers: admin })
        expect(res.data.count).toBe(2)
        expect(res.data.entries.map((e: any) => e.amount)).toEqual([-3_000, -5_000])
        expect(await ledger().audit(acc.id)).toEqual([])
      })

      it("a zero limit allows no credit: only charges covered by payments in advance", async () => {
        const acc = await newAccount({ credit_limit: 0 })
        let res = await post(acc.id, { kind: "charge", amount: 1 })
        expect(res.status).toBe(409)
        expect(res.data.available_credit).toBe(0)
        await post(acc.id, { kind: "payment", amount: 500, method: "card" })
        res = await post(acc.id, { kind: "charge", amount: 500 })
        expect(res.status).toBe(201)
        expect(res.data.account.balance).toBe(0)
      })

      it("refuses a charge above the per-order maximum (409)", async () => {
        const acc = await newAccount({ credit_limit: 10_000, order_limit: 2_500 })
        const res = await post(acc.id, { kind: "charge", amount: 2_501 })
        expect(res.status).toBe(409)
        expect(res.data.message).toMatch(/per-order maximum/)
        expect(await entries(acc.id)).toEqual([])
      })

      it("an adjustment needs a reason; entries refuse bad amounts with 400, nothing written", async () => {
        const acc = await newAccount()
        const bad: Record<string, unknown>[] = [
          { kind: "adjustment", amount: 100 },
          { kind: "adjustment", amount: 100, reason: "   " },
          { kind: "charge", amount: -5 },
          { kind: "charge", amount: 0 },
          { kind: "charge", amount: 1.5 },
          { kind: "charge", amount: "100" },
          { kind: "payment", amount: Number.MAX_SAFE_INTEGER + 2 },
          { kind: "refund", amount: 100 },
          { kind: "charge", amount: 100, method: "cash" },
          { kind: "charge", amount: 100, customer_id: "cus_nope" },
        ]
        for (const body of bad) {
          const res = await post(acc.id, body)
          expect([res.status, body]).toEqual([400, body])
        }
        expect(await entries(acc.id)).toEqual([])

        let res = await post(acc.id, { kind: "adjustment", amount: -250, reason: "Goodwill for a late delivery" })
        expect(res.status).toBe(201)
        expect(res.data.entry).toEqual(expect.objectContaining({ kind: "adjustment", amount: -250, reason: "Goodwill for a late delivery" }))
        res = await post(acc.id, { kind: "adjustment", amount: 20_000, reason: "Opening balance from the old system" })
        expect(res.status).toBe(201)
        // an adjustment may leave the account over its limit; the list finds it
        res = await api.get(`${BASE}?over_limit=true`, { headers: admin })
        expect(res.data.house_accounts.map((a: any) => a.id)).toEqual([acc.id])
        res = await api.get(`${BASE}?with_balance=true&status=active`, { headers: admin })
        expect(res.data.count).toBe(1)
      })

      it("a charge by a customer not assigned to the account is refused", async () => {
        const a = await newCustomer()
        const acc = await newAccount()
        const res = await post(acc.id, { kind: "charge", amount: 100, customer_id: a.id })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/may not charge/)
        expect(await entries(acc.id)).toEqual([])
      })

      it("replaying an idempotency key writes nothing and answers 200 with the first entry", async () => {
        const acc = await newAccount()
        const body = { kind: "charge", amount: 1_234, idempotency_key: "dialog-0001" }
        const first = await post(acc.id, body)
        expect(first.status).toBe(201)
        const again = await post(acc.id, body)
        expect(again.status).toBe(200)
        expect(again.data.entry.id).toBe(first.data.entry.id)
        expect(again.data.account.balance).toBe(1_234)
        expect((await entries(acc.id)).length).toBe(1)
        // the same key for another amount is a conflict, not a second entry
        const other = await post(acc.id, { ...body, amount: 99 })
        expect(other.status).toBe(409)
        expect((await entries(acc.id)).length).toBe(1)
      })

      it("20 concurrent charges: exactly floor(limit/amount) succeed and balance = sum of entries", async () => {
        const acc = await newAccount({ credit_limit: 1_000 })
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => post(acc.id, { kind: "charge", amount: 300, reference: `order-${i}` }))
        )
        const statuses = results.map((r) => r.status).sort()
        expect(statuses.filter((s) => s === 201).length).toBe(3)
        expect(statuses.filter((s) => s === 409).length).toBe(17)
        const list = await entries(acc.id)
        expect(list.length).toBe(3)
        const account = await ledger().getAccount(acc.id)
        expect(account.balance).toBe(900)
        expect(list.reduce((s: number, e: any) => s + e.amount, 0)).toBe(900)
        expect(await ledger().audit(acc.id)).toEqual([])
      })

      it("an account on hold or closed refuses charges (409) and still takes payments", async () => {
        const acc = await newAccount()
        await post(acc.id, { kind: "charge", amount: 1_000 })
        for (const status of ["on_hold", "closed"]) {
          let res = await api.post(`${BASE}/${acc.id}`, { status }, { headers: admin })
          expect(res.data.house_account.status).toBe(status)
          res = await post(acc.id, { kind: "charge", amount: 10 })
          expect(res.status).toBe(409)
          expect(res.data.message).toMatch(status === "on_hold" ? /on hold/ : /closed/)
        }
        const res = await post(acc.id, { kind: "payment", amount: 1_000, method: "cash" })
        expect(res.status).toBe(201)
        expect(res.data.account.balance).toBe(0)
        expect((await entries(acc.id)).length).toBe(2)
      })

      it("a limit below the current debt is refused (409), a limit above it is accepted", async () => {
        const acc = await newAccount({ credit_limit: 10_000 })
        await post(acc.id, { kind: "charge", amount: 6_000 })
        let res = await api.post(`${BASE}/${acc.id}`, { credit_limit: 5_999 }, { headers: admin, ...ok })
        expect(res.status).toBe(409)
        expect(res.data.message).toMatch(/credit_limit/)
        expect((await ledger().getAccount(acc.id)).credit_limit).toBe(10_000)
        res = await api.post(`${BASE}/${acc.id}`, { credit_limit: 6_000, name: "Acme Builders Ltd" }, { headers: admin })
        expect(res.data.house_account).toEqual(
          expect.objectContaining({ credit_limit: 6_000, available_credit: 0, name: "Acme Builders Ltd" })
        )
        res = await api.post(`${BASE}/${acc.id}`, { credit_limit: -1 }, { headers: admin, ...ok })
        expect(res.status).toBe(400)
      })

      it("emits charged, payment_recorded, limit_changed and status_changed", async () => {
        const eventBus = getContainer().resolve(Modules.EVENT_BUS) as any
        const seen: string[] = []
        const original = eventBus.emit.bind(eventBus)
        eventBus.emit = async (msgs: any, opts?: any) => {
          for (const m of Array.isArray(msgs) ? msgs : [msgs]) seen.push(m.name)
          return original(msgs, opts)
        }
        try {
          const acc = await newAccount()
          await post(acc.id, { kind: "charge", amount: 100 })
          await post(acc.id, { kind: "payment", amount: 100, method: "cash" })
          await api.post(`${BASE}/${acc.id}`, { credit_limit: 20_000, status: "on_hold" }, { headers: admin })
        } finally {
          eventBus.emit = original
        }
        expect(seen).toEqual(
          expect.arrayContaining([
            "customer_backoffice.house_account.charged",
            "customer_backoffice.house_account.payment_recorded",
            "customer_backoffice.house_account.limit_changed",
            "customer_backoffice.house_account.status_changed",
          ])
        )
      })
    })

    describe("store", () => {
      it("a customer sees their own accounts and entries; another customer gets 404", async () => {
        const a = await newCustomer()
        const b = await newCustomer()
        const acc = await newAccount({ customer_ids: [a.id] })
        await post(acc.id, { kind: "charge", amount: 2_500, customer_id: a.id })

        let res = await api.get("/store/backoffice/house-accounts", { headers: a.store })
        expect(res.data.house_accounts).toEqual([
          expect.objectContaining({ id: acc.id, balance: 2_500, available_credit: 7_500, credit_limit: 10_000 }),
        ])
        res = await api.get(`/store/backoffice/house-accounts/${acc.id}/entries`, { headers: a.store })
        expect(res.data.count).toBe(1)
        expect(res.data.entries[0]).toEqual(expect.objectContaining({ kind: "charge", amount: 2_500 }))
        expect(res.data.entries[0].actor_id).toBeUndefined()

        res = await api.get("/store/backoffice/house-accounts", { headers: b.store })
        expect(res.data.house_accounts).toEqual([])
        res = await api.get(`/store/backoffice/house-accounts/${acc.id}/entries`, { headers: { ...b.store }, ...ok })
        expect(res.status).toBe(404)
      })
    })
  },
})
