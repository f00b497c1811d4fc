import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { useTestHost } from "../helpers/test-host"
import { HOST_DIR } from "../helpers/host"
import { customerFileExists } from "../helpers/files"
import { createAdminHeaders, createCustomerHeaders, createPublishableKeyHeader } from "../helpers/admin"
import { runJobNow, waitFor } from "../helpers/wait"
import { Readable } from "stream"
import fs from "fs"
import http from "http"
import path from "path"
import { openCustomerFile } from "../../src/lib/customer-io/read"
import { createRun, stageFile } from "../../src/lib/customer-import/pipeline"
import { commitRun } from "../../src/lib/customer-import/commit"
import { loadImportContext } from "../../src/lib/customer-import/validate"
import { loadCustomerFileRows } from "../../src/lib/customer-io/customer-rows"
import { EXPORT_COLUMNS } from "../../src/lib/customer-io/columns"
import { csvRow } from "../../src/lib/csv"
import { customerFiles, privateFilesDirectory, storagePlan, describePlan } from "../../src/lib/customer-files"
import { moveLegacyCustomerFiles } from "../../src/lib/customer-files/legacy"

jest.setTimeout(180_000)

const MAX_BYTES = 200_000

const BASE = "/admin/backoffice/customer-imports"
const STATIC_DIR = path.join(HOST_DIR, "static")
const PRIVATE_DIR = privateFilesDirectory({}, HOST_DIR)

/** Every file under a directory (relative paths), recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f), { throwIfNoEntry: false })?.isFile())
    .sort()
}
/** Every stored file: the plugin's private directory and the served static/ directory. */
const storedFiles = () => [
  ...filesUnder(PRIVATE_DIR).map((f) => `private:${f}`),
  ...filesUnder(STATIC_DIR).map((f) => `static:${f}`),
]
// A real 1×1 PNG: the photo route decodes the image header.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64"
)
const ROUTES: [string, string][] = [
  ["get", `${BASE}`],
  ["post", `${BASE}`],
  ["get", `${BASE}/sample`],
  ["get", `${BASE}/cimp_x`],
  ["post", `${BASE}/cimp_x/mapping`],
  ["get", `${BASE}/cimp_x/rows`],
  ["post", `${BASE}/cimp_x/rows/cimpr_x`],
  ["post", `${BASE}/cimp_x/confirm`],
  ["get", `${BASE}/cimp_x/backup`],
  ["get", `${BASE}/cimp_x/failed-rows`],
  ["post", `${BASE}/cimp_x/undo`],
]

type Seed = {
  headers: Record<string, string>
  userId: string
  vip: string
  wholesale: string
  web: string
  shop: string
  alice: string
  aliceGuest: string
  bob: string
}

async function seed(container: MedusaContainer): Promise<Seed> {
  const { headers, user } = await createAdminHeaders(container)
  const customers = container.resolve(Modules.CUSTOMER)
  const channels = container.resolve(Modules.SALES_CHANNEL)
  const [vip, wholesale] = await customers.createCustomerGroups([{ name: "VIP" }, { name: "Wholesale" }])
  const [web, shop] = await channels.createSalesChannels([{ name: "Web" }, { name: "Shop" }])
  const [alice, aliceGuest, bob] = await customers.createCustomers([
    { first_name: "Alice", last_name: "Archer", email: "alice@example.com", has_account: true },
    { first_name: "Alice", last_name: "Guest", email: "alice@example.com", has_account: false },
    { first_name: "Bob", last_name: "Baker", email: "bob@example.com" },
  ])
  return {
    headers,
    userId: user.id,
    vip: vip.id,
    wholesale: wholesale.id,
    web: web.id,
    shop: shop.id,
    alice: alice.id,
    aliceGuest: aliceGuest.id,
    bob: bob.id,
  }
}

const FILE = [
  "Email,First Name,Last Name,Phone,Tags,Accepts Email Marketing,Note,Date of Birth,Country,Stores,Total Spent",
  'ALICE@example.com,Alicia,,+1 415 555 0100,VIP,no,"Likes tea",1990-05-01,France,Web,10',
  "bob@example.com,Bob,Baker,,,,,,,,",
  'new1@example.com,New,One,0044 20 7946 0958,Wholesale,yes,"Line 1\nLine 2",,GB,,',
  "not-an-email,X,,,,,,,,,",
  "new2@example.com,Two,,,,,,,,Nowhere,",
  "dup@example.com,First,,,,,,,,,",
  "dup@example.com,Second,,,,,,,,,",
  "carol@example.com,Carol,New,,,,,2090-01-01,,,",
].join("\r\n")

