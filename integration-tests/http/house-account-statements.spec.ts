import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { Readable } from "stream"
import csvParser from "csv-parser"
import { HOST_DIR, setTestEnv } from "../helpers/host"
import { createAdminHeaders, createCustomerHeaders, createPublishableKeyHeader } from "../helpers/admin"
import { deleteRedisPrefix, TEST_REDIS_URL } from "../helpers/redis"
import { runJobNow } from "../helpers/wait"

jest.setTimeout(240_000)

const PREFIX = `cbo-http-hstm-${process.pid}`
const restoreEnv = setTestEnv({
  CBO_QUEUE_PREFIX: PREFIX,
  REDIS_URL: TEST_REDIS_URL,
  ADMIN_DISABLED: "true",
})

const ok = { validateStatus: () => true }
const BASE = "/admin/backoffice/house-accounts"
const STORE = "/store/backoffice/house-accounts"

async function parseCsv(text: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = []
  await new Promise<void>((resolve, reject) =>
    Readable.from([text])
      .pipe(csvParser())
      .on("data", (r) => rows.push(r))
      .on("end", resolve)
      .on("error", reject)
  )
  return rows
}

/** The previous calendar month (UTC) of now, and a moment inside it and before it. */
function lastMonth() {
  const now = new Date()
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 1)
  return {
    label: start.toISOString().slice(0, 7),
    from: start.toISOString().slice(0, 10),
    to: end.toISOString().slice(0, 10),
    start,
    end,
    inside: new Date(start.getTime() + 10 * 86_400_000),
    before: new Date(start.getTime() - 5 * 86_400_000),
  }
}

