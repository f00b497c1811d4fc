/**
 * bench:jobs — throughput of the plugin's job runtime (Postgres record,
 * progress report, lease, completion) against bare BullMQ no-op jobs, on the
 * same Redis, in the same run, with the same concurrency.
 *
 *   npm run bench:jobs [-- --jobs=2000 --concurrency=8]
 *
 * Last line: one JSON object with the figures.
 */
import { Queue, Worker } from "bullmq"
import IORedis from "ioredis"
import { ModulesSdkUtils } from "@medusajs/framework/utils"
import { JobRuntime } from "../src/modules/backoffice-jobs/runtime/job-runtime"
import { JobRegistry, defineJob } from "../src/modules/backoffice-jobs/runtime/registry"
import { parsePluginOptions } from "../src/lib/options"
import { ensureMigratedDatabase, ensurePluginBuilt } from "./lib/plugin"

const arg = (name: string, def: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`))
  return a ? Number(a.split("=")[1]) : def
}
const JOBS = arg("jobs", 2000)
const CONCURRENCY = arg("concurrency", 8)
const ENQUEUE_PARALLEL = 16
const REDIS_URL = process.env.REDIS_URL || "redis://localhost:6379"
const DB = process.env.BENCH_DB || "cbo_bench"
const DB_URL = `postgres://postgres@localhost:5432/${DB}`
const PREFIX = `cbo-bench-${process.pid}`

let peakRss = 0
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 50)

const out = (s: string) => process.stdout.write(`${s}\n`)

async function ensureDatabase() {
  // The runtime runs from src/; the tables come from the built plugin's migrations.
  ensurePluginBuilt(out)
  await ensureMigratedDatabase(DB, { ...process.env, ADMIN_DISABLED: "true" }, out)
}

async function inParallel<T>(n: number, total: number, fn: (i: number) => Promise<T>) {
  let next = 0
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < total) {
        const i = next++
        await fn(i)
      }
    })
  )
}

async function bareBullmq(): Promise<number> {
  const conn = new IORedis(REDIS_URL, { maxRetriesPerRequest: null })
  const queue = new Queue("bare", { connection: conn, prefix: PREFIX })
  let done = 0
  let resolveAll!: () => void
  const all = new Promise<void>((r) => (resolveAll = r))
  const worker = new Worker(
    "bare",
    async () => {
      done++
      if (done === JOBS) resolveAll()
      return {}
    },
    {
      connection: { ...conn.options, maxRetriesPerRequest: null },
      prefix: PREFIX,
      concurrency: CONCURRENCY,
      removeOnComplete: { count: 1000 },
    }
  )
  await worker.waitUntilReady()
  const t0 = performance.now()
  await inParallel(ENQUEUE_PARALLEL, JOBS, (i) =>
    queue.add("noop", { i }, { jobId: `bare-${i}`, removeOnComplete: { count: 1000 } })
  )
  await all
  const ms = performance.now() - t0
  await worker.close()
  await queue.close()
  await conn.quit()
  return ms
}

async function runtimeJobs(): Promise<number> {
  const pg = ModulesSdkUtils.createPgConnection({ clientUrl: DB_URL, pool: { min: 2, max: 20 } })
  await pg.raw("TRUNCATE backoffice_job")
  let done = 0
  let resolveAll!: () => void
  const all = new Promise<void>((r) => (resolveAll = r))
  const noop = defineJob<{ i: number }>({
    type: "bench.noop",
    label: "Benchmark no-op",
    queue: "system",
    async run(ctx) {
      await ctx.progress({ processed: 1, total: 1 })
      return {}
    },
  })
  const runtime = new JobRuntime({
    options: parsePluginOptions({
      redisUrl: REDIS_URL,
      queuePrefix: PREFIX,
      concurrency: { default: CONCURRENCY },
    }),
    logger: { info: () => undefined, warn: () => undefined, error: (m) => out(m) },
    pg: pg as never,
    registry: new JobRegistry().add(noop),
    workerMode: "worker",
    appContainer: () => ({}) as never,
  })
  await runtime.start()
  // count completions from the records: the runtime writes them
  const poll = setInterval(async () => {
    const r = await pg("backoffice_job").where({ status: "completed" }).count<{ count: string }[]>("id as count")
    done = Number(r[0].count)
    if (done >= JOBS) resolveAll()
  }, 20)
  const t0 = performance.now()
  await inParallel(ENQUEUE_PARALLEL, JOBS, (i) =>
    runtime.enqueue({ type: "bench.noop", payload: { i } })
  )
  const enqueueMs = performance.now() - t0
  out(`  (runtime: all ${JOBS} enqueued after ${(enqueueMs / 1000).toFixed(2)} s)`)
  await all
  const ms = performance.now() - t0
  clearInterval(poll)
  const failed = await pg("backoffice_job").whereNot({ status: "completed" }).count<{ count: string }[]>("id as count")
  if (Number(failed[0].count) !== 0) {
    throw new Error(`${failed[0].count} jobs did not complete`)
  }
  await runtime.close()
  await pg.destroy()
  return ms
}

async function cleanupRedis() {
  const redis = new IORedis(REDIS_URL)
  let cursor = "0"
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${PREFIX}:*`, "COUNT", 1000)
    cursor = next
    if (keys.length) await redis.del(...keys)
  } while (cursor !== "0")
  await redis.quit()
}

async function main() {
  await ensureDatabase()
  out(`bench:jobs — ${JOBS} jobs, concurrency ${CONCURRENCY}, enqueue parallelism ${ENQUEUE_PARALLEL}`)
  // warm up both paths (connections, Lua scripts, JIT)
  const savedJobs = JOBS
  const bareMs = await bareBullmq()
  await cleanupRedis()
  const runtimeMs = await runtimeJobs()
  await cleanupRedis()
  const bareRate = (savedJobs * 1000) / bareMs
  const runtimeRate = (savedJobs * 1000) / runtimeMs
  const ratio = runtimeRate / bareRate
  clearInterval(rssTimer)
  out(`bare BullMQ no-op jobs:   ${bareRate.toFixed(0)} jobs/s (${(bareMs / 1000).toFixed(2)} s)`)
  out(`job runtime (PG record):  ${runtimeRate.toFixed(0)} jobs/s (${(runtimeMs / 1000).toFixed(2)} s)`)
  out(`ratio runtime / bare:     ${ratio.toFixed(3)}`)
  out(
    JSON.stringify({
      bench: "jobs",
      jobs: savedJobs,
      concurrency: CONCURRENCY,
      bare_jobs_per_s: Math.round(bareRate),
      runtime_jobs_per_s: Math.round(runtimeRate),
      ratio: Number(ratio.toFixed(3)),
      peak_rss_mb: Math.round(peakRss / 1024 / 1024),
    })
  )
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
