/**
 * bench:duplicates — duplicate detection and merge at volume:
 * 1. quality: customers from our own seeded generator (bench/lib/
 *    duplicates-generator.ts: five countries, planted duplicates of every kind
 *    the rules cover, households and namesakes as hard negatives) →
 *    precision and recall of the "likely" pairs the full scan stores
 *    (targets ≥ 0.97 each), recall per planted kind, false alarms by kind;
 * 2. the full scan (the job's own `run`, in its own process: bench/
 *    duplicates-worker.js) timed against the three exact-key SQL self-joins
 *    (email, phone, surname + postcode) on the same data in the same run
 *    (target ≤ 3×), and the scanning process's RSS along the scan (flat);
 * 3. the check on write (`checkCustomers`, what the create/update subscriber
 *    calls) p50/p95 after the scan (target p95 ≤ 10 ms);
 * 4. a merge (POST …/customers/:id/merge on the host) of a secondary with
 *    1,000 orders, 10 addresses and 500 points entries, and its undo (POST
 *    …/merges/:id/undo): seconds, and the registry checksum (src/lib/
 *    customer-merge/checksum.ts) equal before the merge and after the undo.
 *
 *   npm run bench:duplicates [-- --customers=1000000 --seed=1 --chunk=2000 --checks=300 --port=9243 --no-merge]
 *
 * Own database (BENCH_DB, default cbo_bench_duplicates), built and migrated
 * like the others, customers seeded with COPY once per (customers, seed).
 * Last line: one JSON object.
 */
import { execFileSync } from "child_process"
import path from "path"
import { Client } from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { pipeline } from "stream/promises"
import { Readable } from "stream"
import { ensureMigratedDatabase, ensurePluginBuilt } from "./lib/plugin"
import { ensureAdminUser } from "./lib/host"
import { createGenerator, GENERATOR_VERSION } from "./lib/duplicates-generator"
import { benchMerge } from "./lib/duplicates-merge"
import { qualityOf } from "./lib/duplicates-quality"

const arg = (name: string, def: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`))
  const v = a ? Number(a.split("=")[1]) : def
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`)
  return Math.floor(v)
}
const CUSTOMERS = arg("customers", 1_000_000)
const SEED = arg("seed", 1)
const CHUNK = arg("chunk", 2_000)
const CHECKS = arg("checks", 300)
const PORT = arg("port", 9243)
const MERGE = !process.argv.includes("--no-merge")
const DB = process.env.BENCH_DB || "cbo_bench_duplicates"
const DB_URL = `postgres://postgres@localhost:5432/${DB}`

const out = (s: string) => process.stdout.write(`${s}\n`)
const secs = (ms: number) => Number((ms / 1000).toFixed(2))
const mb = (kb: number) => Number((kb / 1024).toFixed(1))
const hostEnv = {
  ...process.env,
  DATABASE_URL: DB_URL,
  MEDUSA_DISABLE_TELEMETRY: "true",
  ADMIN_DISABLED: "true",
  CBO_QUEUE_PREFIX: `cbo-bench-duplicates-${process.pid}`,
  NODE_ENV: "production",
}