medusaIntegrationTestRunner({
  cwd: HOST_DIR,
  testSuite: ({ api, getContainer }) => {
    afterAll(async () => {
      restoreEnv()
      await deleteRedisPrefix(PREFIX)
    })

    let admin: Record<string, string>
    let pk: Record<string, string>

    beforeEach(async () => {
      admin = (await createAdminHeaders(getContainer())).headers
      pk = await createPublishableKeyHeader(getContainer())
    })

    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
    const sql = async (text: string, params: unknown[] = []) => (await knex().raw(text, params)).rows
    const newCustomer = async () => {
      const c = await createCustomerHeaders(getContainer(), { first_name: "Grace", last_name: "Hopper" })
      return { id: c.customer.id, email: c.customer.email, store: { ...c.headers, ...pk } }
    }
    const newAccount = async (customer_ids: string[], extra: Record<string, unknown> = {}) => {
      const res = await api.post(
        BASE,
        { name: "Acme Builders", currency_code: "eur", credit_limit: 100_000, customer_ids, ...extra },
        { headers: admin, ...ok }
      )
      expect(res.status).toBe(201)
      return res.data.house_account
    }
    const post = async (id: string, body: Record<string, unknown>) => {
      const res = await api.post(`${BASE}/${id}/entries`, body, { headers: admin, ...ok })
      expect(res.status).toBe(201)
      return res.data.entry
    }
    /** Test set-up only: dates an entry into the past, as if written then. */
    const dateEntry = (entryId: string, at: Date) =>
      sql(`update house_account_entry set created_at = ? where id = ?`, [at.toISOString(), entryId])

    /** An account with entries before last month, in it, and this month. */
    const accountWithHistory = async (customerIds: string[]) => {
      const m = lastMonth()
      const account = await newAccount(customerIds)
      const before = await post(account.id, { kind: "charge", amount: 12_345, customer_id: customerIds[0] })
      await dateEntry(before.id, m.before)
      const inside = [
        await post(account.id, { kind: "charge", amount: 20_000, reference: "=HYPERLINK(\"x\")", customer_id: customerIds[0] }),
        await post(account.id, { kind: "payment", amount: 5_000, method: "bank_transfer", reference: "BT-77" }),
        await post(account.id, { kind: "adjustment", amount: -1_05, reason: "Delivery damaged, goodwill" }),
      ]
      for (const [i, e] of inside.entries()) await dateEntry(e.id, new Date(m.inside.getTime() + i * 60_000))
      await post(account.id, { kind: "charge", amount: 999, customer_id: customerIds[0] }) // this month
      return account
    }

    /** What the ledger says, summed by SQL independently of the statement code. */
    const sqlFigures = async (accountId: string, start: Date, end: Date) => {
      const [r] = await sql(
        `select coalesce(sum(amount) filter (where created_at < ?), 0)::bigint as opening,
                coalesce(sum(amount) filter (where created_at >= ? and created_at <= ?), 0)::bigint as movement,
                count(*) filter (where created_at >= ? and created_at <= ?)::int as n
           from house_account_entry where account_id = ?`,
        [start.toISOString(), start.toISOString(), end.toISOString(), start.toISOString(), end.toISOString(), accountId]
      )
      return { opening: Number(r.opening), closing: Number(r.opening) + Number(r.movement), n: r.n }
    }

    describe("authentication", () => {
      it.each([
        ["get", `${BASE}/hacc_x/statement`],
        ["get", `${BASE}/hacc_x/statement?format=pdf`],
        ["get", `${BASE}/hacc_x/statements`],
        ["post", `${BASE}/hacc_x/statements`],
        ["get", `${BASE}/hacc_x/statements/hastm_x/download`],
        ["post", `${BASE}/statements/run`],
      ])("%s %s needs an admin (401)", async (method, url) => {
        const res = method === "get" ? await api.get(url, ok) : await api.post(url, {}, ok)
        expect(res.status).toBe(401)
      })

      it("store statement routes need a logged-in customer (401)", async () => {
        for (const url of [
          `${STORE}/hacc_x/statement`,
          `${STORE}/hacc_x/statements`,
          `${STORE}/hacc_x/statements/hastm_x/download`,
        ]) {
          const res = await api.get(url, { headers: pk, ...ok })
          expect(res.status).toBe(401)
        }
      })
    })

    describe("statement of a period", () => {
      it("figures equal the ledger summed by SQL; the CSV parses and adds up; the PDF is a PDF", async () => {
        const m = lastMonth()
        const c = await newCustomer()
        const account = await accountWithHistory([c.id])
        const expected = await sqlFigures(account.id, m.start, new Date(Date.parse(`${m.to}T23:59:59.999Z`)))

        const res = await api.get(`${BASE}/${account.id}/statement?from=${m.from}&to=${m.to}`, { headers: admin })
        expect(res.status).toBe(200)
        const s = res.data.statement
        expect(s).toMatchObject({
          opening_balance: 12_345,
          charges: 20_000,
          credits: 5_000,
          adjustments: -105,
          closing_balance: 12_345 + 20_000 - 5_000 - 105,
          amount_due: 27_240,
          entry_count: 3,
          currency_code: "eur",
        })
        expect(s.opening_balance).toBe(expected.opening)
        expect(s.closing_balance).toBe(expected.closing)
        expect(s.entry_count).toBe(expected.n)

        const csv = await api.get(`${BASE}/${account.id}/statement?from=${m.from}&to=${m.to}&format=csv`, {
          headers: admin,
          responseType: "text",
        })
        expect(csv.status).toBe(200)
        expect(csv.headers["content-type"]).toMatch(/text\/csv/)
        expect(csv.headers["content-disposition"]).toMatch(/attachment; filename="statement-.*\.csv"/)
        const rows = await parseCsv(csv.data)
        expect(rows[0]).toMatchObject({ type: "opening_balance", balance_minor: "12345", balance: "123.45" })
        expect(rows[rows.length - 1]).toMatchObject({ type: "closing_balance", balance_minor: String(expected.closing) })
        const lines = rows.slice(1, -1)
        expect(lines.map((r) => r.type)).toEqual(["charge", "payment", "adjustment"])
        expect(lines.reduce((n, r) => n + Number(r.amount_minor), 0)).toBe(expected.closing - expected.opening)
        // a spreadsheet shows the reference as text, never runs it
        expect(lines[0].reference.startsWith("'=")).toBe(true)
        expect(lines[1]).toMatchObject({ amount: "-50.00", reference: "BT-77", description: "Payment (bank transfer)" })

        const pdf = await api.get(`${BASE}/${account.id}/statement?from=${m.from}&to=${m.to}&format=pdf`, {
          headers: admin,
          responseType: "arraybuffer",
        })
        expect(pdf.status).toBe(200)
        expect(pdf.headers["content-type"]).toBe("application/pdf")
        const bytes = Buffer.from(pdf.data)
        expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-")
        expect(bytes.subarray(-6).toString("latin1")).toMatch(/%%EOF/)
      })

      it("refuses a bad period or format (400) and an unknown account (404)", async () => {
        const c = await newCustomer()
        const account = await newAccount([c.id])
        for (const q of ["from=2026-05-02&to=2026-05-01", "format=xls", "from=1999-01-01", "from=yesterday", "foo=1"]) {
          const res = await api.get(`${BASE}/${account.id}/statement?${q}`, { headers: admin, ...ok })
          expect(res.status).toBe(400)
        }
        const res = await api.get(`${BASE}/hacc_nope/statement`, { headers: admin, ...ok })
        expect(res.status).toBe(404)
        const bad = await api.post(`${BASE}/${account.id}/statements`, { from: "2026-02-01" }, { headers: admin, ...ok })
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/to/)
      })
    })

    describe("stored statements", () => {
      it("generates, stores privately, e-mails with the PDF attached, lists and downloads", async () => {
        const m = lastMonth()
        const c = await newCustomer()
        const account = await accountWithHistory([c.id])
        const res = await api.post(
          `${BASE}/${account.id}/statements`,
          { from: m.from, to: m.to, email: true },
          { headers: admin, ...ok }
        )
        expect(res.status).toBe(201)
        const st = res.data.statement
        expect(st).toMatchObject({ account_id: account.id, closing_balance: 27_240, amount_due: 27_240, has_pdf: true, has_csv: true })
        expect(st.emailed_to).toEqual([c.email])

        // kept in the private customer-file store, never under Medusa's public /static
        const [row] = await sql(`select pdf_file_key, csv_file_key from house_account_statement where id = ?`, [st.id])
        for (const key of [row.pdf_file_key, row.csv_file_key]) {
          expect(key).toMatch(/^cbo-private:house-statement-[0-9a-f]{32}\.(pdf|csv)$/)
        }

        const notifications = await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ resource_id: st.id } as any)
        expect(notifications).toHaveLength(1)
        expect(notifications[0]).toMatchObject({
          to: c.email,
          template: "customer-backoffice-house-account-statement",
          receiver_id: c.id,
        })
        expect((notifications[0] as any).data).toMatchObject({
          account_number: account.account_number,
          amount_due: 27_240,
          formatted: { amount_due: "272.40 EUR" },
        })

        const list = await api.get(`${BASE}/${account.id}/statements`, { headers: admin })
        expect(list.data.statements.map((s: any) => s.id)).toEqual([st.id])

        const pdf = await api.get(`${BASE}/${account.id}/statements/${st.id}/download?format=pdf`, {
          headers: admin,
          responseType: "arraybuffer",
        })
        expect(pdf.status).toBe(200)
        expect(Buffer.from(pdf.data).subarray(0, 5).toString("latin1")).toBe("%PDF-")
        const csv = await api.get(`${BASE}/${account.id}/statements/${st.id}/download?format=csv`, {
          headers: admin,
          responseType: "text",
        })
        const rows = await parseCsv(csv.data)
        expect(rows[rows.length - 1].balance_minor).toBe("27240")

        const other = await newAccount([c.id])
        const cross = await api.get(`${BASE}/${other.id}/statements/${st.id}/download`, { headers: admin, ...ok })
        expect(cross.status).toBe(404)
      })

      it("the monthly job states every open account once, e-mails it, and skips closed accounts", async () => {
        const m = lastMonth()
        const c = await newCustomer()
        const open = await accountWithHistory([c.id])
        const held = await newAccount([c.id], { status: "on_hold" })
        const closed = await newAccount([c.id], { status: "closed" })
        const job = await runJobNow(
          { post: (url, body) => api.post(url, { ...body, period: m.label }, { headers: admin, ...ok }), get: (url) => api.get(url, { headers: admin }) },
          `${BASE}/statements/run`,
          "the statements job",
          120_000
        )
        expect(job.status).toBe("completed")
        expect(job.result.failed).toBe(0)
        const stored = async (id: string) =>
          sql(`select * from house_account_statement where account_id = ? and deleted_at is null`, [id])
        const [s] = await stored(open.id)
        expect(new Date(s.period_start).toISOString()).toBe(m.start.toISOString())
        expect(new Date(s.period_end).toISOString()).toBe(m.end.toISOString())
        const expected = await sqlFigures(open.id, m.start, m.end)
        expect(Number(s.closing_balance)).toBe(expected.closing)
        expect(Number(s.opening_balance)).toBe(expected.opening)
        expect(s.generated_by_type).toBe("system")
        expect(s.emailed_to).toEqual([c.email])
        expect(await stored(held.id)).toHaveLength(1)
        expect(await stored(closed.id)).toHaveLength(0)

        // a second run for the same month writes and sends nothing more
        const again = await runJobNow(
          { post: (url, body) => api.post(url, { ...body, period: m.label }, { headers: admin, ...ok }), get: (url) => api.get(url, { headers: admin }) },
          `${BASE}/statements/run`,
          "the statements job again",
          120_000
        )
        expect(again.status).toBe("completed")
        expect(again.result.generated).toBe(0)
        expect(await stored(open.id)).toHaveLength(1)
        const sent = await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ resource_id: s.id } as any)
        expect(sent).toHaveLength(1)
      })
    })

    describe("the customer's own statements (store)", () => {
      it("serves the logged-in customer's account and refuses another customer's (404)", async () => {
        const m = lastMonth()
        const owner = await newCustomer()
        const stranger = await newCustomer()
        const account = await accountWithHistory([owner.id])
        const generated = await api.post(`${BASE}/${account.id}/statements`, { from: m.from, to: m.to }, { headers: admin })

        let res = await api.get(`${STORE}/${account.id}/statement?from=${m.from}&to=${m.to}`, { headers: owner.store })
        expect(res.status).toBe(200)
        expect(res.data.statement).toMatchObject({ opening_balance: 12_345, closing_balance: 27_240 })
        res = await api.get(`${STORE}/${account.id}/statement?from=${m.from}&to=${m.to}&format=csv`, {
          headers: owner.store,
          responseType: "text",
        })
        expect((await parseCsv(res.data)).at(-1)?.balance_minor).toBe("27240")
        res = await api.get(`${STORE}/${account.id}/statements`, { headers: owner.store })
        expect(res.data.statements.map((s: any) => s.id)).toEqual([generated.data.statement.id])
        expect(res.data.statements[0].generated_by_id).toBeUndefined()
        res = await api.get(`${STORE}/${account.id}/statements/${generated.data.statement.id}/download`, {
          headers: owner.store,
          responseType: "arraybuffer",
        })
        expect(Buffer.from(res.data).subarray(0, 5).toString("latin1")).toBe("%PDF-")

        // the wallet view: balance, limit, available credit, recent entries, latest statements
        res = await api.get(STORE, { headers: owner.store })
        const mine = res.data.house_accounts.find((a: any) => a.id === account.id)
        expect(mine).toMatchObject({ balance: 28_239, credit_limit: 100_000, available_credit: 71_761 })
        expect(mine.recent_entries).toHaveLength(5)
        expect(mine.recent_entries[0]).toMatchObject({ kind: "charge", amount: 999 })
        expect(mine.recent_entries[0].reason).toBeUndefined()
        expect(mine.statements.map((s: any) => s.id)).toEqual([generated.data.statement.id])
        res = await api.get(STORE, { headers: stranger.store })
        expect(res.data.house_accounts.map((a: any) => a.id)).not.toContain(account.id)

        for (const url of [
          `${STORE}/${account.id}/statement`,
          `${STORE}/${account.id}/statement?format=pdf`,
          `${STORE}/${account.id}/statements`,
          `${STORE}/${account.id}/statements/${generated.data.statement.id}/download`,
          `${STORE}/${account.id}/entries`,
        ]) {
          const r = await api.get(url, { headers: stranger.store, ...ok })
          expect(r.status).toBe(404)
        }
      })
    })

    describe("timeline and customer list", () => {
      it("charges, payments and adjustments appear on the customers' timelines", async () => {
        const a = await newCustomer()
        const b = await newCustomer()
        const account = await newAccount([a.id, b.id])
        await post(account.id, { kind: "charge", amount: 2_500, customer_id: a.id, idempotency_key: "timeline-charge-1" })
        await post(account.id, { kind: "payment", amount: 1_000, method: "cash" })
        await post(account.id, { kind: "adjustment", amount: 300, reason: "Late fee" })
        const timeline = async (id: string) =>
          (await api.get(`/admin/backoffice/customers/${id}/timeline?limit=50`, { headers: admin })).data
        const ofA = await timeline(a.id)
        const kinds = (t: any) => (t.entries ?? t.timeline ?? []).map((e: any) => e.kind).sort()
        expect(kinds(ofA)).toEqual(expect.arrayContaining(["house_account.adjusted", "house_account.charged", "house_account.payment"]))
        const charged = (ofA.entries ?? ofA.timeline).find((e: any) => e.kind === "house_account.charged")
        expect(charged.summary).toBe(`Charged 25.00 EUR to house account ${account.account_number}`)
        const ofB = await timeline(b.id)
        expect(kinds(ofB)).toEqual(expect.arrayContaining(["house_account.adjusted", "house_account.payment"]))
        expect(kinds(ofB)).not.toContain("house_account.charged")
        // a replayed key writes no second entry
        await api.post(
          `${BASE}/${account.id}/entries`,
          { kind: "charge", amount: 2_500, customer_id: a.id, idempotency_key: "timeline-charge-1" },
          { headers: admin }
        )
        expect(kinds(await timeline(a.id)).filter((k: string) => k === "house_account.charged")).toHaveLength(1)
      })

      it("filters the customer list by outstanding balance and by over the credit limit", async () => {
        const owes = await newCustomer()
        const settled = await newCustomer()
        const over = await newCustomer()
        const a1 = await newAccount([owes.id])
        await post(a1.id, { kind: "charge", amount: 1_000 })
        const a2 = await newAccount([settled.id])
        await post(a2.id, { kind: "charge", amount: 1_000 })
        await post(a2.id, { kind: "payment", amount: 1_000 })
        const a3 = await newAccount([over.id], { credit_limit: 500 })
        await post(a3.id, { kind: "adjustment", amount: 900, reason: "Opening balance from the old system" })
        const ids = async (q: string) =>
          (await api.get(`/admin/backoffice/customers?limit=200&${q}`, { headers: admin })).data.customers.map((c: any) => c.id)
        const outstanding = await ids("outstanding_balance=true")
        expect(outstanding).toEqual(expect.arrayContaining([owes.id, over.id]))
        expect(outstanding).not.toContain(settled.id)
        const overLimit = await ids("over_credit_limit=true")
        expect(overLimit).toContain(over.id)
        expect(overLimit).not.toContain(owes.id)
        const bad = await api.get(`/admin/backoffice/customers?outstanding_balance=yes`, { headers: admin, ...ok })
        expect(bad.status).toBe(400)
      })
    })
  },
})