useTestHost({
  prefix: "cbo-http-import",
  admin: false,
  env: {
    CBO_IMPORT_MAX_BYTES: String(MAX_BYTES),
    CBO_IMPORT_BATCH_SIZE: "2",
  },
  testSuite: ({ api, getContainer }) => {
    let s: Seed
    beforeAll(async () => {
      s = await seed(getContainer())
    })
    const opts = () => ({ headers: s.headers, validateStatus: () => true })
    const get = (url: string) => api.get(url, opts())
    const post = (url: string, body: object = {}) => api.post(url, body, opts())
    const knex = (): Knex => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    async function upload(content: string | Buffer, name = "customers.csv", fields: Record<string, string> = {}) {
      const form = new FormData()
      for (const [k, v] of Object.entries(fields)) form.append(k, v)
      form.append("file", new Blob([content], { type: "text/csv" }), name)
      return api.post(BASE, form, opts())
    }

    const waitStatus = (id: string, statuses: string[]) =>
      waitFor(
        async () => {
          const res = await get(`${BASE}/${id}`)
          return statuses.includes(res.data.import_run?.status) ? res.data.import_run : null
        },
        { timeoutMs: 60_000, intervalMs: 200, what: `import ${id} to be ${statuses.join("/")}` }
      )

    const rows = async (id: string, filter = "all") =>
      (await get(`${BASE}/${id}/rows?filter=${filter}&limit=100`)).data.rows as any[]

    describe("authentication", () => {
      it.each(ROUTES)("%s %s answers 401 without an admin session", async (method, url) => {
        const o = { validateStatus: () => true }
        const res = method === "post" ? await api.post(url, {}, o) : await api.get(url, o)
        expect(res.status).toBe(401)
      })

      it("a customer's token cannot read an import (401)", async () => {
        const created = await upload("Email\nx@example.com\n")
        expect(created.status).toBe(201)
        const { headers } = await createCustomerHeaders(getContainer())
        const res = await api.get(`${BASE}/${created.data.import_run.id}`, { headers, validateStatus: () => true })
        expect(res.status).toBe(401)
        const list = await api.get(BASE, { headers, validateStatus: () => true })
        expect(list.status).toBe(401)
      })
    })

    describe("customer files are reachable only through the admin routes", () => {
      it("an import upload, its backup, its failed rows, an export and a photo: none under /static, each streamed by its authenticated route", async () => {
        const staticBefore = filesUnder(STATIC_DIR)
        const [existing] = await getContainer()
          .resolve(Modules.CUSTOMER)
          .createCustomers([{ email: "private-files@example.com", first_name: "Before" }])

        // an import upload that updates a customer (so it has a backup) and has a failed row
        const content = "Email,First Name\nprivate-files@example.com,After\nnot-an-email,X\n"
        const created = await upload(content, "private.csv")
        expect(created.status).toBe(201)
        const id = created.data.import_run.id
        await waitStatus(id, ["review"])
        expect((await post(`${BASE}/${id}/confirm`, { backup: true })).status).toBe(200)
        expect((await waitStatus(id, ["completed", "failed"])).status).toBe("completed")
        const run = await knex()("import_run").where({ id }).first("file_id", "backup_file_id")

        // an export
        const started = await post("/admin/backoffice/customer-exports", { format: "csv" })
        expect(started.status).toBe(202)
        const exportId = started.data.export.id
        await waitFor(
          async () => (await get(`/admin/backoffice/customer-exports/${exportId}`)).data.export?.status === "completed",
          { timeoutMs: 60_000, intervalMs: 200, what: "export job" }
        )
        const exportKey = ((await knex()("backoffice_job").where({ id: exportId }).first("result")).result as any).file_id

        // a photo
        const photoForm = new FormData()
        photoForm.append("file", new Blob([PNG], { type: "image/png" }), "me.png")
        const photo = await api.post(`/admin/backoffice/customers/${existing.id}/photo`, photoForm, opts())
        expect(photo.status).toBe(200)
        const photoUrl: string = photo.data.profile.photo_url
        expect(photoUrl).toMatch(new RegExp(`^/admin/backoffice/customers/${existing.id}/photo\\?v=[0-9a-f]{12}$`))
        const { photo_file_id: photoKey } = await knex()("customer_profile").where({ customer_id: existing.id }).first("photo_file_id")

        const keys: Record<string, string> = {
          upload: run.file_id,
          backup: run.backup_file_id,
          export: exportKey,
          photo: photoKey,
        }
        const port = Number(new URL(api.defaults.baseURL as string).port)
        for (const [what, key] of Object.entries(keys)) {
          expect([what, key]).toEqual([what, expect.stringMatching(/[0-9a-f]{32}/)]) // a random 128-bit token
          // stored in the plugin's private directory, and nothing of it in the served static/ directory
          const base = key.replace(/^.*[:/]/, "")
          expect([what, fs.existsSync(path.join(PRIVATE_DIR, base))]).toEqual([what, true])
          const token = /[0-9a-f]{32}/.exec(key)![0]
          expect([what, filesUnder(STATIC_DIR).filter((f) => f.includes(token))]).toEqual([what, []])
          // not served, by any spelling of its key, with or without a token
          for (const url of [`/static/${key}`, `/static/${base}`, `/static/${encodeURIComponent(key)}`, `/static/private-${base}`]) {
            for (const headers of [{}, s.headers]) {
              const res = await api.get(url, { headers, validateStatus: () => true })
              expect([what, url, res.status]).toEqual([what, url, 404])
            }
          }
        }
        // nothing at all was added to the served directory
        expect(filesUnder(STATIC_DIR)).toEqual(staticBefore)

        // the admin routes: 401 without an admin token, the file with one
        const routes: [string, (body: Buffer) => void][] = [
          [`/admin/backoffice/customer-exports/${exportId}/download`, (b) => expect(b.toString()).toContain("private-files@example.com")],
          [`${BASE}/${id}/backup`, (b) => expect(b.toString()).toContain("Before")],
          [`${BASE}/${id}/failed-rows`, (b) => expect(b.toString()).toContain("not-an-email")],
          [photoUrl, (b) => expect(b.equals(PNG)).toBe(true)],
        ]
        const { headers: customerHeaders } = await createCustomerHeaders(getContainer())
        for (const [url, check] of routes) {
          for (const headers of [{}, customerHeaders, { authorization: "Bearer not-a-token" }]) {
            const res = await api.get(url, { headers, validateStatus: () => true })
            expect([url, res.status]).toEqual([url, 401])
          }
          const res = await api.get(url, { headers: s.headers, responseType: "arraybuffer", validateStatus: () => true })
          expect([url, res.status]).toEqual([url, 200])
          check(Buffer.from(res.data))
        }
        const photoRes = await api.get(photoUrl, { headers: s.headers, validateStatus: () => true })
        expect(photoRes.headers["content-type"]).toBe("image/png")
        expect(photoRes.headers["cache-control"]).toMatch(/private/)

        // the upload itself is read by the import (already staged), and from the store, not from a URL
        const stored = await customerFiles(getContainer()).read(run.file_id)
        const chunks: Buffer[] = []
        for await (const c of stored) chunks.push(c as Buffer)
        expect(Buffer.concat(chunks).toString()).toBe(content)

      })

      it("a customer sees their own photo through the store route only", async () => {
        const { headers, customer } = (await createCustomerHeaders(getContainer())) as any
        const form = new FormData()
        form.append("file", new Blob([PNG], { type: "image/png" }), "me.png")
        expect((await api.post(`/admin/backoffice/customers/${customer.id}/photo`, form, opts())).status).toBe(200)
        const profile = await api.get("/store/backoffice/profile", { headers, validateStatus: () => true })
        expect(profile.status).toBe(200)
        expect(profile.data.profile.photo_url).toMatch(/^\/store\/backoffice\/profile\/photo\?v=[0-9a-f]{12}$/)
        const own = await api.get(profile.data.profile.photo_url, { headers, responseType: "arraybuffer", validateStatus: () => true })
        expect(own.status).toBe(200)
        expect(Buffer.from(own.data).equals(PNG)).toBe(true)
        const anonymous = await api.get(profile.data.profile.photo_url, {
          headers: await createPublishableKeyHeader(getContainer()),
          validateStatus: () => true,
        })
        expect(anonymous.status).toBe(401)
        // the admin photo URL is not for customers
        const admin = await api.get(`/admin/backoffice/customers/${customer.id}/photo`, { headers, validateStatus: () => true })
        expect(admin.status).toBe(401)
      })

      it("files stored by earlier versions through the File module (served at /static) are moved into the private store", async () => {
        const files = getContainer().resolve(Modules.FILE)
        const port = Number(new URL(api.defaults.baseURL as string).port)
        const legacyPrivate = async (name: string, content: string) => {
          const up = await files.getUploadStream({ filename: name, mimeType: "text/csv", access: "private" })
          up.writeStream.end(content)
          return ((await up.promise) as { key: string }).key
        }
        // what earlier versions wrote: "private" files of the local provider, a public photo
        const legacy = {
          upload: await legacyPrivate("customer-import-old.csv", "Email\nold-upload@example.com\n"),
          backup: await legacyPrivate("import-backup-old.csv", "Email\nold-backup@example.com\n"),
          export: await legacyPrivate("customers-old.csv", "Email\nold-export@example.com\n"),
          photo: (
            await files.createFiles({ filename: "customer-old.png", mimeType: "image/png", content: PNG.toString("base64"), access: "public" })
          ).id,
        }
        // on this host (as in any app with the local provider) they are public
        for (const key of Object.values(legacy)) {
          expect([key, (await api.get(`/static/${key}`, { validateStatus: () => true })).status]).toEqual([key, 200])
        }
        const [customer] = await getContainer().resolve(Modules.CUSTOMER).createCustomers([{ email: "old-photo@example.com" }])
        const form = new FormData()
        form.append("file", new Blob([PNG], { type: "image/png" }), "me.png")
        expect((await api.post(`/admin/backoffice/customers/${customer.id}/photo`, form, opts())).status).toBe(200)
        const { photo_file_id: newPhoto } = await knex()("customer_profile").where({ customer_id: customer.id }).first("photo_file_id")
        await customerFiles(getContainer()).remove(newPhoto)
        await knex()("customer_profile").where({ customer_id: customer.id }).update({ photo_file_id: legacy.photo, photo_url: `http://localhost:${port}/static/${legacy.photo}` })
        const created = await upload("Email\nx@example.com\n", "old.csv")
        const runId = created.data.import_run.id
        await waitStatus(runId, ["review"])
        const { file_id: newUpload } = await knex()("import_run").where({ id: runId }).first("file_id")
        await customerFiles(getContainer()).remove(newUpload)
        await knex()("import_run").where({ id: runId }).update({ file_id: legacy.upload, backup_file_id: legacy.backup })
        const started = await post("/admin/backoffice/customer-exports", { format: "csv" })
        const exportId = started.data.export.id
        await waitFor(
          async () => (await get(`/admin/backoffice/customer-exports/${exportId}`)).data.export?.status === "completed",
          { timeoutMs: 60_000, intervalMs: 200, what: "export job" }
        )
        const { result } = await knex()("backoffice_job").where({ id: exportId }).first("result")
        await customerFiles(getContainer()).remove(result.file_id)
        await knex()("backoffice_job").where({ id: exportId }).update({ result: { ...result, file_id: legacy.export } })

        const moved = await moveLegacyCustomerFiles(getContainer())
        expect(moved).toEqual({ moved: 4, missing: 0 })
        // gone from /static, the records point at private keys, the admin routes stream the same content
        for (const key of Object.values(legacy)) {
          expect([key, (await api.get(`/static/${key}`, { validateStatus: () => true })).status]).toEqual([key, 404])
        }
        const run = await knex()("import_run").where({ id: runId }).first("file_id", "backup_file_id")
        expect(run.file_id).toMatch(/^cbo-private:customer-import-[0-9a-f]{32}\.csv$/)
        expect(run.backup_file_id).toMatch(/^cbo-private:customer-import-backup-[0-9a-f]{32}\.csv$/)
        const backup = await get(`${BASE}/${runId}/backup`)
        expect([backup.status, String(backup.data)]).toEqual([200, expect.stringContaining("old-backup@example.com")])
        const exported = await get(`/admin/backoffice/customer-exports/${exportId}/download`)
        expect([exported.status, String(exported.data)]).toEqual([200, expect.stringContaining("old-export@example.com")])
        const profile = await knex()("customer_profile").where({ customer_id: customer.id }).first("photo_file_id", "photo_url")
        expect(profile.photo_file_id).toMatch(/^cbo-private:customer-photo-[0-9a-f]{32}\.png$/)
        expect(profile.photo_url).toMatch(new RegExp(`^/admin/backoffice/customers/${customer.id}/photo\\?v=`))
        const photo = await api.get(profile.photo_url, { headers: s.headers, responseType: "arraybuffer", validateStatus: () => true })
        expect([photo.status, Buffer.from(photo.data).equals(PNG)]).toEqual([200, true])
        // a second run has nothing left to move
        expect(await moveLegacyCustomerFiles(getContainer())).toEqual({ moved: 0, missing: 0 })
      })

      it("the boot check: Medusa's local provider would publish private files, so customer files are kept in the private directory", () => {
        const files = getContainer().resolve(Modules.FILE)
        const auto = storagePlan(files, { customerFilesStorage: "auto" }, HOST_DIR)
        expect(auto).toEqual(
          expect.objectContaining({ kind: "directory", directory: PRIVATE_DIR, refused: null, exposure: expect.stringMatching(/local file provider.*\/static/) })
        )
        const told = describePlan(auto)
        expect(told.level).toBe("warn")
        expect(told.message).toContain(PRIVATE_DIR)
        expect(told.message).toMatch(/privateFilesDir/)
        expect(told.message).toMatch(/file-s3/)
        // asking for the File module anyway is refused, with what to configure
        const forced = storagePlan(files, { customerFilesStorage: "file-module" }, HOST_DIR)
        expect(forced.refused).toMatch(/private_upload_dir|file-s3/)
        expect(describePlan(forced).level).toBe("error")
        // a private directory inside static/ is refused too
        const inside = storagePlan(files, { customerFilesStorage: "directory", privateFilesDir: "static/customers" }, HOST_DIR)
        expect(inside.refused).toMatch(/inside/)
        // the running app uses the private directory
        expect(customerFiles(getContainer()).plan).toEqual(expect.objectContaining({ kind: "directory", directory: PRIVATE_DIR, refused: null }))
      })
    })

    it("serves the sample Customers.csv with every importable column and two examples", async () => {
      const res = await get(`${BASE}/sample`)
      expect(res.status).toBe(200)
      expect(res.headers["content-type"]).toMatch(/text\/csv/)
      expect(res.headers["content-disposition"]).toMatch(/Customers\.csv/)
      const lines = String(res.data).replace(/^\uFEFF/, "").trim().split("\r\n")
      expect(lines).toHaveLength(3)
      expect(lines[0]).toMatch(/^Email,First Name,Last Name,Company,Phone,/)
      expect(lines[0]).toContain("Categories")
      expect(lines[0]).toContain("Marketing Opt-Out")
      expect(lines[1]).toContain("ada.lovelace@example.com")
    })

    it("refuses a file over importMaxBytes with 413 and a missing file with 400", async () => {
      const big = "Email\n" + "someone@example.com\n".repeat(MAX_BYTES / 10)
      const res = await upload(big)
      expect(res.status).toBe(413)
      expect(res.data.message).toMatch(/larger than/)
      const none = await api.post(BASE, new FormData(), opts())
      expect(none.status).toBe(400)
    })

    it("an upload refused with 413 leaves no file in the File module and no import run", async () => {
      // an accepted file is in the customer-file store
      const ok = await upload("Email\nkeep@example.com\n", "accepted.csv")
      expect(ok.status).toBe(201)
      const accepted = await knex()("import_run").where({ id: ok.data.import_run.id }).first("file_id")
      expect(storedFiles()).toContain(`private:${accepted.file_id.replace(/^.*:/, "")}`)
      const importFiles = storedFiles
      const filesBefore = importFiles()
      const [{ count: runsBefore }] = await knex()("import_run").count("* as count")

      // just over the limit: the declared length passes the early check, the stream hits the limit
      const justOver = "Email\n" + "someone@example.com\n".repeat(Math.ceil(MAX_BYTES / 20) + 50)
      expect(justOver.length).toBeGreaterThan(MAX_BYTES)
      expect(justOver.length).toBeLessThan(MAX_BYTES + 64 * 1024)
      const over = await upload(justOver, "just-over.csv")
      expect(over.status).toBe(413)
      // far over: refused on the declared length before anything is stored
      const farOver = await upload("Email\n" + "someone@example.com\n".repeat(MAX_BYTES / 5), "far-over.csv")
      expect(farOver.status).toBe(413)
      // no declared length (chunked): the stream hits the limit
      const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const boundary = "----cbo-test-boundary"
        const req = http.request(
          {
            host: "localhost",
            port: Number(new URL(api.defaults.baseURL as string).port),
            path: BASE,
            method: "POST",
            headers: { ...s.headers, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" },
          },
          (res) => {
            let body = ""
            res.on("data", (c) => (body += c))
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }))
          }
        )
        req.on("error", reject)
        req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="chunked.csv"\r\nContent-Type: text/csv\r\n\r\n`)
        for (let i = 0; i < 30; i++) req.write("someone@example.com\n".repeat(500))
        req.end(`\r\n--${boundary}--\r\n`)
      })
      expect(chunked.status).toBe(413)

      // each 413 goes out after the partial file was removed (multer waits for the
      // write, removes it, then hands the error on): the answers prove the cleanup
      expect(importFiles()).toEqual(filesBefore)
      const [{ count: runsAfter }] = await knex()("import_run").count("* as count")
      expect(Number(runsAfter)).toBe(Number(runsBefore))
    })

    it("an upload refused on its parent_run_id leaves no file and no import run", async () => {
      const [{ count: runsBefore }] = await knex()("import_run").count("* as count")
      const filesBefore = storedFiles()
      const cases: [Record<string, string> | [string, string][], RegExp][] = [
        [{ parent_run_id: "cimp_missing" }, /not found/],
        [{ parent_run_id: "not an id" }, /id of an import/],
        // the shared input guard refuses it first, naming the field
        [{ parent_run_id: "cimp_\u0000x" }, /parent_run_id: contains a control character/],
        [{ parent_run_id: "cimp_" + "x".repeat(200) }, /./],
        [[["parent_run_id", "cimp_a"], ["parent_run_id", "cimp_b"]], /./],
        [{ unexpected: "field" }, /./],
      ]
      for (const [fields, message] of cases) {
        const form = new FormData()
        for (const [k, v] of Array.isArray(fields) ? fields : Object.entries(fields)) form.append(k, v)
        form.append("file", new Blob(["Email\norphan@example.com\n"], { type: "text/csv" }), "orphan.csv")
        const res = await api.post(BASE, form, opts())
        expect([fields, res.status]).toEqual([fields, 400])
        expect(res.data.type).toBe("invalid_data")
        expect(res.data.message).toMatch(message)
      }
      expect(storedFiles()).toEqual(filesBefore)
      const [{ count: runsAfter }] = await knex()("import_run").count("* as count")
      expect(Number(runsAfter)).toBe(Number(runsBefore))
    })

    it("a file that is not a table fails the run with a clear message", async () => {
      const res = await upload(Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 0]), "photo.png")
      expect(res.status).toBe(201)
      const run = await waitStatus(res.data.import_run.id, ["failed"])
      expect(run.error).toBeTruthy()
    })

    it("runs the whole flow: review, edits, duplicates, confirm with backup, results, failed rows, re-import, undo", async () => {
      // 1. upload → parse job → review
      const created = await upload(FILE, "spring.csv")
      expect(created.status).toBe(201)
      const id = created.data.import_run.id
      expect(created.data.import_run).toEqual(
        expect.objectContaining({ file_name: "spring.csv", created_by: s.userId, status: expect.any(String) })
      )
      let run = await waitStatus(id, ["review", "failed"])
      expect(run.status).toBe("review")
      expect(run.headers[0]).toBe("Email")
      const map = Object.fromEntries(run.mapping.map((m: any) => [m.header, m.column]))
      expect(map).toEqual(
        expect.objectContaining({
          Email: "email",
          Tags: "categories",
          "Accepts Email Marketing": "accepts_email_marketing",
          Note: "note",
          Country: "country_code",
          "Total Spent": null,
        })
      )
      expect(run.mapping.find((m: any) => m.header === "Total Spent").reason).toBeTruthy()
      expect(run.counts).toEqual(
        expect.objectContaining({ rows: 8, new: 2, update: 1, unchanged: 1, invalid: 3, duplicate: 1, excluded: 1 })
      )

      // 2. rows: row numbers as a spreadsheet shows them, errors per cell, matching
      const all = await rows(id)
      expect(all.map((r) => r.row_number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9])
      const byRow = Object.fromEntries(all.map((r) => [r.row_number, r]))
      expect(byRow[2]).toEqual(expect.objectContaining({ action: "update", customer_id: s.alice }))
      expect(byRow[3]).toEqual(expect.objectContaining({ action: "unchanged", customer_id: s.bob }))
      expect(byRow[4].action).toBe("new")
      expect(byRow[4].values.note).toBe("Line 1\nLine 2")
      expect(byRow[5].errors.email).toMatch(/not a valid email/)
      expect(byRow[6].errors.stores).toMatch(/Unknown store: Nowhere/)
      expect(byRow[7]).toEqual(expect.objectContaining({ excluded: true, duplicate_of: 8 }))
      expect(byRow[8]).toEqual(expect.objectContaining({ excluded: false, duplicate_of: null, action: "new" }))
      expect(byRow[9].errors.date_of_birth).toMatch(/future/)
      expect((await rows(id, "invalid")).map((r) => r.row_number)).toEqual([5, 6, 9])
      expect((await rows(id, "duplicate")).map((r) => r.row_number)).toEqual([7, 8])

      // 3. inline edit re-validated at once; exclude; pick the other duplicate
      let edit = await post(`${BASE}/${id}/rows/${byRow[9].id}`, { values: { date_of_birth: "1980-01-31" } })
      expect(edit.status).toBe(200)
      expect(edit.data.row).toEqual(expect.objectContaining({ action: "new", errors: {}, edited: true }))
      expect(edit.data.counts).toEqual(expect.objectContaining({ new: 3, invalid: 2 }))
      edit = await post(`${BASE}/${id}/rows/${byRow[9].id}`, { values: { date_of_birth: "31/01/1980" } })
      expect(edit.data.row.errors.date_of_birth).toMatch(/YYYY-MM-DD/)
      edit = await post(`${BASE}/${id}/rows/${byRow[9].id}`, { values: { date_of_birth: "1980-01-31" } })
      edit = await post(`${BASE}/${id}/rows/${byRow[6].id}`, { excluded: true })
      expect(edit.data.row.excluded).toBe(true)
      expect(edit.data.counts).toEqual(expect.objectContaining({ invalid: 1, excluded: 2 }))
      edit = await post(`${BASE}/${id}/rows/${byRow[7].id}`, { excluded: false })
      expect(edit.data.row).toEqual(expect.objectContaining({ excluded: false, duplicate_of: null }))
      const dups = Object.fromEntries((await rows(id, "duplicate")).map((r) => [r.row_number, r]))
      expect(dups[8]).toEqual(expect.objectContaining({ excluded: true, duplicate_of: 7 }))
      const bad = await post(`${BASE}/${id}/rows/${byRow[9].id}`, { values: { shoe_size: "9" } })
      expect(bad.status).toBe(400)

      // 4. confirm (backup on by default) → commit job in batches of 2
      const committedEvents: any[] = []
      ;(getContainer().resolve(Modules.EVENT_BUS) as any).subscribe(
        "customer_backoffice.import.batch_committed",
        async (event: any) => {
          committedEvents.push(event.data)
        },
        { subscriberId: "test-import-batch-committed" }
      )
      const confirmed = await post(`${BASE}/${id}/confirm`, {})
      expect(confirmed.status).toBe(200)
      expect(confirmed.data.import_run.status).toBe("committing")
      expect((await post(`${BASE}/${id}/confirm`, {})).status).toBe(409)
      run = await waitStatus(id, ["completed", "failed"])
      expect(run.status).toBe("completed")
      expect(run.counts).toEqual(
        expect.objectContaining({ created: 3, updated: 1, unchanged: 1, failed: 1, excluded: 2 })
      )
      expect(run.backup_available).toBe(true)
      expect(run.committed_at).toBeTruthy()
      expect(new Date(run.undo_until).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000)
      expect(run.can_undo).toBe(true)

      const db = knex()
      const alice = await db("customer").where({ id: s.alice }).first()
      expect(alice).toEqual(expect.objectContaining({ first_name: "Alicia", last_name: "Archer", phone: "+14155550100" }))
      const guest = await db("customer").where({ id: s.aliceGuest }).first()
      expect(guest.first_name).toBe("Alice")
      const aliceProfile = await db("customer_profile").where({ customer_id: s.alice }).first()
      expect(aliceProfile.date_of_birth.toISOString()).toBe("1990-05-01T00:00:00.000Z")
      expect(aliceProfile.origin).toBe("storefront")
      expect(await db("customer_group_customer").where({ customer_id: s.alice, customer_group_id: s.vip, deleted_at: null })).toHaveLength(1)
      expect((await db("customer_consent").where({ customer_id: s.alice }).first()).marketing_opt_out).toBe(true)
      expect(await db("consent_event").where({ customer_id: s.alice, source: "import" })).toHaveLength(1)
      expect(await db("customer_note").where({ customer_id: s.alice, body: "Likes tea" })).toHaveLength(1)
      const address = await db("customer_address").where({ customer_id: s.alice, is_default_shipping: true }).first()
      expect(address.country_code).toBe("fr")
      const links = await db("customer_customer_sales_channel_sales_channel").where({ customer_id: s.alice, deleted_at: null })
      expect(links.map((l: any) => l.sales_channel_id)).toContain(s.web)

      const new1 = await db("customer").whereRaw("lower(email) = 'new1@example.com'").first()

      // one batch_committed event per written batch: the run id and the ids it created / updated
      await waitFor(() => committedEvents.filter((e) => e.run_id === id).length > 0, { what: "batch_committed events" })
      const runEvents = committedEvents.filter((e) => e.run_id === id)
      for (const e of runEvents) {
        expect(Object.keys(e).sort()).toEqual(["created", "run_id", "updated"])
        expect(e.created.length + e.updated.length).toBeLessThanOrEqual(2) // importBatchSize
      }
      const createdIds = (
        await db("customer")
          .whereRaw("lower(email) in ('new1@example.com', 'dup@example.com', 'carol@example.com')")
          .whereNull("deleted_at")
          .select("id")
      ).map((c: any) => c.id)
      expect(createdIds).toHaveLength(3)
      expect(runEvents.flatMap((e) => e.created).sort()).toEqual(createdIds.sort())
      expect(runEvents.flatMap((e) => e.updated)).toEqual([s.alice])
      expect(new1).toEqual(expect.objectContaining({ first_name: "New", phone: "+442079460958", has_account: false, created_by: s.userId }))
      const new1Links = await db("customer_customer_sales_channel_sales_channel").where({ customer_id: new1.id, deleted_at: null })
      const allChannels = (await db("sales_channel").whereNull("deleted_at").select("id")).map((c: any) => c.id)
      expect(allChannels).toEqual(expect.arrayContaining([s.web, s.shop]))
      expect(new1Links.map((l: any) => l.sales_channel_id).sort()).toEqual(allChannels.sort())
      expect((await db("customer_profile").where({ customer_id: new1.id }).first()).origin).toBe("import")
      expect((await db("customer_note").where({ customer_id: new1.id }).first()).body).toBe("Line 1\nLine 2")
      expect(await db("customer").whereRaw("lower(email) = 'dup@example.com'").select("first_name")).toEqual([{ first_name: "First" }])
      expect(await db("customer").whereRaw("lower(email) = 'new2@example.com'")).toHaveLength(0)

      // timeline: "imported by run X"
      const timeline = await get(`/admin/backoffice/customers/${new1.id}/timeline?kind=customer.imported`)
      expect(timeline.status).toBe(200)
      expect(timeline.data.entries).toHaveLength(1)
      expect(timeline.data.entries[0]).toEqual(
        expect.objectContaining({ kind: "customer.imported", actor_type: "import", actor_name: "Import", actor_id: id })
      )
      expect(timeline.data.entries[0].summary).toBe(`Imported by run ${id} (spring.csv): created`)
      const aliceTimeline = await get(`/admin/backoffice/customers/${s.alice}/timeline?kind=customer.imported`)
      expect(aliceTimeline.data.entries[0].summary).toBe(`Imported by run ${id} (spring.csv): updated`)

      // results: failed rows with row numbers
      const failed = await rows(id, "failed")
      expect(failed.map((r) => r.row_number)).toEqual([5])
      expect(failed[0].fail_reason).toMatch(/email/)

      // 5. backup: the customer as it was before
      const backup = await get(`${BASE}/${id}/backup`)
      expect(backup.status).toBe(200)
      const backupLines = String(backup.data).replace(/^\uFEFF/, "").trim().split("\r\n")
      expect(backupLines).toHaveLength(2)
      expect(backupLines[1]).toContain("Alice")
      expect(backupLines[1]).not.toContain("Alicia")

      // 6. failed rows CSV: original columns + Error with the spreadsheet row number
      const failedCsv = await get(`${BASE}/${id}/failed-rows`)
      expect(failedCsv.status).toBe(200)
      const failedLines = String(failedCsv.data).replace(/^\uFEFF/, "").trim().split("\r\n")
      expect(failedLines[0]).toBe(
        "Email,First Name,Last Name,Phone,Tags,Accepts Email Marketing,Note,Date of Birth,Country,Stores,Total Spent,Error"
      )
      expect(failedLines).toHaveLength(2)
      expect(failedLines[1]).toMatch(/^not-an-email,X,.*,"?Row 5: email: /)

      // 7. fix and re-import linked to the original run
      const fixed = failedLines.join("\r\n").replace("not-an-email", "fixed@example.com")
      const again = await upload(fixed, "spring-failed-rows.csv", { parent_run_id: id })
      expect(again.status).toBe(201)
      expect(again.data.import_run.parent_run_id).toBe(id)
      const againRun = await waitStatus(again.data.import_run.id, ["review"])
      expect(againRun.counts).toEqual(expect.objectContaining({ rows: 1, new: 1, invalid: 0 }))
      expect(againRun.mapping.find((m: any) => m.header === "Error").column).toBeNull()
      const unknownParent = await upload(fixed, "x.csv", { parent_run_id: "cimp_missing" })
      expect(unknownParent.status).toBe(400)
      expect(unknownParent.data.errors).toEqual([{ field: "parent_run_id", message: "Import cimp_missing was not found" }])

      // 8. runs list: newest first with who, when, file, counts, status
      const list = await get(`${BASE}?limit=10`)
      expect(list.status).toBe(200)
      expect(list.data.import_runs[0].id).toBe(again.data.import_run.id)
      const listed = list.data.import_runs.find((r: any) => r.id === id)
      expect(listed).toEqual(
        expect.objectContaining({ status: "completed", file_name: "spring.csv", created_by: s.userId })
      )
      expect(listed.created_by_user).toEqual(expect.objectContaining({ id: s.userId, first_name: "Ada" }))

      // 9. undo: a customer changed since the import is left alone and listed
      const edited = await post(`/admin/customers/${new1.id}`, { last_name: "Changed" })
      expect(edited.status).toBe(200)
      // the timeline diffs the edit against the imported values
      const diff = await waitFor(
        async () =>
          (await db("timeline_entry").where({ customer_id: new1.id }).whereNot({ kind: "customer.imported" })).find(
            (e: any) => JSON.stringify(e.data ?? {}).includes("Changed")
          ),
        { timeoutMs: 15_000, what: "the timeline entry of the edit" }
      )
      expect(diff.data.changes).toEqual([{ field: "last_name", old: "One", new: "Changed" }])
      const undo = await post(`${BASE}/${id}/undo`)
      expect(undo.status).toBe(200)
      expect(undo.data.import_run.status).toBe("undone")
      expect(undo.data.skipped).toEqual([
        expect.objectContaining({ customer_id: new1.id, email: "new1@example.com", reason: "Changed since the import" }),
      ])
      const aliceAfter = await db("customer").where({ id: s.alice }).first()
      expect(aliceAfter).toEqual(expect.objectContaining({ first_name: "Alice", phone: null }))
      expect(await db("customer_group_customer").where({ customer_id: s.alice, deleted_at: null })).toHaveLength(0)
      expect((await db("customer_consent").where({ customer_id: s.alice }).first()).marketing_opt_out).toBe(false)
      expect(await db("customer_note").where({ customer_id: s.alice, deleted_at: null })).toHaveLength(0)
      expect((await db("customer_profile").where({ customer_id: s.alice }).first()).deleted_at).not.toBeNull()
      const dupAfter = await db("customer").whereRaw("lower(email) = 'dup@example.com'").first()
      expect(dupAfter.deleted_at).not.toBeNull()
      expect((await db("customer").where({ id: new1.id }).first()).deleted_at).toBeNull()
      const again2 = await post(`${BASE}/${id}/undo`)
      expect(again2.status).toBe(400)
    })

    it("pipeline functions run on a plain knex; applying rows twice changes nothing", async () => {
      const db = knex()
      const ctx = await loadImportContext(db, { defaultCountry: "US", emailRequired: true })
      const runId = await createRun(db, { file_name: "direct.csv" })
      const content =
        "\uFEFFEmail;First Name;Categories;Marketing Opt-Out;Note;City\r\n" +
        "bob@example.com;Robert;VIP;yes;Called;Leeds\r\n" +
        'p1@example.com;P1;Wholesale;no;"multi\r\nline";York\r\n' +
        "p2@example.com;P2;;;;\r\n"
      const opened = await openCustomerFile(Readable.from([Buffer.from(content)]))
      const staged = await stageFile(db, runId, opened, ctx)
      expect(staged.counts).toEqual(expect.objectContaining({ rows: 3, new: 2, update: 1 }))
      await db("import_run").where({ id: runId }).update({ status: "committing" })
      const first = await commitRun(db, runId, ctx, { batchSize: 2 })
      expect(first).toEqual(expect.objectContaining({ created: 2, updated: 1, failed: 0 }))

      const snapshot = async () => {
        const ids = (await db("import_row").where({ run_id: runId }).orderBy("row_number").select("customer_id")).map(
          (r: any) => r.customer_id
        )
        const strip = (rows: any[]) => rows.map(({ updated_at, ...r }) => r)
        return {
          customers: strip(await db("customer").whereIn("id", ids).orderBy("id")),
          profiles: strip(await db("customer_profile").whereIn("customer_id", ids).orderBy("id")),
          addresses: strip(await db("customer_address").whereIn("customer_id", ids).orderBy("id")),
          groups: strip(await db("customer_group_customer").whereIn("customer_id", ids).orderBy("id")),
          stores: strip(await db("customer_customer_sales_channel_sales_channel").whereIn("customer_id", ids).orderBy("id")),
          consent: strip(await db("customer_consent").whereIn("customer_id", ids).orderBy("id")),
          events: strip(await db("consent_event").whereIn("customer_id", ids).orderBy("id")),
          notes: strip(await db("customer_note").whereIn("customer_id", ids).orderBy("id")),
          timeline: strip(await db("timeline_entry").whereIn("customer_id", ids).where({ kind: "customer.imported" }).orderBy("id")),
        }
      }
      const before = await snapshot()
      expect(before.notes.map((n: any) => n.body).sort()).toEqual(["Called", "multi\r\nline"])
      // a replayed batch (as after a crash between the write and its acknowledgement)
      await db("import_row").where({ run_id: runId }).update({ applied_at: null, result: null })
      const second = await commitRun(db, runId, ctx, { batchSize: 2 })
      expect(second).toEqual(expect.objectContaining({ created: 2, updated: 1, failed: 0 }))
      expect(await snapshot()).toEqual(before)
    })

    it("batches written one at a time or several at once give the same customers", async () => {
      const db = knex()
      const ctx = await loadImportContext(db, { defaultCountry: "US", emailRequired: true })
      const file = (domain: string) => {
        const lines = ["Email,First Name,Last Name,Phone,Categories,Marketing Opt-Out,Note,City,Country,Gender"]
        for (let i = 1; i <= 40; i++) {
          lines.push(
            [
              `c${i}@${domain}`,
              `First${i}`,
              i % 3 ? `Last${i}` : "",
              i % 4 ? `+4479460${String(10000 + i)}` : "",
              ["VIP", "Wholesale", "", "VIP; Wholesale"][i % 4],
              i % 2 ? "yes" : "no",
              i % 5 ? "" : `Note ${i}`,
              i % 6 ? "Leeds" : "",
              i % 6 ? "GB" : "",
              ["female", "male", ""][i % 3],
            ].join(",")
          )
        }
        // three rows update existing customers, one row is invalid
        lines.push(`u1@${domain},Updated,One,,VIP,no,Changed,York,GB,`)
        lines.push(`u2@${domain},,Two,,,yes,,,,`)
        lines.push(`u3@${domain},Three,,,,,,,,other`)
        lines.push(`bad@${domain},Bad,,not a phone,,,,,,`)
        return lines.join("\n") + "\n"
      }
      const importWith = async (domain: string, lanes: number) => {
        for (const u of ["u1", "u2", "u3"]) {
          await db("customer").insert({
            id: `cus_lanes_${u}_${lanes}`,
            email: `${u}@${domain}`,
            first_name: "Old",
            last_name: "Name",
            has_account: false,
          })
        }
        const runId = await createRun(db, { file_name: `${domain}.csv` })
        const opened = await openCustomerFile(Readable.from([Buffer.from(file(domain))]))
        const staged = await stageFile(db, runId, opened, ctx)
        expect(staged.counts).toEqual(expect.objectContaining({ rows: 44, new: 40, update: 3, invalid: 1 }))
        await db("import_run").where({ id: runId }).update({ status: "committing" })
        const counts = await commitRun(db, runId, ctx, { batchSize: 3, lanes })
        expect(counts).toEqual(expect.objectContaining({ created: 40, updated: 3, failed: 1 }))
        return runId
      }
      // every written value of the run's customers, keyed by the email's local part (ids and times left out)
      const written = async (runId: string) => {
        const { rows } = await db.raw(
          `select split_part(c.email, '@', 1) as who, c.first_name, c.last_name, c.phone, c.company_name,
                  (select row_to_json(x) from (select p.gender, p.phone_original, p.origin from customer_profile p
                     where p.customer_id = c.id and p.deleted_at is null) x) as profile,
                  (select json_agg(json_build_object('city', a.city, 'country', a.country_code,
                     'shipping', a.is_default_shipping, 'billing', a.is_default_billing)) from customer_address a
                     where a.customer_id = c.id and a.deleted_at is null) as addresses,
                  (select json_agg(g.name order by g.name) from customer_group_customer m
                     join customer_group g on g.id = m.customer_group_id
                    where m.customer_id = c.id and m.deleted_at is null) as categories,
                  (select count(*) from customer_customer_sales_channel_sales_channel s
                    where s.customer_id = c.id and s.deleted_at is null)::int as stores,
                  (select cc.marketing_opt_out from customer_consent cc
                    where cc.customer_id = c.id and cc.deleted_at is null) as opt_out,
                  (select json_agg(e.old_value || '>' || e.new_value) from consent_event e where e.customer_id = c.id) as consent_events,
                  (select json_agg(n.body) from customer_note n where n.customer_id = c.id and n.deleted_at is null) as notes,
                  (select count(*) from timeline_entry t where t.customer_id = c.id and t.kind = 'customer.imported')::int as timeline,
                  (select count(*) from timeline_customer_snapshot t where t.customer_id = c.id)::int as snapshots
             from customer c
            where c.id in (select customer_id from import_row where run_id = ? and result in ('created', 'updated'))
            order by 1`,
          [runId]
        )
        return rows
      }
      const one = await written(await importWith("lanes1.example", 1))
      const three = await written(await importWith("lanes3.example", 3))
      expect(one).toHaveLength(43)
      expect(three).toEqual(one)
      expect(one.find((r: any) => r.who === "u1")).toEqual(
        expect.objectContaining({ first_name: "Updated", last_name: "One", categories: ["VIP"], notes: ["Changed"] })
      )
    })

    it("a file in our export format re-imports with zero changes", async () => {
      const db = knex()
      const source = await post(`/admin/backoffice/referral-sources`, { name: "Instagram" })
      expect(source.status).toBe(201)
      const profile = await post(`/admin/backoffice/customers/${s.alice}/profile`, {
        title: "Dr",
        gender: "female",
        date_of_birth: "1985-03-04",
        anniversary: "2020-01-02",
        nationality: "FR",
        customer_number: "C-1",
        gate_code: "=1234",
        alt_phone: "+44 20 7946 0000",
        phone: "+1 415 555 0111",
        company_name: "Archer & Co, Ltd",
        referral_source_id: source.data.referral_source.id,
      })
      expect(profile.status).toBe(200)
      expect((await post(`/admin/backoffice/customers/${s.alice}/categories`, { category_ids: [s.vip, s.wholesale] })).status).toBe(200)
      expect((await post(`/admin/backoffice/customers/${s.alice}/consent`, { marketing_opt_out: true })).status).toBe(200)
      const address = await post(`/admin/customers/${s.alice}/addresses`, {
        address_1: "1 Main St",
        city: "Paris",
        country_code: "fr",
        postal_code: "75001",
        is_default_shipping: true,
        is_default_billing: true,
      })
      expect(address.status).toBe(200)

      const current = await loadCustomerFileRows(db, [s.alice, s.bob])
      const content =
        csvRow(EXPORT_COLUMNS.map((c) => c.label)) +
        [s.alice, s.bob].map((id) => csvRow(EXPORT_COLUMNS.map((c) => current.get(id)![c.key]))).join("")
      expect(content).toContain("'+14155550111")
      const created = await upload(content, "export.csv")
      const run = await waitStatus(created.data.import_run.id, ["review"])
      const problems = (await rows(run.id)).filter((r) => r.action !== "unchanged")
      expect(problems).toEqual([])
      expect(run.counts).toEqual(expect.objectContaining({ rows: 2, unchanged: 2, new: 0, update: 0, invalid: 0 }))
    })

    it("a file that breaks off while staging leaves no staged rows and a usable connection pool", async () => {
      const db = knex()
      const ctx = await loadImportContext(db, { defaultCountry: "US", emailRequired: true })
      const runId = await createRun(db, { file_name: "broken.csv" })
      async function* records() {
        for (let i = 0; i < 4500; i++) yield { row_number: i + 2, cells: [`r${i}@example.com`] }
        throw new Error("Row 4502 is longer than 1 MB")
      }
      await expect(stageFile(db, runId, { headers: ["Email"], records: records() }, ctx)).rejects.toThrow(/4502/)
      expect(await db("import_row").where({ run_id: runId })).toHaveLength(0)
      // every pooled connection still answers
      const answers = await Promise.all(Array.from({ length: 12 }, () => db.raw("select 1 as ok")))
      expect(answers.every((a: any) => a.rows[0].ok === 1)).toBe(true)
      const again = await stageFile(db, runId, { headers: ["Email"], records: (async function* () {
        yield { row_number: 2, cells: ["ok@example.com"] }
      })() }, ctx)
      expect(again.counts).toEqual(expect.objectContaining({ rows: 1, new: 1 }))
    })

    it("a mapping change re-validates every row", async () => {
      const created = await upload("Mail,Forename,Whatever\nzed@example.com,Zed,nope\n", "m.csv")
      const id = created.data.import_run.id
      let run = await waitStatus(id, ["review"])
      expect(run.mapping.map((m: any) => m.column)).toEqual(["email", "first_name", null])
      const bad = await post(`${BASE}/${id}/mapping`, { mapping: { Whatever: "first_name" } })
      expect(bad.status).toBe(400)
      // a small file is re-validated in the request
      const res = await post(`${BASE}/${id}/mapping`, { mapping: { Forename: null, Whatever: "gender" } })
      expect(res.status).toBe(200)
      run = res.data.import_run
      expect(run.status).toBe("review")
      expect(run.mapping.map((m: any) => m.column)).toEqual(["email", null, "gender"])
      const [row] = await rows(id)
      expect(row.values).toEqual({ email: "zed@example.com", gender: "nope" })
      expect(row.errors.gender).toMatch(/not a gender/)
      expect(run.counts.invalid).toBe(1)

      // a large one by the re-validation job
      process.env.CBO_IMPORT_INLINE_REVALIDATE_ROWS = "0"
      try {
        const viaJob = await post(`${BASE}/${id}/mapping`, { mapping: { Whatever: null, Forename: "first_name" } })
        expect(viaJob.status).toBe(200)
        expect(viaJob.data.import_run.status).toBe("parsing")
        expect(viaJob.data.import_run.job).toEqual(expect.objectContaining({ id: expect.any(String) }))
        expect((await post(`${BASE}/${id}/confirm`, {})).status).toBe(409)
        run = await waitStatus(id, ["review"])
        expect(run.mapping.map((m: any) => m.column)).toEqual(["email", "first_name", null])
        expect(run.counts).toEqual(expect.objectContaining({ new: 1, invalid: 0 }))
        const [again] = await rows(id)
        expect(again.values).toEqual({ email: "zed@example.com", first_name: "Zed" })
      } finally {
        delete process.env.CBO_IMPORT_INLINE_REVALIDATE_ROWS
      }
    })

    it("the Duplicates tab pages by groups: a page holds every row of its groups", async () => {
      const content = [
        "Email,First Name",
        "g1@example.com,One A", // 2
        "g2@example.com,Two A", // 3
        "solo@example.com,Solo", // 4
        "g1@example.com,One B", // 5
        "g3@example.com,Three A", // 6
        "g2@example.com,Two B", // 7
        "g1@example.com,One C", // 8
        "g3@example.com,Three B", // 9
      ].join("\n")
      const created = await upload(content, "groups.csv")
      const id = created.data.import_run.id
      const run = await waitStatus(id, ["review"])
      expect(run.counts.duplicate).toBe(4)
      const page = async (limit: number, offset: number) =>
        (await get(`${BASE}/${id}/rows?filter=duplicate&limit=${limit}&offset=${offset}`)).data
      const first = await page(1, 0)
      expect(first).toEqual(expect.objectContaining({ count: 3, rows_count: 7, unit: "groups", limit: 1, offset: 0 }))
      // new customers are created as guests: the group is the email and the kind of customer written
      expect(first.rows.map((r: any) => [r.row_number, r.group])).toEqual([
        [2, "g1@example.com (guest)"],
        [5, "g1@example.com (guest)"],
        [8, "g1@example.com (guest)"],
      ])
      expect(first.rows.map((r: any) => r.duplicate_of)).toEqual([8, 8, null])
      const rest = await page(2, 1)
      expect(rest.rows.map((r: any) => r.row_number)).toEqual([3, 7, 6, 9])
      expect((await page(2, 3)).rows).toEqual([])
      // pages of one group each: no group is ever split, every duplicate row is shown once
      const seen: number[] = []
      for (let offset = 0; offset < 3; offset++) {
        const p = await page(1, offset)
        expect(new Set(p.rows.map((r: any) => r.group)).size).toBe(1)
        seen.push(...p.rows.map((r: any) => r.row_number))
      }
      expect(seen.sort((a, b) => a - b)).toEqual([2, 3, 5, 6, 7, 8, 9])
      // other tabs still page by rows
      const all = await get(`${BASE}/${id}/rows?filter=all&limit=3&offset=0`)
      expect(all.data).toEqual(expect.objectContaining({ count: 8 }))
      expect(all.data.rows).toHaveLength(3)
    })

    it("an import's backup outlives the export retention while the import can be undone, then expires", async () => {
      const [kept] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ email: "kept@example.com", first_name: "Kept" }])
      const created = await upload("Email,First Name\nkept@example.com,Keeper\n", "backup.csv")
      const id = created.data.import_run.id
      await waitStatus(id, ["review"])
      expect((await post(`${BASE}/${id}/confirm`, { backup: true })).status).toBe(200)
      let run = await waitStatus(id, ["completed", "failed"])
      expect(run.backup_available).toBe(true)
      expect(run.backup_expired_at).toBeNull()
      const { backup_file_id: backupFile } = await knex()("import_run").where({ id }).first("backup_file_id")
      const exists = (key: string) => customerFileExists(getContainer(), key)
      expect(await exists(backupFile)).toBe(true)

      const expireFiles = () =>
        runJobNow({ post, get }, "/admin/backoffice/customer-exports/expire-files", "the files retention job")
      const day = 24 * 3600 * 1000
      // older than the 7-day retention, but the import can still be undone: kept
      await knex()("import_run")
        .where({ id })
        .update({ committed_at: new Date(Date.now() - 10 * day), undo_until: new Date(Date.now() + day) })
      let job = await expireFiles()
      expect(job.status).toBe("completed")
      expect(await exists(backupFile)).toBe(true)
      expect((await get(`${BASE}/${id}`)).data.import_run.backup_available).toBe(true)

      // the undo window is over: the backup file is deleted, the run says so
      await knex()("import_run").where({ id }).update({ undo_until: new Date(Date.now() - day) })
      job = await expireFiles()
      expect(job.result.backups).toBe(1)
      expect(await exists(backupFile)).toBe(false)
      run = (await get(`${BASE}/${id}`)).data.import_run
      expect(run).toEqual(expect.objectContaining({ backup_available: false, backup_expired_at: expect.any(String) }))
      const gone = await get(`${BASE}/${id}/backup`)
      expect(gone.status).toBe(410)
      expect(gone.data.message).toMatch(/expired/)
      expect((await knex()("customer").where({ id: kept.id }).first()).first_name).toBe("Keeper")
    })
  },
})
