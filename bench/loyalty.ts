/**
 * bench:loyalty — the points ledger under contention and the points expiry at
 * volume, each next to the plainest SQL doing the same in the same run.
 *
 *   npm run bench:loyalty [-- --lots=1000000 --concurrency=100 --rounds=10 --chunk=5000]
 *
 * 1. Contention (bench/lib/ledger-contention.ts, shared with every ledger
 *    bench): rounds of `concurrency` debits (redeem / manual_remove) in
 *    parallel against ONE account, through the module service (each call its
 *    own transaction on its own pool connection). Checks: no lost update,
 *    balance never negative, balance = Σ entries = Σ lot remainders, and
 *    replaying every idempotency key applies nothing. Baseline: the same
 *    number of parallel `UPDATE counter SET value = value - n WHERE value >= n`.
 *    `--lots=2000` keeps part 2 short while looking at part 1.
 * 2. Expiry: `--lots` lots past their date (generated with set-based SQL),
 *    expired by the service in chunks as the job does (locks + one set-based
 *    statement per chunk); then a re-run (must add 0 entries). Baseline: one
 *    set-based statement expiring all of them at once, on the same data.
 *
 * Own database (BENCH_DB, default cbo_bench_loyalty), created on first use;
 * the module's tables and functions are installed from all its migrations on
 * every run. Last line: one JSON object with the figures. History: README.md
 * in this folder.
 */
import path from "path"
import { Client } from "pg"
import { ensureDatabaseExists } from "./lib/db"
import { ContainerRegistrationKeys, createPgConnection } from "@medusajs/framework/utils"
import { initModules } from "@medusajs/test-utils"
import { installModuleSchema } from "./lib/module-schema"
import { measureContention } from "./lib/ledger-contention"
import type CustomerPointsModuleService from "../src/modules/customer-points/service"

const arg = (name: string, def: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`))
  const v = a ? Number(a.split("=")[1]) : def
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`)
  return Math.floor(v)
}
const LOTS = arg("lots", 1_000_000)
const CONCURRENCY = arg("concurrency", 100)
const ROUNDS = arg("rounds", 10)
const CHUNK = arg("chunk", 5_000)
const DB = process.env.BENCH_DB || "cbo_bench_loyalty"
const DB_URL = `postgres://postgres@localhost:5432/${DB}`
const DEBIT = 40
const LOTS_PER_ROUND = 30
const LOT_POINTS = 100 // 30 × 100 = 3,000 points per round: 75 debits of 40 pass, the rest are refused

