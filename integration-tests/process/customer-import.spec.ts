/**
 * kill -9 of the worker while it commits an import: the job is taken over
 * and resumes from the applied rows. The end state equals an uninterrupted
 * run of the same file: same number of customers, no duplicate, and the same
 * checksum over every column the import writes.
 *
 * Real processes as in workers.spec.ts: one server instance, two workers,
 * one PostgreSQL database, one Redis. Small batches and a test-only pause
 * between batches (CBO_IMPORT_BATCH_DELAY_MS) make the kill land mid-commit.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
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

jest.setTimeout(300_000)

const DB = `cbo_impk_${process.pid}`
const PREFIX = `cbo-impk-${process.pid}`
const BASE_PORT = 9600 + (process.pid % 300)
const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "cbo-impk-"))
const ROWS = 600
const EXISTING = 150

const env = (mode: "server" | "worker") => ({
  DATABASE_URL: dbUrl(DB),
  REDIS_URL: TEST_REDIS_URL,
  CBO_QUEUE_PREFIX: PREFIX,
  MEDUSA_WORKER_MODE: mode,
  ADMIN_DISABLED: "true",
  CBO_LOCK_DURATION_MS: "2000",
  CBO_STALLED_INTERVAL_MS: "1000",
  CBO_IMPORT_BATCH_SIZE: "20",
  CBO_IMPORT_BATCH_DELAY_MS: "120",
  NODE_ENV: "development",
})

let server: MedusaInstance
const workers: MedusaInstance[] = []
let token: string
let pg: Client

const base = () => `http://localhost:${server.port}`

async function call(method: string, url: string, body?: unknown) {
  const res = await fetch(`${base()}${url}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, data: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text }
}

async function upload(content: string, name: string) {
  const form = new FormData()
  form.append("file", new Blob([content], { type: "text/csv" }), name)
  const res = await fetch(`${base()}/admin/backoffice/customer-imports`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as any).import_run.id as string
}

const getRun = async (id: string) => (await call("GET", `/admin/backoffice/customer-imports/${id}`)).data.import_run
const getJob = async (id: string) => (await call("GET", `/admin/backoffice/jobs/${id}`)).data.job

const waitRun = (id: string, statuses: string[], timeoutMs = 120_000) =>
  waitFor(
    async () => {
      const run = await getRun(id)
      return statuses.includes(run.status) ? run : null
    },
    { timeoutMs, intervalMs: 100, what: `import ${id} to be ${statuses.join("/")}` }
  )

/** The same customers in two domains: one file per domain. */
function file(domain: string, rows: number, variant: "seed" | "main") {
  const lines = ["Email,First Name,Last Name,Phone,Tags,Accepts Email Marketing,Note,Country,City,Date of Birth"]
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(4, "0")
    if (variant === "seed") {
      lines.push(`user${n}@${domain},Seed${n},Person,,,,,,,`)
    } else {
      lines.push(
        [
          `user${n}@${domain}`,
          `First${n}`,
          `Last${n}`,
          `+1 415 555 01${String(i % 100).padStart(2, "0")}`,
          i % 2 ? "VIP" : "VIP; Wholesale",
          i % 3 ? "yes" : "no",
          i % 4 ? "" : `"Note for ${n}, with a comma"`,
          i % 5 ? "GB" : "France",
          `City ${n}`,
          `19${String(50 + (i % 40))}-0${1 + (i % 9)}-1${i % 9}`,
        ].join(",")
      )
    }
  }
  return lines.join("\n") + "\n"
}

/** One row per customer of the domain, every column the import writes, ids and timestamps left out. */
async function stateOf(domain: string) {
  const { rows } = await pg.query(
    `select replace(c.email, $1, '') as email, c.first_name, c.last_name, c.phone, c.company_name,
            c.has_account, c.deleted_at is null as live,
            p.title, p.gender, p.date_of_birth, p.nationality, p.customer_number, p.phone_original, p.origin,
            a.address_1, a.city, a.country_code, a.is_default_shipping, a.is_default_billing,
            cc.marketing_opt_out,
            (select string_agg(g.name, ';' order by g.name) from customer_group_customer m
               join customer_group g on g.id = m.customer_group_id
              where m.customer_id = c.id and m.deleted_at is null) as groups,
            (select count(*) from customer_customer_sales_channel_sales_channel l
              where l.customer_id = c.id and l.deleted_at is null) as stores,
            (select string_agg(n.body, '|' order by n.body) from customer_note n
              where n.customer_id = c.id and n.deleted_at is null) as notes,
            (select count(*) from consent_event e where e.customer_id = c.id) as consent_events,
            (select count(*) from timeline_entry t where t.customer_id = c.id and t.kind = 'customer.imported') as timeline
       from customer c
       left join customer_profile p on p.customer_id = c.id and p.deleted_at is null
       left join customer_address a on a.customer_id = c.id and a.deleted_at is null
       left join customer_consent cc on cc.customer_id = c.id and cc.deleted_at is null
      where c.email like '%' || $1
      order by c.email, c.id`,
    [`@${domain}`]
  )
  const { rows: sum } = await pg.query(`select md5($1::text) as checksum`, [JSON.stringify(rows)])
  return { count: rows.length, checksum: sum[0].checksum as string, rows }
}

