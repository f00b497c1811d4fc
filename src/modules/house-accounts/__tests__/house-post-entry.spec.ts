import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError } from "@medusajs/framework/utils"
import { HOUSE_ACCOUNTS_MODULE } from ".."
import HouseAccount from "../models/house-account"
import HouseAccountEntry from "../models/house-account-entry"
import HouseAccountCustomer from "../models/house-account-customer"
import { LimitError } from "../rules"
import type HouseAccountsModuleService from "../service"

jest.setTimeout(120_000)

let seq = 0
const key = () => `p-${++seq}-${Math.random().toString(36).slice(2)}`
const admin = { actor_type: "user", actor_id: "user_1", source_type: "admin", source_id: "user_1" }

// postEntry is one call of cbo_house_post_entry (migration 20261207190000).
moduleIntegrationTestRunner<HouseAccountsModuleService>({
  moduleName: HOUSE_ACCOUNTS_MODULE,
  moduleModels: [HouseAccount, HouseAccountEntry, HouseAccountCustomer],
  resolve: "./src/modules/house-accounts",
  pathToMigrations: "./src/modules/house-accounts/migrations",
  testSuite: ({ service, MikroOrmWrapper }) => {
    it("a replayed key answers the first entry and writes nothing; the key for another entry is refused", async () => {
      const acc = await service.createAccount({ name: "R", currency_code: "eur", credit_limit: 1000 })
      const input = { account_id: acc.id, kind: "charge" as const, amount: 100, idempotency_key: key(), ...admin }
      const first = await service.postEntry(input)
      const again = await service.postEntry(input)
      expect(first.replayed).toBe(false)
      expect(again).toEqual(expect.objectContaining({ replayed: true }))
      expect(again.entry.id).toBe(first.entry.id)
      expect(again.account.balance).toBe(100)
      await expect(service.postEntry({ ...input, amount: 101 })).rejects.toMatchObject({
        type: MedusaError.Types.CONFLICT,
        message: `idempotency_key: already used for another entry (charge of 100 on ${acc.id})`,
      })
      expect((await service.listEntries(acc.id, {}, { limit: 10, offset: 0 })).count).toBe(1)
    })

    it("refusals keep their types and figures; payments and adjustments settle a closed account", async () => {
      const acc = await service.createAccount({ name: "L", currency_code: "eur", credit_limit: 100 })
      await service.postEntry({ account_id: acc.id, kind: "charge", amount: 70, idempotency_key: key(), ...admin })
      const over = await service
        .postEntry({ account_id: acc.id, kind: "charge", amount: 31, idempotency_key: key(), ...admin })
        .catch((e) => e)
      expect(over).toBeInstanceOf(LimitError)
      expect(over).toMatchObject({ type: MedusaError.Types.CONFLICT, available_credit: 30, account_id: acc.id })
      await expect(
        service.postEntry({ account_id: "hacc_missing", kind: "charge", amount: 1, idempotency_key: key(), ...admin })
      ).rejects.toMatchObject({ type: MedusaError.Types.NOT_FOUND })

      await service.updateAccount(acc.id, { status: "closed" })
      await expect(
        service.postEntry({ account_id: acc.id, kind: "charge", amount: 1, idempotency_key: key(), ...admin })
      ).rejects.toThrow(/is closed: it cannot be charged/)
      const adj = await service.postEntry({
        account_id: acc.id, kind: "adjustment", amount: 50, reason: "Late fee", idempotency_key: key(), ...admin,
      })
      expect(adj.account.balance).toBe(120) // an adjustment may cross the limit
      const paid = await service.postEntry({
        account_id: acc.id, kind: "payment", amount: -120, method: "cash", idempotency_key: key(), ...admin,
      })
      expect(paid.account).toEqual(expect.objectContaining({ balance: 0, status: "closed" }))
      expect(paid.account.last_payment_at).not.toBeNull()
      expect(paid.entry.balance_after).toBe(0)
      expect(await service.audit(acc.id)).toEqual([])
    })

    it("parallel charges: exactly what the limit allows, balance = sum of entries", async () => {
      const acc = await service.createAccount({ name: "P", currency_code: "eur", credit_limit: 400 })
      const results = await Promise.allSettled(
        Array.from({ length: 25 }, () =>
          service.postEntry({ account_id: acc.id, kind: "charge", amount: 40, idempotency_key: key(), ...admin })
        )
      )
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10)
      for (const r of results) {
        if (r.status === "rejected") expect(r.reason).toBeInstanceOf(LimitError)
      }
      expect((await service.getAccount(acc.id)).balance).toBe(400)
      expect(await service.audit(acc.id)).toEqual([])
    })

    it("inside the caller's transaction: rolled back with it", async () => {
      const acc = await service.createAccount({ name: "T", currency_code: "eur", credit_limit: 100 })
      const em = MikroOrmWrapper.forkManager()
      await expect(
        em.transactional(async (tx) => {
          await service.postEntry(
            { account_id: acc.id, kind: "charge", amount: 10, idempotency_key: key(), ...admin },
            { transactionManager: tx }
          )
          throw new Error("caller failed")
        })
      ).rejects.toThrow("caller failed")
      expect((await service.getAccount(acc.id)).balance).toBe(0)
      expect((await service.listEntries(acc.id, {}, { limit: 10, offset: 0 })).count).toBe(0)
    })
  },
})
