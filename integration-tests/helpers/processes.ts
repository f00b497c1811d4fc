import { ChildProcess, execFile, spawn } from "child_process"
import fs from "fs"
import path from "path"
import { promisify } from "util"
import { Client } from "pg"

const exec = promisify(execFile)

export const PG_ADMIN_URL = "postgres://postgres@localhost:5432/postgres"

export function dbUrl(name: string) {
  return `postgres://postgres@localhost:5432/${name}`
}

export async function recreateDatabase(name: string) {
  const pg = new Client({ connectionString: PG_ADMIN_URL })
  await pg.connect()
  try {
    await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await pg.query(`CREATE DATABASE "${name}"`)
  } finally {
    await pg.end()
  }
}

export async function dropDatabase(name: string) {
  const pg = new Client({ connectionString: PG_ADMIN_URL })
  await pg.connect()
  try {
    await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  } finally {
    await pg.end()
  }
}

/** Runs the Medusa CLI in `cwd` and returns its output; throws with the output on failure. */
export async function medusaCli(
  cwd: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 180_000
) {
  try {
    const { stdout, stderr } = await exec("npx", ["medusa", ...args], {
      cwd,
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", ...env },
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    })
    return stdout + stderr
  } catch (e) {
    const err = e as Error & { stdout?: string; stderr?: string }
    throw new Error(
      `medusa ${args.join(" ")} failed: ${err.message}\n${(err.stdout ?? "").slice(-3000)}\n${(err.stderr ?? "").slice(-3000)}`
    )
  }
}

export type MedusaInstance = {
  name: string
  port: number
  child: ChildProcess
  logFile: string
  log(): string
  exited: Promise<number | null>
}

/** Starts `medusa start` in its own process group, logging to a file. */
export function startMedusa(opts: {
  name: string
  cwd: string
  port: number
  env: Record<string, string>
  logDir: string
}): MedusaInstance {
  const logFile = path.join(opts.logDir, `${opts.name}.log`)
  const out = fs.openSync(logFile, "w")
  const child = spawn(
    process.execPath,
    [require.resolve("@medusajs/cli/cli.js"), "start", "-p", String(opts.port)],
    {
      cwd: opts.cwd,
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        MEDUSA_DISABLE_TELEMETRY: "true",
        ...opts.env,
      },
      stdio: ["ignore", out, out],
      detached: true,
    }
  )
  fs.closeSync(out)
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => resolve(code))
  )
  return {
    name: opts.name,
    port: opts.port,
    child,
    logFile,
    log: () => fs.readFileSync(logFile, "utf8"),
    exited,
  }
}

export async function waitForLog(
  instance: MedusaInstance,
  pattern: RegExp,
  timeoutMs = 90_000
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (pattern.test(instance.log())) {
      return
    }
    if (instance.child.exitCode !== null) {
      break
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(
    `${instance.name} did not log ${pattern} in time. Log tail:\n${instance
      .log()
      .slice(-4000)}`
  )
}

/** Sends a signal to the instance's whole process group. */
export function signalGroup(instance: MedusaInstance, signal: NodeJS.Signals) {
  try {
    process.kill(-instance.child.pid!, signal)
  } catch {
    // already gone
  }
}

export async function stopInstance(instance: MedusaInstance) {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) {
    return
  }
  signalGroup(instance, "SIGTERM")
  const timer = setTimeout(() => signalGroup(instance, "SIGKILL"), 15_000)
  await instance.exited
  clearTimeout(timer)
}
