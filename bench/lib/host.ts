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

export type BenchHost = {
  base: string
  child: ChildProcess
  /** Admin bearer headers (logged in as BENCH_ADMIN). */
  admin: () => Promise<Record<string, string>>
  stop: () => void
}

/** Starts `medusa start` in host/ and waits until /health answers (180 s at most). */
export async function startBenchHost(port: number, env: NodeJS.ProcessEnv): Promise<BenchHost> {
  const base = `http://localhost:${port}`
  const child = spawn("npx", ["medusa", "start", "-p", String(port)], { cwd: HOST_DIR, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
  let log = ""
  child.stdout!.on("data", (d) => (log = (log + d).slice(-4000)))
  child.stderr!.on("data", (d) => (log = (log + d).slice(-4000)))
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM")
    } catch {
      /* already gone */
    }
  }
  const t0 = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`host exited:\n${log}`)
    try {
      if ((await fetch(`${base}/health`)).ok) break
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > 180_000) {
      stop()
      throw new Error(`host did not start in 180 s:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  const admin = async () => {
    const res = await fetch(`${base}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(BENCH_ADMIN),
    })
    if (!res.ok) throw new Error(`login failed: ${res.status}`)
    return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` }
  }
  return { base, child, admin, stop }
}
