/**
 * Real processes: one `server` instance and two `worker` instances of the
 * dev host (host/medusa-config.ts, loading the built plugin) share one
 * PostgreSQL database and one Redis, as a production deployment does.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { Queue } from "bullmq"
import IORedis from "ioredis"
import { HOST_DIR } from "../helpers/host"
import {
  MedusaInstance,
  dbUrl,
  dropDatabase,
  medusaCli,
  recreateDatabase,
  signalGroup,
  startMedusa,
  stopInstance,
  waitForLog,
} from "../helpers/processes"
import { TEST_REDIS_URL, deleteRedisPrefix } from "../helpers/redis"
import { waitFor } from "../helpers/wait"

jest.setTimeout(240_000)

const DB = `cbo_proc_${process.pid}`
const PREFIX = `cbo-proc-${process.pid}`
const BASE_PORT = 9400 + (process.pid % 400)
const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "cbo-proc-"))

const env = (mode: "server" | "worker") => ({
  DATABASE_URL: dbUrl(DB),
  REDIS_URL: TEST_REDIS_URL,
  CBO_QUEUE_PREFIX: PREFIX,
  MEDUSA_WORKER_MODE: mode,
  ADMIN_DISABLED: "true",
  // a dead worker's job is taken over after ~lock + stalled interval
  CBO_LOCK_DURATION_MS: "2000",
  CBO_STALLED_INTERVAL_MS: "1000",
  NODE_ENV: "development",
})

let server: MedusaInstance
const workers: MedusaInstance[] = []
let token: string

const base = () => `http://localhost:${server.port}`

async function call(method: string, url: string, body?: unknown) {
  const res = await fetch(`${base()}${url}`, {
    method,
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, data: text ? JSON.parse(text) : null }
}

const getJob = async (id: string) => (await call("GET", `/admin/backoffice/jobs/${id}`)).data.job

const runCheck = async (steps: number, step_ms: number) => {
  const res = await call("POST", "/admin/backoffice/jobs/diagnostics", { steps, step_ms })
  expect(res.status).toBe(202)
  return res.data.job.id as string
}

const waitJob = (id: string, pred: (job: any) => boolean, what: string, timeoutMs = 60_000) =>
  waitFor(
    async () => {
      const job = await getJob(id)
      return pred(job) ? job : null
    },
    { timeoutMs, intervalMs: 100, what }
  )

function startWorker(n: number) {
  const w = startMedusa({
    name: `worker-${n}`,
    cwd: HOST_DIR,
    port: BASE_PORT + n,
    env: env("worker"),
    logDir: LOG_DIR,
  })
  workers.push(w)
  return w
}

const pidOf = (workerId: string) => Number(workerId.split(":")[1])

beforeAll(async () => {
  await recreateDatabase(DB)
  await medusaCli(HOST_DIR, ["db:migrate"], { DATABASE_URL: dbUrl(DB) })
  await medusaCli(HOST_DIR, ["user", "-e", "proc@example.com", "-p", "supersecret"], {
    DATABASE_URL: dbUrl(DB),
    REDIS_URL: TEST_REDIS_URL,
    CBO_QUEUE_PREFIX: PREFIX,
    MEDUSA_WORKER_MODE: "server",
  })
  server = startMedusa({ name: "server", cwd: HOST_DIR, port: BASE_PORT, env: env("server"), logDir: LOG_DIR })
  await waitForLog(server, /Server is ready on port/)
  const login = await call("POST", "/auth/user/emailpass", {
    email: "proc@example.com",
    password: "supersecret",
  })
  expect(login.status).toBe(200)
  token = login.data.token
})

afterAll(async () => {
  await Promise.all([server, ...workers].filter(Boolean).map(stopInstance))
  await dropDatabase(DB).catch(() => undefined)
  await deleteRedisPrefix(PREFIX)
  fs.rmSync(LOG_DIR, { recursive: true, force: true })
})

describe("worker processes", () => {
  let queuedWhileNoWorker: string

  it("a server-mode instance starts no worker: its jobs wait for a worker instance", async () => {
    const status = await call("GET", "/admin/backoffice/job-runtime")
    expect(status.data.status).toEqual(
      expect.objectContaining({ worker_mode: "server", workers_running: false, redis: "connected" })
    )
    expect(server.log()).not.toMatch(/background workers started/)
    queuedWhileNoWorker = await runCheck(2, 10)
    expect((await getJob(queuedWhileNoWorker)).status).toBe("queued")
    // that it stays queued is proven by its record in the next test: one attempt,
    // taken and finished by a worker instance started later, never by this one
  })

  it("worker instances pick the waiting job up and process each job once", async () => {
    const [w1, w2] = [startWorker(1), startWorker(2)]
    await Promise.all([
      waitForLog(w1, /background workers started \(.*mode worker\)/),
      waitForLog(w2, /background workers started \(.*mode worker\)/),
    ])
    const first = await waitJob(queuedWhileNoWorker, (j) => j.status === "completed", "the waiting job")
    expect(first.attempts).toBe(1)
    expect(first.result).toEqual(expect.objectContaining({ attempt: 1, resumed_from: 0 }))
    expect([w1.child.pid, w2.child.pid]).toContain(first.result.finished_by)
    expect([w1.child.pid, w2.child.pid]).toContain(pidOf(first.worker))

    const ids = await Promise.all(Array.from({ length: 12 }, () => runCheck(3, 50)))
    const done = await Promise.all(
      ids.map((id) => waitJob(id, (j) => j.status === "completed", `job ${id}`))
    )
    // each job ran exactly one attempt, from start to end, on one worker
    for (const job of done) {
      expect(job.attempts).toBe(1)
      expect(job.result).toEqual(expect.objectContaining({ steps: 3, resumed_from: 0, attempt: 1 }))
      expect([w1.child.pid, w2.child.pid]).toContain(job.result.finished_by)
    }
    // and the server instance processed none of them
    expect(done.map((j) => j.result.finished_by)).not.toContain(server.child.pid)
  })

  it("a worker killed with SIGKILL mid-job: another worker takes the job over and finishes it exactly once", async () => {
    const id = await runCheck(40, 150)
    const running = await waitJob(id, (j) => j.status === "active" && j.progress >= 10, "the job to be running")
    const victimPid = pidOf(running.worker)
    const victim = workers.find((w) => w.child.pid === victimPid)!
    expect(victim).toBeDefined()

    signalGroup(victim, "SIGKILL")
    await victim.exited

    const done = await waitJob(id, (j) => j.status === "completed", "the job to be taken over", 90_000)
    const survivor = workers.find((w) => w !== victim)!
    expect(done.result.finished_by).toBe(survivor.child.pid)
    expect(done.result.resumed_from).toBeGreaterThan(0)
    expect(done.result.attempt).toBe(2)
    expect(done.attempts).toBe(2)
    expect(done.progress).toBe(100)
    expect(done.counts).toEqual({ processed: 40, total: 40 })
    expect(done.error).toBeNull()

    // BullMQ holds the job once, as completed; nothing is left active or waiting
    const conn = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null })
    const q = new Queue("system", { connection: conn, prefix: PREFIX })
    try {
      const counts = await q.getJobCounts("active", "waiting", "delayed", "failed", "completed")
      expect(counts).toEqual(expect.objectContaining({ active: 0, waiting: 0, delayed: 0, failed: 0 }))
      const bull = await q.getJob(`${id}-r1`)
      expect(await bull!.getState()).toBe("completed")
    } finally {
      await q.close()
      await conn.quit()
    }
  })

  it("SIGTERM drains a worker: the running job finishes on it and nothing is left stalled", async () => {
    const survivor = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null)!
    const id = await runCheck(12, 200)
    await waitJob(id, (j) => j.status === "active" && j.progress > 0, "the job to be running")

    signalGroup(survivor, "SIGTERM")
    const code = await survivor.exited
    expect(code).toBe(0)

    const job = await getJob(id)
    expect(job.status).toBe("completed")
    expect(job.attempts).toBe(1)
    expect(job.result.finished_by).toBe(survivor.child.pid)

    const conn = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null })
    const q = new Queue("system", { connection: conn, prefix: PREFIX })
    try {
      const counts = await q.getJobCounts("active", "waiting", "delayed")
      expect(counts).toEqual(expect.objectContaining({ active: 0, waiting: 0, delayed: 0 }))
    } finally {
      await q.close()
      await conn.quit()
    }
  })
})
