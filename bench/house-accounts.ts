/**
 * bench:house-accounts — the house-account ledger under contention, and a
 * statement of a large account, each measured in one run.
 *
 *   npm run bench:house-accounts [-- --concurrency=100 --rounds=10 --entries=100000]
 *
 * 1. Contention (bench/lib/ledger-contention.ts, shared with bench:loyalty):
 *    rounds of `concurrency` charges in parallel against ONE account through
 *    the module service (each one statement, `cbo_house_post_entry`); before
 *    each round the credit limit rises by 3,000 so exactly ⌊3,000 / 40⌋ = 75
 *    charges of 40 may pass. Checks: applied = ⌊limit / amount⌋, limit never
 *    crossed (highest balance_after ≤ limit), balance = Σ entries, replaying
 *    every idempotency key writes nothing. Baseline: as many parallel plain
 *    `UPDATE counter SET value = value - n WHERE value >= n` on one row.
 * 2. Statement: an account with `--entries` entries (set-based SQL), its PDF
 *    and CSV written page by page from one snapshot (the code the routes and
 *    the monthly job use) to /dev/null-like sinks; seconds each and the peak
 *    RSS growth, next to the same for a tenth of the entries (flat memory:
 *    growth does not scale with the entries).
 *
 * Own database (BENCH_DB, default cbo_bench_house), the module's tables from
 * all its migrations on every run. Last line: one JSON object.
 */
import path from "path"
import { Writable } from "stream"
import { Client } from "pg"
import { ContainerRegistrationKeys, createPgConnection } from "@medusajs/framework/utils"
import { initModules } from "@medusajs/test-utils"
import { ensureDatabaseExists } from "./lib/db"
import { installModuleSchema } from "./lib/module-schema"
import { measureContention } from "./lib/ledger-contention"
import type HouseAccountsModuleService from "../src/modules/house-accounts/service"
import { inStatementSnapshot, statementFigures, statementLines } from "../src/lib/house-accounts/statement"
import { writeStatementCsv, writeStatementPdf } from "../src/lib/house-accounts/statement-render"

const arg = (name: string, def: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`))
  const v = a ? Number(a.split("=")[1]) : def
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`)
  return Math.floor(v)
}
const CONCURRENCY = arg("concurrency", 100)
const ROUNDS = arg("rounds", 10)
const ENTRIES = arg("entries", 100_000)
const DB = process.env.BENCH_DB || "cbo_bench_house"
const DB_URL = `postgres://postgres@localhost:5432/${DB}`
const CHARGE = 40
const FUND = 3_000

const out = (s: string) => process.stdout.write(`${s}\n`)

let peakRss = 0
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss))
const rssTimer = setInterval(sampleRss, 20)

/** A sink that counts bytes and throws them away. */
const sink = () => {
  let bytes = 0
  const w = new Writable({
    write(chunk, _enc, cb) {
      bytes += chunk.length
      cb()
    },
  })
  return { w, bytes: () => bytes }
}

