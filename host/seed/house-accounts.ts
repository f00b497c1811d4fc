import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
// The plugin as the host loads it (built by `npm run demo` before seeding).
import { generateHouseStatementWorkflow } from "../../.medusa/server/src/workflows/house-accounts/statements"

type Seeded = { account_number: string; statements: number; entries: number }

const DAY = 86_400_000

/**
 * Demo house accounts: a builder's company account shared by two buyers,
 * a family account, and one on hold over its limit — with two months of
 * charges, payments and an adjustment, and last month's statement stored
 * (PDF + CSV), so the account page shows a ledger and a statement.
 * Idempotent: an account number already present is left as it is.
 */
export async function seedHouseAccounts(container: MedusaContainer, customerIds: string[], now: Date): Promise<Seeded[]> {
  const svc = container.resolve<any>("house_accounts")
  const pg = container.resolve<any>(ContainerRegistrationKeys.PG_CONNECTION)
  const lastMonthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const lastMonthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 1)
  const at = (daysIntoLastMonth: number) => new Date(lastMonthStart.getTime() + daysIntoLastMonth * DAY + 10 * 3_600_000)

  const plans = [
    {
      account_number: "HA-DEMO-0001",
      name: "Van Dijk Bouw B.V.",
      credit_limit: 500_000,
      order_limit: 150_000,
      status: "active",
      customers: customerIds.slice(0, 2),
      entries: [
        { kind: "charge", amount: 84_950, at: new Date(lastMonthStart.getTime() - 12 * DAY), reference: "Counter sale 1182" },
        { kind: "charge", amount: 129_900, at: at(3), reference: "Counter sale 1207" },
        { kind: "payment", amount: -84_950, at: at(8), method: "bank_transfer", reference: "NL91ABNA 2201" },
        { kind: "charge", amount: 46_500, at: at(15), reference: "Counter sale 1241" },
        { kind: "adjustment", amount: -2_500, at: at(16), reason: "Damaged pallet, credited" },
        { kind: "payment", amount: -50_000, at: new Date(now.getTime() - 2 * DAY), method: "card", reference: "POS 5521" },
      ],
    },
    {
      account_number: "HA-DEMO-0002",
      name: "De Vries family",
      credit_limit: 100_000,
      order_limit: null,
      status: "active",
      customers: customerIds.slice(2, 3),
      entries: [
        { kind: "charge", amount: 18_990, at: at(5), reference: "Counter sale 1213" },
        { kind: "payment", amount: -18_990, at: at(20), method: "cash", reference: "Receipt 88" },
      ],
    },
    {
      account_number: "HA-DEMO-0003",
      name: "Jansen Interieur",
      credit_limit: 50_000,
      order_limit: null,
      status: "on_hold",
      customers: customerIds.slice(3, 4),
      entries: [
        { kind: "charge", amount: 45_000, at: at(2), reference: "Counter sale 1199" },
        { kind: "adjustment", amount: 12_000, at: at(4), reason: "Opening balance from the old till system" },
      ],
    },
  ] as const

  const out: Seeded[] = []
  for (const plan of plans) {
    const [existing] = await pg.from("house_account").where("account_number", plan.account_number).select("id")
    if (existing) continue
    const account = await svc.createAccount({
      account_number: plan.account_number,
      name: plan.name,
      currency_code: "eur",
      credit_limit: plan.credit_limit,
      order_limit: plan.order_limit,
    })
    await svc.setCustomers(account.id, { add: plan.customers })
    for (const [i, e] of plan.entries.entries()) {
      const { entry } = await svc.postEntry({
        account_id: account.id,
        kind: e.kind,
        amount: e.amount,
        method: "method" in e ? e.method : null,
        reference: "reference" in e ? e.reference : null,
        reason: "reason" in e ? e.reason : null,
        actor_type: "system",
        source_type: "admin",
        idempotency_key: `demo:${plan.account_number}:${i}`,
      })
      // demo history: the entry dated when it would have happened
      await pg("house_account_entry").where("id", entry.id).update({ created_at: e.at, updated_at: e.at })
      if (e.kind === "payment") await pg("house_account").where("id", account.id).update({ last_payment_at: e.at })
    }
    if (plan.status !== "active") await svc.updateAccount(account.id, { status: plan.status })
    let statements = 0
    if (plan.status === "active") {
      await generateHouseStatementWorkflow(container).run({
        input: {
          account_id: account.id,
          from: lastMonthStart.toISOString(),
          to: lastMonthEnd.toISOString(),
          email: false,
          actor_type: "system",
          actor_id: null,
        },
      })
      statements = 1
    }
    out.push({ account_number: plan.account_number, statements, entries: plan.entries.length })
  }
  return out
}
