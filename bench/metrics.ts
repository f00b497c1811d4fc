/**
 * bench:metrics — the customer metrics endpoint on a customer with 10,000 orders
 * in a store with 1,000,000 orders, against Medusa's own
 * GET /admin/orders?customer_id=…&limit=20 in the same run; and the measurement
 * behind "list columns computed on read or kept fresh": the customer list of
 * 100,000 customers sorted by total spent, computed on read in one SQL
 * statement, against Medusa's core customer list; and the plugin's list sorted
 * by total spent as built — read from the kept-fresh customer_sales table,
 * filled first by the nightly reconcile's recompute (its duration is reported).
 *
 *   npm run bench:metrics [-- --orders=1000000 --customers=100000 --big=10000 --requests=100 --list-requests=5 --port=9241]
 *
 * Own database (BENCH_DB, default cbo_bench_metrics), migrated through the host,
 * orders and their summaries seeded once in SQL (80 % EUR, 20 % USD, 3 % canceled,
 * 1 % drafts, 5 % partly refunded). Last line: one JSON object.
 */
import { Client } from "pg"
import knexFactory from "knex"
import { ensureMigratedDatabase, ensurePluginBuilt } from "./lib/plugin"
import { adminToken, ensureAdminUser, startHostProcess, stopHostProcess } from "./lib/host"
import { recomputeCustomerSales } from "../src/lib/customer-list/sales"