async function main() {
  await ensureDatabaseExists(DB)
  const db = new Client({ connectionString: DB_URL })
  await db.connect()
  await installModuleSchema(db, {
    migrationsDir: path.resolve(__dirname, "../src/modules/house-accounts/migrations"),
    tables: ["house_account_statement", "house_account_entry", "house_account_customer", "house_account"],
    functionPrefix: "cbo_house_",
  })
  await db.end()
  const pg = createPgConnection({ clientUrl: DB_URL, pool: { min: 2, max: CONCURRENCY + 10 } })
  const { medusaApp, shutdown } = await initModules({
    databaseConfig: { clientUrl: DB_URL },
    injectedDependencies: { [ContainerRegistrationKeys.PG_CONNECTION]: pg },
    modulesConfig: {
      house_accounts: { resolve: path.resolve(__dirname, "../src/modules/house-accounts"), options: {} },
    },
    preventConnectionDestroyWarning: true,
  })
  const svc = medusaApp.modules.house_accounts as HouseAccountsModuleService
  const q = async <T = any>(sql: string, params: unknown[] = []) => (await pg.raw(sql, params as never)).rows as T[]

  out(`bench:house-accounts — ${ROUNDS} rounds × ${CONCURRENCY} parallel charges on one account; statement of ${ENTRIES.toLocaleString("en-US")} entries`)

  // ------------------------------------------------------------ contention
  const hot = await svc.createAccount({ name: "Bench hot account", currency_code: "eur", credit_limit: 0, account_number: "BENCH-HOT" })
  const warm = await svc.createAccount({ name: "Bench warm-up", currency_code: "eur", credit_limit: FUND, account_number: "BENCH-WARM" })
  const charges: Parameters<HouseAccountsModuleService["postEntry"]>[0][] = []
  let limit = 0
  const contention = await measureContention({
    q,
    rounds: ROUNDS,
    concurrency: CONCURRENCY,
    amount: CHARGE,
    fundPerRound: FUND,
    warmUp: async () => {
      await Promise.allSettled(
        Array.from({ length: CONCURRENCY }, (_, i) =>
          svc.postEntry({ account_id: warm.id, kind: "charge", amount: CHARGE, actor_type: "system", idempotency_key: `warm-${i}` })
        )
      )
    },
    fund: async () => {
      limit += FUND
      await svc.updateAccount(hot.id, { credit_limit: limit })
    },
    debit: (r, i) => {
      const c = {
        account_id: hot.id,
        kind: "charge" as const,
        amount: CHARGE,
        customer_id: null,
        actor_type: i % 2 ? "customer" : "user",
        source_type: i % 2 ? "order" : "admin",
        source_id: i % 2 ? `order_r${r}_${i}` : "user_bench",
        idempotency_key: `bench-charge-${r}-${i}`,
      }
      charges.push(c)
      return svc.postEntry(c)
    },
    isRefusal: (e) => /would cross the credit limit/.test((e as Error)?.message),
    onUnexpected: (e) => out(`  unexpected error: ${(e as Error)?.message}`),
  })
  const account = await svc.getAccount(hot.id)
  const expectedApplied = ROUNDS * Math.floor(FUND / CHARGE)
  const [{ max_after, n }] = await q<{ max_after: string; n: string }>(
    "select max(balance_after) as max_after, count(*) as n from house_account_entry where account_id = ?",
    [hot.id]
  )
  const audit = await svc.audit(hot.id)
  const lost = Math.abs(contention.applied * CHARGE - account.balance)
  const replay = await Promise.allSettled(charges.map((c) => svc.postEntry(c)))
  const [{ n: after }] = await q<{ n: string }>("select count(*) as n from house_account_entry where account_id = ?", [hot.id])
  const replayApplied = Number(after) - Number(n)
  const replayedOk = replay.filter((r) => r.status === "fulfilled" && (r.value as any).replayed).length

  out(`contention: ${contention.ops} charges, ${contention.applied} applied (expected ${expectedApplied}), ${contention.refused} refused at the limit, ${contention.unexpected} other errors`)
  out(`  ledger charges:             ${contention.ledgerRate.toFixed(0)} ops/s`)
  out(`  plain UPDATE of a counter:  ${contention.counterRate.toFixed(0)} ops/s (${contention.counterApplied} applied)`)
  out(`  ratio ledger / UPDATE:      ${contention.ratio.toFixed(3)} (target ≥ 0.5)`)
  out(`  limit ${limit}, balance ${account.balance}, highest balance_after ${max_after}, lost ${lost}, balance = Σ entries: ${audit.length === 0}`)
  out(`  replay of ${charges.length} keys: ${replayApplied} written, ${replayedOk} answered as replays`)

  // ------------------------------------------------------------- statement
  const statementOf = async (entries: number) => {
    const a = await svc.createAccount({ name: `Bench ${entries}`, currency_code: "eur", credit_limit: 0, account_number: `BENCH-${entries}` })
    const start = new Date(Date.UTC(2026, 0, 1))
    // entries spread over the period; one opening entry before it; balance_after = running sum
    await q(
      `insert into house_account_entry (id, account_id, kind, amount, currency_code, balance_after, method, reference, reason,
         actor_type, source_type, source_id, idempotency_key, created_at, updated_at)
       select 'haent_b' || ? || '_' || g, ?, k.kind, k.amount, 'eur',
              sum(k.amount) over (order by g), k.method, 'REF-' || g, k.reason, 'system', k.source_type, k.source_id,
              'bench-st-' || ? || '-' || g, k.at, k.at
         from generate_series(0, ?) g
         cross join lateral (select
           case when g = 0 then 'charge' when g % 5 = 0 then 'payment' when g % 97 = 0 then 'adjustment' else 'charge' end as kind,
           case when g = 0 then 50000 when g % 5 = 0 then -(1000 + g % 700) when g % 97 = 0 then -(g % 300 + 1) else 500 + g % 900 end as amount,
           case when g % 5 = 0 and g > 0 then 'bank_transfer' end as method,
           case when g % 97 = 0 and g % 5 <> 0 and g > 0 then 'Bench adjustment' end as reason,
           case when g % 5 <> 0 and g % 97 <> 0 then 'order' end as source_type,
           case when g % 5 <> 0 and g % 97 <> 0 then 'order_' || g end as source_id,
           case when g = 0 then timestamptz '2025-12-15' else timestamptz '2026-01-01' + (g * interval '1 second') * (86400.0 * 300 / ?) end as at) k`,
      [entries, a.id, entries, entries, entries]
    )
    await q(`update house_account set balance = (select sum(amount) from house_account_entry where account_id = ?) where id = ?`, [a.id, a.id])
    const account = await svc.getAccount(a.id)
    const end = new Date(Date.UTC(2026, 11, 31, 23, 59, 59, 999))
    const result: Record<string, number> = {}
    for (const format of ["csv", "pdf"] as const) {
      if (global.gc) global.gc()
      const base = process.memoryUsage().rss
      peakRss = base
      const s = sink()
      const t0 = performance.now()
      await inStatementSnapshot(pg, async (trx) => {
        const figures = await statementFigures(trx, account, start, end)
        const header = { account, figures }
        const lines = statementLines(trx, account.id, start, end)
        if (format === "csv") await writeStatementCsv(s.w, header, lines)
        else {
          const p = writeStatementPdf(s.w, header, lines)
          await p
        }
        if (!s.w.writableEnded) s.w.end()
        result.entry_count = figures.entry_count
      })
      sampleRss()
      result[`${format}_s`] = (performance.now() - t0) / 1000
      result[`${format}_bytes`] = s.bytes()
      result[`${format}_rss_growth_mb`] = (peakRss - base) / 1024 / 1024
    }
    return result
  }
  const small = await statementOf(Math.max(1, Math.floor(ENTRIES / 10)))
  const big = await statementOf(ENTRIES)
  out(`statement of ${big.entry_count} entries: CSV ${big.csv_s.toFixed(2)} s (${(big.csv_bytes / 1e6).toFixed(1)} MB), PDF ${big.pdf_s.toFixed(2)} s (${(big.pdf_bytes / 1e6).toFixed(1)} MB)`)
  out(`  peak RSS growth: CSV ${big.csv_rss_growth_mb.toFixed(1)} MB, PDF ${big.pdf_rss_growth_mb.toFixed(1)} MB (a tenth of the entries: CSV ${small.csv_rss_growth_mb.toFixed(1)} MB, PDF ${small.pdf_rss_growth_mb.toFixed(1)} MB)`)

  clearInterval(rssTimer)
  await shutdown()
  await pg.destroy()
  out(
    JSON.stringify({
      bench: "house-accounts",
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      charges: contention.ops,
      applied: contention.applied,
      expected_applied: expectedApplied,
      refused: contention.refused,
      unexpected: contention.unexpected,
      limit_crossed: Number(max_after) > limit,
      lost,
      balance_equals_entries: audit.length === 0,
      replay_written: replayApplied,
      ledger_ops_s: Math.round(contention.ledgerRate),
      update_ops_s: Math.round(contention.counterRate),
      ratio: Number(contention.ratio.toFixed(3)),
      statement_entries: big.entry_count,
      statement_csv_s: Number(big.csv_s.toFixed(2)),
      statement_pdf_s: Number(big.pdf_s.toFixed(2)),
      statement_csv_rss_growth_mb: Number(big.csv_rss_growth_mb.toFixed(1)),
      statement_pdf_rss_growth_mb: Number(big.pdf_rss_growth_mb.toFixed(1)),
      statement_tenth_csv_rss_growth_mb: Number(small.csv_rss_growth_mb.toFixed(1)),
      statement_tenth_pdf_rss_growth_mb: Number(small.pdf_rss_growth_mb.toFixed(1)),
    })
  )
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
