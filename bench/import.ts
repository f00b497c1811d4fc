/**
 * bench:import — the CSV customer import (read → validate → review counts →
 * commit) against PostgreSQL's own COPY of the same rows into an equivalent
 * table, in the same run, plus the peak RSS of the process doing the import.
 *
 *   npm run bench:import [-- --rows=100000]      100k rows (default)
 *   npm run bench:import -- --million             100k, then 1M rows (RSS growth)
 *   npm run bench:import -- --rows=1000000        1M rows only
 *   options: --build (build the plugin even when .medusa/server is up to date with src/), --batch=1000 (commit batch size),
 *            --lanes=2 (batches committed at once, as the importParallelBatches option),
 *            --profile (time per SQL statement of the import),
 *            --no-commit (parse → validate → review counts only: the ratio is then that stage's),
 *            --no-events (commit without emitting customer.created / customer.updated; by default each
 *            committed batch emits them, one emit call per batch, into a Redis event bus as a Medusa
 *            worker would — the plugin option importEmitsCustomerEvents),
 *            --worker-heap=96 (the worker's --max-old-space-size in MB: V8 otherwise lets
 *            garbage grow the heap well beyond the live data, which RSS then shows)
 *
 * Uses its own database (BENCH_DB, default cbo_bench_import), migrated
 * through the host when it lacks a migration (see bench/README.md). Before each size: customers and import runs are emptied,
 * 10% of the file's emails are seeded as existing customers (those rows are
 * updates), 5 categories exist. The file (generated once per size in the
 * temp dir, deterministic) is realistic: names with accents, quoted companies
 * with commas, E.164 and national phones, addresses, countries as codes and
 * names, categories, marketing flags, notes; ~1% invalid rows and ~0.5%
 * repeated emails.
 *
 * COPY baseline: `COPY … FROM STDIN (FORMAT csv, HEADER)` of the same file into
 * a table with one text column per file column, a bigserial primary key and an
 * index on email (what the customer table must maintain at least). Printed
 * beside it: COPY of the same file into a table with the customer table's own
 * indexes (the trigram search index makes that several times slower), and
 * read + validate alone as a share of COPY (a ceiling for the ratio).
 *
 * The import runs in a child process (bench/import-worker.js on the built
 * plugin); its peak RSS is its VmHWM. Last line: one JSON object.
 */
import { execFileSync, spawn } from "child_process"
import { createWriteStream, existsSync, statSync } from "fs"
import { once } from "events"
import os from "os"
import path from "path"
import { Client } from "pg"
import { IMPORT_COLUMNS } from "../src/lib/customer-io/columns"
import {
  copyBaseline,
  copyBaselineCustomerTable,
  copyIntoWrittenTables,
  createCustomersWorkflowBaseline,
  insertCounts,
} from "./lib/import-baselines"
import { ensureMigratedDatabase, ensurePluginBuilt } from "./lib/plugin"

const argv = process.argv.slice(2)
const arg = (name: string, def: number) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`))
  return a ? Number(a.split("=")[1]) : def
}
const MILLION = argv.includes("--million")
const SIZES = MILLION ? [100_000, 1_000_000] : [arg("rows", 100_000)]
const BATCH = arg("batch", 0)
const LANES = arg("lanes", 0)
const BUILD = argv.includes("--build")
const PROFILE = argv.includes("--profile")
const NO_COMMIT = argv.includes("--no-commit")
const EVENTS = !argv.includes("--no-events")
const REDIS_URL = process.env.REDIS_URL || "redis://localhost:6379"
const WORKER_HEAP = arg("worker-heap", 0)
// createCustomersWorkflow baseline: at most this many of the file's new customers (0 = none; first size only)
const WORKFLOW_ROWS = arg("workflow-rows", SIZES[0])
const DB = process.env.BENCH_DB || "cbo_bench_import"
const DB_URL = `postgres://postgres@localhost:5432/${DB}`
const ROOT = path.resolve(__dirname, "..")
const EXISTING_SHARE = 0.1
const TARGET_RATIO = 0.4
const TARGET_RSS_MB = 250
const TARGET_GROWTH = 1.25