const out = (s: string) => process.stdout.write(`${s}\n`)
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`

let peakRss = 0
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 50)

async function ensureDatabase() {
  await ensureDatabaseExists(DB)
  const db = new Client({ connectionString: DB_URL })
  await db.connect()
  // The module's own migrations, all of them, on fresh tables every run.
  await installModuleSchema(db, {
    migrationsDir: path.resolve(__dirname, "../src/modules/customer-points/migrations"),
    tables: ["points_account", "points_entry", "points_lot", "points_allocation"],
    functionPrefix: "cbo_points_",
  })
  await db.query("create table if not exists bench_counter (id int primary key, value bigint not null)")
  await db.end()
}

async function main() {
  await ensureDatabase()
  const pg = createPgConnection({
    clientUrl: DB_URL,
    pool: { min: 2, max: CONCURRENCY + 10 },
  })
  const { medusaApp, shutdown } = await initModules({
    databaseConfig: { clientUrl: DB_URL },
    injectedDependencies: { [ContainerRegistrationKeys.PG_CONNECTION]: pg },
    modulesConfig: {
      customer_points: {
        resolve: path.resolve(__dirname, "../src/modules/customer-points"),
        options: {},
      },
    },
    preventConnectionDestroyWarning: true,
  })
  const svc = medusaApp.modules.customer_points as CustomerPointsModuleService
  const q = async <T = any>(sql: string, params: unknown[] = []) =>
    (await pg.raw(sql, params as never)).rows as T[]
  const reset = () =>
    q("truncate points_account, points_entry, points_lot, points_allocation")

  out(
    `bench:loyalty — ${ROUNDS} rounds × ${CONCURRENCY} parallel debits on one account; expiry of ${LOTS.toLocaleString("en-US")} lots (chunks of ${CHUNK})`
  )

  // ------------------------------------------------------------ contention
  await reset()
  const customer = "cus_bench_hot"
  const credits: Parameters<CustomerPointsModuleService["credit"]>[0][] = []
  const debits: Parameters<CustomerPointsModuleService["debit"]>[0][] = []
  const contention = await measureContention({
    q,
    rounds: ROUNDS,
    concurrency: CONCURRENCY,
    amount: DEBIT,
    fundPerRound: LOTS_PER_ROUND * LOT_POINTS,
    warmUp: async () => {
      await svc.credit({ customer_id: "cus_bench_warm", points: 4000, kind: "earn", actor_type: "system", idempotency_key: "bench-warm" })
      await Promise.allSettled(
        Array.from({ length: CONCURRENCY }, (_, i) =>
          svc.debit({ customer_id: "cus_bench_warm", points: DEBIT, kind: "redeem", actor_type: "system", idempotency_key: `bench-warm-${i}` })
        )
      )
      await q("delete from points_entry where customer_id = 'cus_bench_warm'")
      await q("delete from points_allocation where lot_id in (select id from points_lot where customer_id = 'cus_bench_warm')")
      await q("delete from points_lot where customer_id = 'cus_bench_warm'")
      await q("delete from points_account where customer_id = 'cus_bench_warm'")
    },
    fund: async (r) => {
      for (let i = 0; i < LOTS_PER_ROUND; i++) {
        const c = {
          customer_id: customer,
          points: LOT_POINTS,
          kind: "earn" as const,
          reason: "bench",
          actor_type: "system",
          source_type: "order",
          source_id: `order_${r}_${i}`,
          idempotency_key: `bench-credit-${r}-${i}`,
          earned_at: new Date(Date.now() - (i * 7 + r) * 86_400_000),
        }
        credits.push(c)
        await svc.credit(c)
      }
    },
    debit: (r, i) => {
      const d = {
        customer_id: customer,
        points: DEBIT,
        kind: (i % 2 ? "redeem" : "manual_remove") as "redeem" | "manual_remove",
        reason: "bench",
        actor_type: i % 2 ? "customer" : "user",
        actor_id: i % 2 ? customer : "user_bench",
        source_type: i % 2 ? "order" : "admin",
        source_id: i % 2 ? `order_r${r}_${i}` : "user_bench",
        idempotency_key: `bench-debit-${r}-${i}`,
      }
      debits.push(d)
      return svc.debit(d)
    },
    isRefusal: (e) => /^Not enough points: balance \d+$/.test((e as Error)?.message),
    onUnexpected: (e) => out(`  unexpected error: ${(e as Error)?.message}`),
  })
  const { ops, ledgerRate, counterRate, ratio: contentionRatio } = contention
  const succeeded = contention.applied
  const refused = contention.refused
  const unexpected = contention.unexpected
  const debited = succeeded * DEBIT
  const credited = ROUNDS * LOTS_PER_ROUND * LOT_POINTS
  const balance = await svc.balance(customer)
  const lostUpdates = Math.abs(credited - debited - balance)
  const [{ min_after }] = await q<{ min_after: number }>(
    "select min(balance_after) as min_after from points_entry"
  )
  const audit = await svc.audit()
  const [{ n: entriesBefore }] = await q<{ n: string }>("select count(*) as n from points_entry")

  // replay every key, in parallel as well: nothing may apply
  const tr = performance.now()
  const replay = await Promise.allSettled([
    ...credits.map((c) => svc.credit(c)),
    ...debits.map((d) => svc.debit(d)),
  ])
  const replayMs = performance.now() - tr
  const [{ n: entriesAfter }] = await q<{ n: string }>("select count(*) as n from points_entry")
  const replayApplied = Number(entriesAfter) - Number(entriesBefore)
  const replayBalance = await svc.balance(customer)
  const replayErrors = replay.filter(
    (r) => r.status === "rejected" && !/^Not enough points/.test((r as PromiseRejectedResult).reason?.message)
  ).length

  out(`contention: ${ops} debits, ${succeeded} applied, ${refused} refused (not enough points), ${unexpected} other errors`)
  out(`  ledger debits:            ${ledgerRate.toFixed(0)} ops/s (${secs(contention.ledgerMs)})`)
  out(`  plain UPDATE of a counter: ${counterRate.toFixed(0)} ops/s (${secs(contention.counterMs)}, ${contention.counterApplied} applied)`)
  out(`  ratio ledger / UPDATE:    ${contentionRatio.toFixed(3)}`)
  out(
    `  lost updates ${lostUpdates}, lowest balance_after ${min_after}, balance ${balance} = Σ entries = Σ lots: ${audit.mismatches.length === 0}`
  )
  out(`  replay of ${replay.length} keys: ${replayApplied} applied, balance ${replayBalance}, ${replayErrors} errors (${secs(replayMs)})`)

  // ---------------------------------------------------------------- expiry
  const notDue = Math.ceil(LOTS / 10)
  const accounts = Math.max(1, Math.ceil(LOTS / 4))
  const generate = async () => {
    await reset()
    const t0 = performance.now()
    await q(
      `insert into points_account (id, customer_id, code, enrolled, balance)
       select 'ptsacc_b' || g, 'cus_b' || g, 'B' || g, true, 0 from generate_series(1, ?::int) g`,
      [accounts]
    )
    // LOTS lots past their date plus 10 % still valid, spread over the accounts
    await q(
      `insert into points_lot (id, account_id, customer_id, entry_id, points, remaining, earned_at, expires_at)
       select 'ptslot_b' || g, 'ptsacc_b' || ((g - 1) % ?::int + 1), 'cus_b' || ((g - 1) % ?::int + 1),
              'ptsent_b' || g, 10, 10,
              now() - interval '400 days' + (g % 3600) * interval '1 second',
              case when g <= ?::int then now() - interval '35 days' + (g % 3600) * interval '1 second'
                   else now() + interval '200 days' end
         from generate_series(1, ?::int) g`,
      [accounts, accounts, LOTS, LOTS + notDue]
    )
    await q(
      `insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason, actor_type,
         source_type, source_id, idempotency_key, lot_id, reversed, created_at, updated_at)
       select l.entry_id, l.account_id, l.customer_id, 'earn', l.points,
              sum(l.points) over (partition by l.account_id order by l.earned_at, l.id),
              'bench', 'system', 'order', 'order_' || l.id, 'bench-earn-' || l.id, l.id, 0, l.earned_at, l.earned_at
         from points_lot l`
    )
    await q(
      `update points_account a set balance = s.total
         from (select account_id, sum(remaining) as total from points_lot group by account_id) s
        where a.id = s.account_id`
    )
    await q("vacuum analyze points_account")
    await q("vacuum analyze points_lot")
    await q("vacuum analyze points_entry")
    return performance.now() - t0
  }

  const genMs = await generate()
  out(`expiry: generated ${(LOTS + notDue).toLocaleString("en-US")} lots (${notDue.toLocaleString("en-US")} not due) over ${accounts.toLocaleString("en-US")} accounts in ${secs(genMs)}`)
  const now = new Date()
  const t1 = performance.now()
  let expired = 0
  let chunks = 0
  let customersEvents = 0
  for (let retries = 0; ; ) {
    const res = await svc.expireDue(now, { limit: CHUNK, source_id: "bench" })
    if (res.retry) {
      if (++retries > 20) break
      continue
    }
    if (!res.lots) break
    expired += res.lots
    customersEvents += res.customers.length
    chunks++
  }
  const serviceMs = performance.now() - t1
  const expiryAudit = await svc.audit()
  const [{ n: expireEntries }] = await q<{ n: string }>("select count(*) as n from points_entry where kind = 'expire'")
  const t2 = performance.now()
  const rerun = await svc.expireDue(now, { limit: CHUNK, source_id: "bench-rerun" })
  const rerunMs = performance.now() - t2
  const [{ n: expireEntriesAfter }] = await q<{ n: string }>("select count(*) as n from points_entry where kind = 'expire'")
  const rerunAdded = Number(expireEntriesAfter) - Number(expireEntries)

  // baseline: one set-based statement over all due lots, same data
  await generate()
  const t3 = performance.now()
  const [single] = await q<{ lots: number }>(
    `with due as (
       select l.id, l.account_id, l.customer_id, l.remaining,
              a.balance - sum(l.remaining) over (partition by l.account_id order by l.expires_at, l.id) as balance_after
         from points_lot l join points_account a on a.id = l.account_id
        where l.remaining > 0 and l.deleted_at is null and l.expires_at <= ?
     ), ins as (
       insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
         actor_type, source_type, idempotency_key, lot_id, reversed)
       select 'ptsent_' || upper(replace(gen_random_uuid()::text, '-', '')), d.account_id, d.customer_id,
              'expire', -d.remaining, d.balance_after, 'Points expired', 'system', 'job', 'expire:' || d.id, d.id, 0
         from due d
       on conflict (idempotency_key) where deleted_at is null do nothing
       returning lot_id, account_id, -points as points
     ), lots as (
       update points_lot l set remaining = 0, expired_at = ?, updated_at = now() from ins where l.id = ins.lot_id returning l.id
     ), accounts as (
       update points_account a set balance = a.balance - s.points, updated_at = now()
         from (select account_id, sum(points) as points from ins group by account_id) s
        where a.id = s.account_id returning a.id
     )
     select count(*)::int as lots from ins`,
    [now, now]
  )
  const singleMs = performance.now() - t3
  const singleAudit = await svc.audit()
  const serviceRate = (expired * 1000) / serviceMs
  const singleRate = (single.lots * 1000) / singleMs
  const expiryRatio = serviceRate / singleRate
  out(`  service, ${chunks} chunks:        ${serviceRate.toFixed(0)} lots/s (${expired.toLocaleString("en-US")} lots in ${secs(serviceMs)}, ${customersEvents.toLocaleString("en-US")} customer events)`)
  out(`  one set-based statement:   ${singleRate.toFixed(0)} lots/s (${single.lots.toLocaleString("en-US")} lots in ${secs(singleMs)})`)
  out(`  ratio service / statement: ${expiryRatio.toFixed(3)}`)
  out(`  re-run: ${rerun.lots} lots, ${rerunAdded} entries added in ${secs(rerunMs)}; audit ok: ${expiryAudit.mismatches.length === 0 && singleAudit.mismatches.length === 0}`)

  await reset()
  await shutdown()
  await pg.destroy()
  clearInterval(rssTimer)

  const ok =
    unexpected === 0 &&
    lostUpdates === 0 &&
    Number(min_after) >= 0 &&
    audit.mismatches.length === 0 &&
    replayApplied === 0 &&
    replayBalance === balance &&
    replayErrors === 0 &&
    expired === LOTS &&
    Number(expireEntries) === LOTS &&
    rerunAdded === 0 &&
    expiryAudit.mismatches.length === 0 &&
    single.lots === LOTS
  out(
    JSON.stringify({
      bench: "loyalty",
      ok,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      debits: ops,
      debits_applied: succeeded,
      debits_refused: refused,
      lost_updates: lostUpdates,
      min_balance_after: Number(min_after),
      ledger_consistent: audit.mismatches.length === 0,
      replay_keys: replay.length,
      replay_applied: replayApplied,
      ledger_debits_per_s: Math.round(ledgerRate),
      counter_updates_per_s: Math.round(counterRate),
      contention_ratio: Number(contentionRatio.toFixed(3)),
      lots: LOTS,
      chunk: CHUNK,
      expiry_lots_per_s: Math.round(serviceRate),
      single_statement_lots_per_s: Math.round(singleRate),
      expiry_ratio: Number(expiryRatio.toFixed(3)),
      expiry_s: Number((serviceMs / 1000).toFixed(2)),
      rerun_s: Number((rerunMs / 1000).toFixed(3)),
      rerun_entries_added: rerunAdded,
      peak_rss_mb: Math.round(peakRss / 1024 / 1024),
    })
  )
  if (!ok) process.exitCode = 1
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
