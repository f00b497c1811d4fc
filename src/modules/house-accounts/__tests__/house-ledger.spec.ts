import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { HOUSE_ACCOUNTS_MODULE } from ".."
import HouseAccount from "../models/house-account"
import HouseAccountEntry from "../models/house-account-entry"
import HouseAccountCustomer from "../models/house-account-customer"
import type HouseAccountsModuleService from "../service"

jest.setTimeout(120_000)

let seq = 0
const key = () => `k-${++seq}-${Math.random().toString(36).slice(2)}`
const admin = { actor_type: "user", actor_id: "user_1", source_type: "admin", source_id: "user_1" }

moduleIntegrationTestRunner<HouseAccountsModuleService>({
  moduleName: HOUSE_ACCOUNTS_MODULE,
  moduleModels: [HouseAccount, HouseAccountEntry, HouseAccountCustomer],
  resolve: "./src/modules/house-accounts",
  // the real migrations: bigint amounts and CHECK constraints
  pathToMigrations: "./src/modules/house-accounts/migrations",
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sql = (q: string, params: unknown[] = []) => MikroOrmWrapper.forkManager().execute(q, params)

    it("holds amounts above 32 bits exactly and keeps balance = sum of entries", async () => {
      const big = 2 ** 40 + 7
      const acc = await service.createAccount({ name: "Big", currency_code: "eur", credit_limit: big * 2 })
      await service.postEntry({ account_id: acc.id, kind: "charge", amount: big, idempotency_key: key(), ...admin })
      const r = await service.postEntry({ account_id: acc.id, kind: "charge", amount: big, idempotency_key: key(), ...admin })
      expect(r.account).toEqual(expect.objectContaining({ balance: big * 2, available_credit: 0 }))
      expect(r.entry.balance_after).toBe(big * 2)
      expect(await service.audit(acc.id)).toEqual([])
    })

    it("the generated writers of entries refuse: the ledger is append-only", async () => {
      const acc = await service.createAccount({ name: "A", currency_code: "eur", credit_limit: 100 })
      const { entry } = await service.postEntry({ account_id: acc.id, kind: "charge", amount: 10, idempotency_key: key(), ...admin })
      await expect(service.updateHouseAccountEntries({ id: entry.id, amount: 1 } as any)).rejects.toThrow(/append-only/)
      await expect(service.deleteHouseAccountEntries([entry.id])).rejects.toThrow(/append-only/)
      await expect(service.createHouseAccountEntries({} as any)).rejects.toThrow(/postEntry/)
      expect((await service.listEntries(acc.id, {}, { limit: 10, offset: 0 })).count).toBe(1)
    })

    it("the database refuses what the service would have refused", async () => {
      const acc = await service.createAccount({ name: "A", currency_code: "eur", credit_limit: 100 })
      const insert = (kind: string, amount: number, reason: string | null = null) =>
        sql(
          `insert into house_account_entry (id, account_id, kind, amount, currency_code, balance_after, reason, actor_type, idempotency_key)
           values (?, ?, ?, ?, 'eur', 0, ?, 'system', ?)`,
          [`haent_${key()}`, acc.id, kind, amount, reason, key()]
        )
      await expect(insert("charge", -5)).rejects.toThrow(/house_account_entry_amount_check/)
      await expect(insert("payment", 5)).rejects.toThrow(/house_account_entry_amount_check/)
      await expect(insert("adjustment", 0, "x")).rejects.toThrow(/house_account_entry_amount_check/)
      await expect(insert("adjustment", 5, " ")).rejects.toThrow(/house_account_entry_reason_check/)
      await expect(sql(`update house_account set credit_limit = -1 where id = ?`, [acc.id])).rejects.toThrow(
        /house_account_credit_limit_check/
      )
      await expect(sql(`update house_account set balance = 9007199254740992 where id = ?`, [acc.id])).rejects.toThrow(
        /house_account_balance_check/
      )
    })

    it("a charge on an account the customer is not assigned to, over the limit or on hold writes nothing", async () => {
      const acc = await service.createAccount({ name: "A", currency_code: "eur", credit_limit: 100, order_limit: 60 })
      await service.setCustomers(acc.id, { add: ["cus_a"] })
      const charge = (amount: number, customer_id = "cus_a") =>
        service.postEntry({ account_id: acc.id, kind: "charge", amount, customer_id, idempotency_key: key(), ...admin })
      await expect(charge(10, "cus_b")).rejects.toThrow(/may not charge/)
      await expect(charge(61)).rejects.toThrow(/per-order maximum/)
      await charge(60)
      await expect(charge(41)).rejects.toThrow(/available credit is 0.40 EUR/)
      await service.updateAccount(acc.id, { status: "on_hold" })
      await expect(charge(1)).rejects.toThrow(/on hold/)
      const { entries } = await service.listEntries(acc.id, {}, { limit: 10, offset: 0 })
      expect(entries.map((e) => e.amount)).toEqual([60])
      expect((await service.getAccount(acc.id)).balance).toBe(60)
    })
  },
})