const out = (s: string) => process.stdout.write(`${s}\n`)
const mb = (kb: number) => Math.round(kb / 1024)
const hostEnv = {
  ...process.env,
  DATABASE_URL: DB_URL,
  MEDUSA_DISABLE_TELEMETRY: "true",
  ADMIN_DISABLED: "true",
  CBO_QUEUE_PREFIX: `cbo-bench-import-${process.pid}`,
}

async function ensureDatabase() {
  // the import runs the built plugin's code: build it when missing or older than src/
  ensurePluginBuilt(out, { force: BUILD })
  await ensureMigratedDatabase(DB, hostEnv, out)
}

// ---------------------------------------------------------------------------
// The file

const FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Élodie", "William", "Barbara", "Zoë", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen", "Daniel", "Lisa", "Matthäus", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Paul", "Ashley", "Søren", "Emily", "Andrew", "Donna", "Kenji", "Amélie", "Lucas", "Sofía", "Mateo", "Chloé"]
const LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "García", "Miller", "Davis", "Rodríguez", "Martínez", "Hernández", "López", "González", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Pérez", "Thompson", "White", "Harris", "Sánchez", "Clark", "Müller", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "O'Brien", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Dubois"]
const CITIES: [string, string, string][] = [
  ["Paris", "Île-de-France", "FR"], ["Lyon", "Auvergne-Rhône-Alpes", "France"], ["Marseille", "Provence-Alpes-Côte d'Azur", "FR"],
  ["Bordeaux", "Nouvelle-Aquitaine", "fr"], ["Lille", "Hauts-de-France", "FR"], ["Nantes", "Pays de la Loire", "France"],
  ["Bruxelles", "Bruxelles-Capitale", "BE"], ["Genève", "Genève", "Switzerland"], ["London", "", "GB"], ["New York", "NY", "US"],
]
const STREETS = ["Rue de la Paix", "Avenue des Champs-Élysées", "Boulevard Haussmann", "Rue du Faubourg Saint-Honoré", "Place Bellecour", "Quai des Chartrons", "High Street", "Main Street"]
const BENCH_CATEGORIES = ["VIP", "Wholesale", "Newsletter", "Staff", "Press"]
const GENDERS = ["female", "male", "F", "M", "", "", "other"]

/** Columns of the bench file: what a merchant's customer export typically has. */
const FILE_COLUMNS = [
  "email", "first_name", "last_name", "company_name", "phone", "gender", "date_of_birth",
  "address_1", "address_2", "city", "province", "postal_code", "country_code", "categories",
  "accepts_email_marketing", "note",
]
const LABELS = FILE_COLUMNS.map((k) => {
  const c = IMPORT_COLUMNS.find((x) => x.key === k)
  if (!c) throw new Error(`unknown import column ${k}`)
  return c.label
})

/** A merchant's file: plain values, quoted only when needed (no formula prefixes). */
const csvLine = (values: string[]) =>
  values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",")

function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const emailOf = (i: number) => {
  const f = FIRST[i % FIRST.length].normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ø/g, "o").toLowerCase()
  const l = LAST[(i * 7) % LAST.length].normalize("NFD").replace(/[\u0300-\u036f']/g, "").toLowerCase()
  return `${f}.${l}.${i}@example.com`
}

function fileRow(i: number, rnd: () => number): string[] {
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]
  const [city, province, country] = CITIES[i % CITIES.length]
  // ~0.5% repeat an earlier email (the last row wins), ~1% are invalid
  const dup = i > 10 && rnd() < 0.005
  const invalid = rnd() < 0.01
  const email = invalid ? `not-an-email-${i}` : emailOf(dup ? i - 7 : i)
  const mobile = String(10_000_000 + ((i * 7919) % 28_999_999)) // 06 10… to 06 38…: allocated mobile ranges
  const phone = i % 3 === 0 ? `06 ${mobile.slice(0, 2)} ${mobile.slice(2, 4)} ${mobile.slice(4, 6)} ${mobile.slice(6, 8)}` : `+336${mobile}`
  const year = 1950 + (i % 55)
  const month = String(1 + (i % 12)).padStart(2, "0")
  const day = String(1 + (i % 28)).padStart(2, "0")
  return [
    email,
    FIRST[i % FIRST.length],
    LAST[(i * 7) % LAST.length],
    i % 7 === 0 ? `${pick(LAST)}, ${pick(["SARL", "SAS", "Inc.", "& Fils"])}` : "",
    country === "US" || country === "GB" ? "" : phone,
    pick(GENDERS),
    i % 4 === 0 ? "" : `${year}-${month}-${day}`,
    `${1 + (i % 180)} ${pick(STREETS)}`,
    i % 5 === 0 ? `Bâtiment ${String.fromCharCode(65 + (i % 6))}, étage ${i % 9}` : "",
    city,
    province,
    String(10000 + ((i * 37) % 89999)),
    country,
    i % 6 === 0 ? "VIP; Newsletter" : i % 11 === 0 ? "Wholesale" : "",
    i % 2 === 0 ? "yes" : "no",
    i % 13 === 0 ? `Prefers "morning" deliveries\nCall before: ${i % 24}h` : "",
  ]
}

