#!/usr/bin/env node
// `npm test`: the whole suite against real PostgreSQL and Redis.
//
//   1. fresh plugin build (HTTP and process tests load .medusa/server)
//   2. type-check of src/admin (plugin:build does not check it)
//   3. migration drift check (plugin:db:generate must create nothing)
//   4. Jest: unit, module integration, HTTP integration, browser (the admin in
//      Chromium against a real host server), worker processes, packaging
//
// Prints one closing line "N passed, N failed" and exits non-zero on any failure.
// Options: --only=unit,modules,http,browser,process,packaging,checks   --skip=packaging
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { checkServices } from "./lib/services.mjs"
import { findImportCycles, formatCycles } from "./lib/import-cycles.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const logDir = path.join(root, ".tmp", "test-logs")
fs.mkdirSync(logDir, { recursive: true })

const args = process.argv.slice(2)
const listArg = (name) =>
  args
    .find((a) => a.startsWith(`--${name}=`))
    ?.split("=")[1]
    .split(",")
    .filter(Boolean)
const only = listArg("only")
const skip = listArg("skip") ?? []
const wanted = (name) => (!only || only.includes(name)) && !skip.includes(name)

const env = {
  ...process.env,
  MEDUSA_DISABLE_TELEMETRY: "true",
  DB_HOST: process.env.DB_HOST || "localhost",
  DB_USERNAME: process.env.DB_USERNAME || "postgres",
  DB_PASSWORD: process.env.DB_PASSWORD || "",
  REDIS_URL: process.env.REDIS_URL || "redis://localhost:6379",
}

let passed = 0
let failed = 0
const failures = []
const started = Date.now()

const say = (msg) => process.stdout.write(`${msg}\n`)
const secs = (t) => `${((Date.now() - t) / 1000).toFixed(1)}s`

