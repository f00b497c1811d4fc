/**
 * bench:forget — GDPR forget of a customer with 1,000 orders in a store of
 * 100,000 customers: seconds for the erasure (find the rows in every
 * registered place, read the former values, apply each table's rule) and for
 * the verification scan (every text and JSON column of every table searched
 * for the former values); the scan's time as a ratio to a plain sequential
 * read of the same columns in the same run (target ≤ 1.5): the same COPY
 * stream the scan reads, consumed without searching. The server-side read
 * (sum of the columns' lengths, nothing sent) is printed too.
 *
 *   npm run bench:forget [-- --customers=100000 --orders=1000 --other-orders=100000 --runs=3]
 *
 * Own database (BENCH_DB, default cbo_bench_forget), migrated through the
 * host, seeded once in SQL: customers with an address and a profile, the
 * subject's orders with their addresses and notes, other customers' orders.
 * Each run erases inside a transaction that is rolled back, so the data stays
 * for the next run. The erasure runs the job's own steps (src/lib/gdpr);
 * files and Redis (the job's other checks) are not part of this figure.
 * Last line: one JSON object.
 */
import { Client } from "pg"
import knexFactory from "knex"
import { ensureMigratedDatabase, ensurePluginBuilt } from "./lib/plugin"
import { collectFormerValues } from "../src/lib/gdpr/former-values"
import { eraseRows, placeholderEmail } from "../src/lib/gdpr/erase"
import { findCustomerRows, loadColumns, q } from "../src/lib/gdpr/places"
import { readCopy, scanDatabase, scanTargets, withConnection } from "../src/lib/gdpr/scan"