async function ensureFile(rows: number): Promise<string> {
  const file = path.join(os.tmpdir(), `cbo-bench-import-v2-${rows}.csv`)
  if (existsSync(file)) return file
  out(`generating ${rows} rows → ${file} …`)
  const rnd = prng(rows)
  const ws = createWriteStream(`${file}.tmp`)
  ws.write(`${csvLine(LABELS)}\r\n`)
  let buf = ""
  for (let i = 1; i <= rows; i++) {
    buf += `${csvLine(fileRow(i, rnd))}\r\n`
    if (buf.length > 1 << 16 || i === rows) {
      if (!ws.write(buf)) await once(ws, "drain")
      buf = ""
    }
  }
  ws.end()
  await once(ws, "finish")
  execFileSync("mv", [`${file}.tmp`, file])
  return file
}

// ---------------------------------------------------------------------------
// Database state before each run

async function resetDatabase(rows: number) {
  const db = new Client({ connectionString: DB_URL })
  await db.connect()
  // every table that references customers, then the customers and the import runs
  const { rows: tables } = await db.query(
    `select distinct c.table_name from information_schema.columns c
       join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.column_name = 'customer_id'
        and c.table_name not like 'mikro_orm%'`
  )
  const { rows: imports } = await db.query(
    `select table_name from information_schema.tables where table_schema = 'public' and table_name in ('import_row', 'import_run')`
  )
  const names = ["customer", "customer_address", ...imports.map((t) => t.table_name), ...tables.map((t) => t.table_name)]
  await db.query(`TRUNCATE ${[...new Set(names)].map((n) => `"${n}"`).join(", ")} CASCADE`)
  await db.query(
    `INSERT INTO customer_group (id, name, created_at, updated_at)
     SELECT 'cusgroup_bench_' || lower(n), n, now(), now() FROM unnest($1::text[]) n
     ON CONFLICT DO NOTHING`,
    [BENCH_CATEGORIES]
  )
  // 10% of the file's customers exist already (every 10th row): those rows are updates
  const existing = Math.floor(rows * EXISTING_SHARE)
  const emails: string[] = []
  for (let k = 1; k <= existing; k++) emails.push(emailOf(k * 10))
  await db.query(
    `INSERT INTO customer (id, email, first_name, last_name, has_account, created_at, updated_at)
     SELECT 'cus_bench_' || lpad(o::text, 8, '0'), e, 'Old', 'Name', o % 2 = 0, now(), now()
       FROM unnest($1::text[]) WITH ORDINALITY AS x(e, o)`,
    [emails]
  )
  await db.query("ANALYZE customer")
  await db.end()
  return existing
}

// ---------------------------------------------------------------------------
// The import, in its own process

type WorkerResult = {
  rows: number
  stage: string
  total_ms: number
  stage_ms?: number
  commit_ms?: number
  hwm_after_stage_kb?: number
  review_counts?: Record<string, number>
  counts?: Record<string, number>
  invalid?: number
  sql?: { ms: number; n: number; sql: string }[]
  stage_sql_ms?: number
  commit_sql_ms?: number
  events_emitted?: number
  emit_calls?: number
  emit_ms?: number
  events_queued?: number
  hwm_kb: number
  rss_before_kb: number
}

