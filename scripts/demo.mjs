#!/usr/bin/env node
/**
 * npm run demo [-- --no-start] [-- --reset]
 *
 * One command from a fresh checkout to a seeded demo store with the plugin's
 * admin at http://localhost:9000/app (PORT=9100 npm run demo: port 9100):
 *   1. checks PostgreSQL and Redis (prints how to start whichever is missing)
 *   2. npm install if node_modules is missing or older than package-lock.json
 *   3. builds the plugin (medusa plugin:build)
 *   4. creates the demo database if missing and runs medusa db:migrate in host/
 *   5. seeds the store once (host/seed/seed-demo.ts is idempotent)
 *   6. creates the admin user if missing
 *   7. starts medusa develop in host/ (unless --no-start)
 *
 * Each step prints one line (the seed a line per part it seeds); what the
 * commands print goes to .tmp/demo/<step>.log, and a failing step shows the
 * end of its log. No colour codes when the output is not a terminal (or with
 * NO_COLOR set).
 *
 * Environment: DATABASE_URL (default postgres://postgres@localhost:5432/medusa_backoffice_demo),
 * REDIS_URL (default redis://localhost:6379), PORT (default 9000: the admin,
 * CORS and file links follow it), DEMO_CUSTOMERS / DEMO_ORDERS (seed sizes).
 */
import { spawn } from "node:child_process"
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { checkServices as checkServicesAt } from "./lib/services.mjs"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const HOST = path.join(ROOT, "host")
const DEFAULT_DB_URL = "postgres://postgres@localhost:5432/medusa_backoffice_demo"
const ADMIN_EMAIL = "admin@example.com"
const ADMIN_PASSWORD = "supersecret"
const PORT = Number(process.env.PORT || 9000)
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) {
  console.error(`PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`)
  process.exit(1)
}
const BASE_URL = `http://localhost:${PORT}`
const ADMIN_URL = `${BASE_URL}/app`
const LOG_DIR = path.join(ROOT, ".tmp", "demo")
const COLOR = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
const bold = (s) => (COLOR ? `\x1b[1m${s}\x1b[0m` : s)


const args = new Set(process.argv.slice(2))
const unknown = [...args].filter((a) => !["--no-start", "--reset", "--help", "-h"].includes(a))
if (unknown.length || args.has("--help") || args.has("-h")) {
  if (unknown.length) console.error(`Unknown option(s): ${unknown.join(" ")}`)
  console.log("Usage: npm run demo [-- --no-start] [-- --reset]")
  console.log("  --no-start  prepare and seed everything, but do not start the server")
  console.log("  --reset     drop and recreate the demo database first")
  process.exit(unknown.length ? 1 : 0)
}
const NO_START = args.has("--no-start")
const RESET = args.has("--reset")