const arg = (name: string, def: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`))
  return a ? Number(a.split("=")[1]) : def
}
const CUSTOMERS = arg("customers", 100_000)
const ORDERS = arg("orders", 1_000)
const OTHER_ORDERS = arg("other-orders", 100_000)
const RUNS = arg("runs", 3)
const DB = process.env.BENCH_DB || "cbo_bench_forget"
const DB_URL = `postgres://postgres@localhost:5432/${DB}`
/** Ids shaped like Medusa's (a ULID-length tail), as the erasure expects. */
const cid = (i: string) => `'cus_01BF' || lpad(${i}::text, 22, '0')`
const SUBJECT = `cus_01BF${"1".padStart(22, "0")}`

const out = (s: string) => process.stdout.write(`${s}\n`)
const hostEnv = { ...process.env, DATABASE_URL: DB_URL, MEDUSA_DISABLE_TELEMETRY: "true", NODE_ENV: "production" }

async function ensureData(db: Client) {
  const c = Number((await db.query(`select count(*) from customer`)).rows[0].count)
  const o = Number((await db.query(`select count(*) from "order"`)).rows[0].count)
  if (c === CUSTOMERS && o === ORDERS + OTHER_ORDERS) return
  out(`seeding ${CUSTOMERS} customers, ${ORDERS} orders of the subject and ${OTHER_ORDERS} other orders in ${DB} (once) …`)
  const t0 = Date.now()
  await db.query(`TRUNCATE "order", order_address, customer_note, customer_profile, customer_address, customer CASCADE`)
  // customer 1 is the subject: a name, street and email no one else has
  await db.query(
    `INSERT INTO customer (id, first_name, last_name, email, phone, company_name, has_account, created_at, updated_at)
     SELECT ${cid("i")},
            CASE WHEN i = 1 THEN 'Wilhelmina' ELSE 'First' || i END,
            CASE WHEN i = 1 THEN 'Zackerby-Quillon' ELSE 'Last' || (i % 997) END,
            CASE WHEN i = 1 THEN 'wilhelmina.zackerby@example.org' ELSE 'c' || i || '@example.com' END,
            '+4479' || lpad(i::text, 8, '0'), CASE WHEN i % 10 = 0 THEN 'Company ' || (i % 300) END, true, now(), now()
       FROM generate_series(1, $1::int) i`,
    [CUSTOMERS]
  )
  await db.query(
    `INSERT INTO customer_address (id, customer_id, is_default_shipping, is_default_billing, first_name, last_name,
                                   address_1, city, country_code, postal_code, phone, created_at, updated_at)
     SELECT 'cuaddr_01BF' || lpad(i::text, 22, '0'), ${cid("i")}, true, true, c.first_name, c.last_name,
            CASE WHEN i = 1 THEN '17 Quillon Mews' ELSE i || ' High Street' END, 'Town' || (i % 500), 'gb',
            CASE WHEN i = 1 THEN 'QX9 7ZZ' ELSE 'PC' || (i % 5000) END, c.phone, now(), now()
       FROM generate_series(1, $1::int) i JOIN customer c ON c.id = ${cid("i")}`,
    [CUSTOMERS]
  )
  await db.query(
    `INSERT INTO customer_profile (id, customer_id, customer_number, gate_code, origin, created_at, updated_at)
     SELECT 'cprof_01BF' || lpad(i::text, 22, '0'), ${cid("i")}, 'CN' || lpad(i::text, 7, '0'),
            CASE WHEN i = 1 THEN 'gate 4471 blue door' END, 'admin', now(), now()
       FROM generate_series(1, $1::int) i`,
    [CUSTOMERS]
  )
  await db.query(
    `INSERT INTO customer_note (id, customer_id, body, pinned, created_at, updated_at)
     SELECT 'cnote_01BF' || lpad(i::text, 22, '0'), '${SUBJECT}', 'Prefers deliveries after six, call Wilhelmina first (' || i || ')', i = 1, now(), now()
       FROM generate_series(1, 5) i`
  )
  // orders 1..ORDERS are the subject's, the rest spread over the other customers; one address each
  const total = ORDERS + OTHER_ORDERS
  await db.query(
    `INSERT INTO order_address (id, customer_id, first_name, last_name, address_1, city, country_code, postal_code, phone, created_at, updated_at)
     SELECT 'ordaddr_01BF' || lpad(o::text, 22, '0'), c.id, c.first_name, c.last_name, a.address_1, a.city, 'gb', a.postal_code, c.phone, now(), now()
       FROM generate_series(1, $1::int) o
       JOIN customer c ON c.id = CASE WHEN o <= $2 THEN '${SUBJECT}' ELSE ${cid(`(2 + (o::bigint * 7919) % ($3 - 1))`)} END
       JOIN customer_address a ON a.customer_id = c.id`,
    [total, ORDERS, CUSTOMERS]
  )
  await db.query(
    `INSERT INTO "order" (id, customer_id, currency_code, status, is_draft_order, email, version, shipping_address_id, billing_address_id,
                          metadata, created_at, updated_at)
     SELECT 'order_01BF' || lpad(o::text, 22, '0'), a.customer_id, 'eur', 'completed', false, c.email, 1, a.id, a.id,
            jsonb_build_object('gift_message', 'Happy birthday ' || c.first_name), now(), now()
       FROM generate_series(1, $1::int) o
       JOIN order_address a ON a.id = 'ordaddr_01BF' || lpad(o::text, 22, '0')
       JOIN customer c ON c.id = a.customer_id`,
    [total]
  )
  await db.query(`ANALYZE`)
  out(`  seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

/** The scan's read without the search: every scanned column streamed out with COPY. Returns the characters read. */
async function copyAll(trx: any, columns: Awaited<ReturnType<typeof loadColumns>>): Promise<number> {
  let chars = 0
  await withConnection(trx, async (conn) => {
    for (const { table, cols } of scanTargets(columns)) {
      const hasId = columns.get(table)!.has("id")
      const select = [hasId ? `"id"::text` : "NULL::text", ...cols.map((c) => c.text)].join(", ")
      await readCopy(conn, `SELECT ${select} FROM ${q(table)}`, (rows) => (chars += rows.length))
    }
  })
  return chars
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const secs = (ms: number) => Number((ms / 1000).toFixed(2))

async function main() {
  ensurePluginBuilt(out)
  await ensureMigratedDatabase(DB, hostEnv, out)
  const db = new Client({ connectionString: DB_URL })
  await db.connect()
  await ensureData(db)
  await db.end()
  const knex = knexFactory({ client: "pg", connection: DB_URL, pool: { min: 1, max: 2 } })
  out(`bench:forget — subject with ${ORDERS} orders, ${CUSTOMERS} customers, ${ORDERS + OTHER_ORDERS} orders; ${RUNS} runs`)
  const runs: { erase_ms: number; scan_ms: number; read_ms: number; server_read_ms: number; bytes: number; control_hits: number; rows: number; columns: number; values: number; hits: number }[] = []
  try {
    for (let run = 1; run <= RUNS; run++) {
      let r!: (typeof runs)[number]
      await knex
        .transaction(async (trx: any) => {
          const t0 = performance.now()
          const columns = await loadColumns(trx)
          const found = await findCustomerRows(trx, { id: SUBJECT, emails: ["wilhelmina.zackerby@example.org"] }, columns)
          const values = await collectFormerValues(trx, SUBJECT, found, columns)
          const findMs = performance.now() - t0
          // control: before the erasure the same scan finds the subject everywhere (not timed)
          const before = await scanDatabase(trx, values, columns)
          const orderAddressHits = before.hits.find((h) => h.place === "order_address.address_1")?.rows ?? 0
          if (orderAddressHits !== ORDERS) throw new Error(`the control scan found ${orderAddressHits} order addresses, expected ${ORDERS}`)
          const t0b = performance.now()
          const places = await eraseRows(trx, SUBJECT, found, columns)
          const eraseMs = findMs + performance.now() - t0b
          const orders = places.find((p) => p.table === "order")?.rows ?? 0
          if (orders !== ORDERS) throw new Error(`the erasure touched ${orders} orders, expected ${ORDERS}`)
          const email = (await trx.raw(`select email from customer where id = ?`, [SUBJECT])).rows[0].email
          if (email !== placeholderEmail(SUBJECT)) throw new Error(`the subject's email is still ${email}`)

          // a read of every scanned column first, so the scan and the baseline both find them in memory
          await copyAll(trx, columns)
          const t1 = performance.now()
          const scan = await scanDatabase(trx, values, columns)
          const scanMs = performance.now() - t1

          // the baselines: the same columns of the same tables read once each, no search —
          // streamed out with COPY as the scan reads them, and summed up in the server
          const t2 = performance.now()
          const bytes = await copyAll(trx, columns)
          const readMs = performance.now() - t2
          const t3 = performance.now()
          for (const { table, cols } of scanTargets(columns)) {
            await trx.raw(`SELECT count(*), ${cols.map((c) => `sum(length(${c.text}))`).join(", ")} FROM ${q(table)}`)
          }
          const serverReadMs = performance.now() - t3
          r = {
            erase_ms: eraseMs,
            scan_ms: scanMs,
            read_ms: readMs,
            server_read_ms: serverReadMs,
            bytes,
            rows: scan.rows,
            columns: scan.columns,
            values: values.long.length + values.short.length,
            hits: scan.hits.length,
            control_hits: before.hits.length,
          }
          throw new Error("rollback")
        })
        .catch((e: Error) => {
          if (e.message !== "rollback") throw e
        })
      runs.push(r)
      out(
        `  run ${run}: erasure ${secs(r.erase_ms)} s; scan ${secs(r.scan_ms)} s (${r.columns} columns, ${r.rows} rows, ${r.values} values, ${r.hits} hits; before the erasure ${r.control_hits} columns held them); ` +
          `plain read ${secs(r.read_ms)} s (${(r.bytes / 1e6).toFixed(0)} M characters); ratio ${(r.scan_ms / r.read_ms).toFixed(2)}; ` +
          `server-side read ${secs(r.server_read_ms)} s`
      )
    }
  } finally {
    await knex.destroy()
  }
  const erase = median(runs.map((r) => r.erase_ms))
  const scan = median(runs.map((r) => r.scan_ms))
  const read = median(runs.map((r) => r.read_ms))
  // each run's own ratio (scan and read measured in the same run), then their median
  const ratio = Number(median(runs.map((r) => r.scan_ms / r.read_ms)).toFixed(2))
  const serverRead = median(runs.map((r) => r.server_read_ms))
  out(`erasure ${secs(erase)} s, verification scan ${secs(scan)} s, plain read of the same columns ${secs(read)} s (medians): scan/read ratio ${ratio} (median of the runs' own ratios; target ≤ 1.5)`)
  out(
    JSON.stringify({
      bench: "forget",
      customers: CUSTOMERS,
      subject_orders: ORDERS,
      orders: ORDERS + OTHER_ORDERS,
      runs: RUNS,
      erase_s: secs(erase),
      scan_s: secs(scan),
      plain_read_s: secs(read),
      scan_vs_read_ratio: ratio,
      server_read_s: secs(serverRead),
      scan_vs_server_read_ratio: Number(median(runs.map((r) => r.scan_ms / r.server_read_ms)).toFixed(2)),
      run_ratios: runs.map((r) => Number((r.scan_ms / r.read_ms).toFixed(2))),
      columns_scanned: runs[0].columns,
      rows_scanned: runs[0].rows,
      values_searched: runs[0].values,
      hits: runs.map((r) => r.hits),
      target_ratio: 1.5,
    })
  )
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
