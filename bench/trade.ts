/**
 * bench:trade — trade accounts at scale (issue 14): with 100,000 customers and
 * 2,000 trade customers spread over 20 discount rates (each rate a managed
 * customer group + automatic promotion), the storefront cart's price
 * calculation (POST /store/carts with an item: prices with the customer's
 * groups, then promotions) for a trade customer (price list + discount + free
 * delivery) vs a retail customer, alternating in the same run; and the p95 of
 * the approval workflow (POST /admin/backoffice/trade-applications/:id/approve).
 *
 *   npm run bench:trade [-- --customers=100000 --trade=2000 --rates=20 --approvals=100 --requests=200 --port=9241]
 *
 * Own database (BENCH_DB, default cbo_bench_trade), built and migrated through
 * the host (bench/lib/plugin.ts); 100k customers seeded once in SQL. Each run
 * makes its own region, sales channel, publishable key, product and price list
 * through the admin API, and its applicants through the storefront API
 * (emailpass register + POST /store/backoffice/trade-applications). The first
 * `rates` approvals (one per rate) create the groups and promotions through the
 * plugin's workflow; the rest of the 2,000 trade customers are seeded in SQL
 * into those same groups (the state the workflow leaves); the remaining
 * approvals are then timed with 2,000 trade customers in place.
 * Last line: one JSON object (`ratio` = trade p50 / retail p50, target ≤ 1.3).
 */
import { Client } from "pg"
import { ensureMigratedDatabase, ensurePluginBuilt } from "./lib/plugin"
import { BENCH_ADMIN, ensureAdminUser, startHostProcess, stopHostProcess } from "./lib/host"