const REDIS_URL = process.env.REDIS_URL || "redis://localhost:6379"
const dbUrl = new URL(process.env.DATABASE_URL || DEFAULT_DB_URL)
if (!dbUrl.pathname.replace(/^\//, "")) dbUrl.pathname = "/medusa_backoffice_demo"
const DATABASE_URL = dbUrl.toString()
const DB_NAME = decodeURIComponent(dbUrl.pathname.replace(/^\//, ""))
const maintenanceUrl = (() => {
  const u = new URL(DATABASE_URL)
  u.pathname = "/postgres"
  return u.toString()
})()

const childEnv = {
  ...process.env,
  DATABASE_URL,
  REDIS_URL,
  PORT: String(PORT),
  // the admin, the storefront and file links on the chosen port (unless set explicitly)
  ADMIN_CORS: process.env.ADMIN_CORS || BASE_URL,
  AUTH_CORS: process.env.AUTH_CORS || `${BASE_URL},http://localhost:8000`,
  STORE_CORS: process.env.STORE_CORS || `http://localhost:8000,${BASE_URL}`,
  FILE_BACKEND_URL: process.env.FILE_BACKEND_URL || `${BASE_URL}/static`,
  MEDUSA_DISABLE_TELEMETRY: "true",
  NPM_CONFIG_UPDATE_NOTIFIER: "false",
  NPM_CONFIG_FUND: "false",
  NPM_CONFIG_AUDIT: "false",
  ...(COLOR ? {} : { NO_COLOR: "1", FORCE_COLOR: "0" }),
}

const t0 = Date.now()
const timings = []
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`

function banner(msg) {
  console.log(`\n${bold(`▶ ${msg}`)}`)
}

async function timed(label, fn) {
  banner(label)
  const start = Date.now()
  const result = await fn()
  const ms = Date.now() - start
  timings.push([label, ms])
  console.log(`  ✓ ${label} (${secs(ms)})`)
  return result
}

/**
 * Runs a command with its output in .tmp/demo/<log>.log; lines matching
 * `show` are printed (indented) as they come. On a non-zero exit it rejects,
 * and the error carries the end of the log. `capture` resolves with the output.
 */
function run(cmd, cmdArgs, { cwd = ROOT, log, show = null, capture = false } = {}) {
  mkdirSync(LOG_DIR, { recursive: true })
  const logFile = path.join(LOG_DIR, `${log}.log`)
  const file = createWriteStream(logFile)
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    let partial = ""
    const onData = (buf) => {
      // Medusa's logger colours its lines whatever the terminal: the log files get plain text
      const d = buf.toString().replace(/\x1b\[[0-9;]*m/g, "")
      file.write(d)
      if (capture) out += d
      if (!show) return
      const lines = (partial + d).split("\n")
      partial = lines.pop()
      for (const line of lines) if (show.test(line)) console.log(`  ${line.replace(show, "[").trim()}`)
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    current = child
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      current = null
      file.end(() => {
        if (code === 0) return resolve(out)
        const err = new Error(
          `${cmd} ${cmdArgs.join(" ")} (in ${path.relative(ROOT, cwd) || "."}) ${signal ? `was killed by ${signal}` : `exited with ${code}`}`
        )
        err.output = out
        const tail = readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n")
        err.message += `\n--- last lines of ${path.relative(ROOT, logFile)} ---\n${tail}`
        reject(err)
      })
    })
  })
}

let current = null // the step command running now
let server = null // medusa develop, leader of its own process group
let stopping = false

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0)
    return true
  } catch (e) {
    return e.code === "EPERM"
  }
}

/**
 * Stops the server's whole process group (npx, medusa develop, and the app
 * process it forks and restarts): SIGTERM, then SIGKILL after a grace period.
 * Resolves once the group is gone. We keep running meanwhile, so the app can
 * still write its shutdown log to our stdout (a closed pipe can wedge it).
 */
async function stopServerGroup(graceMs = 15000) {
  const pgid = server.pid
  try {
    process.kill(-pgid, "SIGTERM")
  } catch {
    return
  }
  const deadline = Date.now() + graceMs
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) {
      console.error(`The server did not stop within ${graceMs / 1000} s: killing it.`)
      try {
        process.kill(-pgid, "SIGKILL")
      } catch {
        /* gone */
      }
      await sleep(500)
      return
    }
    await sleep(200)
  }
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    if (stopping) return
    stopping = true
    if (server) {
      console.log(`\nStopping the server (${sig})…`)
      await stopServerGroup()
      process.exit(0)
    }
    if (current && current.exitCode === null && current.signalCode === null) {
      // the running step fails, and main() reports it and exits
      current.kill("SIGTERM")
      setTimeout(() => {
        current?.kill("SIGKILL")
        process.exit(130)
      }, 10000).unref()
      return
    }
    process.exit(130)
  })
}

// ---------------------------------------------------------------------------
// 1. services
// ---------------------------------------------------------------------------

const rootRequire = createRequire(path.join(ROOT, "package.json"))
const { FEATURE_COUNTS } = rootRequire("./scripts/lib/demo-counts.cjs")

async function checkServices() {
  const problems = await checkServicesAt({ databaseUrl: maintenanceUrl, redisUrl: REDIS_URL })
  if (!problems.length) {
    console.log(`  PostgreSQL ${dbUrl.host}: ok`)
    console.log(`  Redis ${new URL(REDIS_URL).host}: ok`)
    return
  }
  for (const p of problems) console.error(`\n✗ ${p}`)
  process.exit(1)
}

// ---------------------------------------------------------------------------
// 2. dependencies
// ---------------------------------------------------------------------------

function needsInstall() {
  const nm = path.join(ROOT, "node_modules")
  const marker = path.join(nm, ".package-lock.json")
  if (!existsSync(nm) || !existsSync(marker)) return "node_modules is missing"
  const lock = path.join(ROOT, "package-lock.json")
  if (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    return "package-lock.json is newer than node_modules"
  }
  return null
}

// ---------------------------------------------------------------------------
// 4. database
// ---------------------------------------------------------------------------

async function withPg(url, fn) {
  const pg = rootRequire("pg")
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

const quoteIdent = (s) => `"${s.replace(/"/g, '""')}"`

async function ensureDatabase() {
  return withPg(maintenanceUrl, async (client) => {
    if (RESET) {
      console.log(`  dropping database ${DB_NAME} (--reset)`)
      await client.query(`drop database if exists ${quoteIdent(DB_NAME)} with (force)`)
    }
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [DB_NAME])
    if (rowCount) {
      console.log(`  database ${DB_NAME} exists`)
      return false
    }
    await client.query(`create database ${quoteIdent(DB_NAME)}`)
    console.log(`  created database ${DB_NAME}`)
    return true
  })
}

async function adminUserExists() {
  return withPg(DATABASE_URL, async (client) => {
    const user = await client.query(
      `select 1 from "user" where email = $1 and deleted_at is null`,
      [ADMIN_EMAIL]
    )
    const identity = await client.query(
      `select 1 from provider_identity where provider = 'emailpass' and entity_id = $1 and deleted_at is null`,
      [ADMIN_EMAIL]
    )
    return user.rowCount > 0 && identity.rowCount > 0
  })
}

async function countFeatures() {
  return withPg(DATABASE_URL, async (client) => {
    const out = []
    for (const [label, sql] of FEATURE_COUNTS) {
      const { rows } = await client.query(`select (${sql})::text as n`).catch(() => ({ rows: [{ n: "?" }] }))
      out.push([label, rows[0].n])
    }
    return out
  })
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

async function main() {
  console.log(`Customer back office demo — database ${DB_NAME}, redis ${REDIS_URL}`)

  await timed("Checking PostgreSQL and Redis", checkServices)

  const why = needsInstall()
  if (why) {
    await timed(`Installing dependencies (${why})`, () =>
      run("npm", ["install", "--no-audit", "--no-fund"], { log: "install" })
    )
  }

  await timed("Building the plugin (medusa plugin:build)", () =>
    run("npx", ["medusa", "plugin:build"], { log: "build" })
  )

  await timed(`Preparing database ${DB_NAME}`, async () => {
    await ensureDatabase()
    await run("npx", ["medusa", "db:migrate", "--execute-safe-links"], { cwd: HOST, log: "migrate" })
  })

  await timed("Seeding the demo store (host/seed/seed-demo.ts)", () =>
    run("npx", ["medusa", "exec", "./seed/seed-demo.ts"], { cwd: HOST, log: "seed", show: /^\[demo seed\s*/ })
  )

  await timed(`Admin user ${ADMIN_EMAIL}`, async () => {
    if (await adminUserExists()) {
      console.log("  already exists")
      return
    }
    try {
      await run("npx", ["medusa", "user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], {
        cwd: HOST,
        log: "user",
        capture: true,
      })
      console.log("  created")
    } catch (e) {
      if (/exist/i.test(e.output ?? "")) console.log("  already exists")
      else throw e
    }
  })

  const counts = await countFeatures()
  console.log(`\n${bold("Demo ready")} in ${secs(Date.now() - t0)}:`)
  for (const [label, ms] of timings) console.log(`  ${secs(ms).padStart(7)}  ${label}`)
  console.log(`  in ${DB_NAME}:`)
  for (const [label, n] of counts) console.log(`  ${String(n).padStart(7)}  ${label}`)
  console.log(`  logs of each step: ${path.relative(ROOT, LOG_DIR)}/`)
  console.log("")
  console.log(bold(`Admin: ${ADMIN_URL}  email: ${ADMIN_EMAIL}  password: ${ADMIN_PASSWORD}`))
  console.log("")

  if (NO_START) {
    console.log(`--no-start: not starting the server. Start it with: npm run demo (or cd host && PORT=${PORT} npx medusa develop)`)
    return
  }

  banner("Starting medusa develop in host/ (Ctrl-C to stop)")
  server = spawn("npx", ["medusa", "develop"], {
    cwd: HOST,
    env: { ...childEnv, ...(COLOR ? { FORCE_COLOR: "1" } : {}) },
    stdio: ["inherit", "pipe", "pipe"],
    detached: true, // own process group, so that stopping kills the watcher and the app
  })
  // Pass the output through, and repeat the credentials once the server is up
  // (the boot log pushes the summary above off the screen).
  let announced = false
  let tail = ""
  const plain = (d) => (COLOR ? d : d.toString().replace(/\x1b\[[0-9;]*m/g, ""))
  server.stdout.on("data", (d) => {
    process.stdout.write(plain(d))
    if (announced) return
    tail = (tail + d).slice(-4000)
    if (/Server is ready|Admin URL/.test(tail)) {
      announced = true
      setTimeout(() => {
        console.log(`\n${bold(`Admin: ${ADMIN_URL}  email: ${ADMIN_EMAIL}  password: ${ADMIN_PASSWORD}`)}  (Ctrl-C to stop)\n`)
      }, 300)
    }
  })
  server.stderr.on("data", (d) => process.stderr.write(plain(d)))
  server.on("exit", async (code, signal) => {
    if (stopping) return // the signal handler waits for the group and exits
    // npx / medusa develop ended on its own: leave nothing of the group behind
    stopping = true
    await stopServerGroup(5000)
    process.exit(code ?? (signal ? 1 : 0))
  })
}

main().catch((e) => {
  console.error(`\n✗ ${e.message}`)
  process.exit(1)
})
