/**
 * bench:import's baselines (bench/README.md): COPY of the file into an equivalent table and into a table built like
 * the store's customer table, and two outside ones:
 * - COPY of the rows the import wrote into every table it wrote, each a copy with the same indexes — the ceiling for
 *   writing these rows at all;
 * - Medusa's own `createCustomersWorkflow` in batches of 1,000 with addresses (bench/create-customers-workflow.ts,
 *   run by `medusa exec` in bench/workflow-host/, a plain Medusa) — what a merchant would script instead.
 */
import { execFileSync } from "child_process"
import { createReadStream, createWriteStream, rmSync } from "fs"
import os from "os"
import path from "path"
import { pipeline } from "stream/promises"
import { Client } from "pg"
import { from as copyFrom, to as copyTo } from "pg-copy-streams"

// ---------------------------------------------------------------- the file's own COPY

/** COPY of the file into a table with a text column per file column, a bigserial key and an email index. */
export async function copyBaseline(dbUrl: string, columns: string[], file: string, rows: number): Promise<number> {
  const db = new Client({ connectionString: dbUrl })
  await db.connect()
  await db.query("DROP TABLE IF EXISTS bench_import_copy")
  await db.query(
    `CREATE TABLE bench_import_copy (id bigserial primary key, ${columns.map((c) => `"${c}" text`).join(", ")})`
  )
  await db.query("CREATE INDEX bench_import_copy_email ON bench_import_copy (email)")
  const ms = await timedCopy(db, "bench_import_copy", columns, file, rows)
  await db.end()
  return ms
}

