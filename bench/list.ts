/**
 * bench:list — latency of the plugin's customer list (GET /admin/backoffice/customers)
 * against Medusa's core GET /admin/customers on the same 100k customers, through
 * the same running server, with comparable parameters (limit 20, search, groups,
 * created range).
 *
 *   npm run bench:list [-- --customers=100000 --requests=200 --port=9239]
 *
 * Uses its own database (BENCH_DB, default cbo_bench_list), migrated once through
 * the host and seeded once in SQL (customers, 12 customer groups, memberships for
 * ~30% of customers). Starts the host (`medusa start`, admin disabled) as a child.
 * Last line: one JSON object with `ratio` — the worst scenario's plugin p50 / core
 * p50, so one fast scenario cannot hide a slow one — `ratio_all` (p50 over all
 * requests of every scenario) and the p50/p95 of both.
 */
import { Client } from "pg"
import { ensureMigratedDatabase, ensurePluginBuilt } from "./lib/plugin"
import { adminToken, ensureAdminUser, startHostProcess, stopHostProcess } from "./lib/host"

const arg = (name: string, def: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`))
  return a ? Number(a.split("=")[1]) : def
}
const CUSTOMERS = arg("customers", 100_000)
const REQUESTS = arg("requests", 200)
const WARMUP = 20
const PORT = arg("port", 9239)
const DB = process.env.BENCH_DB || "cbo_bench_list"
const DB_URL = `postgres://postgres@localhost:5432/${DB}`
// the host that loads the built plugin (bench/lib/plugin.ts builds and migrates)
const BASE = `http://localhost:${PORT}`

const out = (s: string) => process.stdout.write(`${s}\n`)
const hostEnv = {
  ...process.env,
  DATABASE_URL: DB_URL,
  MEDUSA_DISABLE_TELEMETRY: "true",
  ADMIN_DISABLED: "true",
  CBO_QUEUE_PREFIX: `cbo-bench-list-${process.pid}`,
  NODE_ENV: "production",
}

async function ensureDatabase() {
  // the host loads the built plugin: build it when src/ changed so the bench measures this code
  ensurePluginBuilt(out)
  if (await ensureMigratedDatabase(DB, hostEnv, out)) {
    ensureAdminUser(hostEnv)
  }
}

const FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Paul", "Ashley", "Steven", "Emily", "Andrew", "Donna", "Kenji", "Amelie", "Lucas", "Sofia", "Mateo", "Chloe"]
const LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts"]

/** Seeds CUSTOMERS customers once, in SQL on the server (seconds for 100k). */
async function ensureData() {
  const db = new Client({ connectionString: DB_URL })
  await db.connect()
  const n = Number((await db.query("select count(*) from customer where deleted_at is null")).rows[0].count)
  const members = Number(
    (await db.query("select count(*) from customer_group_customer where customer_group_id = 'cusgroup_bench_3'")).rows[0].count
  )
  if (n !== CUSTOMERS || members === 0) {
    out(`seeding ${CUSTOMERS} customers in ${DB} …`)
    await db.query("TRUNCATE customer_group_customer, customer_group, customer_address, customer CASCADE")
    await db.query(
      `INSERT INTO customer_group (id, name, created_at, updated_at)
       SELECT 'cusgroup_bench_' || g, 'Bench group ' || g, now(), now() FROM generate_series(1, 12) g`
    )
    await db.query(
      `INSERT INTO customer (id, first_name, last_name, email, phone, company_name, has_account, created_by, created_at, updated_at)
       SELECT 'cus_bench_' || lpad(i::text, 7, '0'),
              ($1::text[])[1 + (i * 7) % array_length($1::text[], 1)],
              ($2::text[])[1 + (i * 13) % array_length($2::text[], 1)],
              lower(($1::text[])[1 + (i * 7) % array_length($1::text[], 1)] || '.' || ($2::text[])[1 + (i * 13) % array_length($2::text[], 1)]) || '.' || i || '@example.com',
              '+1555' || lpad((i % 10000000)::text, 7, '0'),
              CASE WHEN i % 9 = 0 THEN 'Company ' || (i % 500) END,
              i % 3 = 0,
              CASE WHEN i % 3 = 1 THEN 'user_bench' END,
              timestamptz '2023-01-01' + (i::float / $3) * interval '1000 days',
              now()
       FROM generate_series(1, $3::int) i`,
      [FIRST, LAST, CUSTOMERS]
    )
    // ~30% of customers in one group, some of them in a second one
    await db.query(
      `INSERT INTO customer_group_customer (id, customer_id, customer_group_id, created_at, updated_at)
       SELECT 'cusgc_bench_' || i || '_' || k, 'cus_bench_' || lpad(i::text, 7, '0'),
              'cusgroup_bench_' || (1 + (i / 10 + k * 5) % 12), now(), now()
       FROM generate_series(1, $1::int) i, generate_series(0, 1) k
       WHERE (k = 0 AND i % 10 < 3) OR (k = 1 AND i % 50 = 0)`,
      [CUSTOMERS]
    )
    await db.query("ANALYZE customer; ANALYZE customer_group_customer; ANALYZE customer_group")
  }
  await db.end()
}

const startHost = () => startHostProcess(PORT, hostEnv)

const login = () => adminToken(PORT)

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const round = (n: number) => Math.round(n * 10) / 10

async function main() {
  await ensureDatabase()
  await ensureData()
  out(`bench:list — ${CUSTOMERS} customers, ${REQUESTS} requests per scenario and API (after ${WARMUP} warm-up), limit 20`)
  const host = await startHost()
  try {
    const token = await login()
    const headers = { authorization: `Bearer ${token}` }
    const group = "cusgroup_bench_3"
    const scenarios: { name: string; plugin: string; core: string }[] = [
      {
        name: "first page, newest first",
        plugin: "/admin/backoffice/customers?limit=20",
        core: "/admin/customers?limit=20&order=-created_at",
      },
      {
        name: "search q=smith",
        plugin: "/admin/backoffice/customers?limit=20&q=smith",
        core: "/admin/customers?limit=20&order=-created_at&q=smith",
      },
      {
        name: "category",
        plugin: `/admin/backoffice/customers?limit=20&category=${group}`,
        core: `/admin/customers?limit=20&order=-created_at&groups=${group}`,
      },
      {
        name: "category + created range",
        plugin: `/admin/backoffice/customers?limit=20&category=${group}&created_from=2024-01-01&created_to=2024-06-30`,
        core: `/admin/customers?limit=20&order=-created_at&groups=${group}&created_at[$gte]=2024-01-01T00:00:00Z&created_at[$lt]=2024-07-01T00:00:00Z`,
      },
    ]
    const all = { plugin: [] as number[], core: [] as number[] }
    const rows: Record<string, unknown>[] = []
    for (const sc of scenarios) {
      const times = { plugin: [] as number[], core: [] as number[] }
      const counts: Record<string, number> = {}
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        // alternate plugin and core so both see the same server state
        for (const api of ["plugin", "core"] as const) {
          const t0 = performance.now()
          const res = await fetch(`${BASE}${sc[api]}`, { headers })
          const body = (await res.json()) as { count: number }
          const ms = performance.now() - t0
          if (!res.ok) throw new Error(`${sc[api]} → ${res.status} ${JSON.stringify(body)}`)
          counts[api] = body.count
          if (i >= WARMUP) times[api].push(ms)
        }
      }
      if (counts.plugin !== counts.core) {
        throw new Error(`${sc.name}: plugin counts ${counts.plugin}, core ${counts.core}`)
      }
      all.plugin.push(...times.plugin)
      all.core.push(...times.core)
      const p = times.plugin.sort((a, b) => a - b)
      const c = times.core.sort((a, b) => a - b)
      const row = {
        scenario: sc.name,
        matches: counts.plugin,
        plugin_p50: round(pct(p, 50)),
        plugin_p95: round(pct(p, 95)),
        core_p50: round(pct(c, 50)),
        core_p95: round(pct(c, 95)),
        ratio: Number((pct(p, 50) / pct(c, 50)).toFixed(2)),
      }
      rows.push(row)
      out(
        `  ${sc.name.padEnd(28)} ${String(counts.plugin).padStart(6)} matches   plugin p50 ${row.plugin_p50} ms, p95 ${row.plugin_p95} ms   core p50 ${row.core_p50} ms, p95 ${row.core_p95} ms   ratio ${row.ratio}`
      )
    }
    const p = all.plugin.sort((a, b) => a - b)
    const c = all.core.sort((a, b) => a - b)
    const ratioAll = pct(p, 50) / pct(c, 50)
    const ratio = Math.max(...rows.map((r) => r.ratio as number))
    out(`all scenarios: plugin p50 ${round(pct(p, 50))} ms, p95 ${round(pct(p, 95))} ms; core p50 ${round(pct(c, 50))} ms, p95 ${round(pct(c, 95))} ms (ratio ${ratioAll.toFixed(2)})`)
    out(`ratio plugin p50 / core p50, worst scenario: ${ratio.toFixed(2)} (target ≤ 1.5)`)
    out(
      JSON.stringify({
        bench: "list",
        customers: CUSTOMERS,
        requests_per_scenario: REQUESTS,
        plugin_p50_ms: round(pct(p, 50)),
        plugin_p95_ms: round(pct(p, 95)),
        core_p50_ms: round(pct(c, 50)),
        core_p95_ms: round(pct(c, 95)),
        ratio: Number(ratio.toFixed(2)),
        ratio_all: Number(ratioAll.toFixed(2)),
        scenarios: rows,
      })
    )
  } finally {
    stopHostProcess(host)
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
