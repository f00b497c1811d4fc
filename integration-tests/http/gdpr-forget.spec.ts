import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import fs from "fs"
import os from "os"
import path from "path"
import IORedis from "ioredis"
import JSZip from "jszip"
import { HOST_DIR, setTestEnv } from "../helpers/host"
import { createAdminHeaders } from "../helpers/admin"
import { createShop, payAndComplete, type Shop } from "../helpers/commerce"
import { customerFileExists } from "../helpers/files"
import { TEST_REDIS_URL, deleteRedisPrefix } from "../helpers/redis"
import { waitFor } from "../helpers/wait"
import { scanDatabase } from "../../src/lib/gdpr/scan"
import { loadColumns } from "../../src/lib/gdpr/places"

jest.setTimeout(300_000)

const PREFIX = `cbo-http-gdpr-${process.pid}`
/** Where the test payment provider keeps its copies of account holders (integration-tests/providers). */
const PROVIDER_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "cbo-gdpr-provider-"))
const restoreEnv = setTestEnv({
  CBO_TEST_PROVIDER_DIR: PROVIDER_DIR,
  CBO_QUEUE_PREFIX: PREFIX,
  REDIS_URL: TEST_REDIS_URL,
  ADMIN_DISABLED: "true",
})

const ok = { validateStatus: () => true }
const PASSWORD = "supersecret-123"
/** A string no other data holds: planted in every field, searched for everywhere after the forget. */
const S = `zqx${Math.random().toString(36).slice(2, 10)}snt`

const ROUTES: [string, string][] = [
  ["post", "/admin/backoffice/customers/cus_x/forget"],
  ["get", "/admin/backoffice/customers/cus_x/forget"],
  ["post", "/admin/backoffice/customers/cus_x/data-export"],
  ["get", "/admin/backoffice/customers/cus_x/data-export"],
  ["get", "/admin/backoffice/customers/cus_x/data-export/bojob_x/download"],
  ["post", "/admin/backoffice/customers/cus_x/data-export/bojob_x/send"],
]

