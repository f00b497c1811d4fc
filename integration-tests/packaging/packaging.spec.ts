/**
 * Packaging test: what a merchant does with the published package.
 *
 * Builds the plugin, packs it with `npm pack`, installs the tarball into a
 * brand-new Medusa app in a temporary folder (its own node_modules, no link
 * to this repository), migrates a fresh database, creates an admin user,
 * starts `medusa start` and talks to the plugin's routes over HTTP — including
 * a background job, which proves the BullMQ workers run from the installed
 * package.
 *
 * Slow (≈2–4 min on 2 cores with a warm npm cache, longer on a fresh machine)
 * and needs ≈750 MB of disk in os.tmpdir() while it runs; everything it
 * creates (temp dir, tarball, database, Redis keys, server process group) is
 * removed in afterAll. PACKAGING_KEEP_LOG=1 keeps the `medusa start` log.
 */
import { execFile, spawn, type ChildProcess } from "child_process"
import fs from "fs"
import net from "net"
import os from "os"
import path from "path"
import { promisify } from "util"
import { Client } from "pg"
import { REPO_DIR } from "../helpers/host"
import { deleteRedisPrefix, TEST_REDIS_URL } from "../helpers/redis"
import { waitFor } from "../helpers/wait"

const execFileAsync = promisify(execFile)

const MEDUSA_VERSION = "2.21.2"
const BULLMQ_VERSION = "5.13.0"
const PG_ADMIN_URL =
  process.env.PACKAGING_PG_ADMIN_URL || "postgres://postgres@localhost:5432/postgres"
const DB_NAME = `cbo_pack_${process.pid}`
const DB_URL = `postgres://postgres@localhost:5432/${DB_NAME}`
const QUEUE_PREFIX = `cbo-pack-${process.pid}`
const ADMIN_EMAIL = "pack@example.com"
const ADMIN_PASSWORD = "supersecret"

const SETUP_TIMEOUT_MS = 20 * 60_000
const HEALTH_TIMEOUT_MS = 90_000

jest.setTimeout(120_000)

// ---------------------------------------------------------------------------
// helpers

const timings: [string, number][] = []

function log(line: string) {
  process.stdout.write(`[packaging] ${line}\n`)
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = Date.now()
  try {
    return await fn()
  } finally {
    const ms = Date.now() - start
    timings.push([label, ms])
    log(`${label}: ${(ms / 1000).toFixed(1)} s`)
  }
}

/**
 * The environment of every child process: this process's, without what Jest
 * and this repository's test setup put there (NODE_ENV=test, DB_*, the VM
 * modules flag, npm's per-invocation variables), so the temporary app only
 * sees its own medusa-config.ts.
 */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (
      /^(npm_|NODE_ENV$|NODE_OPTIONS$|JEST_|DB_|DATABASE_|REDIS_URL$|TEST_TYPE$|INIT_CWD$)/.test(k)
    ) {
      continue
    }
    env[k] = v
  }
  return {
    ...env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    NO_UPDATE_NOTIFIER: "1",
    ...extra,
  }
}

function tail(text: string, lines = 40) {
  return text.split("\n").slice(-lines).join("\n")
}

async function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; allowFailure?: boolean }
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await execFileAsync(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? childEnv(),
      timeout: opts.timeoutMs ?? 10 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
      killSignal: "SIGKILL",
    })
    return { stdout, stderr, code: 0 }
  } catch (e) {
    const err = e as Error & { stdout?: string; stderr?: string; code?: number | string; killed?: boolean }
    if (opts.allowFailure && typeof err.code === "number") {
      return { stdout: err.stdout ?? "", stderr: err.stderr ?? "", code: err.code }
    }
    throw new Error(
      `\`${cmd} ${args.join(" ")}\` in ${opts.cwd} failed (code ${err.code}${err.killed ? ", killed on timeout" : ""})\n` +
        `--- stdout ---\n${tail(err.stdout ?? "")}\n--- stderr ---\n${tail(err.stderr ?? "")}`
    )
  }
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer()
    srv.once("error", () => resolve(false))
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)))
  })
}

async function pickPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 9300 + Math.floor(Math.random() * 600)
    if (await isPortFree(port)) return port
  }
  throw new Error("No free port found in 9300–9899")
}

async function withPg<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Every version of `name` in an `npm ls --all --json` tree. */
function collectVersions(node: any, name: string, out = new Set<string>()): Set<string> {
  for (const [dep, child] of Object.entries<any>(node?.dependencies ?? {})) {
    if (dep === name && child?.version) out.add(child.version)
    collectVersions(child, name, out)
  }
  return out
}