function run(cmd, cmdArgs, { logName, extraEnv = {} } = {}) {
  return new Promise((resolve) => {
    const logFile = path.join(logDir, `${logName}.log`)
    const out = fs.createWriteStream(logFile)
    const child = spawn(cmd, cmdArgs, {
      cwd: root,
      env: { ...env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let tail = ""
    const keep = (chunk) => {
      out.write(chunk)
      tail = (tail + chunk.toString()).slice(-6000)
    }
    child.stdout.on("data", keep)
    child.stderr.on("data", keep)
    child.on("close", (code) => {
      out.end()
      resolve({ code, tail, logFile })
    })
  })
}

async function check(name, fn) {
  const t = Date.now()
  try {
    await fn()
    passed++
    say(`  ok    ${name} (${secs(t)})`)
  } catch (e) {
    failed++
    failures.push(`${name}: ${e.message}`)
    say(`  FAIL  ${name} (${secs(t)})\n${indent(e.message)}`)
  }
}

const indent = (s) =>
  String(s)
    .split("\n")
    .map((l) => `        ${l}`)
    .join("\n")

async function jest(suite, testType, extra = []) {
  const t = Date.now()
  const jsonFile = path.join(logDir, `${suite}.json`)
  fs.rmSync(jsonFile, { force: true })
  const res = await run(
    process.execPath,
    [
      path.join(root, "node_modules/jest/bin/jest.js"),
      "--ci",
      "--json",
      `--outputFile=${jsonFile}`,
      ...extra,
    ],
    {
      logName: suite,
      extraEnv: {
        TEST_TYPE: testType,
        NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"]
          .filter(Boolean)
          .join(" "),
      },
    }
  )
  let report = null
  try {
    report = JSON.parse(fs.readFileSync(jsonFile, "utf8"))
  } catch {
    report = null
  }
  if (!report) {
    // Jest cannot write its JSON report when a failure holds a circular object
    // (e.g. an HTTP client error): fall back to its summary line and ✕ marks.
    const log = fs.readFileSync(res.logFile, "utf8")
    const summary = /^Tests:\s+(.*)$/m.exec(log)?.[1] ?? ""
    const num = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(summary)?.[1] ?? 0)
    const p = num("passed")
    const f = num("failed") + num("skipped") + num("todo")
    const failedNames = [...log.matchAll(/^\s+● (.+)$/gm)]
      .map((m) => m[1])
      .filter((n) => n !== "Console")
    passed += p
    failed += f || (res.code !== 0 ? 1 : 0)
    // res.code is null when Jest was killed by a signal (e.g. out of memory)
    say(`  ${f || res.code !== 0 || !summary ? "FAIL" : "ok  "}  ${suite}: ${p} passed, ${f} failed (${secs(t)}; log: ${path.relative(root, res.logFile)}; no JSON report${res.code === null ? "; Jest was killed" : ""})`)
    for (const n of failedNames) {
      failures.push(`${suite}: ${n}`)
      say(`        ✕ ${n}`)
    }
    if (!summary) {
      failures.push(`${suite}: Jest produced no report (exit ${res.code})`)
      say(indent(res.tail))
    }
    return
  }
  const p = report.numPassedTests
  const f = report.numFailedTests
  const pend = report.numPendingTests + (report.numTodoTests ?? 0)
  // A suite that fails outside a test (e.g. in beforeAll) has no failed test: count it.
  const brokenSuites = report.testResults.filter(
    (r) => r.status === "failed" && !r.assertionResults.some((a) => a.status === "failed")
  )
  passed += p
  failed += f + brokenSuites.length + pend
  say(
    `  ${f || brokenSuites.length || pend || res.code ? "FAIL" : "ok  "}  ${suite}: ${p} passed, ${f} failed${
      pend ? `, ${pend} skipped (not allowed)` : ""
    } (${secs(t)}; log: ${path.relative(root, res.logFile)})`
  )
  if (p + f === 0 && !brokenSuites.length) {
    failed++
    failures.push(`${suite}: no test ran`)
    say(`        no test ran`)
  }
  for (const file of report.testResults) {
    for (const a of file.assertionResults) {
      if (a.status === "failed") {
        const msg = a.failureMessages.join("\n").split("\n").slice(0, 25).join("\n")
        failures.push(`${a.fullName}`)
        say(`        ✕ ${path.relative(root, file.name)} › ${a.fullName}\n${indent(msg)}`)
      }
    }
    if (brokenSuites.includes(file)) {
      failures.push(path.relative(root, file.name))
      say(`        ✕ ${path.relative(root, file.name)} (suite failed)\n${indent(file.message.split("\n").slice(0, 30).join("\n"))}`)
    }
  }
  if (res.code !== 0 && !f && !brokenSuites.length) {
    failed++
    failures.push(`${suite}: jest exited ${res.code}`)
    say(`        jest exited ${res.code}\n${indent(res.tail)}`)
  }
}

const CHROMIUM = "/usr/bin/chromium"

/**
 * The browser tests drive the machine's Chromium (playwright-core never
 * downloads a browser). A fresh machine has none: install it with apt when
 * we are root (CI), else say how.
 */
async function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return
  const root = typeof process.getuid === "function" && process.getuid() === 0
  if (!root) {
    throw new Error(`${CHROMIUM} is missing: run \`sudo apt-get update && sudo apt-get install -y chromium\`, or --skip=browser`)
  }
  say(`  ${CHROMIUM} is missing: installing it (apt-get install -y chromium)`)
  const r = await run("sh", ["-c", "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium"], {
    logName: "apt-chromium",
  })
  if (r.code !== 0 || !fs.existsSync(CHROMIUM)) {
    throw new Error(`apt-get install chromium failed (log: .tmp/test-logs/apt-chromium.log)\n${r.tail}`)
  }
}

// Suites that boot Medusa apps: an app that keeps a handle open after its
// spec finished must not hold the run until CI's time limit (every test has
// already reported by then).
const ALWAYS_EXIT = ["--forceExit"]

async function main() {
  say("Customer Back Office — test suite")
  const problems = await checkServices({ databaseUrl: `postgres://${env.DB_USERNAME}@${env.DB_HOST}:5432/postgres`, redisUrl: env.REDIS_URL })
  if (problems.length) {
    for (const p of problems) say(p)
    say("0 passed, 1 failed")
    process.exit(1)
  }

  say("Build and static checks")
  let built = false
  await check("plugin builds (medusa plugin:build)", async () => {
    const r = await run("npx", ["medusa", "plugin:build"], { logName: "build" })
    if (r.code !== 0 || /completed with errors/i.test(r.tail)) {
      throw new Error(`plugin:build failed\n${r.tail}`)
    }
    if (!fs.existsSync(path.join(root, ".medusa/server/src/modules/backoffice-jobs/index.js"))) {
      throw new Error("plugin:build wrote no .medusa/server/src/modules/backoffice-jobs")
    }
    built = true
  })
  if (!built) {
    say(`${passed} passed, ${failed} failed`)
    process.exit(1)
  }

  if (wanted("checks")) {
    await check("admin type-check (tsc -p src/admin)", async () => {
      const r = await run("npx", ["tsc", "--noEmit", "-p", "src/admin/tsconfig.json"], { logName: "admin-tsc" })
      if (r.code !== 0) throw new Error(r.tail)
    })
    await check("no import cycles in src/ (madge; DML models aside)", async () => {
      const cycles = await findImportCycles()
      if (cycles.length) throw new Error(formatCycles(cycles))
    })
    await check("no migration drift (medusa plugin:db:generate creates nothing)", async () => {
      const listMigrations = () =>
        fs
          .readdirSync(path.join(root, "src/modules"))
          .flatMap((m) => {
            const dir = path.join(root, "src/modules", m, "migrations")
            return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => `${m}/${f}`) : [`${m}/(no migrations folder)`]
          })
          .sort()
      const before = listMigrations()
      const r = await run("npx", ["medusa", "plugin:db:generate"], { logName: "db-generate" })
      const after = listMigrations()
      const added = after.filter((f) => !before.includes(f))
      for (const f of added) {
        fs.rmSync(path.join(root, "src/modules", f.split("/")[0], "migrations", f.split("/")[1]), { force: true })
      }
      if (r.code !== 0) throw new Error(r.tail)
      if (added.length || /Migration created/.test(r.tail)) {
        throw new Error(
          `models and migrations differ: plugin:db:generate created ${added.join(", ")}. ` +
            "Run `npx medusa plugin:db:generate` and commit the migration and snapshot."
        )
      }
    })
  }

  if (wanted("unit")) await jest("unit", "unit")
  if (wanted("modules")) await jest("modules", "integration:modules", ["--runInBand"])
  // Each HTTP spec boots a whole Medusa app: run them one at a time in a worker
  // process that Jest replaces once it holds more than 1 GB between spec files
  // (in one process, ~20 apps' leftovers outgrow V8's heap limit).
  if (wanted("http")) {
    await jest("http", "integration:http", ["--maxWorkers=1", "--workerIdleMemoryLimit=1GB", ...ALWAYS_EXIT])
  }
  if (wanted("browser")) {
    const t = Date.now()
    let chromium = false
    await check(`Chromium available (${CHROMIUM})`, async () => {
      await ensureChromium()
      chromium = true
    })
    if (chromium) await jest("browser", "browser", ["--runInBand", ...ALWAYS_EXIT])
    say(`  browser stage: ${secs(t)}`)
  }
  if (wanted("process")) await jest("process", "integration:process", ["--runInBand", ...ALWAYS_EXIT])
  if (wanted("packaging")) await jest("packaging", "packaging", ["--runInBand", ...ALWAYS_EXIT])

  say(`\nTotal time ${secs(started)}`)
  if (failures.length) {
    say("Failures:")
    for (const f of failures) say(`  - ${f.split("\n")[0]}`)
  }
  say(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

main().catch((e) => {
  say(e.stack || String(e))
  say(`${passed} passed, ${failed + 1} failed`)
  process.exit(1)
})