async function runWorker(file: string, stage: "all" | "read"): Promise<WorkerResult & { sampled_peak_kb: number }> {
  const child = spawn(
    process.execPath,
    [
      ...(WORKER_HEAP ? [`--max-old-space-size=${WORKER_HEAP}`] : []),
      path.join(__dirname, "import-worker.js"),
      JSON.stringify({ db: DB_URL, file, stage, batchSize: BATCH || undefined, lanes: LANES || undefined, profile: PROFILE, noCommit: NO_COMMIT,
        events: EVENTS ? { redisUrl: REDIS_URL, queue: `cbo-bench-import-events-${process.pid}` } : null }),
    ],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] }
  )
  let stdout = ""
  let stderr = ""
  child.stdout!.on("data", (d) => (stdout += d))
  child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-8000)))
  // sample the child's RSS from outside too (VmHWM from inside is the figure)
  let sampled = 0
  const timer = setInterval(() => {
    try {
      const s = require("fs").readFileSync(`/proc/${child.pid}/status`, "utf8") as string
      const m = s.match(/VmRSS:\s+(\d+)/)
      if (m) sampled = Math.max(sampled, Number(m[1]))
    } catch {
      /* exited */
    }
  }, 50)
  const [code] = (await once(child, "exit")) as [number]
  clearInterval(timer)
  if (code !== 0) throw new Error(`import worker exited with ${code}:\n${stderr}`)
  const line = stdout.trim().split("\n").pop()!
  return { ...(JSON.parse(line) as WorkerResult), sampled_peak_kb: sampled }
}

async function verify(expected: { created: number; updated: number }, existing: number) {
  const db = new Client({ connectionString: DB_URL })
  await db.connect()
  const n = Number((await db.query("select count(*) from customer where deleted_at is null")).rows[0].count)
  await db.end()
  if (n !== existing + expected.created) {
    throw new Error(`customers after import: ${n}, expected ${existing} existing + ${expected.created} created`)
  }
  return n
}