async function npmLsVersions(cwd: string, name: string): Promise<string[]> {
  // npm ls exits non-zero on any tree problem (e.g. an unmet optional peer)
  // but still prints the tree.
  const res = await run("npm", ["ls", name, "--all", "--json"], { cwd, allowFailure: true })
  const tree = JSON.parse(res.stdout || "{}")
  return [...collectVersions(tree, name)].sort()
}

// ---------------------------------------------------------------------------
// state shared by beforeAll / tests / afterAll

let tmpRoot = "" // holds the app and the tarball
let appDir = ""
let tarball = ""
let tarEntries: string[] = []
let bullmqVersions: string[] = []
let server: ChildProcess | null = null
let serverExited: string | null = null
let serverLog = ""
let port = 0
let baseUrl = ""
let dbCreated = false

function serverLogTail(lines = 60) {
  try {
    return tail(fs.readFileSync(serverLog, "utf8"), lines)
  } catch {
    return "(no server log)"
  }
}

/** Runs an assertion block; on failure appends the server log's tail. */
async function withServerLog(fn: () => Promise<void>) {
  try {
    await fn()
  } catch (e) {
    const err = e as Error
    err.message += `\n--- medusa start log (${serverLog}), last lines ---\n${serverLogTail()}`
    throw err
  }
}

async function http(
  method: string,
  url: string,
  opts: { token?: string; body?: unknown } = {}
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    signal: AbortSignal.timeout(15_000),
  })
  const text = await res.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {
    // keep text
  }
  return { status: res.status, body }
}

async function waitForHealth() {
  let last = ""
  await waitFor(
    async () => {
      if (serverExited) {
        throw new Error(`medusa start exited (${serverExited}) before /health answered\n${serverLogTail()}`)
      }
      try {
        const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) })
        if (res.status === 200) return true
        last = `HTTP ${res.status}`
      } catch (e) {
        last = (e as Error).message
      }
      return false
    },
    { timeoutMs: HEALTH_TIMEOUT_MS, intervalMs: 500, what: "GET /health to answer 200" }
  ).catch((e: Error) => {
    throw serverExited ? e : new Error(`${e.message} (last: ${last})\n${serverLogTail()}`)
  })
}

async function stopServer() {
  const child = server
  server = null
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // group already gone
    }
  }
  killGroup("SIGTERM")
  const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 10_000))
  if ((await Promise.race([exited, timer])) === "timeout") {
    log("medusa start did not stop within 10 s of SIGTERM: SIGKILL")
    killGroup("SIGKILL")
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
  }
  // Whatever the leader left behind in its group.
  killGroup("SIGKILL")
}

function appPackageJson(tarballPath: string) {
  const medusa = (name: string) => [name, MEDUSA_VERSION]
  return {
    name: "cbo-packaging-host",
    version: "0.0.0",
    private: true,
    scripts: {
      build: "medusa build",
      start: "medusa start",
      dev: "medusa develop",
    },
    dependencies: {
      ...Object.fromEntries([
        medusa("@medusajs/medusa"),
        medusa("@medusajs/framework"),
        medusa("@medusajs/cli"),
        medusa("@medusajs/admin-sdk"),
        medusa("@medusajs/icons"),
        medusa("@medusajs/js-sdk"),
        medusa("@medusajs/test-utils"),
      ]),
      "@medusajs/ui": "4.2.6",
      "@swc/core": "^1.7.28",
      pg: "^8.13.0",
      "ts-node": "^10.9.2",
      typescript: "^5.6.2",
      "medusa-customer-backoffice": `file:${tarballPath}`,
    },
    engines: { node: ">=20" },
  }
}

/** medusa-config.ts as the README tells merchants to write it. */
function appMedusaConfig() {
  return `import { defineConfig } from "@medusajs/framework/utils"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: ${JSON.stringify(DB_URL)},
    databaseLogging: false,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:9000,http://localhost:8000",
      jwtSecret: "packaging-test-jwt-secret",
      cookieSecret: "packaging-test-cookie-secret",
    },
    cookieOptions: { secure: false },
  },
  admin: {
    // Building the admin needs \`medusa build\` (~40 s, ~2 GB): this test checks the backend.
    disable: true,
  },
  plugins: [
    {
      resolve: "medusa-customer-backoffice",
      options: {
        redisUrl: ${JSON.stringify(TEST_REDIS_URL)},
        queuePrefix: ${JSON.stringify(QUEUE_PREFIX)},
      },
    },
  ],
})
`
}

