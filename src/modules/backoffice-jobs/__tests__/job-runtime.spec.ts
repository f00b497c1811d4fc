import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { Queue } from "bullmq"
import IORedis from "ioredis"
import { setTimeout as sleep } from "timers/promises"
import { BACKOFFICE_JOBS_MODULE } from ".."
import BackofficeJob from "../models/backoffice-job"
import type BackofficeJobsModuleService from "../service"
import { JobRuntime, JobsUnavailableError, bullJobId } from "../runtime/job-runtime"
import { defineJob, PermanentJobError } from "../runtime/registry"
import { parsePluginOptions } from "../../../lib/options"
import { waitFor } from "../../../../integration-tests/helpers/wait"
import {
  TEST_REDIS_URL,
  deleteRedisPrefix,
} from "../../../../integration-tests/helpers/redis"

jest.setTimeout(60_000)

const PREFIX = `cbo-mt-${process.pid}`
const runs: Record<string, number> = {}
const bump = (k: string) => (runs[k] = (runs[k] ?? 0) + 1)

const stepsJob = defineJob<{ steps: number; step_ms: number; tag: string }>({
  type: "test.steps",
  label: "Test: steps",
  queue: "system",
  async run(ctx) {
    bump(ctx.job.payload.tag)
    const { steps, step_ms } = ctx.job.payload
    for (let i = 1; i <= steps; i++) {
      ctx.throwIfCancelled()
      await sleep(step_ms)
      await ctx.progress({ processed: i, total: steps, succeeded: i, failed: 0 })
    }
    return { ran: steps }
  },
})

const flakyJob = defineJob<{ tag: string; fail_until: number }>({
  type: "test.flaky",
  label: "Test: flaky",
  queue: "system",
  async run(ctx) {
    bump(ctx.job.payload.tag)
    if (ctx.job.attempt < ctx.job.payload.fail_until) {
      throw new Error(`boom on attempt ${ctx.job.attempt}`)
    }
    return { attempt: ctx.job.attempt }
  },
})

const permanentJob = defineJob<{ tag: string }>({
  type: "test.permanent",
  label: "Test: permanent failure",
  queue: "system",
  async run(ctx) {
    bump(ctx.job.payload.tag)
    throw new PermanentJobError("the file is not a CSV")
  },
})

const record = (svc: BackofficeJobsModuleService, id: string) =>
  svc.retrieveBackofficeJob(id)

const waitStatus = (
  svc: BackofficeJobsModuleService,
  id: string,
  status: string,
  timeoutMs = 15_000
) =>
  waitFor(
    async () => {
      const r = await record(svc, id)
      return r.status === status ? r : null
    },
    { timeoutMs, what: `job ${id} to be ${status}` }
  )

/**
 * The BullMQ entries of one job record (every run) with their state: what
 * proves that nothing more will run (no entry left, or only a finished one).
 */
async function bullEntries(jobId: string) {
  const conn = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null })
  const q = new Queue("system", { connection: conn, prefix: PREFIX })
  try {
    const all = await q.getJobs([
      "active", "waiting", "delayed", "prioritized", "paused", "waiting-children", "completed", "failed",
    ])
    return await Promise.all(
      all
        .filter((j) => j?.data?.id === jobId)
        .map(async (j) => ({ id: j.id, state: await j.getState(), attemptsMade: j.attemptsMade }))
    )
  } finally {
    await q.close()
    await conn.quit()
  }
}

