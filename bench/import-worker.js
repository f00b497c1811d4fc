/**
 * The import worker of bench:import, run as its own process so that its peak
 * RSS (VmHWM) is the import's alone. Plain JavaScript on the built plugin
 * (`.medusa/server`, what a Medusa worker runs): a TypeScript loader would add
 * ~100 MB of compiler to the figure.
 *
 *   node bench/import-worker.js '{"db":"postgres://…","file":"/tmp/….csv","stage":"all"}'
 *
 * Prints one JSON line: stage timings, counts, VmHWM and the RSS before the run.
 */
const fs = require("fs")
const path = require("path")

const BUILT = path.resolve(__dirname, "../.medusa/server/src/lib")
const cfg = JSON.parse(process.argv[2])

const status = () => {
  const s = fs.readFileSync("/proc/self/status", "utf8")
  const kb = (k) => Number((s.match(new RegExp(`${k}:\\s+(\\d+)`)) || [0, 0])[1])
  return { rss_kb: kb("VmRSS"), hwm_kb: kb("VmHWM") }
}

/** Medusa's Redis event bus on its own queue (obliterated at the end), publishing only. */
function redisEventBus({ redisUrl, queue }) {
  const Redis = require("ioredis")
  const RedisEventBus = require("@medusajs/event-bus-redis/dist/services/event-bus-redis").default
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false })
  const logger = { info() {}, warn() {}, error: console.error, debug() {} }
  const bus = new RedisEventBus(
    { logger, eventBusRedisConnection: connection, eventBusRedisQueueName: queue },
    { redisUrl },
    { worker_mode: "server" }
  )
  // the bus queues only events that have subscribers (as in an app with search / CRM plugins)
  const noop = async () => undefined
  bus.subscribe("customer.created", noop, { subscriberId: "bench-created" })
  bus.subscribe("customer.updated", noop, { subscriberId: "bench-updated" })
  return {
    emit: (messages) => bus.emit(messages),
    queued: () => bus.queue_.getJobCounts("waiting", "prioritized", "delayed"),
    async close() {
      await bus.queue_.obliterate({ force: true })
      await bus.queue_.close()
      connection.disconnect()
    },
  }
}

async function main() {
  const { ModulesSdkUtils } = require("@medusajs/framework/utils")
  const { openCustomerFile } = require(`${BUILT}/customer-io/read.js`)
  let pipeline = null
  let commit = null
  let validate = null
  try {
    pipeline = require(`${BUILT}/customer-import/pipeline.js`)
    commit = require(`${BUILT}/customer-import/commit.js`)
    validate = require(`${BUILT}/customer-import/validate.js`)
  } catch (e) {
    if (cfg.stage !== "read") throw e
  }
  const knex = ModulesSdkUtils.createPgConnection({ clientUrl: cfg.db, pool: { min: 1, max: 4 } })
  await knex.raw("select 1")
  // --profile: time per SQL statement (by its first words), to see where the import spends its time
  const sqlTime = new Map()
  const sqlTotal = { ms: 0 }
  if (cfg.profile) {
    const started = new Map()
    knex.on("query", (q) => started.set(q.__knexQueryUid, performance.now()))
    knex.on("query-response", (_r, q) => {
      const t = started.get(q.__knexQueryUid)
      if (t === undefined) return
      started.delete(q.__knexQueryUid)
      const key = String(q.sql).replace(/\s+/g, " ").slice(0, 90)
      const e = sqlTime.get(key) || { ms: 0, n: 0 }
      e.ms += performance.now() - t
      e.n++
      sqlTime.set(key, e)
      sqlTotal.ms += performance.now() - t
    })
  }
  const before = status()
  const result = { rows: 0, stage: cfg.stage }
  const t0 = performance.now()

  if (cfg.stage === "read") {
    // Reader (+ mapping and validation when the pipeline is built): no database writes.
    const file = await openCustomerFile(fs.createReadStream(cfg.file))
    const ctx = validate ? await validate.loadImportContext(knex, { defaultCountry: "FR" }) : null
    const mapping = file.headers.map((h) => ({ header: h, column: null }))
    if (validate) {
      const { matchHeaders } = require(`${BUILT}/customer-io/columns.js`)
      matchHeaders(file.headers).forEach((m, i) => (mapping[i] = m))
    }
    let invalid = 0
    for await (const rec of file.records) {
      result.rows++
      if (validate) {
        const { errors } = validate.validateValues(validate.mapCells(rec.cells, mapping), ctx)
        if (rec.error || Object.keys(errors).length) invalid++
      } else if (rec.error) invalid++
    }
    result.invalid = invalid
    result.total_ms = performance.now() - t0
  } else {
    const ctx = await validate.loadImportContext(knex, { defaultCountry: "FR", emailRequired: true })
    const runId = await pipeline.createRun(knex, {
      file_name: path.basename(cfg.file),
      file_size: fs.statSync(cfg.file).size,
    })
    result.run_id = runId
    // 1. parse → validate → stage (COPY into import_row) → duplicates → review counts
    const file = await openCustomerFile(fs.createReadStream(cfg.file))
    const staged = await pipeline.stageFile(knex, runId, file, ctx)
    const t1 = performance.now()
    result.review_counts = staged.counts
    result.rows = staged.counts.rows
    result.stage_ms = t1 - t0
    result.hwm_after_stage_kb = status().hwm_kb
    result.total_ms = t1 - t0
    result.stage_sql_ms = sqlTotal.ms
    if (!cfg.noCommit) {
      // 2. commit: set-based batches
      // customer.created / customer.updated per committed batch, into a Redis event bus (Medusa's
      // event-bus-redis, in server mode: queued, not consumed here — the subscribers run elsewhere)
      const bus = cfg.events ? redisEventBus(cfg.events) : null
      result.events_emitted = 0
      result.emit_calls = 0
      result.emit_ms = 0
      const counts = await commit.commitRun(knex, runId, ctx, {
        ...(cfg.batchSize ? { batchSize: cfg.batchSize } : {}),
        ...(cfg.lanes ? { lanes: cfg.lanes } : {}),
        ...(bus
          ? {
              emit: async (messages) => {
                const t = performance.now()
                await bus.emit(messages)
                result.emit_ms += performance.now() - t
                result.emit_calls++
                result.events_emitted += messages.length
              },
            }
          : {}),
      })
      if (bus) {
        const c = await bus.queued()
        result.events_queued = Object.values(c).reduce((a, b) => a + b, 0)
        await bus.close()
      }
      const t2 = performance.now()
      result.counts = counts
      result.commit_ms = t2 - t1
      result.commit_sql_ms = sqlTotal.ms - result.stage_sql_ms
      result.total_ms = t2 - t0
    }
  }
  const after = status()
  result.rss_before_kb = before.rss_kb
  result.hwm_kb = after.hwm_kb
  if (cfg.profile) {
    result.sql = [...sqlTime]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 20)
      .map(([sql, e]) => ({ ms: Math.round(e.ms), n: e.n, sql }))
  }
  await knex.destroy()
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

main().catch((e) => {
  process.stderr.write(`${(e && e.stack) || e}\n`)
  process.exit(1)
})