/** tsconfig.json of a Medusa app (as in the official starter). */
const APP_TSCONFIG = {
  compilerOptions: {
    target: "ES2021",
    esModuleInterop: true,
    module: "Node16",
    moduleResolution: "Node16",
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    skipDefaultLibCheck: true,
    declaration: false,
    sourceMap: false,
    inlineSourceMap: true,
    outDir: "./.medusa/server",
    rootDir: "./",
    jsx: "react-jsx",
    forceConsistentCasingInFileNames: true,
    resolveJsonModule: true,
    checkJs: false,
    strictNullChecks: true,
  },
  "ts-node": { swc: true },
  include: ["**/*", ".medusa/types/*"],
  exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
}

// ---------------------------------------------------------------------------

describe("packaging: the packed plugin installed into a fresh Medusa app", () => {
  beforeAll(async () => {
    const started = Date.now()
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cbo-pack-"))
    appDir = path.join(tmpRoot, "app")
    fs.mkdirSync(appDir)
    serverLog = path.join(tmpRoot, "medusa-start.log")
    log(`temp dir ${tmpRoot}`)

    // 1. build + pack
    await timed("plugin:build", () =>
      run("npx", ["medusa", "plugin:build"], { cwd: REPO_DIR, env: childEnv() })
    )
    const packOut = await timed("npm pack", () =>
      run("npm", ["pack", "--pack-destination", tmpRoot, "--json"], { cwd: REPO_DIR })
    )
    const packed = JSON.parse(packOut.stdout)
    tarball = path.join(tmpRoot, packed[0].filename)
    expect(fs.existsSync(tarball)).toBe(true)
    const list = await run("tar", ["-tzf", tarball], { cwd: tmpRoot })
    tarEntries = list.stdout.split("\n").filter(Boolean)

    // 2. the app
    fs.writeFileSync(
      path.join(appDir, "package.json"),
      JSON.stringify(appPackageJson(tarball), null, 2) + "\n"
    )
    fs.writeFileSync(path.join(appDir, "medusa-config.ts"), appMedusaConfig())
    fs.writeFileSync(path.join(appDir, "tsconfig.json"), JSON.stringify(APP_TSCONFIG, null, 2) + "\n")

    // 3. install
    await timed("npm install (app)", () =>
      run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
        cwd: appDir,
        timeoutMs: 15 * 60_000,
      })
    )
    bullmqVersions = await npmLsVersions(appDir, "bullmq")
    const ioredisVersions = await npmLsVersions(appDir, "ioredis")
    log(`bullmq in app: ${bullmqVersions.join(", ")}; ioredis: ${ioredisVersions.join(", ")}`)

    // 4. database + migrations
    await withPg(PG_ADMIN_URL, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`)
      await c.query(`CREATE DATABASE "${DB_NAME}"`)
    })
    dbCreated = true
    await timed("medusa db:migrate", () =>
      run("npx", ["medusa", "db:migrate"], { cwd: appDir, timeoutMs: 5 * 60_000 })
    )

    // 5. admin user
    await timed("medusa user", () =>
      run("npx", ["medusa", "user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], {
        cwd: appDir,
        timeoutMs: 2 * 60_000,
      })
    )

    // 6. start
    port = await pickPort()
    baseUrl = `http://127.0.0.1:${port}`
    const out = fs.openSync(serverLog, "a")
    server = spawn("npx", ["medusa", "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: appDir,
      env: childEnv({ NODE_ENV: "production" }),
      detached: true,
      stdio: ["ignore", out, out],
    })
    fs.closeSync(out)
    server.once("exit", (code, signal) => {
      serverExited = `code ${code}, signal ${signal}`
    })
    await timed("medusa start → /health 200", waitForHealth)
    log(`setup total: ${((Date.now() - started) / 1000).toFixed(1)} s (server on ${baseUrl})`)
  }, SETUP_TIMEOUT_MS)

  afterAll(async () => {
    const errors: unknown[] = []
    const step = async (what: string, fn: () => Promise<unknown> | unknown) => {
      try {
        await fn()
      } catch (e) {
        errors.push(e)
        log(`cleanup: ${what} failed: ${(e as Error).message}`)
      }
    }
    await step("stop server", stopServer)
    if (process.env.PACKAGING_KEEP_LOG && serverLog && fs.existsSync(serverLog)) {
      // Debugging aid: keep the server log outside the temp dir.
      const kept = path.join(os.tmpdir(), `cbo-pack-${process.pid}-medusa-start.log`)
      await step("keep server log", () => fs.copyFileSync(serverLog, kept))
      log(`server log kept at ${kept}`)
    }
    await step("delete Redis keys", () => deleteRedisPrefix(QUEUE_PREFIX))
    if (dbCreated) {
      await step("drop database", () =>
        withPg(PG_ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`))
      )
    }
    if (tarball) await step("delete tarball", () => fs.rmSync(tarball, { force: true }))
    if (tmpRoot) {
      await step("delete temp dir", () =>
        fs.promises.rm(tmpRoot, { recursive: true, force: true, maxRetries: 3 })
      )
    }
    if (timings.length) {
      log(timings.map(([l, ms]) => `${l} ${(ms / 1000).toFixed(1)}s`).join(" | "))
    }
  }, 120_000)

  describe("the tarball", () => {
    const has = (p: string) => tarEntries.includes(p)

    it("contains the built module, its migrations and the admin bundle", () => {
      expect(has("package/package.json")).toBe(true)
      expect(has("package/.medusa/server/src/modules/backoffice-jobs/index.js")).toBe(true)
      expect(
        tarEntries.filter((e) =>
          /^package\/\.medusa\/server\/src\/modules\/backoffice-jobs\/migrations\/Migration[^/]*\.js$/.test(e)
        ).length
      ).toBeGreaterThan(0)
      expect(has("package/.medusa/server/src/admin/index.mjs")).toBe(true)
    })

    it("contains no tests, no integration tests, no dev host and no sources outside the build", () => {
      expect(tarEntries.length).toBeGreaterThan(0)
      expect(tarEntries.filter((e) => e.includes("/__tests__/"))).toEqual([])
      expect(tarEntries.filter((e) => e.includes("integration-tests"))).toEqual([])
      expect(tarEntries.filter((e) => e.startsWith("package/host/"))).toEqual([])
      expect(
        tarEntries.filter(
          (e) =>
            !e.startsWith("package/.medusa/server/") &&
            !/^package\/(package\.json|README[^/]*|LICEN[CS]E[^/]*|CHANGELOG[^/]*)$/i.test(e)
        )
      ).toEqual([])
    })
  })

  describe("the installed app", () => {
    it(`has exactly one bullmq (${BULLMQ_VERSION})`, () => {
      expect(bullmqVersions).toEqual([BULLMQ_VERSION])
    })

    it("migrated the plugin's table", async () => {
      const { rows } = await withPg(DB_URL, (c) =>
        c.query(`SELECT to_regclass('public.backoffice_job') AS t`)
      )
      expect(rows[0].t).toBe("backoffice_job")
    })
  })

  describe("the running app", () => {
    let token = ""

    beforeAll(async () => {
      if (!baseUrl || serverExited) return
      const res = await http("POST", "/auth/user/emailpass", {
        body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      })
      if (res.status === 200 && typeof res.body?.token === "string") {
        token = res.body.token
      } else {
        log(`login failed: HTTP ${res.status} ${JSON.stringify(res.body)}`)
      }
    })

    it("rejects the job routes without an admin session", () =>
      withServerLog(async () => {
        const res = await http("GET", "/admin/backoffice/jobs")
        expect(res.status).toBe(401)
      }))

    it("logs the admin in with email and password", () => {
      expect(token).not.toBe("")
    })

    it("lists no jobs in a fresh database", () =>
      withServerLog(async () => {
        const res = await http("GET", "/admin/backoffice/jobs", { token })
        expect(res.status).toBe(200)
        expect(res.body).toMatchObject({ jobs: [], count: 0 })
      }))

    it("reports Redis connected", () =>
      withServerLog(async () => {
        const res = await http("GET", "/admin/backoffice/job-runtime", { token })
        expect(res.status).toBe(200)
        expect(res.body.status.redis).toBe("connected")
      }))

    it("runs a background job to completion inside the installed plugin", () =>
      withServerLog(async () => {
        const started = Date.now()
        const res = await http("POST", "/admin/backoffice/jobs/diagnostics", {
          token,
          body: { steps: 2, step_ms: 10 },
        })
        expect(res.status).toBe(202)
        const id = res.body.job?.id
        expect(typeof id).toBe("string")

        // the job's record reaches a final state
        const job = await waitFor(
          async () => {
            const r = await http("GET", `/admin/backoffice/jobs/${id}`, { token })
            expect(r.status).toBe(200)
            return ["completed", "failed", "cancelled"].includes(r.body.job?.status) ? r.body.job : null
          },
          { timeoutMs: 30_000, intervalMs: 200, what: `job ${id} to end` }
        )
        expect(job).toMatchObject({ id, type: "system.diagnostic", status: "completed" })
        log(`diagnostic job completed in ${Date.now() - started} ms`)
      }))
  })
})
