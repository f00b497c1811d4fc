import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import * as iconv from "iconv-lite"
import { useTestHost } from "../helpers/test-host"
import { createCustomerHeaders } from "../helpers/admin"
import { waitFor } from "../helpers/wait"
import { UNREADABLE_MESSAGE } from "../../src/lib/customer-import/unreadable"

jest.setTimeout(180_000)

const BASE = "/admin/backoffice/customer-imports"

useTestHost({
  prefix: "cbo-http-import-enc",
  admin: "once",
  testSuite: ({ api, getContainer, session }) => {
    const headers = session.headers
    let jurgen: string
    beforeAll(async () => {
      const [c] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ first_name: "Jürgen", last_name: "Müller", email: "jm@example.com" }])
      jurgen = c.id
    })
    const opts = () => ({ headers, validateStatus: () => true })
    const get = (url: string) => api.get(url, opts())
    const post = (url: string, body: object = {}) => api.post(url, body, opts())
    const knex = (): Knex => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    async function upload(content: Buffer, name = "customers.csv") {
      const form = new FormData()
      form.append("file", new Blob([content], { type: "text/csv" }), name)
      const res = await api.post(BASE, form, opts())
      expect(res.status).toBe(201)
      return res.data.import_run.id as string
    }

    const waitStatus = (id: string, statuses: string[]) =>
      waitFor(
        async () => {
          const res = await get(`${BASE}/${id}`)
          return statuses.includes(res.data.import_run?.status) ? res.data.import_run : null
        },
        { timeoutMs: 60_000, intervalMs: 200, what: `import ${id} to be ${statuses.join("/")}` }
      )

    const waitJob = (id: string, statuses: string[]) =>
      waitFor(
        async () => {
          const res = await get(`/admin/backoffice/jobs/${id}`)
          return statuses.includes(res.data.job?.status) ? res.data.job : null
        },
        { timeoutMs: 60_000, intervalMs: 200, what: `job ${id} to be ${statuses.join("/")}` }
      )

    const rows = async (id: string) => (await get(`${BASE}/${id}/rows?limit=100`)).data.rows as any[]

    it("POST …/parse needs an admin (401 without a session or with a customer's token)", async () => {
      const anonymous = await api.post(`${BASE}/cimp_x/parse`, { encoding: "utf-8" }, { validateStatus: () => true })
      expect(anonymous.status).toBe(401)
      const customer = await createCustomerHeaders(getContainer())
      const asCustomer = await api.post(`${BASE}/cimp_x/parse`, { encoding: "utf-8" }, {
        headers: customer.headers,
        validateStatus: () => true,
      })
      expect(asCustomer.status).toBe(401)
    })

    it("a UTF-8 file with one broken byte stays UTF-8: names intact, the broken cell flagged, nothing overwritten", async () => {
      const file = Buffer.concat([
        Buffer.from("Email,First Name,Last Name,Note\r\njm@example.com,Jürgen,Müller,Prefers email\r\n"),
        Buffer.from("rene@example.com,Ren\xe9,Brown,\r\n", "latin1"), // é written in Windows-1252
        Buffer.from("zoe@example.com,Zoë,Ärger,\r\n"),
      ])
      const id = await upload(file, "mostly-utf8.csv")
      const run = await waitStatus(id, ["review", "failed"])
      expect(run.status).toBe("review")
      expect(run.encoding).toBe("utf-8")
      expect(run.encoding_detected).toBe("utf-8")
      expect(run.encoding_chosen).toBeNull()
      expect(run.invalid_bytes).toEqual({ count: 1, rows: 1, first_rows: [3] })
      expect(run.warnings).toEqual([
        expect.objectContaining({ code: "invalid_bytes", rows: 1, first_rows: [3], message: expect.stringMatching(/^Row 3 has characters that are not UTF-8/) }),
      ])
      // the first rows as read
      expect(run.preview).toEqual([
        { row_number: 2, cells: ["jm@example.com", "Jürgen", "Müller", "Prefers email"] },
        { row_number: 3, cells: ["rene@example.com", "Ren\uFFFD", "Brown", ""] },
        { row_number: 4, cells: ["zoe@example.com", "Zoë", "Ärger", ""] },
      ])
      const [jm, rene, zoe] = await rows(id)
      expect(jm).toEqual(expect.objectContaining({ action: "update", customer_id: jurgen }))
      expect(jm.values).toEqual(expect.objectContaining({ first_name: "Jürgen", last_name: "Müller" }))
      expect(rene.action).toBe("invalid")
      expect(rene.errors).toEqual({ first_name: UNREADABLE_MESSAGE })
      expect(zoe).toEqual(expect.objectContaining({ action: "new" }))
      expect(run.counts).toEqual(expect.objectContaining({ new: 1, update: 1, invalid: 1 }))

      // correcting the value clears the error
      const fixed = await post(`${BASE}/${id}/rows/${rene.id}`, { values: { first_name: "René" } })
      expect(fixed.status).toBe(200)
      expect(fixed.data.row.errors).toEqual({})
      expect(fixed.data.row.action).toBe("new")

      expect((await post(`${BASE}/${id}/confirm`, { backup: false })).status).toBe(200)
      await waitStatus(id, ["completed"])
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const after = await customers.retrieveCustomer(jurgen)
      expect([after.first_name, after.last_name]).toEqual(["Jürgen", "Müller"])
      const [created] = await customers.listCustomers({ email: "rene@example.com" })
      expect(created.first_name).toBe("René")

      // a written import cannot be read again
      const late = await post(`${BASE}/${id}/parse`, { encoding: "windows-1252" })
      expect(late.status).toBe(409)
    })

    it("the merchant overrides the detected encoding: the file is read again, the preview follows, the mapping is kept", async () => {
      // Excel for Mac (before 2016) writes Mac Roman: no UTF-8 in it, so it is detected as Windows-1252
      const file = iconv.encode("Email;First Name;Last Name;Note\rjm@example.com;Jürgen;Müller;Café au lait\r", "macintosh")
      const id = await upload(file, "mac.csv")
      let run = await waitStatus(id, ["review", "failed"])
      expect(run.encoding).toBe("windows-1252")
      expect(run.preview[0].cells).toEqual(["jm@example.com", "JŸrgen", "MŸller", "CafŽ au lait"])
      // the merchant ignores the note column before noticing the names
      const mapped = await post(`${BASE}/${id}/mapping`, { mapping: { Note: null } })
      expect(mapped.status).toBe(200)

      // unknown, missing or extra fields: 400 naming the field, nothing changes
      for (const body of [{ encoding: "latin-9" }, {}, { encoding: "utf-8", force: true }]) {
        const bad = await post(`${BASE}/${id}/parse`, body)
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/encoding|force/)
      }
      expect((await get(`${BASE}/${id}`)).data.import_run).toEqual(
        expect.objectContaining({ status: "review", encoding: "windows-1252", job: expect.objectContaining({ status: "completed" }) })
      )

      const res = await post(`${BASE}/${id}/parse`, { encoding: "macintosh" })
      expect(res.status).toBe(202)
      expect(["parsing", "review"]).toContain(res.data.import_run.status)
      run = await waitStatus(id, ["review", "failed"])
      expect(run).toEqual(
        expect.objectContaining({
          status: "review",
          encoding: "macintosh",
          encoding_detected: "windows-1252",
          encoding_chosen: "macintosh",
          invalid_bytes: { count: 0, rows: 0, first_rows: [] },
          warnings: [],
        })
      )
      expect(run.preview).toEqual([{ row_number: 2, cells: ["jm@example.com", "Jürgen", "Müller", "Café au lait"] }])
      expect(run.mapping.map((m: any) => m.column)).toEqual(["email", "first_name", "last_name", null])
      const [row] = await rows(id)
      expect(row.values).toEqual({ email: "jm@example.com", first_name: "Jürgen", last_name: "Müller" })
      expect(row.action).toBe("unchanged")
    })

    it("duplicate header names are a warning naming the header and its columns", async () => {
      const id = await upload(Buffer.from("Email,Phone,Name,phone , Email\r\na@example.com,+33612345678,A,+33699999999,b@example.com\r\n"))
      const run = await waitStatus(id, ["review", "failed"])
      expect(run.status).toBe("review")
      expect(run.warnings).toEqual([
        {
          code: "duplicate_header",
          header: "Email",
          columns: [1, 5],
          letters: ["A", "E"],
          message:
            'The header "Email" is used by columns A and E: only column A is imported. Give each column its own header in the file to import them separately.',
        },
        {
          code: "duplicate_header",
          header: "Phone",
          columns: [2, 4],
          letters: ["B", "D"],
          message:
            'The header "Phone" is used by columns B and D: only column B is imported. Give each column its own header in the file to import them separately.',
        },
      ])
      // the list shows the warnings too
      const list = await get(`${BASE}?limit=50`)
      expect(list.data.import_runs.find((r: any) => r.id === id).warnings).toHaveLength(2)
    })

    it("retrying a failed parse job reads the file again and the import follows its job", async () => {
      const id = await upload(Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfd, 0, 0]), "photo.csv")
      let run = await waitStatus(id, ["failed"])
      expect(run.error).toMatch(/^This is not a text file/)
      const jobId = run.job.id
      await waitJob(jobId, ["failed"])

      // the same unreadable file: the retried job fails again with the reason, the import stays failed
      expect((await post(`/admin/backoffice/jobs/${jobId}/retry`)).status).toBe(200)
      const again = await waitJob(jobId, ["failed", "completed"])
      expect(again.status).toBe("failed")
      expect(again.error).toMatch(/^This is not a text file/)
      run = await waitStatus(id, ["failed"])
      expect(run.error).toMatch(/^This is not a text file/)

      // the run's file is readable now (here: the file of another upload): the retry reads it
      const good = await upload(Buffer.from("Email,First Name\r\nretry@example.com,Rita\r\n"), "good.csv")
      await waitStatus(good, ["review"])
      const { file_id } = await knex()("import_run").where({ id: good }).first("file_id")
      await knex()("import_run").where({ id }).update({ file_id })
      expect((await post(`/admin/backoffice/jobs/${jobId}/retry`)).status).toBe(200)
      // the import follows its job at once (never "failed" while the job reads the file)
      expect(["parsing", "review"]).toContain((await get(`${BASE}/${id}`)).data.import_run.status)
      const done = await waitJob(jobId, ["failed", "completed"])
      expect(done.status).toBe("completed")
      run = await waitStatus(id, ["review", "failed"])
      expect(run).toEqual(expect.objectContaining({ status: "review", error: null }))
      expect(run.counts).toEqual(expect.objectContaining({ rows: 1, new: 1 }))
      expect(run.preview).toEqual([{ row_number: 2, cells: ["retry@example.com", "Rita"] }])
    })

    it("a failed run belonging to a later job is not read by retrying an earlier one", async () => {
      const id = await upload(Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfd, 0, 0]), "twice.csv")
      const run = await waitStatus(id, ["failed"])
      const first = run.job.id
      await waitJob(first, ["failed"])
      // the merchant chose an encoding: a second parse job, failing too
      expect((await post(`${BASE}/${id}/parse`, { encoding: "windows-1252" })).status).toBe(202)
      const second = await waitFor(
        async () => {
          const r = (await get(`${BASE}/${id}`)).data.import_run
          return r.job?.id !== first && r.status === "failed" ? r : null
        },
        { timeoutMs: 60_000, intervalMs: 200, what: "the second parse to fail" }
      )
      expect(second.error).toMatch(/does not read as text in Windows-1252/)
      expect((await post(`/admin/backoffice/jobs/${first}/retry`)).status).toBe(200)
      const refused = await waitJob(first, ["failed", "completed"])
      expect(refused.status).toBe("failed")
      expect(refused.error).toBe("This import's file was read by a later job: open the import to read the file again")
    })
  },
})