/** Every text, varchar and JSON column of every table holding `needle`: "table.column" → rows. */
async function dbHits(knex: Knex, needle: string): Promise<Record<string, number>> {
  const { rows: cols } = await knex.raw(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema()
        AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR udt_name IN ('_text', '_varchar'))`
  )
  const hits: Record<string, number> = {}
  for (const c of cols as { table_name: string; column_name: string }[]) {
    const { rows } = await knex.raw(`SELECT count(*)::int AS n FROM ?? WHERE ??::text ILIKE ?`, [
      c.table_name,
      c.column_name,
      `%${needle}%`,
    ])
    if (rows[0].n) hits[`${c.table_name}.${c.column_name}`] = rows[0].n
  }
  return hits
}

/** Redis keys whose name or value holds `needle`. */
async function redisHits(needle: string): Promise<string[]> {
  const redis = new IORedis(TEST_REDIS_URL)
  const hits: string[] = []
  try {
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "COUNT", 1000)
      cursor = next
      for (const k of keys) {
        const type = await redis.type(k)
        const v =
          type === "string" ? await redis.get(k)
          : type === "hash" ? JSON.stringify(await redis.hgetall(k))
          : type === "list" ? JSON.stringify(await redis.lrange(k, 0, -1))
          : type === "set" ? JSON.stringify(await redis.smembers(k))
          : type === "zset" ? JSON.stringify(await redis.zrange(k, 0, -1))
          : type === "stream" ? JSON.stringify(await redis.xrange(k, "-", "+"))
          : ""
        if (k.includes(needle) || (v ?? "").toLowerCase().includes(needle)) hits.push(k)
      }
    } while (cursor !== "0")
  } finally {
    await redis.quit()
  }
  return hits
}

medusaIntegrationTestRunner({
  cwd: HOST_DIR,
  testSuite: ({ api, getContainer }) => {
    let admin: Record<string, string>
    let shop: Shop
    beforeAll(async () => {
      admin = (await createAdminHeaders(getContainer())).headers
      shop = await createShop(getContainer())
    })
    afterAll(async () => {
      restoreEnv()
      delete process.env.CBO_TEST_PROVIDER_FAIL
      fs.rmSync(PROVIDER_DIR, { recursive: true, force: true })
      await deleteRedisPrefix(PREFIX)
    })

    const knex = (): Knex => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const get = (url: string) => api.get(url, { headers: admin, ...ok })
    const post = (url: string, body: object = {}) => api.post(url, body, { headers: admin, ...ok })
    const pk = () => ({ "x-publishable-api-key": shop.publishableKey })
    const jobDone = (id: string) =>
      waitFor(
        async () => {
          const r = await get(`/admin/backoffice/jobs/${id}`)
          return ["completed", "failed"].includes(r.data.job?.status) ? r.data.job : null
        },
        { timeoutMs: 120_000, intervalMs: 250, what: `job ${id}` }
      )

    /** Store registration, login, addresses and a trade application, all holding the sentinel. */
    async function registerShopper(tag: string) {
      const email = `${tag}reg@example.com`
      const reg = await api.post("/auth/customer/emailpass/register", { email, password: PASSWORD })
      const regHeaders = { authorization: `Bearer ${reg.data.token}`, ...pk() }
      const created = await api.post(
        "/store/customers",
        { email, first_name: `${tag}First`, last_name: `${tag}Last`, company_name: `${tag}Company`, metadata: { hobby: `${tag}meta` } },
        { headers: regHeaders, ...ok }
      )
      expect(created.status).toBe(200)
      const login = await api.post("/auth/customer/emailpass", { email, password: PASSWORD })
      const headers = { authorization: `Bearer ${login.data.token}`, ...pk() }
      const address = {
        first_name: `${tag}AddrFirst`,
        last_name: `${tag}AddrLast`,
        company: `${tag}AddrCo`,
        address_1: `${tag} Street 1`,
        address_2: `${tag} Flat 2`,
        city: `${tag}City`,
        postal_code: `${tag}PC`,
        country_code: shop.country,
        phone: "+1 415 555 2671",
      }
      expect((await api.post("/store/customers/me/addresses", address, { headers, ...ok })).status).toBe(200)
      return { id: created.data.customer.id as string, email, headers, address }
    }

    /** A trade application (it puts the customer on hold: after their orders). */
    async function applyForTrade(headers: Record<string, string>, tag: string) {
      const trade = await api.post(
        "/store/backoffice/trade-applications",
        { company_name: `${tag}Trade Ltd`, note: `${tag} trade note` },
        { headers, ...ok }
      )
      expect(trade.status).toBe(201)
    }

    /** A cart holding the sentinel (address, email, metadata); completed into an order when asked. */
    async function cart(headers: Record<string, string>, address: object, tag: string) {
      const res = await api.post(
        "/store/carts",
        {
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          email: `${tag}order@example.com`,
          items: [{ variant_id: shop.variantId, quantity: 1 }],
          shipping_address: address,
          billing_address: address,
          metadata: { gift_message: `${tag} gift` },
        },
        { headers, ...ok }
      )
      expect(res.status).toBe(200)
      await api.post(`/store/carts/${res.data.cart.id}/shipping-methods`, { option_id: shop.shippingOptionId }, { headers })
      return res.data.cart.id as string
    }

    async function uploadImport(content: string) {
      const form = new FormData()
      form.append("file", new Blob([content], { type: "text/csv" }), "customers.csv")
      const created = await api.post("/admin/backoffice/customer-imports", form, { headers: admin, ...ok })
      expect(created.status).toBe(201)
      const id = created.data.import_run.id as string
      await waitFor(async () => (await get(`/admin/backoffice/customer-imports/${id}`)).data.import_run?.status === "review", {
        timeoutMs: 60_000,
        intervalMs: 200,
        what: "import review",
      })
      return id
    }

    /** What another customer holds, as one checksum. */
    async function checksum(customerId: string) {
      const { rows } = await knex().raw(
        `SELECT md5(string_agg(x, '|' ORDER BY x)) AS sum FROM (
           SELECT row_to_json(c)::text x FROM customer c WHERE c.id = ?
           UNION ALL SELECT row_to_json(a)::text FROM customer_address a WHERE a.customer_id = ?
           UNION ALL SELECT row_to_json(o)::text FROM "order" o WHERE o.customer_id = ?
           UNION ALL SELECT row_to_json(n)::text FROM customer_note n WHERE n.customer_id = ?
           UNION ALL SELECT row_to_json(p)::text FROM customer_profile p WHERE p.customer_id = ?
           UNION ALL SELECT row_to_json(i)::text FROM provider_identity i WHERE i.entity_id = (SELECT email FROM customer WHERE id = ?)
         ) s`,
        Array(6).fill(customerId)
      )
      return rows[0].sum as string
    }

    describe("authentication", () => {
      it.each(ROUTES)("%s %s answers 401 without an admin session", async (method, url) => {
        const res = method === "post" ? await api.post(url, {}, ok) : await api.get(url, ok)
        expect(res.status).toBe(401)
      })
    })

    it("forgets a customer everywhere: blocked while an order or an import holds them, then 0 sentinel hits in the database, Redis and files; the other customer untouched; a second forget does nothing", async () => {
      const other = await registerShopper(`other${S.slice(3)}`)
      const me = await registerShopper(S)
      const id = me.id

      // profile, notes (+ a revision), consent, points, groups
      expect((await post(`/admin/backoffice/customers/${id}/profile`, { gate_code: `${S}Gate`, title: `${S}T` })).status).toBe(200)
      const note = await post(`/admin/backoffice/customers/${id}/notes`, { body: `${S} first note` })
      expect(note.status).toBe(201)
      expect((await post(`/admin/backoffice/customers/${id}/notes/${note.data.note.id}`, { body: `${S} edited note` })).status).toBe(200)
      expect((await post(`/admin/backoffice/customers/${id}/consent`, { marketing_opt_out: true })).status).toBe(200)
      const pts = await post(`/admin/backoffice/customers/${id}/loyalty/adjustments`, { direction: "add", points: 50, reason: `${S} goodwill` })
      expect(pts.status).toBe(201)
      const [group] = await getContainer().resolve(Modules.CUSTOMER).createCustomerGroups([{ name: `VIP ${S.slice(3, 7)}` }])
      await getContainer().resolve(Modules.CUSTOMER).addCustomerToGroup({ customer_id: id, customer_group_id: group.id })

      // an order (address, email) and an open cart
      const orderCart = await cart(me.headers, me.address, S)
      const completed = await payAndComplete(api, orderCart, me.headers)
      expect(completed.data.type).toBe("order")
      const orderId = completed.data.order.id as string
      await cart(me.headers, me.address, S)
      await payAndComplete(api, await cart(other.headers, other.address, `other${S.slice(3)}`), other.headers)
      await applyForTrade(me.headers, S)
      await applyForTrade(other.headers, `other${S.slice(3)}`)

      // an export file holding them
      const exp = await post("/admin/backoffice/customer-exports", { format: "csv" })
      expect(exp.status).toBe(202)
      await jobDone(exp.data.export.id)
      const exportKey = ((await knex()("backoffice_job").where({ id: exp.data.export.id }).first("result")).result as any).file_id
      expect(await customerFileExists(getContainer(), exportKey)).toBe(true)

      // wrong confirmation: 400, nothing queued
      let res = await post(`/admin/backoffice/customers/${id}/forget`, { confirm_email: "someone@example.com" })
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/confirm_email/)
      expect((await post(`/admin/backoffice/customers/${id}/forget`, {})).status).toBe(400)

      // blocked by the unfulfilled order and by an import in review holding them
      const importId = await uploadImport(`Email,First Name,Note\r\n${me.email},${S}Imported,${S} import note\r\n`)
      res = await post(`/admin/backoffice/customers/${id}/forget`, { confirm_email: me.email.toUpperCase() })
      expect(res.status).toBe(409)
      expect(res.data.blocking.map((b: any) => [b.kind, b.id]).sort()).toEqual(
        [["import", importId], ["order", orderId]].sort()
      )
      expect(res.data.message).toMatch(/cannot be forgotten yet/)
      expect((await get(`/admin/backoffice/customers/${id}/forget`)).data).toMatchObject({ status: "not_requested", forgotten: false })

      expect((await post(`/admin/backoffice/customer-imports/${importId}/confirm`, { backup: true })).status).toBe(200)
      await waitFor(async () => (await get(`/admin/backoffice/customer-imports/${importId}`)).data.import_run?.status === "completed", {
        timeoutMs: 60_000,
        intervalMs: 200,
        what: "import committed",
      })
      expect((await post(`/admin/orders/${orderId}/cancel`)).status).toBe(200)

      // subject-access export before the forget: the ZIP holds the customer's data
      const dx = await post(`/admin/backoffice/customers/${id}/data-export`)
      expect(dx.status).toBe(202)
      expect(await jobDone(dx.data.job.id)).toMatchObject({ status: "completed" })
      const zipRes = await api.get(`/admin/backoffice/customers/${id}/data-export/${dx.data.job.id}/download`, {
        headers: admin,
        responseType: "arraybuffer",
      })
      expect(zipRes.headers["content-type"]).toBe("application/zip")
      const zip = await JSZip.loadAsync(Buffer.from(zipRes.data))
      const data = JSON.parse(await zip.file("data.json")!.async("string"))
      expect(data.tables.customer[0]).toMatchObject({ id, email: me.email, first_name: `${S}Imported` })
      expect(data.tables.customer_address[0].address_1).toBe(`${S} Street 1`)
      expect(data.tables.order.map((o: any) => o.id)).toEqual([orderId])
      expect(data.tables.customer_note[0].body).toBe(`${S} edited note`)
      expect(data.tables.provider_identity[0].provider_metadata).toBeUndefined()
      for (const t of ["customer", "customer_address", "order", "order_address", "cart", "customer_note", "points_entry", "import_row", "trade_application"]) {
        expect(zip.file(`${t}.csv`)).toBeTruthy()
      }
      expect(await zip.file("customer_address.csv")!.async("string")).toContain(`${S} Street 1`)
      expect((await get(`/admin/backoffice/customers/${id}/data-export`)).data.data_exports[0]).toMatchObject({ export_id: dx.data.job.id, downloadable: true })

      // e-mailed to the customer: one notification carrying the ZIP, and a timeline line
      expect((await post(`/admin/backoffice/customers/${id}/data-export/${dx.data.job.id}/send`, { email: "not an email" })).status).toBe(400)
      expect((await post(`/admin/backoffice/customers/${id}/data-export/bojob_unknown/send`)).status).toBe(404)
      expect((await post(`/admin/backoffice/customers/${other.id}/data-export/${dx.data.job.id}/send`)).status).toBe(404)
      const sent = await post(`/admin/backoffice/customers/${id}/data-export/${dx.data.job.id}/send`)
      expect(sent.status).toBe(200)
      expect(sent.data).toMatchObject({ to: me.email, export_id: dx.data.job.id })
      const mails = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ resource_id: dx.data.job.id } as any)
      expect(mails).toHaveLength(1)
      expect(mails[0]).toMatchObject({ to: me.email, template: "customer-backoffice-data-export", receiver_id: id })
      expect((mails[0] as any).data).toMatchObject({ export_id: dx.data.job.id, customer: { id } })
      expect((await knex().raw(`select count(*)::int as n from timeline_entry where customer_id = ? and kind = 'data_export.sent'`, [id])).rows[0].n).toBe(1)

      const otherBefore = await checksum(other.id)
      expect(Object.keys(await dbHits(knex(), S)).length).toBeGreaterThan(20)

      // forget
      res = await post(`/admin/backoffice/customers/${id}/forget`, { confirm_email: me.email })
      expect(res.status).toBe(202)
      expect(res.data.job.type).toBe("gdpr.forget")
      const job = await jobDone(res.data.job.id)
      // a failed verification lists the places still holding a former value
      expect(job.error).toBeNull()
      expect(job.status).toBe("completed")
      expect(job.payload).toEqual({ customer_id: id })

      const status = (await get(`/admin/backoffice/customers/${id}/forget`)).data
      expect(status).toMatchObject({ status: "completed", forgotten: true, blocking: [] })
      const cert = status.certificate
      expect(cert).toMatchObject({ customer_id: id, verdict: "erased", hits: [] })
      expect(cert.scan.tables).toBeGreaterThan(100)
      expect(cert.scan.values_searched).toBeGreaterThan(20)
      expect(cert.scan.redis_keys).toBeGreaterThan(0)
      const place = (t: string) => cert.places.find((p: any) => p.table === t)
      expect(place("customer")).toMatchObject({ rule: "anonymise", rows: 1 })
      expect(place("order")).toMatchObject({ rule: "keep-record", rows: 1 })
      expect(place("customer_address").rows).toBe(1)
      expect(place("provider_identity").rows).toBe(1)
      expect(cert.files_removed).toEqual(expect.arrayContaining([`customer export ${exp.data.export.id}`]))
      // the system provider's account holder (made when the shopper paid) was deleted through the payment module
      expect(cert.provider_deletions).toEqual([{ provider_id: "pp_system_default", account_holders: 1 }])
      expect(await knex()("customer_account_holder").where({ customer_id: id }).count()).toEqual([{ count: "0" }])
      expect(JSON.stringify(cert)).not.toContain(S)

      // the certificate as a file
      const file = await api.get(`/admin/backoffice/customers/${id}/forget?format=download`, { headers: admin })
      expect(file.headers["content-disposition"]).toContain(`erasure-certificate-${id}.json`)
      expect(file.data).toMatchObject({ customer_id: id, verdict: "erased" })
      const pdf = await api.get(`/admin/backoffice/customers/${id}/forget?format=pdf`, { headers: admin, responseType: "arraybuffer" })
      expect(pdf.headers["content-type"]).toBe("application/pdf")
      expect(pdf.headers["content-disposition"]).toContain(`erasure-certificate-${id}.pdf`)
      expect(Buffer.from(pdf.data).subarray(0, 5).toString("latin1")).toBe("%PDF-")
      expect(Buffer.from(pdf.data).toString("latin1")).not.toContain(S)
      const badFormat = await api.get(`/admin/backoffice/customers/${id}/forget?format=docx`, { headers: admin, ...ok })
      expect(badFormat.status).toBe(400)
      expect(JSON.stringify(badFormat.data)).toContain("format")

      // the sentinel is nowhere: every column of every table, every Redis key, the export file gone
      expect(await dbHits(knex(), S)).toEqual({})
      expect(await redisHits(S)).toEqual([])
      expect(await customerFileExists(getContainer(), exportKey)).toBe(false)
      expect((await api.get(`/admin/backoffice/customers/${id}/data-export/${dx.data.job.id}/download`, { headers: admin, ...ok })).status).toBe(404)

      // the row stays (orders point at it), anonymised; out of every group; cannot log in
      const row = (await knex()("customer").where({ id }).first()) as any
      expect(row).toMatchObject({ email: `forgotten-${id.toLowerCase()}@forgotten.invalid`, first_name: null, last_name: null, phone: null, has_account: false })
      expect(await knex()("customer_group_customer").where({ customer_id: id }).count()).toEqual([{ count: "0" }])
      expect((await api.post("/auth/customer/emailpass", { email: me.email, password: PASSWORD }, ok)).status).toBe(401)
      const order = (await knex()("order").where({ id: orderId }).first()) as any
      expect(order).toMatchObject({ customer_id: id, email: row.email, status: "canceled" })

      // the timeline keeps one line, without personal data
      const timeline = await knex()("timeline_entry").where({ customer_id: id })
      expect(timeline.map((t: any) => t.kind)).toEqual(["customer.forgotten"])
      expect(timeline[0].summary).toMatch(/^Customer forgotten by Ada Admin at \d{4}-\d\d-\d\dT/)

      // the other customer is untouched
      expect(await checksum(other.id)).toBe(otherBefore)
      expect(await knex()("provider_identity").where({ entity_id: other.email }).count()).toEqual([{ count: "1" }])

      // a second forget is a no-op
      const again = await post(`/admin/backoffice/customers/${id}/forget`, { confirm_email: me.email })
      expect(again.status).toBe(200)
      expect(again.data).toMatchObject({ already_forgotten: true, job: { id: job.id } })
      expect(await knex()("backoffice_job").where({ type: "gdpr.forget" }).count()).toEqual([{ count: "1" }])
    })

    it("the verification scan finds what is left: a long value in a text column and inside JSON, a short value only as a whole value, with the rows' ids", async () => {
      const k = knex()
      const id = `cus_01SCANPROBE${Date.now()}`
      const long = `Quorbleton ${S}`
      await k("customer").insert({
        id,
        email: `probe-${S}@example.com`,
        first_name: "Zyxw",
        last_name: `${long}\tsecond line`,
        company_name: "Zyxwvut Ltd",
        metadata: { note: `ask for "${long}"`, nick: "Zyxw" },
        has_account: false,
      })
      try {
        const values = { long: [long], short: ["Zyxw"], tooShort: 0, shared: 0 }
        const report = await scanDatabase(k, values, await loadColumns(k))
        const place = (p: string) => report.hits.find((h) => h.place === p)
        expect(place("customer.last_name")).toEqual({ place: "customer.last_name", rows: 1, ids: [id] })
        expect(place("customer.first_name")).toEqual({ place: "customer.first_name", rows: 1, ids: [id] })
        expect(place("customer.metadata")).toEqual({ place: "customer.metadata", rows: 1, ids: [id] })
        // "Zyxw" inside a longer text is not the short value
        expect(place("customer.company_name")).toBeUndefined()
        expect(report.tables).toBeGreaterThan(100)
        expect(report.rows).toBeGreaterThan(0)
      } finally {
        await k("customer").where({ id }).delete()
      }
    })

    it("deletes the customer's account holder at the payment provider: a provider error fails the job with nothing erased, a retry finishes", async () => {
      const tag = `ah${S.slice(3)}`
      const region = await post(`/admin/regions/${shop.regionId}`, { payment_providers: ["pp_system_default", "pp_test-holder_test"] })
      expect(region.status).toBe(200)
      const me = await registerShopper(tag)
      const cartId = await cart(me.headers, me.address, tag)
      const pc = await api.post("/store/payment-collections", { cart_id: cartId }, { headers: me.headers })
      const session = await api.post(
        `/store/payment-collections/${pc.data.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_test-holder_test" },
        { headers: me.headers, ...ok }
      )
      expect(session.status).toBe(200)
      const holders = async () =>
        (
          await knex().raw(
            `select ah.id, ah.provider_id, ah.external_id, ah.email, ah.deleted_at from account_holder ah
              where ah.id in (select account_holder_id from customer_account_holder where customer_id = ?)`,
            [me.id]
          )
        ).rows
      const [holder] = await holders()
      expect(holder).toMatchObject({ provider_id: "pp_test-holder_test", external_id: `tah_${me.id}`, email: me.email, deleted_at: null })
      const providerCopy = path.join(PROVIDER_DIR, `tah_${me.id}.json`)
      expect(fs.existsSync(providerCopy)).toBe(true)

      // the provider cannot delete its copy: the job fails saying so, and nothing was erased
      process.env.CBO_TEST_PROVIDER_FAIL = "delete_account_holder"
      let res = await post(`/admin/backoffice/customers/${me.id}/forget`, { confirm_email: me.email })
      expect(res.status).toBe(202)
      let job = await jobDone(res.data.job.id)
      expect(job.status).toBe("failed")
      expect(job.error).toBe(
        `Payment provider pp_test-holder_test could not delete account holder ${holder.id}: the test provider is unreachable. ` +
          "Nothing of the customer was erased; retry the job once the provider answers."
      )
      expect(await holders()).toEqual([holder])
      expect(fs.existsSync(providerCopy)).toBe(true)
      expect((await knex()("customer").where({ id: me.id }).first("email")).email).toBe(me.email)
      expect(await knex()("customer_address").where({ customer_id: me.id }).count()).toEqual([{ count: "1" }])
      expect((await get(`/admin/backoffice/customers/${me.id}/forget`)).data).toMatchObject({ status: "failed", forgotten: false, certificate: null })
      expect((await api.post("/auth/customer/emailpass", { email: me.email, password: PASSWORD }, ok)).status).toBe(200)

      // the provider answers again: the same job, retried from the jobs page, finishes the erasure
      delete process.env.CBO_TEST_PROVIDER_FAIL
      res = await post(`/admin/backoffice/jobs/${job.id}/retry`)
      expect(res.status).toBe(200)
      job = await jobDone(job.id)
      expect([job.status, job.error]).toEqual(["completed", null])
      expect(fs.existsSync(providerCopy)).toBe(false)
      expect(await knex()("account_holder").where({ id: holder.id }).count()).toEqual([{ count: "0" }])
      expect(await knex()("customer_account_holder").where({ customer_id: me.id }).count()).toEqual([{ count: "0" }])
      const cert = (await get(`/admin/backoffice/customers/${me.id}/forget`)).data.certificate
      expect(cert).toMatchObject({ verdict: "erased", provider_deletions: [{ provider_id: "pp_test-holder_test", account_holders: 1 }] })
      expect((await knex()("customer").where({ id: me.id }).first("email")).email).toBe(`forgotten-${me.id.toLowerCase()}@forgotten.invalid`)
    })

    it("values another customer also holds are not hits: a shared address label and a shared duplicate-scan key stay with the other customer", async () => {
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const [a, b] = await customers.createCustomers([
        { email: `share-a-${S}@example.com`, first_name: "Ann", last_name: "Sharer" },
        { email: `share-b-${S}@example.com`, first_name: "Bob", last_name: "Sharer" },
      ])
      for (const c of [a, b]) {
        await customers.createCustomerAddresses([
          { customer_id: c.id, address_name: "Home Sweet Home", address_1: `${c.id} Road 1`, city: "Torino", country_code: "it" },
        ])
        // the duplicate scan's key for "same city, similar surname" (both customers get the same one)
        await knex()("customer_duplicate_block_key").insert({ id: `cdupk_${c.id}`, customer_id: c.id, kind: "city_last", value: "torino|SHRR" })
      }
      const res = await post(`/admin/backoffice/customers/${a.id}/forget`, { confirm_email: a.email })
      expect(res.status).toBe(202)
      const job = await jobDone(res.data.job.id)
      expect([job.status, job.error]).toEqual(["completed", null])
      const cert = (await get(`/admin/backoffice/customers/${a.id}/forget`)).data.certificate
      expect(cert).toMatchObject({ verdict: "erased", hits: [] })
      // "Home Sweet Home", "torino|SHRR", "Sharer" and "Torino" are b's too
      expect(cert.scan.values_shared).toBeGreaterThanOrEqual(4)
      expect(await knex()("customer_address").where({ customer_id: b.id }).first("address_name")).toEqual({ address_name: "Home Sweet Home" })
      expect(await knex()("customer_duplicate_block_key").where({ customer_id: b.id }).first("value")).toEqual({ value: "torino|SHRR" })
      expect(await knex()("customer_duplicate_block_key").where({ customer_id: a.id }).count()).toEqual([{ count: "0" }])
    })

    it("refuses while a house account the customer is on has a balance", async () => {
      const [c] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ email: `hacc-${S}@example.com`, first_name: "Hal" }])
      const svc = getContainer().resolve("house_accounts") as any
      const acc = await svc.createAccount({ name: "Hal's tab", currency_code: "usd", credit_limit: 10_000 })
      expect((await post(`/admin/backoffice/house-accounts/${acc.id}/customers`, { add: [c.id] })).status).toBeLessThan(300)
      expect((await post(`/admin/backoffice/house-accounts/${acc.id}/entries`, { kind: "payment", amount: 500, method: "cash" })).status).toBe(201)
      const res = await post(`/admin/backoffice/customers/${c.id}/forget`, { confirm_email: c.email })
      expect(res.status).toBe(409)
      expect(res.data.blocking).toEqual([expect.objectContaining({ kind: "house_account", id: acc.id, balance: -500 })])
      expect(await knex()("backoffice_job").where({ type: "gdpr.forget" }).whereRaw("payload->>'customer_id' = ?", [c.id]).count()).toEqual([{ count: "0" }])
    })
  },
})