async function importAndCommit(content: string, name: string) {
  const id = await upload(content, name)
  const run = await waitRun(id, ["review", "failed"])
  expect(run.status).toBe("review")
  const confirmed = await call("POST", `/admin/backoffice/customer-imports/${id}/confirm`, {})
  expect(confirmed.status).toBe(200)
  return { id, run: confirmed.data.import_run }
}

beforeAll(async () => {
  await recreateDatabase(DB)
  await medusaCli(HOST_DIR, ["db:migrate"], { DATABASE_URL: dbUrl(DB) })
  await medusaCli(HOST_DIR, ["user", "-e", "impk@example.com", "-p", "supersecret"], {
    DATABASE_URL: dbUrl(DB),
    REDIS_URL: TEST_REDIS_URL,
    CBO_QUEUE_PREFIX: PREFIX,
    MEDUSA_WORKER_MODE: "server",
  })
  pg = new Client({ connectionString: dbUrl(DB) })
  await pg.connect()
  await pg.query(
    `insert into customer_group (id, name, created_at, updated_at)
     values ('cusgroup_vip', 'VIP', now(), now()), ('cusgroup_wholesale', 'Wholesale', now(), now())`
  )
  server = startMedusa({ name: "server", cwd: HOST_DIR, port: BASE_PORT, env: env("server"), logDir: LOG_DIR })
  for (const n of [1, 2]) {
    workers.push(
      startMedusa({ name: `worker-${n}`, cwd: HOST_DIR, port: BASE_PORT + n, env: env("worker"), logDir: LOG_DIR })
    )
  }
  await Promise.all([
    waitForLog(server, /Server is ready on port/),
    ...workers.map((w) => waitForLog(w, /background workers started \(.*mode worker\)/)),
  ])
  const login = await fetch(`${base()}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "impk@example.com", password: "supersecret" }),
  })
  token = ((await login.json()) as any).token
})

afterAll(async () => {
  await Promise.all([server, ...workers].filter(Boolean).map(stopInstance))
  await pg?.end().catch(() => undefined)
  await dropDatabase(DB).catch(() => undefined)
  await deleteRedisPrefix(PREFIX)
  fs.rmSync(LOG_DIR, { recursive: true, force: true })
})

describe("import commit under kill -9", () => {
  it("a worker killed mid-commit: the job resumes and ends exactly like an uninterrupted run", async () => {
    // existing customers in both domains, so the main file both updates and creates
    for (const domain of ["killed.test", "calm.test"]) {
      const { id } = await importAndCommit(file(domain, EXISTING, "seed"), `seed-${domain}.csv`)
      const done = await waitRun(id, ["completed", "failed"])
      expect(done.counts.created).toBe(EXISTING)
    }

    // the run that is killed
    const { id: killedRun } = await importAndCommit(file("killed.test", ROWS, "main"), "main-killed.csv")
    const running = await waitFor(
      async () => {
        const run = await getRun(killedRun)
        if (!run.job) return null
        const job = await getJob(run.job.id)
        return job.status === "active" && job.progress >= 25 && job.progress < 70 ? job : null
      },
      { timeoutMs: 120_000, intervalMs: 50, what: "the commit to be mid-way" }
    )
    const victim = workers.find((w) => w.child.pid === Number(String(running.worker).split(":")[1]))!
    expect(victim).toBeDefined()
    signalGroup(victim, "SIGKILL")
    await victim.exited
    const { rows: partial } = await pg.query(
      `select count(*)::int as n from import_row where run_id = $1 and applied_at is not null`,
      [killedRun]
    )
    expect(partial[0].n).toBeGreaterThan(0)
    expect(partial[0].n).toBeLessThan(ROWS)

    const killedDone = await waitRun(killedRun, ["completed", "failed"], 180_000)
    expect(killedDone.status).toBe("completed")
    const job = await getJob(killedDone.job.id)
    expect(job.attempts).toBe(2)
    expect(job.checkpoint.last_row_number).toBe(ROWS + 1)

    // the same file, uninterrupted
    const { id: calmRun } = await importAndCommit(file("calm.test", ROWS, "main"), "main-calm.csv")
    const calmDone = await waitRun(calmRun, ["completed", "failed"], 180_000)
    expect(calmDone.status).toBe("completed")
    expect((await getJob(calmDone.job.id)).attempts).toBe(1)

    expect(killedDone.counts).toEqual(calmDone.counts)
    expect(killedDone.counts).toEqual(
      expect.objectContaining({ created: ROWS - EXISTING, updated: EXISTING, failed: 0 })
    )
    const killed = await stateOf("killed.test")
    const calm = await stateOf("calm.test")
    expect(killed.count).toBe(ROWS)
    expect(calm.count).toBe(ROWS)
    const { rows: dupes } = await pg.query(
      `select lower(email) as e, count(*) from customer where deleted_at is null group by 1 having count(*) > 1`
    )
    expect(dupes).toEqual([])
    expect(killed.rows).toEqual(calm.rows)
    expect(killed.checksum).toBe(calm.checksum)
  })
})
