import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { CUSTOMER_POINTS_MODULE } from ".."
import PointsAccount from "../models/points-account"
import PointsEntry from "../models/points-entry"
import PointsLot from "../models/points-lot"
import PointsAllocation from "../models/points-allocation"
import type CustomerPointsModuleService from "../service"

jest.setTimeout(120_000)

const DAY = 24 * 60 * 60 * 1000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY)

let seq = 0
const key = (p = "k") => `${p}-${++seq}-${Math.random().toString(36).slice(2)}`

const admin = { actor_type: "user", actor_id: "user_1", source_type: "admin", source_id: "user_1" }

moduleIntegrationTestRunner<CustomerPointsModuleService>({
  moduleName: CUSTOMER_POINTS_MODULE,
  moduleModels: [PointsAccount, PointsEntry, PointsLot, PointsAllocation],
  resolve: "./src/modules/customer-points",
  // the real migrations: CHECK constraints and the debit function
  pathToMigrations: "./src/modules/customer-points/migrations",
  testSuite: ({ service, MikroOrmWrapper }) => {
    const credit = (customer_id: string, points: number, extra: Record<string, unknown> = {}) =>
      service.credit({
        customer_id,
        points,
        kind: "manual_add",
        reason: "test",
        idempotency_key: key("c"),
        ...admin,
        ...extra,
      } as any)
    const debit = (customer_id: string, points: number, extra: Record<string, unknown> = {}) =>
      service.debit({
        customer_id,
        points,
        kind: "redeem",
        reason: "test",
        idempotency_key: key("d"),
        actor_type: "customer",
        actor_id: customer_id,
        source_type: "order",
        source_id: "order_1",
        ...extra,
      } as any)
    const expectConsistent = async (customer_id?: string) => {
      const audit = await service.audit(customer_id)
      expect(audit.mismatches).toEqual([])
      expect(audit.accounts).toBeGreaterThan(0)
    }

    describe("accounts", () => {
      it("creates one account per customer with a unique 12-digit code, not enrolled", async () => {
        const a = await service.getOrCreateAccount("cus_acc")
        const b = await service.getOrCreateAccount("cus_acc")
        expect(b.id).toBe(a.id)
        expect(a.code).toMatch(/^[1-9]\d{11}$/)
        expect(a.enrolled).toBe(false)
        const enrolled = await service.enroll("cus_acc", true)
        expect(enrolled.enrolled).toBe(true)
        expect(enrolled.enrolled_at).toBeTruthy()
        const off = await service.enroll("cus_acc", false)
        expect(off.enrolled).toBe(false)
        expect(off.enrolled_at).toEqual(enrolled.enrolled_at)
      })

      it("sets a code to match a physical card, finds by it, refuses a clash or a bad code", async () => {
        await service.getOrCreateAccount("cus_code_b")
        const a = await service.setCode("cus_code_a", " card-0042 ")
        expect(a.code).toBe("CARD-0042")
        expect((await service.findAccountByCode("card-0042"))?.customer_id).toBe("cus_code_a")
        await expect(service.setCode("cus_code_b", "CARD-0042")).rejects.toThrow(
          "The loyalty account code CARD-0042 is already used by another customer"
        )
        await expect(service.setCode("cus_code_b", "a b!")).rejects.toThrow(/4 to 32 letters/)
        // Setting one's own code again is fine.
        expect((await service.setCode("cus_code_a", "CARD-0042")).code).toBe("CARD-0042")
      })
    })

    describe("append-only", () => {
      it("refuses the generated writers of entries, lots and allocations; the ledger is unchanged", async () => {
        await credit("cus_guard", 40)
        const [entry] = await service.listPointsEntries({ customer_id: "cus_guard" } as any)
        const s = service as any
        await expect(s.updatePointsEntries({ id: entry.id, points: 1 })).rejects.toThrow("Points entries are append-only")
        await expect(s.deletePointsEntries([entry.id])).rejects.toThrow("Points entries are append-only")
        await expect(s.softDeletePointsEntries([entry.id])).rejects.toThrow("Points entries are append-only")
        await expect(s.createPointsEntries({ customer_id: "cus_guard", points: 5 })).rejects.toThrow(
          "Use credit/debit/reverse to write points entries"
        )
        await expect(s.updatePointsLots({ id: "x", remaining: 1 })).rejects.toThrow("Lots change only with the ledger")
        await expect(s.updatePointsAllocations({ id: "x", points: 1 })).rejects.toThrow(
          "Allocations change only with the ledger"
        )
        const after = await service.listPointsEntries({ customer_id: "cus_guard" } as any)
        expect(after).toHaveLength(1)
        expect(Number(after[0].points)).toBe(40)
      })
    })

    describe("credit and debit", () => {
      it("credits into a lot expiring after pointsExpiryDays and keeps balance = entries = lots", async () => {
        const earned = daysAgo(10)
        const entry = await credit("cus_c1", 250, { kind: "earn", earned_at: earned })
        expect(entry).toEqual(
          expect.objectContaining({ kind: "earn", points: 250, balance_after: 250, actor_type: "user" })
        )
        const [lot] = await service.listPointsLots({ customer_id: "cus_c1" })
        expect(lot.remaining).toBe(250)
        expect(new Date(lot.expires_at).getTime()).toBe(earned.getTime() + 365 * DAY)
        expect(await service.balance("cus_c1")).toBe(250)
        await expectConsistent("cus_c1")
      })

      it("takes points from the soonest-expiring lots first", async () => {
        const late = await credit("cus_fifo", 100, { earned_at: daysAgo(1) })
        const early = await credit("cus_fifo", 100, { earned_at: daysAgo(300) })
        const middle = await credit("cus_fifo", 100, { earned_at: daysAgo(100) })
        const d = await debit("cus_fifo", 150)
        expect(d.points).toBe(-150)
        expect(d.balance_after).toBe(150)
        const lots = await service.listPointsLots({ customer_id: "cus_fifo" })
        const remaining = (e: { lot_id: string | null }) => lots.find((l) => l.id === e.lot_id)!.remaining
        expect([remaining(early), remaining(middle), remaining(late)]).toEqual([0, 50, 100])
        const allocations = await service.listPointsAllocations({ entry_id: d.id })
        expect(allocations.map((a) => a.points).sort()).toEqual([100, 50])
        await expectConsistent("cus_fifo")
      })

      it("replaying an idempotency key returns the first entry and writes nothing", async () => {
        const k1 = key("replay-c")
        const first = await credit("cus_idem", 80, { idempotency_key: k1 })
        const again = await credit("cus_idem", 80, { idempotency_key: k1 })
        expect(again.id).toBe(first.id)
        const k2 = key("replay-d")
        const d1 = await debit("cus_idem", 30, { idempotency_key: k2 })
        const d2 = await debit("cus_idem", 30, { idempotency_key: k2 })
        expect(d2.id).toBe(d1.id)
        expect(await service.balance("cus_idem")).toBe(50)
        const [, count] = await service.listAndCountPointsEntries({ customer_id: "cus_idem" })
        expect(count).toBe(2)
        // A key is bound to its customer.
        await expect(credit("cus_other", 5, { idempotency_key: k1 })).rejects.toThrow(/another customer/)
        await expectConsistent()
      })

      it("never goes below zero: a debit above the balance is refused and writes nothing", async () => {
        await credit("cus_neg", 40)
        await expect(debit("cus_neg", 41)).rejects.toThrow("Not enough points: balance 40")
        await expect(debit("cus_nobody", 1)).rejects.toThrow("Not enough points: balance 0")
        const [, count] = await service.listAndCountPointsEntries({ customer_id: "cus_neg" })
        expect(count).toBe(1)
        expect(await service.balance("cus_neg")).toBe(40)
        await expectConsistent("cus_neg")
      })

      it("rejects zero, negative, fractional points and missing keys", async () => {
        for (const points of [0, -5, 1.5, Number.NaN, "10" as unknown as number]) {
          await expect(credit("cus_bad", points)).rejects.toThrow(/whole number of points/)
          await expect(debit("cus_bad", points)).rejects.toThrow(/whole number of points/)
        }
        await expect(credit("cus_bad", 5, { idempotency_key: "" })).rejects.toThrow(/idempotency_key/)
        await expect(credit("cus_bad", 5, { kind: "redeem" })).rejects.toThrow(/not a credit/)
        expect(await service.balance("cus_bad")).toBe(0)
      })

      it("20 parallel debits never lose an update nor overdraw", async () => {
        await credit("cus_conc", 100)
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, () => debit("cus_conc", 7))
        )
        const ok = results.filter((r) => r.status === "fulfilled")
        const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[]
        expect(ok).toHaveLength(14)
        expect(failed).toHaveLength(6)
        for (const f of failed) expect(String(f.reason.message)).toMatch(/^Not enough points: balance [0-6]$/)
        expect(await service.balance("cus_conc")).toBe(2)
        // balance_after values are distinct: each debit saw the previous one.
        const afters = ok.map((r) => (r as PromiseFulfilledResult<any>).value.balance_after).sort((a, b) => a - b)
        expect(new Set(afters).size).toBe(14)
        await expectConsistent("cus_conc")
      })

      it("parallel replays of one key apply once", async () => {
        await credit("cus_conc2", 50)
        const k = key("same")
        const results = await Promise.all(Array.from({ length: 10 }, () => debit("cus_conc2", 5, { idempotency_key: k })))
        expect(new Set(results.map((r) => r.id)).size).toBe(1)
        expect(await service.balance("cus_conc2")).toBe(45)
      })

      it("of parallel writes with one key, only the one that wrote the entry says so", async () => {
        const kc = key("once-c")
        const credits = await Promise.all(Array.from({ length: 10 }, () => credit("cus_once", 30, { idempotency_key: kc })))
        expect(credits.filter((c) => !c.replayed)).toHaveLength(1)
        expect(new Set(credits.map((c) => c.id)).size).toBe(1)
        const kd = key("once-d")
        const debits = await Promise.all(Array.from({ length: 10 }, () => debit("cus_once", 5, { idempotency_key: kd })))
        expect(debits.filter((d) => !d.replayed)).toHaveLength(1)
        expect(new Set(debits.map((d) => d.id)).size).toBe(1)
        expect(await service.balance("cus_once")).toBe(25)
        await expectConsistent("cus_once")
      })
    })

    describe("reverse", () => {
      it("gives a debit's points back to the lots it used; partial then the rest, never more", async () => {
        const a = await credit("cus_rev", 60, { earned_at: daysAgo(200) })
        const b = await credit("cus_rev", 60, { earned_at: daysAgo(5) })
        const d = await debit("cus_rev", 90)
        const r1 = await service.reverse({ entry_id: d.id, points: 20, reason: "item returned", actor_type: "system", idempotency_key: key("r") })
        expect(r1).toEqual(expect.objectContaining({ kind: "reversal", points: 20, reverses_entry_id: d.id, balance_after: 50 }))
        // Latest-expiring lot first.
        let lots = await service.listPointsLots({ customer_id: "cus_rev" })
        expect(lots.find((l) => l.id === b.lot_id)!.remaining).toBe(30 + 20)
        const r2 = await service.reverse({ entry_id: d.id, actor_type: "system", reason: "order cancelled", idempotency_key: key("r") })
        expect(r2.points).toBe(70)
        lots = await service.listPointsLots({ customer_id: "cus_rev" })
        expect(lots.find((l) => l.id === a.lot_id)!.remaining).toBe(60)
        expect(lots.find((l) => l.id === b.lot_id)!.remaining).toBe(60)
        await expect(
          service.reverse({ entry_id: d.id, points: 1, actor_type: "system", idempotency_key: key("r") })
        ).rejects.toThrow(/already fully reversed/)
        await expect(
          service.reverse({ entry_id: r1.id, actor_type: "system", idempotency_key: key("r") })
        ).rejects.toThrow(/reversal entry cannot be reversed/)
        expect(await service.balance("cus_rev")).toBe(120)
        await expectConsistent("cus_rev")
      })

      it("reverses an earn up to the balance and records the shortfall", async () => {
        const e = await credit("cus_rev2", 100, { kind: "earn" })
        await debit("cus_rev2", 70)
        const r = await service.reverse({ entry_id: e.id, actor_type: "system", reason: "order refunded", idempotency_key: key("r") })
        expect(r.points).toBe(-30)
        expect(r.metadata).toEqual(expect.objectContaining({ requested: 100, shortfall: 70 }))
        expect(await service.balance("cus_rev2")).toBe(0)
        await expectConsistent("cus_rev2")
      })

      it("points returned to a lot past its date expire at once", async () => {
        await credit("cus_rev3", 50, { earned_at: daysAgo(360) })
        const d = await debit("cus_rev3", 50)
        // A year has passed since: the lot the debit used is past its date.
        await MikroOrmWrapper.forkManager().execute(
          `update points_lot set expires_at = now() - interval '1 day' where customer_id = 'cus_rev3'`
        )
        const r = await service.reverse({ entry_id: d.id, actor_type: "system", idempotency_key: key("r") })
        expect(r.points).toBe(50)
        expect(r.metadata).toEqual(expect.objectContaining({ expired_on_return: 50 }))
        expect(await service.balance("cus_rev3")).toBe(0)
        const { entries } = await service.history("cus_rev3")
        expect(entries.map((e) => [e.kind, e.points, e.balance_after])).toEqual(
          expect.arrayContaining([["reversal", 50, 50], ["expire", -50, 0]])
        )
        await expectConsistent("cus_rev3")
      })
    })

    describe("expiry", () => {
      it("expires due lots in chunks, per customer, and a re-run adds nothing", async () => {
        await credit("cus_exp1", 10, { earned_at: daysAgo(400) })
        await credit("cus_exp1", 20, { earned_at: daysAgo(380) })
        await credit("cus_exp1", 5, { earned_at: daysAgo(2) })
        await credit("cus_exp2", 7, { earned_at: daysAgo(366) })
        const now = new Date()
        const first = await service.expireDue(now, { limit: 2 })
        expect(first.lots).toBe(2)
        const second = await service.expireDue(now, { limit: 2 })
        const third = await service.expireDue(now, { limit: 2 })
        const all = [first, second, third]
        expect(all.reduce((s, r) => s + r.lots, 0)).toBeGreaterThanOrEqual(3)
        const byCustomer = new Map<string, number>()
        for (const r of all) for (const c of r.customers) byCustomer.set(c.customer_id, (byCustomer.get(c.customer_id) ?? 0) + c.points)
        expect(byCustomer.get("cus_exp1")).toBe(30)
        expect(byCustomer.get("cus_exp2")).toBe(7)
        expect(await service.balance("cus_exp1")).toBe(5)
        expect(await service.balance("cus_exp2")).toBe(0)
        // Re-run: nothing due any more.
        const again = await service.expireDue(now, { limit: 100 })
        expect(again.lots).toBe(0)
        const { entries } = await service.history("cus_exp1", { kinds: ["expire"] })
        expect(entries.map((e) => e.points).sort((x, y) => x - y)).toEqual([-20, -10])
        expect(entries.map((e) => e.balance_after).sort((x, y) => x - y)).toEqual([5, 25])
        expect(new Set(entries.map((e) => e.idempotency_key)).size).toBe(2)
        await expectConsistent()
      })

      it("a debit cannot spend points past their date", async () => {
        await credit("cus_exp3", 100, { earned_at: daysAgo(370) })
        await credit("cus_exp3", 10)
        await expect(debit("cus_exp3", 50)).rejects.toThrow("Not enough points: balance 10")
        // The rejected debit rolled back its inline expiry; the job writes it.
        expect(await service.balance("cus_exp3")).toBe(110)
        await debit("cus_exp3", 10)
        expect(await service.balance("cus_exp3")).toBe(0)
        const { entries } = await service.history("cus_exp3", { kinds: ["expire"] })
        expect(entries).toHaveLength(1)
        await expectConsistent("cus_exp3")
      })

      it("a debit arriving after a lot expired expires it first, though earlier debits skipped the check", async () => {
        // Lot A expires 1.5 s from now, lot B in a year.
        const a = await credit("cus_exp4", 30, { earned_at: new Date(Date.now() - 365 * DAY + 1_500) })
        const b = await credit("cus_exp4", 50)
        const lotA = (await service.listPointsLots({ id: a.lot_id! }))[0]
        const lotB = (await service.listPointsLots({ id: b.lot_id! }))[0]
        let account = await service.findAccount("cus_exp4")
        // The account keeps the earliest expiry of its lots.
        expect(new Date(account!.next_expiry_at!).getTime()).toBe(new Date(lotA.expires_at).getTime())

        // Before the date: nothing is due, the debit takes from A (soonest first).
        const first = await debit("cus_exp4", 10)
        expect(first.balance_after).toBe(70)
        expect((await service.history("cus_exp4", { kinds: ["expire"] })).count).toBe(0)

        // The clock passes A's date (no job runs meanwhile).
        while (Date.now() <= new Date(lotA.expires_at).getTime()) {
          await new Promise((r) => setTimeout(r, 100))
        }
        // Without the check A's 20 points could still be spent: 60 would pass.
        await expect(debit("cus_exp4", 60)).rejects.toThrow("Not enough points: balance 50")
        const second = await debit("cus_exp4", 50)
        expect(second.balance_after).toBe(0)
        expect(await service.balance("cus_exp4")).toBe(0)

        const { entries } = await service.history("cus_exp4", { kinds: ["expire"] })
        expect(entries.map((e) => [e.points, e.balance_after, e.idempotency_key, e.lot_id])).toEqual([
          [-20, 50, `expire:${lotA.id}`, lotA.id],
        ])
        const lots = await service.listPointsLots({ customer_id: "cus_exp4" })
        expect(lots.find((l) => l.id === lotA.id)).toEqual(expect.objectContaining({ remaining: 0, expired_at: expect.anything() }))
        expect(lots.find((l) => l.id === lotB.id)!.remaining).toBe(0)
        const allocations = await service.listPointsAllocations({ entry_id: second.id })
        expect(allocations.map((x) => [x.lot_id, x.points])).toEqual([[lotB.id, 50]])
        // The check moved the account's date on: the next debit skips it again.
        account = await service.findAccount("cus_exp4")
        expect(new Date(account!.next_expiry_at!).getTime()).toBeGreaterThan(Date.now())
        // The expiry job finds nothing left to do for this customer.
        const job = await service.expireDue(new Date(), { limit: 100 })
        expect(job.customers.map((c) => c.customer_id)).not.toContain("cus_exp4")
        await expectConsistent("cus_exp4")
      })

      it("summarises balance, value and points expiring within 30 days", async () => {
        await credit("cus_sum", 300, { earned_at: daysAgo(350) })
        await credit("cus_sum", 200, { earned_at: daysAgo(1) })
        const s = await service.summary("cus_sum")
        expect(s).toEqual(
          expect.objectContaining({ balance: 500, value: 5, expiring_soon: 300, expiring_soon_days: 30 })
        )
        expect(s.next_expiry?.points).toBe(300)
        const none = await service.summary("cus_none")
        expect(none).toEqual(expect.objectContaining({ balance: 0, value: 0, account_id: null, enrolled: false }))
      })

      it("filters and pages the history", async () => {
        await credit("cus_hist", 10)
        await credit("cus_hist", 10)
        await debit("cus_hist", 5)
        const page = await service.history("cus_hist", { limit: 2, offset: 0 })
        expect(page.count).toBe(3)
        expect(page.entries).toHaveLength(2)
        expect(page.entries[0].kind).toBe("redeem")
        const adds = await service.history("cus_hist", { kinds: ["manual_add"] })
        expect(adds.count).toBe(2)
        const future = await service.history("cus_hist", { from: new Date(Date.now() + DAY) })
        expect(future.count).toBe(0)
      })
    })
  },
})
