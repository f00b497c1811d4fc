/**
 * A bench's Medusa host (host/ loading the built plugin) on its own port and
 * database: the admin user, start until /health answers, login, stop.
 */
import { execFileSync, spawn, type ChildProcess } from "child_process"
import { HOST_DIR } from "./plugin"

export const BENCH_ADMIN = { email: "bench@example.com", password: "supersecret" }

/** Creates the bench's admin user (once: a second call finds it). */
export function ensureAdminUser(env: NodeJS.ProcessEnv) {
  try {
    execFileSync("npx", ["medusa", "user", "-e", BENCH_ADMIN.email, "-p", BENCH_ADMIN.password], { cwd: HOST_DIR, env, stdio: "ignore" })
  } catch {
    // exists from an earlier run
  }
}

/** Starts `medusa start` in host/ (its own process group) and waits until /health answers (180 s at most). */
export async function startHostProcess(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn("npx", ["medusa", "start", "-p", String(port)], { cwd: HOST_DIR, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
  let log = ""
  child.stdout!.on("data", (d) => (log = (log + d).slice(-4000)))
  child.stderr!.on("data", (d) => (log = (log + d).slice(-4000)))
  const t0 = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`host exited:\n${log}`)
    try {
      if ((await fetch(`http://localhost:${port}/health`)).ok) return child
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > 180_000) {
      stopHostProcess(child)
      throw new Error(`host did not start in 180 s:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 500))
  }
}

/** Stops the host and everything it started. */
export function stopHostProcess(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGTERM")
  } catch {
    /* already gone */
  }
}

/** A bearer token for BENCH_ADMIN. */
export async function adminToken(port: number): Promise<string> {
  const res = await fetch(`http://localhost:${port}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_ADMIN),
  })
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}
