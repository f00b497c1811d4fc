import { Modules } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"
import { scanDuplicatesJob } from "../../src/workers/duplicates"

jest.setTimeout(180_000)

const ok = { validateStatus: () => true }

type Seed = {
  first_name: string
  last_name: string
  email?: string
  phone?: string
  has_account?: boolean
  address?: { postal_code: string; city: string }
}

useTestHost({
  prefix: "cbo-http-dup",
  testSuite: ({ api, getContainer, session }) => {
    const admin = session.headers
    // The runner empties the database after each test: every test seeds what it needs.
    const customers = () => getContainer().resolve(Modules.CUSTOMER)
    let n = 0
    const seed = async (s: Seed) => {
      n++
      const [c] = await customers().createCustomers([
        {
          first_name: s.first_name,
          last_name: s.last_name,
          email: s.email ?? `customer-${n}-${Date.now()}@unique-${n}.example`,
          phone: s.phone,
          has_account: s.has_account ?? false,
          addresses: s.address
            ? [{ address_1: `${n} High Street`, country_code: "gb", ...s.address }]
            : [],
        },
      ])
      return c.id as string
    }

    /** Runs the scan through the API and waits for its job record to end. */
    const scan = async (body: Record<string, unknown> = {}) => {
      const res = await api.post(`/admin/backoffice/duplicates/scan`, body, { headers: admin, ...ok })
      expect(res.status).toBe(202)
      expect(res.data.job.type).toBe("customer_duplicates.scan")
      expect(res.data.job.queue).toBe("duplicates")
      const job = await waitFor(
        async () => {
          const r = await api.get(`/admin/backoffice/jobs/${res.data.job.id}`, { headers: admin })
          return ["completed", "failed"].includes(r.data.job?.status) ? r.data.job : null
        },
        { what: "the duplicate scan job", timeoutMs: 60_000 }
      )
      expect(job.status).toBe("completed")
      return job
    }
    const list = async (qs = "") => {
      const res = await api.get(`/admin/backoffice/duplicates?limit=200${qs}`, { headers: admin })
      return res.data as { groups: any[]; count: number }
    }
    const groupOf = (groups: any[], x: string, y: string) =>
      groups.find((g) => g.customer_ids.includes(x) && g.customer_ids.includes(y))
    const codes = (g: any) => g.reasons.map((r: any) => r.code)

    describe("authentication", () => {
      it.each([
        ["get", "/admin/backoffice/duplicates"],
        ["post", "/admin/backoffice/duplicates/scan"],
        ["post", "/admin/backoffice/duplicates/dismiss"],
      ])("%s %s needs an admin (401)", async (method, url) => {
        const res =
          method === "get"
            ? await api.get(url, ok)
            : await api.post(url, { customer_ids: ["cus_a", "cus_b"] }, ok)
        expect(res.status).toBe(401)
      })
    })

    describe("detection, review and dismissal", () => {
      const ids: Record<string, string> = {}

      beforeEach(async () => {
        // same email: registered vs guest, different case and spaces
        ids.emailA = await seed({ first_name: "Alice", last_name: "Brown", email: "alice.brown@example.com", has_account: true })
        ids.emailB = await seed({ first_name: "Alice", last_name: "Brown", email: "  Alice.Brown@Example.COM " })
        // same phone + nickname
        ids.phoneA = await seed({ first_name: "Robert", last_name: "Jones", phone: "+447700900111" })
        ids.phoneB = await seed({ first_name: "Bob", last_name: "Jones", phone: "+447700900111" })
        // typo + same postcode (written differently)
        ids.typoA = await seed({ first_name: "Catherine", last_name: "Wilson", address: { postal_code: "SW1A 1AA", city: "London" } })
        ids.typoB = await seed({ first_name: "Cathrine", last_name: "Wilson", address: { postal_code: "sw1a1aa", city: "London" } })
        // first and last name swapped + same email local part on other domains (one that says more than the name)
        ids.swapA = await seed({ first_name: "Chen", last_name: "Wang", email: "chen.wang88@mail-one.example" })
        ids.swapB = await seed({ first_name: "Wang", last_name: "Chen", email: "chenwang88@other.example" })
        // hard negative: namesakes whose email local part is only the name, at two providers
        ids.plainA = await seed({ first_name: "Sofia", last_name: "Russo", email: "sofia.russo@mail-one.example" })
        ids.plainB = await seed({ first_name: "Sofia", last_name: "Russo", email: "sofiarusso@other.example" })
        // accents + same postcode
        ids.accentA = await seed({ first_name: "José", last_name: "Núñez", address: { postal_code: "28001", city: "Madrid" } })
        ids.accentB = await seed({ first_name: "Jose", last_name: "Nunez", address: { postal_code: "28001", city: "Madrid" } })
        // names in another script + same postcode
        ids.cyrA = await seed({ first_name: "Иван", last_name: "Петров", address: { postal_code: "190000", city: "Санкт-Петербург" } })
        ids.cyrB = await seed({ first_name: "Иван", last_name: "Петров", address: { postal_code: "190 000", city: "Санкт-Петербург" } })
        // transposed letters + same phone
        ids.transA = await seed({ first_name: "John", last_name: "Taylor", phone: "+447700900222" })
        ids.transB = await seed({ first_name: "Jonh", last_name: "Taylor", phone: "+447700900222" })
        // hard negative: family at one address (surname + postcode only)
        ids.famA = await seed({ first_name: "Mark", last_name: "Evans", address: { postal_code: "LS1 4AP", city: "Leeds" } })
        ids.famB = await seed({ first_name: "Mary", last_name: "Evans", address: { postal_code: "LS1 4AP", city: "Leeds" } })
        // hard negative: brother and sister at one address sharing the landline, names one letter apart
        ids.sibA = await seed({ first_name: "Jon", last_name: "Reed", phone: "+441130000777", address: { postal_code: "YO1 7HH", city: "York" } })
        ids.sibB = await seed({ first_name: "Jan", last_name: "Reed", phone: "+441130000777", address: { postal_code: "YO1 7HH", city: "York" } })
        // hard negative: namesakes in different towns
        ids.nameA = await seed({ first_name: "David", last_name: "Clark", email: "dclark1@one.example", address: { postal_code: "M1 1AE", city: "Manchester" } })
        ids.nameB = await seed({ first_name: "David", last_name: "Clark", email: "davidc@two.example", address: { postal_code: "BS1 4DJ", city: "Bristol" } })
      })

      it("a full scan finds each rule's pairs with confidence and reasons, and no pair for namesakes in different towns or with a name-only email", async () => {
        const job = await scan({ mode: "full" })
        expect(job.result).toMatchObject({ mode: "full" })
        expect(job.progress).toBe(100)
        const { groups, count } = await list()
        expect(count).toBe(groups.length)

        const expectations: [string, string, "likely" | "possible", string[]][] = [
          ["emailA", "emailB", "likely", ["same_email", "name_exact"]],
          ["phoneA", "phoneB", "likely", ["same_phone", "name_nickname"]],
          ["typoA", "typoB", "likely", ["name_typo", "same_postcode", "same_city"]],
          ["swapA", "swapB", "likely", ["name_swapped", "same_email_local"]],
          ["accentA", "accentB", "likely", ["name_exact", "same_postcode"]],
          ["transA", "transB", "likely", ["same_phone", "name_typo"]],
          ["cyrA", "cyrB", "likely", ["name_exact", "same_postcode"]],
          ["famA", "famB", "possible", ["same_surname_postcode"]],
          ["sibA", "sibB", "possible", ["same_phone", "same_surname_postcode"]],
        ]
        for (const [x, y, confidence, reasons] of expectations) {
          const g = groupOf(groups, ids[x], ids[y])
          if (!g) {
            const seen = groups.map((g) => [g.customers.map((c: any) => `${c.first_name} ${c.last_name} <${c.email}>`), codes(g)])
            throw new Error(`No pair ${x}/${y}; job ${JSON.stringify(job.result)}; found: ${JSON.stringify(seen)}`)
          }
          expect({ pair: `${x}/${y}`, confidence: g.confidence }).toEqual({ pair: `${x}/${y}`, confidence })
          expect(codes(g)).toEqual(expect.arrayContaining(reasons))
          expect(g.score).toBeGreaterThan(0)
          expect(g.score).toBeLessThanOrEqual(1)
          expect(g.customers.map((c: any) => c.id).sort()).toEqual([ids[x], ids[y]].sort())
          expect(g.reasons[0].label).toEqual(expect.any(String))
        }
        expect(groupOf(groups, ids.emailA, ids.emailB).score).toBeGreaterThanOrEqual(0.95)
        expect(groupOf(groups, ids.famA, ids.famB).reasons.map((r: any) => r.label)).toContain("same surname + postcode")
        expect(groupOf(groups, ids.nameA, ids.nameB)).toBeUndefined()
        expect(groupOf(groups, ids.plainA, ids.plainB)).toBeUndefined()
        // highest score first
        const scores = groups.map((g) => g.score)
        expect([...scores].sort((a, b) => b - a)).toEqual(scores)
        // nothing across the seeded sets
        expect(groups).toHaveLength(expectations.length)
      })

      it("filters by confidence and by customer", async () => {
        await scan({ mode: "full" })
        const likely = await list("&confidence=likely")
        expect(likely.groups.every((g) => g.confidence === "likely")).toBe(true)
        expect(likely.count).toBe(7)
        const possible = await list("&confidence=possible")
        expect(possible.groups.map((g) => g.customer_ids.sort()).sort()).toEqual(
          [[ids.famA, ids.famB].sort(), [ids.sibA, ids.sibB].sort()].sort()
        )
        expect(possible.count).toBe(2)
        const mine = await list(`&customer_id=${ids.phoneB}`)
        expect(mine.count).toBe(1)
        expect(mine.groups[0].customer_ids).toContain(ids.phoneA)
        const paged = await api.get(`/admin/backoffice/duplicates?limit=2&offset=2`, { headers: admin })
        expect(paged.data.groups).toHaveLength(2)
        expect(paged.data.count).toBe(9)
      })

      it("'Not a duplicate' persists across scans until either customer's data changes", async () => {
        await scan({ mode: "full" })
        const res = await api.post(
          `/admin/backoffice/duplicates/dismiss`,
          { customer_ids: [ids.famB, ids.famA] },
          { headers: admin }
        )
        expect(res.status).toBe(200)
        expect(groupOf((await list()).groups, ids.famA, ids.famB)).toBeUndefined()

        await scan({ mode: "full" })
        expect(groupOf((await list()).groups, ids.famA, ids.famB)).toBeUndefined()
        expect((await list()).count).toBe(8)

        // incremental: nothing changed, nothing looked at, nothing lost
        const idle = await scan()
        expect(idle.result).toMatchObject({ mode: "incremental", customers: 0 })
        expect((await list()).count).toBe(8)

        await customers().updateCustomers(ids.famB, { phone: "+441130000000" })
        const inc = await scan()
        expect(inc.result).toMatchObject({ mode: "incremental", customers: 1 })
        const back = groupOf((await list()).groups, ids.famA, ids.famB)
        expect(back).toBeDefined()
        expect(back.confidence).toBe("possible")
      })

      it("an incremental scan picks up a new duplicate and drops a pair whose data no longer matches", async () => {
        await scan({ mode: "full" })
        const late = await seed({ first_name: "Bobby", last_name: "Jones", phone: "+447700900111" })
        await customers().updateCustomers(ids.transB, { phone: "+447700900999", first_name: "Susan" })
        const inc = await scan()
        expect(inc.result).toMatchObject({ mode: "incremental", customers: 2 })
        const { groups } = await list()
        expect(groupOf(groups, late, ids.phoneA)?.confidence).toBe("likely")
        expect(groupOf(groups, late, ids.phoneB)?.confidence).toBe("likely")
        expect(groupOf(groups, ids.transA, ids.transB)).toBeUndefined()
      })

      it("removed customers leave the list", async () => {
        await scan({ mode: "full" })
        expect(groupOf((await list()).groups, ids.swapA, ids.swapB)).toBeDefined()
        await customers().softDeleteCustomers([ids.swapB])
        expect(groupOf((await list()).groups, ids.swapA, ids.swapB)).toBeUndefined()
        await scan()
        const { groups } = await list()
        expect(groups.some((g) => g.customer_ids.includes(ids.swapB))).toBe(false)
      })
    })

    it("checks on write: a customer created or updated through the admin shows its duplicates without a scan", async () => {
      const existing = await seed({ first_name: "Margaret", last_name: "Okafor", phone: "+14155552671" })
      await scan({ mode: "full" })
      expect((await list()).count).toBe(0)
      const created = await api.post(
        `/admin/customers`,
        // typed as a national number: stored in E.164, so it matches
        { first_name: "Maggie", last_name: "Okafor", email: "maggie.okafor@example.com", phone: "(415) 555-2671" },
        { headers: admin }
      )
      expect(created.status).toBe(200)
      expect(created.data.customer.phone).toBe("+14155552671")
      const id = created.data.customer.id
      const g = await waitFor(
        async () => (await list(`&customer_id=${id}`)).groups[0],
        { what: "the duplicate found on create" }
      )
      expect(g.customer_ids.sort()).toEqual([existing, id].sort())
      expect(g.confidence).toBe("likely")
      expect(codes(g)).toEqual(expect.arrayContaining(["same_phone", "name_nickname"]))

      // a change that removes the match removes the pair
      const updated = await api.post(`/admin/customers/${id}`, { phone: "+44 20 7946 0958", first_name: "Grace" }, { headers: admin })
      expect(updated.status).toBe(200)
      await waitFor(async () => (await list(`&customer_id=${id}`)).count === 0, { what: "the pair to go after the change" })
    })

    it("three customers sharing a phone are one group of three, on the list and on each customer's card", async () => {
      const a = await seed({ first_name: "Robert", last_name: "Lane", phone: "+14155550042" })
      const b = await seed({ first_name: "Bob", last_name: "Lane", phone: "+14155550042" })
      const c = await seed({ first_name: "Robret", last_name: "Lane", phone: "+14155550042" })
      // a pair elsewhere stays a pair
      const d = await seed({ first_name: "Ellen", last_name: "Moss", email: "ellen.moss@example.com" })
      const e = await seed({ first_name: "Ellen", last_name: "Moss", email: "ELLEN.MOSS@example.com" })
      await scan({ mode: "full" })
      const { groups, count } = await list()
      expect(count).toBe(2)
      const three = groups.find((g) => g.customer_ids.length === 3)
      expect(three.customer_ids.sort()).toEqual([a, b, c].sort())
      expect(three.customers.map((x: any) => x.id).sort()).toEqual([a, b, c].sort())
      expect(three.confidence).toBe("likely")
      expect(codes(three)).toEqual(expect.arrayContaining(["same_phone", "name_nickname"]))
      expect(three.score).toBe(Math.max(...three.pairs.map((p: any) => p.score)))
      expect(three.pairs.length).toBeGreaterThanOrEqual(2)
      for (const p of three.pairs) expect(p.reasons.map((r: any) => r.label)).toContain("same phone")
      expect(groupOf(groups, d, e).customer_ids).toHaveLength(2)
      // the customer's Duplicates card asks with customer_id: the same one group, whichever member
      for (const id of [a, b, c]) {
        const mine = await list(`&customer_id=${id}`)
        expect(mine.count).toBe(1)
        expect(mine.groups[0].customer_ids.sort()).toEqual([a, b, c].sort())
      }
      expect((await list("&confidence=likely")).count).toBe(2)
      expect((await list("&confidence=possible")).count).toBe(0)
    })

    it("a scan that stops mid-way resumes from its last checkpoint and ends with the same result", async () => {
      await customers().createCustomers(
        Array.from({ length: 250 }, (_, i) => ({
          first_name: `Person${i}`,
          last_name: `Family${i}`,
          email: `person-${i}@resume.example`,
        }))
      )
      const a = await seed({ first_name: "Robert", last_name: "Lane", phone: "+14155550001" })
      const b = await seed({ first_name: "Bob", last_name: "Lane", phone: "+14155550001" })
      const c = await seed({ first_name: "Ellen", last_name: "Moss", email: "ellen.moss@example.com" })
      const d = await seed({ first_name: "Ellen", last_name: "Moss", email: "Ellen.Moss@example.com" })

      // The job runtime's context, as a worker hands it to the job; the 7th checkpoint "crashes" the worker.
      const saved: any[] = []
      const context = (checkpoint: any, crashAt: number | null) => ({
        job: { id: "job_resume_test", type: scanDuplicatesJob.type, key: "k", payload: { mode: "full" as const, chunk_size: 100 }, attempt: 1, created_by: null, checkpoint },
        container: getContainer(),
        signal: new AbortController().signal,
        throwIfCancelled: () => undefined,
        progress: async () => undefined,
        saveCheckpoint: async (v: any) => {
          if (crashAt !== null && saved.length + 1 === crashAt) throw new Error("worker died")
          saved.push(structuredClone(v))
        },
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      })
      await expect(scanDuplicatesJob.run(context(null, 7) as any)).rejects.toThrow("worker died")
      const last = saved[saved.length - 1]
      expect(last.phase).toBe(2)
      expect(last.done).toBeGreaterThan(254)
      const result = await scanDuplicatesJob.run(context(last, null) as any)
      expect(result).toMatchObject({ mode: "full", customers: 254, scan_id: last.scan_id })

      const { groups, count } = await list()
      expect(count).toBe(2)
      expect(groups.map((g) => g.customer_ids.sort()).sort()).toEqual([[a, b].sort(), [c, d].sort()].sort())
      const svc = getContainer().resolve("customer_duplicates") as any
      const [scanRow] = await svc.listDuplicateScans({ id: last.scan_id })
      expect(scanRow).toMatchObject({ status: "completed", customers: 254, mode: "full" })
    })

    it("skips blocks shared by more than 500 customers (a shop's own phone number on guest orders)", async () => {
      const shopPhone = "+441130009999"
      await customers().createCustomers(
        Array.from({ length: 501 }, (_, i) => ({
          first_name: `Guest${i}`,
          last_name: `Walkin${i}`,
          email: `walkin-${i}@guests.example`,
          phone: shopPhone,
        }))
      )
      const a = await seed({ first_name: "Olivia", last_name: "Hart", email: "olivia.hart@example.com" })
      const b = await seed({ first_name: "Olivia", last_name: "Hart", email: "OLIVIA.HART@example.com" })
      const job = await scan({ mode: "full" })
      expect(job.result).toMatchObject({ customers: 503 })
      const { groups, count } = await list()
      expect(count).toBe(1)
      expect(groups[0].customer_ids.sort()).toEqual([a, b].sort())
    })

    describe("bad input: 400 with the field, nothing written", () => {
      it.each([
        ["confidence=sure", "confidence"],
        ["limit=0", "limit"],
        ["limit=abc", "limit"],
        ["offset=-1", "offset"],
        ["customer_id=%00bad", "customer_id"],
        ["color=red", "(body)"],
      ])("GET ?%s", async (qs, field) => {
        const res = await api.get(`/admin/backoffice/duplicates?${qs}`, { headers: admin, ...ok })
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(field === "(body)" ? "color" : field)
      })

      it("scan: unknown mode or field", async () => {
        for (const body of [{ mode: "everything" }, { extra: 1 }]) {
          const res = await api.post(`/admin/backoffice/duplicates/scan`, body, { headers: admin, ...ok })
          expect(res.status).toBe(400)
        }
        const jobs = await api.get(`/admin/backoffice/jobs?type=customer_duplicates.scan&limit=100`, { headers: admin, ...ok })
        expect(jobs.status).toBe(200)
      })

      it("dismiss: not two distinct ids, or unknown customers", async () => {
        const svc = getContainer().resolve("customer_duplicates") as any
        const before = (await svc.listDuplicateDismissals({})).length
        for (const body of [
          {},
          { customer_ids: ["cus_1"] },
          { customer_ids: ["cus_1", "cus_1"] },
          { customer_ids: ["cus_1", "cus_2", "cus_3"] },
          { customer_ids: ["cus_1", "bad\u202Eid"] },
          { customer_ids: ["cus_1", "cus_2"], extra: true },
        ]) {
          const res = await api.post(`/admin/backoffice/duplicates/dismiss`, body, { headers: admin, ...ok })
          expect({ body, status: res.status }).toEqual({ body, status: 400 })
          expect(res.data.message).toMatch(/customer_ids|extra/)
        }
        const missing = await api.post(
          `/admin/backoffice/duplicates/dismiss`,
          { customer_ids: ["cus_nothere1", "cus_nothere2"] },
          { headers: admin, ...ok }
        )
        expect(missing.status).toBe(404)
        expect(missing.data.message).toContain("cus_nothere1")
        expect((await svc.listDuplicateDismissals({})).length).toBe(before)
      })
    })
  },
})