const arg = (name: string, def: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`))
  return a ? Number(a.split("=")[1]) : def
}
const ORDERS = arg("orders", 1_000_000)
const CUSTOMERS = arg("customers", 100_000)
const BIG = arg("big", 10_000)
const REQUESTS = arg("requests", 100)
/** The on-read list aggregates every order: a few runs tell its cost. */
const LIST_REQUESTS = arg("list-requests", 5)
const WARMUP = 10
const PORT = arg("port", 9241)
const DB = process.env.BENCH_DB || "cbo_bench_metrics"
const DB_URL = `postgres://postgres@localhost:5432/${DB}`
const BASE = `http://localhost:${PORT}`
const BIG_ID = "cus_bench_0000001"

const out = (s: string) => process.stdout.write(`${s}\n`)
const hostEnv = {
  ...process.env,
  DATABASE_URL: DB_URL,
  MEDUSA_DISABLE_TELEMETRY: "true",
  ADMIN_DISABLED: "true",
  CBO_QUEUE_PREFIX: `cbo-bench-metrics-${process.pid}`,
  NODE_ENV: "production",
}

async function ensureDatabase() {
  ensurePluginBuilt(out)
  if (await ensureMigratedDatabase(DB, hostEnv, out)) {
    ensureAdminUser(hostEnv)
  }
}

/** Customers, then ORDERS orders (BIG of them the big customer's) with one summary each. */
async function ensureData(db: Client) {
  const n = Number((await db.query(`select count(*) from "order"`)).rows[0].count)
  const c = Number((await db.query(`select count(*) from customer`)).rows[0].count)
  if (n === ORDERS && c === CUSTOMERS) return
  out(`seeding ${CUSTOMERS} customers and ${ORDERS} orders in ${DB} (once) …`)
  const t0 = Date.now()
  await db.query(`TRUNCATE order_summary, "order", customer CASCADE`)
  await db.query(
    `INSERT INTO customer (id, first_name, last_name, email, has_account, created_at, updated_at)
     SELECT 'cus_bench_' || lpad(i::text, 7, '0'), 'First' || i, 'Last' || (i % 997), 'c' || i || '@example.com', true,
            timestamptz '2022-01-01' + (i::float / $1) * interval '900 days', now()
       FROM generate_series(1, $1::int) i`,
    [CUSTOMERS]
  )
  // order i: the big customer for i ≤ BIG, else spread over the other customers
  await db.query(
    `INSERT INTO "order" (id, customer_id, currency_code, status, is_draft_order, email, version, created_at, updated_at)
     SELECT 'order_bench_' || lpad(i::text, 8, '0'),
            CASE WHEN i <= $2 THEN '${BIG_ID}' ELSE 'cus_bench_' || lpad((2 + (i::bigint * 7919) % ($3 - 1))::text, 7, '0') END,
            CASE WHEN i % 5 = 0 THEN 'usd' ELSE 'eur' END,
            (CASE WHEN i % 100 = 7 THEN 'draft' WHEN i % 33 = 0 THEN 'canceled' ELSE 'completed' END)::order_status_enum,
            i % 100 = 7, 'o' || i || '@example.com', 1,
            timestamptz '2023-01-01' + ((i::bigint * 2654435761) % 1000000)::float / 1000000 * interval '1000 days', now()
       FROM generate_series(1, $1::int) i`,
    [ORDERS, BIG, CUSTOMERS]
  )
  await db.query(
    `INSERT INTO order_summary (id, order_id, version, totals, created_at, updated_at)
     SELECT 'ordsum_bench_' || lpad(i::text, 8, '0'), 'order_bench_' || lpad(i::text, 8, '0'), 1,
            jsonb_build_object(
              'current_order_total', t, 'raw_current_order_total', jsonb_build_object('value', t::text, 'precision', 20),
              'original_order_total', t, 'raw_original_order_total', jsonb_build_object('value', t::text, 'precision', 20),
              'paid_total', t, 'raw_paid_total', jsonb_build_object('value', t::text, 'precision', 20),
              'refunded_total', r, 'raw_refunded_total', jsonb_build_object('value', r::text, 'precision', 20),
              'transaction_total', t - r, 'raw_transaction_total', jsonb_build_object('value', (t - r)::text, 'precision', 20),
              'pending_difference', r, 'raw_pending_difference', jsonb_build_object('value', r::text, 'precision', 20),
              'credit_line_total', 0, 'raw_credit_line_total', jsonb_build_object('value', '0', 'precision', 20),
              'accounting_total', t, 'raw_accounting_total', jsonb_build_object('value', t::text, 'precision', 20)),
            now(), now()
       FROM (SELECT i, round((5 + (i * 37) % 400 + (i % 100) / 100.0)::numeric, 2) AS t,
                    CASE WHEN i % 20 = 3 THEN 5.00 ELSE 0 END AS r
               FROM generate_series(1, $1::int) i) x`,
    [ORDERS]
  )
  await db.query(`ANALYZE customer; ANALYZE "order"; ANALYZE order_summary`)
  out(`  seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

const startHost = () => startHostProcess(PORT, hostEnv)

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const round = (n: number) => Math.round(n * 10) / 10
const stats = (t: number[]) => {
  const s = [...t].sort((a, b) => a - b)
  return { p50: round(pct(s, 50)), p95: round(pct(s, 95)) }
}

/** The list "sorted by total spent", computed on read: every customer's net EUR sales, top 20. */
const SPENT_ON_READ = `
  select c.id, c.email, coalesce(x.orders, 0) as orders, coalesce(x.spent, 0) as spent, x.last_order_at
    from customer c
    left join (
      select o.customer_id, count(*) as orders, max(o.created_at) as last_order_at,
             sum(round(((s.totals->'raw_current_order_total'->>'value')::numeric
               - greatest(0, (s.totals->'raw_refunded_total'->>'value')::numeric
               - greatest(0, (s.totals->'raw_paid_total'->>'value')::numeric - (s.totals->'raw_current_order_total'->>'value')::numeric))) * 100))::bigint as spent
        from "order" o
        join order_summary s on s.order_id = o.id and s.version = o.version and s.deleted_at is null
       where o.deleted_at is null and not o.is_draft_order and o.status not in ('canceled', 'draft') and o.currency_code = 'eur'
       group by o.customer_id) x on x.customer_id = c.id
   where c.deleted_at is null
   order by spent desc, c.id limit 20`

/** The nightly reconcile's work: every customer's row recomputed, 1,000 a batch. Returns seconds. */
async function reconcileAll(): Promise<number> {
  const knex = knexFactory({ client: "pg", connection: DB_URL, pool: { min: 1, max: 2 } })
  const t0 = Date.now()
  try {
    let after = ""
    for (;;) {
      const ids: string[] = (await knex.from("customer").where("id", ">", after).orderBy("id").limit(1000).select("id")).map(
        (r: { id: string }) => r.id
      )
      if (!ids.length) break
      await recomputeCustomerSales(knex as any, ids)
      after = ids[ids.length - 1]
    }
    await knex.raw("ANALYZE customer_sales")
  } finally {
    await knex.destroy()
  }
  return (Date.now() - t0) / 1000
}

async function main() {
  await ensureDatabase()
  const db = new Client({ connectionString: DB_URL })
  await db.connect()
  await ensureData(db)
  const reconcileS = await reconcileAll()
  out(`reconcile (every customer's list columns recomputed): ${reconcileS.toFixed(1)} s`)
  out(`bench:metrics — ${ORDERS} orders, ${CUSTOMERS} customers, big customer ${BIG} orders; ${REQUESTS} requests per scenario (after ${WARMUP} warm-up)`)
  const host = await startHost()
  try {
    const headers = { authorization: `Bearer ${await adminToken(PORT)}` }
    const http = async (url: string) => {
      const t0 = performance.now()
      const r = await fetch(`${BASE}${url}`, { headers })
      const body = await r.json()
      if (!r.ok) throw new Error(`${url} → ${r.status} ${JSON.stringify(body).slice(0, 300)}`)
      return { ms: performance.now() - t0, body }
    }
    const sql = async () => {
      const t0 = performance.now()
      await db.query(SPENT_ON_READ)
      return { ms: performance.now() - t0, body: null }
    }
    const scenarios: { name: string; runs?: number; a: () => Promise<{ ms: number; body: any }>; b: () => Promise<{ ms: number; body: any }> }[] = [
      {
        name: "metrics, all time vs core orders page",
        a: () => http(`/admin/backoffice/customers/${BIG_ID}/metrics`),
        b: () => http(`/admin/orders?customer_id=${BIG_ID}&limit=20`),
      },
      {
        name: "metrics, 12 months vs core orders page",
        a: () => http(`/admin/backoffice/customers/${BIG_ID}/metrics?from=2025-01-01&to=2025-12-31`),
        b: () => http(`/admin/orders?customer_id=${BIG_ID}&limit=20`),
      },
      {
        name: "transactions page vs core orders page",
        a: () => http(`/admin/backoffice/customers/${BIG_ID}/transactions?limit=20`),
        b: () => http(`/admin/orders?customer_id=${BIG_ID}&limit=20`),
      },
      {
        name: "list by total spent on read (SQL) vs core customer list",
        runs: LIST_REQUESTS,
        a: sql,
        b: () => http(`/admin/customers?limit=20&order=-created_at`),
      },
      {
        name: "list by total spent, kept fresh (API) vs core customer list",
        a: () => http(`/admin/backoffice/customers?limit=20&order=-total_spent`),
        b: () => http(`/admin/customers?limit=20&order=-created_at`),
      },
    ]
    const rows: Record<string, unknown>[] = []
    for (const sc of scenarios) {
      const t = { a: [] as number[], b: [] as number[] }
      let sample: any = null
      const warmup = sc.runs ? 1 : WARMUP
      for (let i = 0; i < warmup + (sc.runs ?? REQUESTS); i++) {
        const a = await sc.a()
        const b = await sc.b()
        sample = a.body
        if (i >= warmup) {
          t.a.push(a.ms)
          t.b.push(b.ms)
        }
      }
      const a = stats(t.a)
      const b = stats(t.b)
      const row = { scenario: sc.name, p50_ms: a.p50, p95_ms: a.p95, baseline_p50_ms: b.p50, baseline_p95_ms: b.p95, ratio_p95: Number((a.p95 / b.p95).toFixed(2)), ratio_p50: Number((a.p50 / b.p50).toFixed(2)) }
      rows.push(row)
      out(`  ${sc.name.padEnd(56)} p50 ${a.p50} ms, p95 ${a.p95} ms   baseline p50 ${b.p50} ms, p95 ${b.p95} ms   ratio p95 ${row.ratio_p95}`)
      if (sc.name.startsWith("metrics, all time")) out(`    visits ${sample?.visits}, ${JSON.stringify(sample?.currency_totals)}`)
    }
    const metrics = rows[0]
    const list = rows[3]
    const fresh = rows[4]
    out(`metrics p95 ${metrics.p95_ms} ms (target ≤ 150 ms); list by total spent on read p50 ${list.p50_ms} ms vs core list p50 ${list.baseline_p50_ms} ms (target ≤ 1.5×); kept fresh p50 ${fresh.p50_ms} ms, ×${fresh.ratio_p50}`)
    out(
      JSON.stringify({
        bench: "metrics",
        orders: ORDERS,
        customers: CUSTOMERS,
        big_customer_orders: BIG,
        requests_per_scenario: REQUESTS,
        metrics_p95_ms: metrics.p95_ms,
        metrics_vs_core_orders_ratio_p95: metrics.ratio_p95,
        list_spent_on_read_p50_ms: list.p50_ms,
        core_list_p50_ms: list.baseline_p50_ms,
        list_ratio_p50: list.ratio_p50,
        list_spent_kept_fresh_p50_ms: fresh.p50_ms,
        list_spent_kept_fresh_p95_ms: fresh.p95_ms,
        list_kept_fresh_ratio_p50: fresh.ratio_p50,
        list_kept_fresh_ratio_p95: fresh.ratio_p95,
        reconcile_all_s: Number(reconcileS.toFixed(1)),
        scenarios: rows,
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