const arg = (name: string, def: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`))
  return a ? Number(a.split("=")[1]) : def
}
const CUSTOMERS = arg("customers", 100_000)
const TRADE = arg("trade", 2_000)
const RATES = arg("rates", 20)
const APPROVALS = Math.max(arg("approvals", 100), RATES + 10)
const REQUESTS = arg("requests", 200)
const WARMUP = 20
const PORT = arg("port", 9241)
const DB = process.env.BENCH_DB || "cbo_bench_trade"
const DB_URL = `postgres://postgres@localhost:5432/${DB}`
const BASE = `http://localhost:${PORT}`
const ADMIN = BENCH_ADMIN
const PASSWORD = "bench-Passw0rd"
const RUN = `${Date.now().toString(36)}${process.pid}`

const out = (s: string) => process.stdout.write(`${s}\n`)
const hostEnv = {
  ...process.env,
  DATABASE_URL: DB_URL,
  MEDUSA_DISABLE_TELEMETRY: "true",
  ADMIN_DISABLED: "true",
  CBO_QUEUE_PREFIX: `cbo-bench-trade-${process.pid}`,
  NODE_ENV: "production",
}
/** Rate i (0-based) in hundredths of a percent: 2.5 %, 5 %, … 50 %. */
const rateBp = (i: number) => 250 * (i + 1)

async function ensureDatabase() {
  ensurePluginBuilt(out)
  if (await ensureMigratedDatabase(DB, hostEnv, out)) {
    ensureAdminUser(hostEnv)
  }
}

async function seedCustomers(db: Client) {
  const n = Number((await db.query("select count(*) from customer where id like 'cus_bench_%'")).rows[0].count)
  if (n === CUSTOMERS) return
  out(`seeding ${CUSTOMERS} customers in ${DB} …`)
  await db.query("DELETE FROM customer WHERE id LIKE 'cus_bench_%'")
  await db.query(
    `INSERT INTO customer (id, first_name, last_name, email, company_name, has_account, created_at, updated_at)
     SELECT 'cus_bench_' || lpad(i::text, 7, '0'), 'First' || (i % 997), 'Last' || (i % 991),
            'bench.' || i || '@example.com', CASE WHEN i % 9 = 0 THEN 'Company ' || (i % 500) END,
            i % 3 = 0, timestamptz '2023-01-01' + (i::float / $1) * interval '1000 days', now()
     FROM generate_series(1, $1::int) i`,
    [CUSTOMERS]
  )
  await db.query("ANALYZE customer")
}

/** The seeded trade customers: trade_account rows and memberships of the managed discount groups. */
async function seedTradeCustomers(db: Client, count: number) {
  await db.query("DELETE FROM customer_group_customer WHERE id LIKE 'cusgc_tbench_%'")
  await db.query("DELETE FROM trade_account WHERE id LIKE 'tacc_bench_%'")
  const groups = await db.query(
    `SELECT id, (metadata->>'discount_bp')::int AS bp FROM customer_group
      WHERE metadata->>'backoffice_trade' = 'discount' AND deleted_at IS NULL`
  )
  const byBp = new Map<number, string>(groups.rows.map((r) => [r.bp, r.id]))
  const ids = Array.from({ length: RATES }, (_, i) => byBp.get(rateBp(i)))
  if (ids.some((x) => !x)) throw new Error("a discount group is missing: the first approvals did not create it")
  // every 50th seeded customer, rates round-robin
  await db.query(
    `INSERT INTO trade_account (id, customer_id, account_type, company_name, discount_bp, active, created_at, updated_at)
     SELECT 'tacc_bench_' || k, 'cus_bench_' || lpad((k * 50)::text, 7, '0'), 'trade', 'Trade ' || k,
            250 * (1 + k % $2), true, now(), now()
     FROM generate_series(1, $1::int) k`,
    [count, RATES]
  )
  await db.query(
    `INSERT INTO customer_group_customer (id, customer_id, customer_group_id, created_at, updated_at)
     SELECT 'cusgc_tbench_' || k, 'cus_bench_' || lpad((k * 50)::text, 7, '0'), ($2::text[])[1 + k % $3], now(), now()
     FROM generate_series(1, $1::int) k`,
    [count, ids, RATES]
  )
  await db.query("ANALYZE trade_account; ANALYZE customer_group_customer")
}

const startHost = () => startHostProcess(PORT, hostEnv)

type Json = Record<string, any>
async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = (await res.json().catch(() => ({}))) as Json
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(data)}`)
  return data
}

/** Region, sales channel + publishable key, a product (no inventory) at 50.00 and a trade price list at 40.00. */
async function setupShop(admin: Record<string, string>) {
  const sc = (await call("POST", "/admin/sales-channels", { name: `Bench ${RUN}` }, admin)).sales_channel
  const key = (await call("POST", "/admin/api-keys", { title: `Bench ${RUN}`, type: "publishable" }, admin)).api_key
  await call("POST", `/admin/api-keys/${key.id}/sales-channels`, { add: [sc.id] }, admin)
  const region = (
    await call("POST", "/admin/regions", { name: `Bench ${RUN}`, currency_code: "usd", payment_providers: ["pp_system_default"] }, admin)
  ).region
  const product = (
    await call(
      "POST",
      "/admin/products",
      {
        title: `Bench widget ${RUN}`,
        status: "published",
        sales_channels: [{ id: sc.id }],
        options: [{ title: "Size", values: ["One"] }],
        variants: [{ title: "One", options: { Size: "One" }, manage_inventory: false, prices: [{ currency_code: "usd", amount: 5000 }] }],
      },
      admin
    )
  ).product
  const variantId = product.variants[0].id
  const priceList = (
    await call(
      "POST",
      "/admin/price-lists",
      { title: `Bench trade ${RUN}`, description: "bench", type: "sale", status: "active", prices: [{ variant_id: variantId, amount: 4000, currency_code: "usd" }] },
      admin
    )
  ).price_list
  return { pk: { "x-publishable-api-key": key.token }, regionId: region.id, salesChannelId: sc.id, variantId, priceListId: priceList.id }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const round = (n: number) => Math.round(n * 10) / 10

async function main() {
  await ensureDatabase()
  const db = new Client({ connectionString: DB_URL })
  await db.connect()
  await seedCustomers(db)
  out(`bench:trade — ${CUSTOMERS} customers, ${TRADE} trade customers over ${RATES} discount rates, ${REQUESTS} carts each (after ${WARMUP} warm-up), ${APPROVALS} approvals`)
  const host = await startHost()
  try {
    const token = (await call("POST", "/auth/user/emailpass", ADMIN)).token
    const admin = { authorization: `Bearer ${token}` }
    const shop = await setupShop(admin)

    // applicants through the storefront
    const applicants: { id: string; email: string }[] = []
    for (let i = 0; i < APPROVALS; i++) {
      const email = `applicant.${RUN}.${i}@example.com`
      const reg = await call("POST", "/auth/customer/emailpass/register", { email, password: PASSWORD })
      const app = await call(
        "POST",
        "/store/backoffice/trade-applications",
        { company_name: `Applicant ${i} Ltd` },
        { authorization: `Bearer ${reg.token}`, ...shop.pk }
      )
      applicants.push({ id: app.application.id, email })
    }
    const approve = async (i: number) => {
      const bp = rateBp(i % RATES)
      const t0 = performance.now()
      await call(
        "POST",
        `/admin/backoffice/trade-applications/${applicants[i].id}/approve`,
        i === 0
          ? { discount_percent: bp / 100, price_list_id: shop.priceListId, free_delivery: true }
          : { discount_percent: bp / 100 },
        admin
      )
      return performance.now() - t0
    }
    // one approval per rate creates its group and promotion (applicant 0: price list + free delivery too)
    for (let i = 0; i < RATES; i++) await approve(i)
    const seeded = Math.max(0, TRADE - APPROVALS)
    await seedTradeCustomers(db, seeded)
    const approvalTimes: number[] = []
    for (let i = RATES; i < APPROVALS; i++) approvalTimes.push(await approve(i))
    const tradeCount = Number(
      (await db.query("SELECT count(*) FROM trade_account WHERE account_type = 'trade' AND active AND deleted_at IS NULL")).rows[0].count
    )

    // the measured shoppers: applicant 0 (trade: price list, 2.5 %, free delivery) and a retail customer
    const login = async (email: string) =>
      ({ authorization: `Bearer ${(await call("POST", "/auth/customer/emailpass", { email, password: PASSWORD })).token}`, ...shop.pk })
    const trade = await login(applicants[0].email)
    const retailEmail = `retail.${RUN}@example.com`
    const reg = await call("POST", "/auth/customer/emailpass/register", { email: retailEmail, password: PASSWORD })
    await call("POST", "/store/customers", { email: retailEmail }, { authorization: `Bearer ${reg.token}`, ...shop.pk })
    const retail = await login(retailEmail)

    const body = { region_id: shop.regionId, sales_channel_id: shop.salesChannelId, items: [{ variant_id: shop.variantId, quantity: 2 }] }
    const times = { trade: [] as number[], retail: [] as number[] }
    const totals: Record<string, Json> = {}
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      for (const who of (i % 2 ? ["trade", "retail"] : ["retail", "trade"]) as ("trade" | "retail")[]) {
        const t0 = performance.now()
        const cart = (await call("POST", "/store/carts", body, who === "trade" ? trade : retail)).cart
        const ms = performance.now() - t0
        if (i >= WARMUP) times[who].push(ms)
        totals[who] = { item_subtotal: cart.item_subtotal, discount_total: cart.discount_total, total: cart.total }
      }
    }
    if (totals.trade.item_subtotal !== 8000 || !(totals.trade.discount_total > 0)) {
      throw new Error(`the trade cart is not priced with its terms: ${JSON.stringify(totals.trade)}`)
    }
    if (totals.retail.item_subtotal !== 10000 || totals.retail.discount_total !== 0) {
      throw new Error(`the retail cart has trade terms: ${JSON.stringify(totals.retail)}`)
    }
    const t = times.trade.sort((a, b) => a - b)
    const r = times.retail.sort((a, b) => a - b)
    const a = approvalTimes.sort((x, y) => x - y)
    const ratio = pct(t, 50) / pct(r, 50)
    out(`trade customers: ${tradeCount} (${seeded} seeded in SQL, ${APPROVALS} approved through the API)`)
    out(`cart (POST /store/carts, 1 line × 2): trade p50 ${round(pct(t, 50))} ms, p95 ${round(pct(t, 95))} ms — retail p50 ${round(pct(r, 50))} ms, p95 ${round(pct(r, 95))} ms`)
    out(`  trade cart ${JSON.stringify(totals.trade)}; retail cart ${JSON.stringify(totals.retail)}`)
    out(`ratio trade p50 / retail p50: ${ratio.toFixed(2)} (target ≤ 1.3)`)
    out(`approval workflow (${a.length} approvals): p50 ${round(pct(a, 50))} ms, p95 ${round(pct(a, 95))} ms, max ${round(a[a.length - 1])} ms`)
    out(
      JSON.stringify({
        bench: "trade",
        customers: CUSTOMERS,
        trade_customers: tradeCount,
        rates: RATES,
        carts_per_customer: REQUESTS,
        trade_cart_p50_ms: round(pct(t, 50)),
        trade_cart_p95_ms: round(pct(t, 95)),
        retail_cart_p50_ms: round(pct(r, 50)),
        retail_cart_p95_ms: round(pct(r, 95)),
        ratio: Number(ratio.toFixed(2)),
        approvals: a.length,
        approval_p50_ms: round(pct(a, 50)),
        approval_p95_ms: round(pct(a, 95)),
        trade_cart: totals.trade,
        retail_cart: totals.retail,
      })
    )
  } finally {
    await db.end()
    stopHostProcess(host)
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
