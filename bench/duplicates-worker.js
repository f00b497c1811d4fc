/**
 * The scanning process of bench:duplicates, run as its own process so that
 * its peak RSS (VmHWM) is the scan's alone. Plain JavaScript on the built
 * plugin (`.medusa/server`, what a Medusa worker runs): the duplicates module
 * loaded by Medusa's module loader, the scan job's own `run` with a minimal
 * job context (checkpoints kept in memory), then the check on write
 * (`checkCustomers`, what the customer.created / customer.updated subscriber
 * calls) on sampled customers.
 *
 *   node bench/duplicates-worker.js '{"db":"postgres://…","chunk":2000,"checks":300,"seed":1}'
 *
 * Prints one JSON line: scan time, pairs, RSS along the scan, VmHWM, and the
 * check on write's timings.
 */
const fs = require("fs")
const path = require("path")

const BUILT = path.resolve(__dirname, "../.medusa/server/src")
const cfg = JSON.parse(process.argv[2])

const status = () => {
  const s = fs.readFileSync("/proc/self/status", "utf8")
  const kb = (k) => Number((s.match(new RegExp(`${k}:\\s+(\\d+)`)) || [0, 0])[1])
  return { rss_kb: kb("VmRSS"), hwm_kb: kb("VmHWM") }
}

async function main() {
  const { ContainerRegistrationKeys, createPgConnection } = require("@medusajs/framework/utils")
  const { initModules } = require("@medusajs/test-utils")
  const { scanDuplicatesJob } = require(`${BUILT}/workers/duplicates.js`)
  const pg = createPgConnection({ clientUrl: cfg.db, schema: "public", pool: { min: 1, max: 4 } })
  const { medusaApp, shutdown } = await initModules({
    databaseConfig: { clientUrl: cfg.db },
    injectedDependencies: { [ContainerRegistrationKeys.PG_CONNECTION]: pg },
    modulesConfig: { customer_duplicates: { resolve: `${BUILT}/modules/customer-duplicates`, options: {} } },
    preventConnectionDestroyWarning: true,
  })
  const svc = medusaApp.modules.customer_duplicates
  const result = { before: status() }

  // ------------------------------------------------------------ full scan
  const samples = []
  const job = { id: `bench_${Date.now()}`, type: scanDuplicatesJob.type, key: "bench", payload: { mode: "full", chunk_size: cfg.chunk }, attempt: 1, created_by: null, checkpoint: null }
  const ctx = {
    job,
    container: { resolve: () => svc },
    signal: new AbortController().signal,
    throwIfCancelled() {},
    async saveCheckpoint(cp) {
      job.checkpoint = cp
    },
    async progress(p) {
      if (p.total) samples.push({ share: p.processed / p.total, ...status() })
    },
    log: { info() {}, warn() {}, error() {} },
  }
  const t0 = performance.now()
  const out = await scanDuplicatesJob.run(ctx)
  result.scan_ms = performance.now() - t0
  result.scan = out
  // RSS at a tenth, half and all of the scan's work, and the peak (VmHWM) at a tenth and at the end
  const at = (share) => samples.find((s) => s.share >= share) || samples[samples.length - 1]
  result.rss = { tenth: at(0.1), half: at(0.5), end: status() }

  // ------------------------------------------------------------ check on write
  const { rows } = await pg.raw(`select id from customer where deleted_at is null order by md5(id || ?) limit ?`, [String(cfg.seed), cfg.checks])
  const times = []
  for (const r of rows.slice(0, 20)) await svc.checkCustomers([r.id]) // warm-up
  for (const r of rows) {
    const t = performance.now()
    await svc.checkCustomers([r.id])
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const pct = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))]
  result.check = { n: times.length, p50_ms: pct(0.5), p95_ms: pct(0.95), max_ms: times[times.length - 1] }
  result.after = status()

  await shutdown()
  await pg.destroy()
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