async function main() {
  await ensureDatabase()
  out(
    `bench:import — ${SIZES.join(" and ")} rows, ${FILE_COLUMNS.length} columns, ${EXISTING_SHARE * 100}% existing customers` +
      (WORKER_HEAP ? `, worker --max-old-space-size=${WORKER_HEAP}` : "")
  )
  const results: Record<string, unknown>[] = []
  for (const rows of SIZES) {
    const file = await ensureFile(rows)
    const size = statSync(file).size
    let workflow: { rows: number; batches: number; ms: number } | null = null
    if (rows === SIZES[0] && WORKFLOW_ROWS > 0 && !NO_COMMIT) {
      await resetDatabase(rows)
      workflow = createCustomersWorkflowBaseline(file, hostEnv, WORKFLOW_ROWS)
    }
    const existing = await resetDatabase(rows)
    const copyMs = await copyBaseline(DB_URL, FILE_COLUMNS, file, rows)
    const copyRate = (rows * 1000) / copyMs
    out(`\n${rows} rows (${(size / 1048576).toFixed(1)} MB)`)
    out(`  PostgreSQL COPY (csv → equivalent table):  ${Math.round(copyRate)} rows/s (${(copyMs / 1000).toFixed(2)} s)`)
    const copyCustomerMs = await copyBaselineCustomerTable(DB_URL, FILE_COLUMNS, file, rows)
    const copyCustomerRate = (rows * 1000) / copyCustomerMs
    out(
      `  PostgreSQL COPY (csv → table with the customer table's indexes): ${Math.round(copyCustomerRate)} rows/s (${(copyCustomerMs / 1000).toFixed(2)} s) = ${(copyCustomerRate / copyRate).toFixed(3)} of the first`
    )

    const read = await runWorker(file, "read")
    const readRate = (read.rows * 1000) / read.total_ms
    out(
      `  read + validate (no writes):              ${Math.round(readRate)} rows/s (${(read.total_ms / 1000).toFixed(2)} s), peak RSS ${mb(read.hwm_kb)} MB` +
        ` = ${(readRate / copyRate).toFixed(3)} of COPY (a ceiling for the ratio: no row written yet)`
    )

    let imp: (WorkerResult & { sampled_peak_kb: number }) | null = null
    const inserted = await insertCounts(DB_URL)
    try {
      imp = await runWorker(file, "all")
    } catch (e) {
      out(`  import pipeline: not available — ${(e as Error).message.split("\n").slice(0, 3).join(" ")}`)
    }
    const row: Record<string, unknown> = {
      rows,
      file_mb: Number((size / 1048576).toFixed(1)),
      copy_rows_per_s: Math.round(copyRate),
      copy_customer_table_rows_per_s: Math.round(copyCustomerRate),
      read_validate_rows_per_s: Math.round(readRate),
      read_validate_ratio: Number((readRate / copyRate).toFixed(3)),
      read_validate_peak_rss_mb: mb(read.hwm_kb),
    }
    if (imp) {
      const created = imp.counts?.created ?? 0
      const updated = imp.counts?.updated ?? 0
      const rate = (rows * 1000) / imp.total_ms
      const ratio = rate / copyRate
      const what = NO_COMMIT ? "parse → validate → review counts (--no-commit)" : "parse → validate → review counts → commit"
      out(`  import (${what}): ${Math.round(rate)} rows/s (${(imp.total_ms / 1000).toFixed(2)} s)`)
      out(
        `    staging + review counts ${(imp.stage_ms! / 1000).toFixed(2)} s (peak RSS ${mb(imp.hwm_after_stage_kb!)} MB)` +
          (NO_COMMIT ? "" : `, commit ${(imp.commit_ms! / 1000).toFixed(2)} s`)
      )
      out(`    review: ${JSON.stringify(imp.review_counts)}`)
      if (!NO_COMMIT) {
        const customers = await verify({ created, updated }, existing)
        out(`    result: created ${created}, updated ${updated}, failed ${imp.counts?.failed ?? 0}; ${customers} customers in the table`)
        out(
          EVENTS
            ? `    events: ${imp.events_emitted ?? 0} customer.created/updated in ${imp.emit_calls ?? 0} emit calls (one per batch), ${imp.events_queued ?? 0} queued in Redis, ${((imp.emit_ms ?? 0) / 1000).toFixed(2)} s inside emit`
            : "    events: none (--no-events)"
        )
      }
      if (imp.sql) {
        out(
          `    SQL time (sum of statement times; staging runs lookups in parallel): staging ${((imp.stage_sql_ms ?? 0) / 1000).toFixed(2)} s` +
            (NO_COMMIT ? "" : `, commit ${((imp.commit_sql_ms ?? 0) / 1000).toFixed(2)} s`)
        )
        out("    time per statement (--profile):")
        for (const q of imp.sql) out(`      ${String(q.ms).padStart(7)} ms ${String(q.n).padStart(6)}×  ${q.sql}`)
      }
      out(`  ratio import / COPY: ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO})`)
      out(`  ratio import / COPY into a table with the customer table's indexes: ${(rate / copyCustomerRate).toFixed(3)}`)
      if (!NO_COMMIT) {
        const ceiling = await copyIntoWrittenTables(DB_URL, inserted)
        const ceilingRate = (rows * 1000) / ceiling.ms
        out(
          `  COPY of what the import wrote into every table it wrote (same indexes): ${(ceiling.ms / 1000).toFixed(2)} s for ` +
            `${ceiling.rows} rows in ${ceiling.tables.length} tables = ${Math.round(ceilingRate)} file rows/s`
        )
        for (const t of ceiling.tables) out(`      ${String(t.ms).padStart(7)} ms ${String(t.rows).padStart(8)} rows  ${t.table}`)
        out(`  ratio import / COPY into every table it writes: ${(rate / ceilingRate).toFixed(3)}`)
        Object.assign(row, {
          copy_written_tables_s: Number((ceiling.ms / 1000).toFixed(2)),
          copy_written_tables: ceiling.tables.length,
          ratio_written_tables: Number((rate / ceilingRate).toFixed(3)),
        })
      }
      if (workflow) {
        const wfRate = (workflow.rows * 1000) / workflow.ms
        out(
          `  Medusa's createCustomersWorkflow (batches of 1,000, with addresses): ${workflow.rows} new customers in ` +
            `${(workflow.ms / 1000).toFixed(2)} s = ${Math.round(wfRate)} customers/s; ratio import / workflow: ${(rate / wfRate).toFixed(2)}`
        )
        Object.assign(row, {
          workflow_rows: workflow.rows,
          workflow_rows_per_s: Math.round(wfRate),
          ratio_workflow: Number((rate / wfRate).toFixed(2)),
        })
      }
      out(`  import worker peak RSS: ${mb(imp.hwm_kb)} MB (before the run ${mb(imp.rss_before_kb)} MB; target ≤ ${TARGET_RSS_MB} MB)`)
      Object.assign(row, {
        import_rows_per_s: Math.round(rate),
        ratio: Number(ratio.toFixed(3)),
        ratio_customer_table: Number((rate / copyCustomerRate).toFixed(3)),
        commit: !NO_COMMIT,
        stage_s: Number((imp.stage_ms! / 1000).toFixed(2)),
        commit_s: NO_COMMIT ? null : Number((imp.commit_ms! / 1000).toFixed(2)),
        events: EVENTS && !NO_COMMIT,
        events_emitted: imp.events_emitted ?? 0,
        events_queued: imp.events_queued ?? 0,
        emit_s: Number(((imp.emit_ms ?? 0) / 1000).toFixed(2)),
        peak_rss_mb: mb(imp.hwm_kb),
        stage_peak_rss_mb: mb(imp.hwm_after_stage_kb!),
        rss_before_mb: mb(imp.rss_before_kb),
        created,
        updated,
        failed: imp.counts?.failed ?? 0,
        invalid: imp.review_counts?.invalid ?? 0,
        duplicate: imp.review_counts?.duplicate ?? 0,
      })
    }
    results.push(row)
  }
  const first = results[0]
  const last = results[results.length - 1]
  const summary: Record<string, unknown> = {
    bench: "import",
    commit: !NO_COMMIT,
    events: EVENTS && !NO_COMMIT,
    commit_s: first.commit_s ?? null,
    emit_s: first.emit_s ?? null,
    worker_heap_mb: WORKER_HEAP || null,
    rows: first.rows,
    copy_rows_per_s: first.copy_rows_per_s,
    import_rows_per_s: first.import_rows_per_s ?? null,
    ratio: first.ratio ?? null,
    ratio_customer_table: first.ratio_customer_table ?? null,
    copy_customer_table_rows_per_s: first.copy_customer_table_rows_per_s,
    ratio_written_tables: first.ratio_written_tables ?? null,
    ratio_workflow: first.ratio_workflow ?? null,
    workflow_rows_per_s: first.workflow_rows_per_s ?? null,
    read_validate_ratio: first.read_validate_ratio,
    peak_rss_mb: first.peak_rss_mb ?? null,
    read_validate_rows_per_s: first.read_validate_rows_per_s,
    read_validate_peak_rss_mb: first.read_validate_peak_rss_mb,
  }
  if (results.length > 1) {
    const key = last.peak_rss_mb !== undefined ? "peak_rss_mb" : "read_validate_peak_rss_mb"
    const growth = (last[key] as number) / (first[key] as number)
    out(`\nRSS ${last.rows} rows / ${first.rows} rows: ${growth.toFixed(2)} (target ≤ ${TARGET_GROWTH})`)
    Object.assign(summary, {
      rows_1m: last.rows,
      ratio_1m: last.ratio ?? null,
      import_rows_per_s_1m: last.import_rows_per_s ?? null,
      peak_rss_mb_1m: last.peak_rss_mb ?? null,
      rss_growth: Number(growth.toFixed(2)),
    })
  }
  summary.sizes = results
  out(JSON.stringify(summary))
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