/** COPY of the file into `table` (then checked and dropped); returns the COPY's milliseconds. */
async function timedCopy(db: Client, table: string, columns: string[], file: string, rows: number): Promise<number> {
  const t0 = performance.now()
  const stream = db.query(
    copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN WITH (FORMAT csv, HEADER true)`)
  )
  await pipeline(createReadStream(file), stream)
  const ms = performance.now() - t0
  const n = Number((await db.query(`select count(*) from ${table}`)).rows[0].count)
  if (n !== rows) throw new Error(`COPY loaded ${n} rows, expected ${rows}`)
  await db.query(`DROP TABLE ${table}`)
  return ms
}

/**
 * Second baseline: COPY of the same file into a table built like the store's
 * `customer` table (`LIKE customer INCLUDING ALL`: its columns, defaults and
 * every index, the trigram search index included) plus a text column for
 * each file column the customer table lacks. The unique (email,
 * has_account) index is kept as a plain index (the file repeats some emails
 * on purpose; COPY has no ON CONFLICT). This is the cost of writing the rows
 * into a table with the customer table's indexes and nothing else.
 */
export async function copyBaselineCustomerTable(dbUrl: string, columns: string[], file: string, rows: number): Promise<number> {
  const db = new Client({ connectionString: dbUrl })
  await db.connect()
  await db.query("DROP TABLE IF EXISTS bench_import_copy_customer")
  await db.query("CREATE TABLE bench_import_copy_customer (LIKE customer INCLUDING ALL)")
  const { rows: unique } = await db.query(
    `select i.relname as name, pg_get_indexdef(i.oid) as def
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      where t.relname = 'bench_import_copy_customer' and x.indisunique and not x.indisprimary`
  )
  for (const u of unique as { name: string; def: string }[]) {
    await db.query(`DROP INDEX "${u.name}"`)
    await db.query(u.def.replace(/^CREATE UNIQUE INDEX/, "CREATE INDEX"))
  }
  await db.query("ALTER TABLE bench_import_copy_customer ALTER COLUMN id SET DEFAULT md5(random()::text)")
  const { rows: have } = await db.query(
    `select column_name from information_schema.columns where table_name = 'bench_import_copy_customer'`
  )
  const existing = new Set((have as { column_name: string }[]).map((c) => c.column_name))
  for (const c of columns) {
    if (!existing.has(c)) await db.query(`ALTER TABLE bench_import_copy_customer ADD COLUMN "${c}" text`)
  }
  const ms = await timedCopy(db, "bench_import_copy_customer", columns, file, rows)
  await db.end()
  return ms
}

// ------------------------------------------------- every table the import wrote

/** Rows inserted so far per table (the statistics collector's counters; a finished process's are all in). */
export async function insertCounts(dbUrl: string): Promise<Map<string, number>> {
  const db = new Client({ connectionString: dbUrl })
  await db.connect()
  try {
    await db.query("select pg_stat_clear_snapshot()")
    const { rows } = await db.query(
      "select relname, n_tup_ins::bigint as n from pg_stat_user_tables where schemaname = 'public'"
    )
    return new Map(rows.map((r) => [r.relname as string, Number(r.n)]))
  } finally {
    await db.end()
  }
}

export type CopyCeiling = { ms: number; rows: number; tables: { table: string; inserted: number; rows: number; ms: number }[] }

/**
 * Every table that gained rows between `before` and now (the import's run): its rows, exported first (not timed),
 * then timed as `COPY … FROM STDIN` into a `LIKE … INCLUDING ALL` copy (same indexes, defaults and checks; no foreign
 * keys, no triggers). A table's whole content is copied, so rows that were there before the import (the bench's
 * existing customers) are written too: the ceiling errs on the slow side by that much.
 */
export async function copyIntoWrittenTables(dbUrl: string, before: Map<string, number>): Promise<CopyCeiling> {
  const after = await insertCounts(dbUrl)
  const written = [...after]
    .filter(([t, n]) => n > (before.get(t) ?? 0) && !t.startsWith("bench_") && !t.startsWith("mikro_orm"))
    .map(([t, n]) => ({ table: t, inserted: n - (before.get(t) ?? 0) }))
    .sort((a, b) => b.inserted - a.inserted)
  const db = new Client({ connectionString: dbUrl })
  await db.connect()
  const result: CopyCeiling = { ms: 0, rows: 0, tables: [] }
  try {
    for (const { table, inserted } of written) {
      // generated columns are computed on the way in: COPY names the others
      const { rows: cols } = await db.query(
        `select quote_ident(attname) as c from pg_attribute
          where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
        [`public."${table}"`]
      )
      const list = cols.map((c) => c.c).join(", ")
      const copy = `bench_copy_${table}`.slice(0, 63)
      const file = path.join(os.tmpdir(), `cbo-bench-import-ceiling-${process.pid}-${table}.copy`)
      await pipeline(db.query(copyTo(`COPY (SELECT ${list} FROM public."${table}") TO STDOUT`)), createWriteStream(file))
      await db.query(`DROP TABLE IF EXISTS "${copy}"`)
      await db.query(`CREATE TABLE "${copy}" (LIKE public."${table}" INCLUDING ALL)`)
      const t0 = performance.now()
      await pipeline(createReadStream(file), db.query(copyFrom(`COPY "${copy}" (${list}) FROM STDIN`)))
      const ms = performance.now() - t0
      const n = Number((await db.query(`select count(*) from "${copy}"`)).rows[0].count)
      await db.query(`DROP TABLE "${copy}"`)
      rmSync(file, { force: true })
      result.tables.push({ table, inserted, rows: n, ms: Math.round(ms) })
      result.ms += ms
      result.rows += n
    }
  } finally {
    await db.end()
  }
  return result
}

/** Medusa's createCustomersWorkflow over the file's new customers, in batches of 1,000 (a `medusa exec` in bench/workflow-host/). */
export function createCustomersWorkflowBaseline(
  file: string,
  env: NodeJS.ProcessEnv,
  limit: number
): { rows: number; batches: number; ms: number } {
  const stdout = execFileSync(
    "npx",
    ["medusa", "exec", path.resolve(__dirname, "../create-customers-workflow.ts")],
    {
      // a plain Medusa without the plugin (bench/workflow-host): the workflow alone is timed
      cwd: path.resolve(__dirname, "../workflow-host"),
      env: { ...env, BENCH_IMPORT_FILE: file, BENCH_WORKFLOW_ROWS: String(limit) },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    }
  )
  const line = stdout
    .trim()
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("{") && l.includes('"batches"'))
  if (!line) throw new Error(`createCustomersWorkflow baseline printed no result:\n${stdout.slice(-2000)}`)
  return JSON.parse(line)
}
