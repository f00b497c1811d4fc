import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { BACKOFFICE_JOBS_MODULE } from ".."
import BackofficeJob from "../models/backoffice-job"
import type BackofficeJobsModuleService from "../service"
import { JobRuntime } from "../runtime/job-runtime"
import { dailyKey, defineJob, defineSchedule } from "../runtime/registry"
import { parsePluginOptions } from "../../../lib/options"
import { waitFor } from "../../../../integration-tests/helpers/wait"
import { TEST_REDIS_URL, deleteRedisPrefix } from "../../../../integration-tests/helpers/redis"
import { expirePointsJob, expirePointsSchedule } from "../../../workers/loyalty"
import { expireFilesJob, expireFilesSchedule } from "../../../workers/customer-files"

jest.setTimeout(60_000)

const PREFIX = `cbo-sched-${process.pid}`
let ticks = 0
let pattern: string | null = "* * * * * *" // every second

const scheduledJob = defineJob<{ scheduled_for: string }>({
  type: "test.scheduled",
  label: "Test: scheduled",
  queue: "system",
  async run() {
    ticks++
    return { ok: true }
  },
})

const scheduledTick = defineSchedule({
  name: "test.scheduled.tick",
  type: "test.scheduled",
  pattern: () => pattern,
  // one job per second in this test (the default is one per UTC day)
  keyFor: (firedAt) => `test.scheduled:${firedAt.toISOString()}`,
})

moduleIntegrationTestRunner<BackofficeJobsModuleService>({
  moduleName: BACKOFFICE_JOBS_MODULE,
  moduleModels: [BackofficeJob],
  resolve: "./src/modules/backoffice-jobs",
  moduleOptions: { redisUrl: TEST_REDIS_URL, queuePrefix: PREFIX, pointsExpiryCron: "30 2 * * *" },
  testSuite: ({ service }) => {
    describe("scheduled jobs", () => {
      // In an application the module's loader registers the plugin's job
      // files; on its own, the module knows the jobs and schedules given here
      // (the plugin's two daily schedules among them). The runner started the
      // module before this: stop its workers so `start()` registers the ticks.
      beforeEach(async () => {
        service.runtime.registry.add(
          scheduledJob,
          scheduledTick,
          expirePointsJob,
          expirePointsSchedule,
          expireFilesJob,
          expireFilesSchedule
        )
        await service.runtime.drain()
      })

      afterEach(async () => {
        await service.runtime.close()
      })
      afterAll(async () => {
        await deleteRedisPrefix(PREFIX)
      })

      it("a schedule's tick enqueues its job with the schedule's key; the daily key is per UTC day", async () => {
        pattern = "* * * * * *"
        await service.runtime.start()
        const schedules = await service.runtime.listSchedules()
        expect(schedules).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ name: "test.scheduled.tick", pattern: "* * * * * *", tz: "UTC" }),
            // the loyalty expiry follows the plugin option
            expect.objectContaining({ name: "loyalty.expire_points.daily", pattern: "30 2 * * *" }),
          ])
        )
        const [job] = await waitFor(
          async () => {
            const jobs = await service.listBackofficeJobs({ type: "test.scheduled", status: "completed" })
            return jobs.length ? jobs : null
          },
          { what: "a scheduled job to run", timeoutMs: 15_000 }
        )
        expect(job.key).toMatch(/^test\.scheduled:\d{4}-\d{2}-\d{2}T/)
        expect(job.payload.scheduled_for).toBe(job.key.slice("test.scheduled:".length))
        expect(ticks).toBeGreaterThan(0)
        expect(dailyKey("loyalty.expire_points", new Date("2026-03-01T23:59:59Z"))).toBe(
          "loyalty.expire_points:2026-03-01"
        )
      })

      it("a tick fired twice (two instances) runs the job once", async () => {
        await service.runtime.start()
        const fake = { name: "test.scheduled.tick", id: "repeat:abc:1767225600000" } as never
        const first = await service.runtime.tick(fake)
        const second = await service.runtime.tick(fake)
        expect(first.created).toBe(true)
        expect(second).toEqual({ job_id: first.job_id, created: false })
        const jobs = await service.listBackofficeJobs({ key: "test.scheduled:2026-01-01T00:00:00.000Z" })
        expect(jobs).toHaveLength(1)
      })

      it("replaces the tick when the pattern changes, removes it when off, and registers nothing in server mode", async () => {
        pattern = "0 4 * * *"
        await service.runtime.start()
        await service.runtime.syncSchedules()
        let names = (await service.runtime.listSchedules()).filter((s) => s.name === "test.scheduled.tick")
        expect(names.map((s) => s.pattern)).toEqual(["0 4 * * *"])
        await service.runtime.close()

        const make = (mode: "shared" | "server") =>
          new JobRuntime({
            options: parsePluginOptions({ redisUrl: TEST_REDIS_URL, queuePrefix: PREFIX }),
            logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
            pg: service.runtime.pg,
            registry: service.runtime.registry,
            workerMode: mode,
            appContainer: () => ({}) as never,
          })
        pattern = "5 4 * * *"
        const server = make("server")
        await server.start()
        names = (await server.listSchedules()).filter((s) => s.name === "test.scheduled.tick")
        expect(names.map((s) => s.pattern)).toEqual(["0 4 * * *"]) // untouched by a server instance
        await server.close()

        const shared = make("shared")
        await shared.start()
        names = (await shared.listSchedules()).filter((s) => s.name === "test.scheduled.tick")
        expect(names.map((s) => s.pattern)).toEqual(["5 4 * * *"])
        await shared.close()

        pattern = null
        const off = make("shared")
        // start() returns once the ticks were synced (a disabled one removed)
        await off.start()
        names = (await off.listSchedules()).filter((s) => s.name === "test.scheduled.tick")
        expect(names).toEqual([])
        // the plugin's own schedules follow their default options here
        expect(
          (await off.listSchedules()).map((s) => [s.name, s.pattern]).sort()
        ).toEqual([
          ["customer_files.expire.daily", "45 3 * * *"],
          ["loyalty.expire_points.daily", "15 3 * * *"],
        ])
        await off.close()
      })
    })
  },
})
