import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

const BASE = "/admin/backoffice/customer-imports"
const ok = { validateStatus: () => true }

/**
 * The import review's "Already in the store?" tab: rows of a file that would
 * create a customer the store probably already has, by the duplicate
 * detection's own rules.
 */
useTestHost({
  prefix: "cbo-http-import-dup",
  testSuite: ({ api, getContainer, session }) => {
    const admin = session.headers
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    const upload = async (content: string) => {
      const form = new FormData()
      form.append("file", new Blob([content], { type: "text/csv" }), "customers.csv")
      const res = await api.post(BASE, form, { headers: admin, ...ok })
      expect(res.status).toBe(201)
      const id = res.data.import_run.id as string
      await waitFor(
        async () => (await api.get(`${BASE}/${id}`, { headers: admin })).data.import_run.status === "review",
        { timeoutMs: 60_000, what: "the import to reach review" }
      )
      return id
    }
    const scan = async () => {
      const res = await api.post(`/admin/backoffice/duplicates/scan`, { mode: "full" }, { headers: admin })
      expect(res.status).toBe(202)
      await waitFor(
        async () => (await api.get(`/admin/backoffice/jobs/${res.data.job.id}`, { headers: admin })).data.job.status === "completed",
        { timeoutMs: 60_000, what: "the duplicate scan" }
      )
    }

    it("lists a row that is a near-duplicate of a customer (typo in the name, same phone) with the reasons; an unrelated row is not listed", async () => {
      const [margaret, peter] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers([
          { first_name: "Margaret", last_name: "Okafor", email: "m.okafor@example.com", phone: "+14155552671" },
          { first_name: "Peter", last_name: "Quill", email: "peter.quill@example.com", phone: "+14155550000" },
        ])
      await scan()
      const pairsBefore = (await pg().raw(`select count(*)::int as n from customer_duplicate_pair`)).rows[0].n

      const id = await upload(
        [
          "Email,First Name,Last Name,Phone,Postcode",
          "margret.okafor@example.com,Margret,Okafor,+1 415 555 2671,", // typo in the first name, same phone
          "someone.else@example.com,Zoe,Unrelated,+44 20 7946 0958,", // nobody the store has
          "peter.quill@example.com,Peter,Quill,,", // the same email: an update, not a new customer
        ].join("\n")
      )
      const res = await api.get(`${BASE}/${id}/duplicates`, { headers: admin, ...ok })
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ count: 1, limit: 50, offset: 0 })
      const [row] = res.data.rows
      expect(row).toMatchObject({ row_number: 2, values: expect.objectContaining({ first_name: "Margret", last_name: "Okafor" }) })
      expect(row.matches).toHaveLength(1)
      const [match] = row.matches
      expect(match.customer).toMatchObject({ id: margaret.id, first_name: "Margaret", last_name: "Okafor", phone: "+14155552671" })
      expect(match.confidence).toBe("likely")
      expect(match.score).toBeGreaterThanOrEqual(0.9)
      expect(match.reasons.map((r: any) => r.code)).toEqual(expect.arrayContaining(["same_phone", "name_typo"]))
      expect(match.reasons.map((r: any) => r.label)).toEqual(expect.arrayContaining(["same phone", "name ≈"]))
      expect(res.data.rows.some((r: any) => r.matches.some((m: any) => m.customer.id === peter.id))).toBe(false)

      // asking stores nothing: no pair, no subject or key of the file's rows
      expect((await pg().raw(`select count(*)::int as n from customer_duplicate_pair`)).rows[0].n).toBe(pairsBefore)
      const left = await pg().raw(
        `select (select count(*) from customer_duplicate_subject where customer_id like 'cdupprobe%')::int
              + (select count(*) from customer_duplicate_block_key where customer_id like 'cdupprobe%')::int as n`
      )
      expect(left.rows[0].n).toBe(0)

      // excluding the row takes it off the tab
      const excluded = await api.post(`${BASE}/${id}/rows/${row.id}`, { excluded: true }, { headers: admin, ...ok })
      expect(excluded.status).toBe(200)
      expect((await api.get(`${BASE}/${id}/duplicates`, { headers: admin })).data.count).toBe(0)
    })

    it("401 without an admin, 404 for an unknown import, 400 naming a bad parameter", async () => {
      expect((await api.get(`${BASE}/cimp_x/duplicates`, ok)).status).toBe(401)
      const missing = await api.get(`${BASE}/cimp_nothere/duplicates`, { headers: admin, ...ok })
      expect(missing.status).toBe(404)
      for (const [qs, field] of [
        ["confidence=sure", "confidence"],
        ["limit=0", "limit"],
        ["color=red", "color"],
      ]) {
        const res = await api.get(`${BASE}/cimp_x/duplicates?${qs}`, { headers: admin, ...ok })
        expect({ qs, status: res.status }).toEqual({ qs, status: 400 })
        expect(res.data.message).toContain(field)
      }
    })
  },
})