const csv = (v: unknown) => {
  if (v === null || v === undefined) return ""
  const s = String(v)
  return /[",\n\r]|^\s|\s$/.test(s) || s === "" ? `"${s.replace(/"/g, '""')}"` : s
}

/** The generated customers (and their addresses and true persons), with COPY, once per (count, seed). */
async function ensureData(db: Client) {
  await db.query(`create table if not exists bench_duplicate_truth (customer_id text primary key, entity int not null, role text not null)`)
  await db.query(`create table if not exists bench_duplicate_meta (customers int not null, seed int not null, version int not null)`)
  const meta = (await db.query(`select customers, seed, version from bench_duplicate_meta`)).rows[0]
  if (meta && meta.customers === CUSTOMERS && meta.seed === SEED && meta.version === GENERATOR_VERSION) return
  out(`seeding ${CUSTOMERS.toLocaleString("en-US")} generated customers (seed ${SEED}) in ${DB} with COPY …`)
  const t0 = Date.now()
  await db.query(`truncate customer, customer_address, bench_duplicate_truth, bench_duplicate_meta,
                  customer_duplicate_pair, customer_duplicate_subject, customer_duplicate_block_key, customer_duplicate_scan,
                  customer_duplicate_dismissal cascade`)
  const gen = createGenerator({ count: CUSTOMERS, seed: SEED })
  const customers: string[] = []
  const addresses: string[] = []
  const truth: string[] = []
  const flush = async () => {
    const copy = async (sql: string, lines: string[]) => {
      if (!lines.length) return
      await pipeline(Readable.from([lines.join("\n") + "\n"]), db.query(copyFrom(sql)))
      lines.length = 0
    }
    await copy(`COPY customer (id, first_name, last_name, email, phone, has_account, created_at, updated_at) FROM STDIN (FORMAT csv)`, customers)
    await copy(
      `COPY customer_address (id, customer_id, first_name, last_name, address_1, city, postal_code, country_code, is_default_shipping, is_default_billing, created_at, updated_at) FROM STDIN (FORMAT csv)`,
      addresses
    )
    await copy(`COPY bench_duplicate_truth (customer_id, entity, role) FROM STDIN (FORMAT csv)`, truth)
  }
  const now = new Date().toISOString()
  for (const c of gen.records()) {
    customers.push([c.id, c.first_name, c.last_name, c.email, c.phone, c.has_account, now, now].map(csv).join(","))
    if (c.address) {
      const a = c.address
      addresses.push(
        [`cuaddr_${c.id.slice(4)}`, c.id, c.first_name, c.last_name, a.address_1, a.city, a.postal_code, a.country_code, true, true, now, now].map(csv).join(",")
      )
    }
    truth.push([c.id, c.entity, c.role].map(csv).join(","))
    if (customers.length >= 20_000) await flush()
  }
  await flush()
  await db.query(`insert into bench_duplicate_meta values ($1, $2, $3)`, [CUSTOMERS, SEED, GENERATOR_VERSION])
  await db.query(`analyze`)
  out(`  seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

/** The three exact-key self-joins: pairs sharing an email, a phone, or a surname and a postcode. */
const EXACT_JOINS: [string, string][] = [
  [
    "email",
    `select count(*)::int as n from customer a join customer b
        on lower(btrim(a.email)) = lower(btrim(b.email)) and a.id < b.id
     where a.deleted_at is null and b.deleted_at is null`,
  ],
  [
    "phone",
    `select count(*)::int as n from customer a join customer b
        on regexp_replace(a.phone, '[^0-9]', '', 'g') = regexp_replace(b.phone, '[^0-9]', '', 'g') and a.id < b.id
     where a.deleted_at is null and b.deleted_at is null and length(a.phone) >= 7`,
  ],
  [
    "surname_postcode",
    `select count(*)::int as n
       from (select c.id, lower(c.last_name) as last, upper(replace(ca.postal_code, ' ', '')) as pc
               from customer c join customer_address ca on ca.customer_id = c.id and ca.deleted_at is null
              where c.deleted_at is null) a
       join (select c.id, lower(c.last_name) as last, upper(replace(ca.postal_code, ' ', '')) as pc
               from customer c join customer_address ca on ca.customer_id = c.id and ca.deleted_at is null
              where c.deleted_at is null) b
         on a.last = b.last and a.pc = b.pc and a.id < b.id`,
  ],
]

async function main() {
  ensurePluginBuilt(out)
  if (await ensureMigratedDatabase(DB, hostEnv, out)) ensureAdminUser(hostEnv)
  const db = new Client({ connectionString: DB_URL })
  await db.connect()
  await ensureData(db)
  const n = Number((await db.query(`select count(*) from customer where deleted_at is null`)).rows[0].count)
  out(`bench:duplicates — ${n.toLocaleString("en-US")} customers (generator seed ${SEED}), chunks of ${CHUNK}`)

  // the exact-key joins, each once to warm the pages, then timed
  for (const [, sql] of EXACT_JOINS) await db.query(sql)
  const joins: Record<string, { ms: number; pairs: number }> = {}
  for (const [name, sql] of EXACT_JOINS) {
    const t = performance.now()
    const r = await db.query(sql)
    joins[name] = { ms: performance.now() - t, pairs: r.rows[0].n }
  }
  const joinsMs = Object.values(joins).reduce((s, j) => s + j.ms, 0)
  out(
    `exact-key self-joins: ${Object.entries(joins)
      .map(([k, j]) => `${k} ${secs(j.ms)} s (${j.pairs.toLocaleString("en-US")} pairs)`)
      .join(", ")}; together ${secs(joinsMs)} s`
  )

  // the full scan and the check on write, in the scanning process
  const worker = JSON.parse(
    execFileSync(process.execPath, [path.join(__dirname, "duplicates-worker.js"), JSON.stringify({ db: DB_URL, chunk: CHUNK, checks: CHECKS, seed: SEED })], {
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" },
      maxBuffer: 16 * 1024 * 1024,
      stdio: ["ignore", "pipe", "inherit"],
    })
      .toString()
      .trim()
      .split("\n")
      .pop()!
  )
  const ratio = worker.scan_ms / joinsMs
  const rss = worker.rss
  const growth = rss.end.hwm_kb / rss.tenth.hwm_kb
  out(
    `full scan: ${secs(worker.scan_ms)} s, ${worker.scan.pairs.toLocaleString("en-US")} pairs stored; ratio to the three joins ${ratio.toFixed(2)} (target ≤ 3)`
  )
  out(
    `scanning process RSS: ${mb(worker.before.rss_kb)} MB loaded, ${mb(rss.tenth.rss_kb)} MB at a tenth, ${mb(rss.half.rss_kb)} MB at half, ${mb(rss.end.rss_kb)} MB at the end; ` +
      `peak (VmHWM) ${mb(rss.tenth.hwm_kb)} MB at a tenth → ${mb(rss.end.hwm_kb)} MB at the end (×${growth.toFixed(2)})`
  )
  out(
    `check on write (${worker.check.n} customers): p50 ${worker.check.p50_ms.toFixed(1)} ms, p95 ${worker.check.p95_ms.toFixed(1)} ms (target ≤ 10), max ${worker.check.max_ms.toFixed(1)} ms`
  )

  // quality of the "likely" pairs against the generator's persons
  const q = await qualityOf(db)
  out(
    `likely pairs: ${q.likely.toLocaleString("en-US")} found, ${q.truePairs.toLocaleString("en-US")} true pairs, ${q.tp.toLocaleString("en-US")} right → ` +
      `precision ${q.precision.toFixed(4)}, recall ${q.recall.toFixed(4)} (targets ≥ 0.97); possible pairs ${q.possible.toLocaleString("en-US")}` +
      ` (true pairs found only as possible: ${q.possibleTrue})`
  )
  out(`  recall by planted kind: ${q.byKind.map((k) => `${k.kind} ${k.found}/${k.pairs}`).join(", ")}`)
  out(`  false "likely" by who they are: ${q.falseByRoles.map((k) => `${k.roles} ${k.n}`).join(", ") || "none"}`)
  out(`  false "likely" by reasons: ${q.falseByReasons.map((k) => `${k.reasons} ${k.n}`).join(", ") || "none"}`)
  await db.end()

  // the merge and its undo, through the host
  const merge = MERGE ? await benchMerge({ dbUrl: DB_URL, port: PORT, hostEnv, out }) : null

  out(
    JSON.stringify({
      bench: "duplicates",
      customers: n,
      seed: SEED,
      precision: Number(q.precision.toFixed(4)),
      recall: Number(q.recall.toFixed(4)),
      likely_pairs: q.likely,
      true_pairs: q.truePairs,
      recall_by_kind: Object.fromEntries(q.byKind.map((k) => [k.kind, Number((k.found / Math.max(1, k.pairs)).toFixed(4))])),
      scan_s: secs(worker.scan_ms),
      exact_joins_s: secs(joinsMs),
      exact_joins: Object.fromEntries(Object.entries(joins).map(([k, j]) => [k, { s: secs(j.ms), pairs: j.pairs }])),
      scan_vs_joins_ratio: Number(ratio.toFixed(2)),
      scan_pairs: worker.scan.pairs,
      rss_mb: { loaded: mb(worker.before.rss_kb), tenth: mb(rss.tenth.rss_kb), half: mb(rss.half.rss_kb), end: mb(rss.end.rss_kb) },
      peak_rss_mb: mb(rss.end.hwm_kb),
      peak_rss_growth: Number(growth.toFixed(2)),
      check_on_write_ms: { p50: Number(worker.check.p50_ms.toFixed(2)), p95: Number(worker.check.p95_ms.toFixed(2)), max: Number(worker.check.max_ms.toFixed(2)), n: worker.check.n },
      merge,
      targets: { precision: 0.97, recall: 0.97, scan_vs_joins_ratio: 3, check_on_write_p95_ms: 10 },
    })
  )
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