moduleIntegrationTestRunner<BackofficeJobsModuleService>({
  moduleName: BACKOFFICE_JOBS_MODULE,
  moduleModels: [BackofficeJob],
  resolve: "./src/modules/backoffice-jobs",
  moduleOptions: {
    redisUrl: TEST_REDIS_URL,
    queuePrefix: PREFIX,
    jobBackoffMs: 50,
    concurrency: { default: 2 },
  },
  testSuite: ({ service }) => {
   describe("job runtime", () => {
    // The module's loader registers the plugin's own job files when an
    // application loads it; on its own, the module knows the jobs given here.
    beforeEach(() => {
      service.runtime.registry.add(stepsJob, flakyJob, permanentJob)
    })

    // Medusa's module runner calls onApplicationStart (workers start) but not
    // the shutdown hooks: close the runtime before the runner's own afterEach.
    afterEach(async () => {
      await service.runtime.close()
    })

    afterAll(async () => {
      await deleteRedisPrefix(PREFIX)
    })

    it("runs a job and records its progress, counts and result", async () => {
      await service.runtime.start()
      const { job, created } = await service.runtime.enqueue({
        type: "test.steps",
        payload: { steps: 8, step_ms: 150, tag: "progress" },
        created_by: "user_1",
      })
      expect(created).toBe(true)
      expect(job.status).toBe("queued")

      const midway = await waitFor(
        async () => {
          const r = await record(service, job.id)
          return r.status === "active" && r.progress > 0 && r.progress < 100 ? r : null
        },
        { what: "progress between 0 and 100" }
      )
      expect(midway.counts.total).toBe(8)

      const done = await waitStatus(service, job.id, "completed")
      expect(done).toEqual(
        expect.objectContaining({
          type: "test.steps",
          queue: "system",
          progress: 100,
          counts: { processed: 8, total: 8, succeeded: 8, failed: 0 },
          result: { ran: 8 },
          attempts: 1,
          error: null,
          created_by: "user_1",
        })
      )
      expect(done.started_at).toBeTruthy()
      expect(done.finished_at).toBeTruthy()
      expect(runs.progress).toBe(1)
    })

    it("retries a failing job with backoff and completes when it recovers", async () => {
      await service.runtime.start()
      const { job } = await service.runtime.enqueue({
        type: "test.flaky",
        payload: { tag: "flaky", fail_until: 3 },
      })
      const done = await waitStatus(service, job.id, "completed")
      expect(runs.flaky).toBe(3)
      expect(done.attempts).toBe(3)
      expect(done.result).toEqual({ attempt: 3 })
    })

    it("marks a job failed with its error after the last attempt", async () => {
      await service.runtime.start()
      const { job } = await service.runtime.enqueue({
        type: "test.flaky",
        payload: { tag: "always", fail_until: 99 },
      })
      const failed = await waitStatus(service, job.id, "failed")
      expect(runs.always).toBe(3)
      expect(failed.attempts).toBe(3)
      expect(failed.error).toBe("boom on attempt 3")
      expect(failed.finished_at).toBeTruthy()
    })

    it("does not retry a permanent error", async () => {
      await service.runtime.start()
      const { job } = await service.runtime.enqueue({
        type: "test.permanent",
        payload: { tag: "permanent" },
      })
      const failed = await waitStatus(service, job.id, "failed")
      // BullMQ holds it as failed after one attempt: a final state, no retry is scheduled
      const entries = await waitFor(
        async () => {
          const e = await bullEntries(job.id)
          return e.length === 1 && e[0].state === "failed" ? e : null
        },
        { what: "the BullMQ entry to be failed" }
      )
      expect(entries[0].attemptsMade).toBe(1)
      expect(runs.permanent).toBe(1)
      expect(failed.attempts).toBe(1)
      expect(failed.error).toBe("the file is not a CSV")
    })

    it("runs the same work once when it is enqueued twice", async () => {
      await service.runtime.drain()
      const input = {
        type: "test.steps",
        payload: { steps: 2, step_ms: 20, tag: "twice" },
      }
      const [a, b] = await Promise.all([
        service.runtime.enqueue(input),
        service.runtime.enqueue(input),
      ])
      expect(a.job.id).toBe(b.job.id)
      expect([a.created, b.created].sort()).toEqual([false, true])
      const byKey = await service.runtime.enqueue({ ...input, key: a.job.key })
      expect(byKey.job.id).toBe(a.job.id)

      await service.runtime.start()
      await waitStatus(service, a.job.id, "completed")
      // enqueueing finished work again returns the finished record
      const again = await service.runtime.enqueue(input)
      expect(again).toEqual(
        expect.objectContaining({ created: false, job: expect.objectContaining({ status: "completed" }) })
      )
      // one BullMQ entry for both enqueues, finished: nothing is left to run
      expect((await bullEntries(a.job.id)).map((e) => e.state)).toEqual(["completed"])
      expect(runs.twice).toBe(1)
      const [, count] = await service.listAndCountBackofficeJobs({ type: "test.steps", key: a.job.key })
      expect(count).toBe(1)
    })

    it("cancels a queued job before it starts", async () => {
      await service.runtime.drain()
      const { job } = await service.runtime.enqueue({
        type: "test.steps",
        payload: { steps: 1, step_ms: 1, tag: "cancel-queued" },
      })
      const cancelled = await service.runtime.cancel(job.id)
      expect(cancelled.status).toBe("cancelled")
      // its waiting BullMQ entry was removed: no worker can take it
      expect(await bullEntries(job.id)).toEqual([])
      await service.runtime.start()
      // starting re-queues unfinished jobs missing from Redis: not a cancelled one
      expect(await bullEntries(job.id)).toEqual([])
      expect(runs["cancel-queued"]).toBeUndefined()
      expect((await record(service, job.id)).status).toBe("cancelled")
    })

    it("stops an active job when it is cancelled, and retries it on request", async () => {
      await service.runtime.start()
      const { job } = await service.runtime.enqueue({
        type: "test.steps",
        payload: { steps: 100, step_ms: 50, tag: "cancel-active" },
      })
      await waitFor(async () => (await record(service, job.id)).progress >= 5, {
        what: "the job to make progress",
      })
      await service.runtime.cancel(job.id)
      const cancelled = await waitStatus(service, job.id, "cancelled")
      expect(cancelled.progress).toBeLessThan(100)
      expect(cancelled.finished_at).toBeTruthy()

      await expect(service.runtime.retry(job.id)).resolves.toEqual(
        expect.objectContaining({ status: "queued", run: 2 })
      )
      const done = await waitStatus(service, job.id, "completed", 20_000)
      expect(done.run).toBe(2)
      expect(runs["cancel-active"]).toBe(2)
    })

    it("refuses to retry a job that has not failed", async () => {
      await service.runtime.start()
      const { job } = await service.runtime.enqueue({
        type: "test.steps",
        payload: { steps: 1, step_ms: 1, tag: "no-retry" },
      })
      await waitStatus(service, job.id, "completed")
      await expect(service.runtime.retry(job.id)).rejects.toThrow(
        /Only failed or cancelled jobs can be retried/
      )
    })

    it("queues again a job whose Redis entry was lost (Redis flushed)", async () => {
      await service.runtime.drain()
      const { job } = await service.runtime.enqueue({
        type: "test.steps",
        payload: { steps: 1, step_ms: 1, tag: "flushed" },
      })
      // Simulate a Redis flush of this job while no worker runs.
      const conn = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null })
      const q = new Queue("system", { connection: conn, prefix: PREFIX })
      await (await q.getJob(bullJobId(job.id, job.run)))!.remove()
      await q.close()
      await conn.quit()

      await service.runtime.start()
      const done = await waitStatus(service, job.id, "completed")
      expect(done.result).toEqual({ ran: 1 })
      expect(runs.flushed).toBe(1)
    })

    it("starts no worker in server mode; a worker instance then runs the job", async () => {
      const server = new JobRuntime({
        options: parsePluginOptions({ redisUrl: TEST_REDIS_URL, queuePrefix: PREFIX }),
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
        pg: service.runtime.pg,
        registry: service.runtime.registry,
        workerMode: "server",
        appContainer: () => ({}) as never,
      })
      try {
        await service.runtime.drain()
        await server.start()
        expect(server.status()).toEqual(
          expect.objectContaining({ redis: "connected", worker_mode: "server", workers_running: false })
        )
        const { job } = await server.enqueue({
          type: "test.steps",
          payload: { steps: 1, step_ms: 1, tag: "server-mode" },
        })
        expect((await record(service, job.id)).status).toBe("queued")
        expect(runs["server-mode"]).toBeUndefined()

        await service.runtime.start() // a shared/worker instance
        const done = await waitStatus(service, job.id, "completed")
        // taken once, by the worker instance: the server instance never ran it
        expect(done.worker).toBe(service.runtime.workerId)
        expect(done.attempts).toBe(1)
        expect(runs["server-mode"]).toBe(1)
      } finally {
        await server.close()
      }
    })

    it("answers 'unavailable' with what to configure when Redis cannot be reached, and logs it once", async () => {
      const errors: string[] = []
      const rt = new JobRuntime({
        options: parsePluginOptions({ redisUrl: "redis://127.0.0.1:1", queuePrefix: PREFIX }),
        logger: { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) },
        pg: service.runtime.pg,
        registry: service.runtime.registry,
        workerMode: "shared",
        appContainer: () => ({}) as never,
      })
      try {
        await rt.start()
        expect(rt.status()).toEqual(
          expect.objectContaining({ redis: "unavailable", workers_running: false })
        )
        await expect(rt.assertAvailable()).rejects.toBeInstanceOf(JobsUnavailableError)
        await expect(
          rt.enqueue({ type: "test.steps", payload: { steps: 1, step_ms: 1, tag: "x" } })
        ).rejects.toThrow(/redisUrl.*REDIS_URL/)
        expect(errors).toHaveLength(1)
        expect(errors[0]).toMatch(/redis:\/\/127\.0\.0\.1:1/)
        const [, count] = await service.listAndCountBackofficeJobs({})
        expect(count).toBe(0)
      } finally {
        await rt.close()
      }
    })

    it("warns about Redis settings BullMQ needs in production", async () => {
      await service.runtime.start()
      const status = service.status()
      // The Redis used for tests keeps nothing on disk.
      expect(status.warnings.join(" ")).toMatch(/appendonly yes/)
    })
   })
  },
})
