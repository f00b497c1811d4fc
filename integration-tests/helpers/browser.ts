/**
 * Browser tests: a real host server (host/, loading the built plugin) on a
 * fresh database and a free port, the machine's Chromium driven by
 * playwright-core, and small waiting/asserting helpers for what the merchant
 * sees. Nothing here sleeps for a fixed time: every wait is for a text, an
 * element, a URL or a download.
 */
import fs from "fs"
import net from "net"
import os from "os"
import path from "path"
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core"
import { HOST_DIR, REPO_DIR } from "./host"
import {
  type MedusaInstance,
  dbUrl,
  dropDatabase,
  medusaCli,
  recreateDatabase,
  signalGroup,
  startMedusa,
  stopInstance,
  waitForLog,
} from "./processes"
import { TEST_REDIS_URL, deleteRedisPrefix } from "./redis"

export const CHROMIUM = "/usr/bin/chromium"
export const ADMIN_EMAIL = "admin@example.com"
export const ADMIN_PASSWORD = "supersecret"
/** Failure screenshots (and, with BROWSER_SCREENSHOTS=1, one per step). */
export const SHOT_DIR = path.join(REPO_DIR, ".tmp", "browser")

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

/** With BROWSER_TIMINGS=1, how long each part of the set-up took. */
export function timing(what: string, since: number) {
  if (process.env.BROWSER_TIMINGS === "1") process.stdout.write(`[browser] ${what}: ${Date.now() - since} ms\n`)
}

/** A free TCP port in 9100–9899 (never 9000, which a developer's own server may use). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 9100 + Math.floor(Math.random() * 800)
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer()
      srv.once("error", () => resolve(false))
      srv.listen(port, () => srv.close(() => resolve(true)))
    })
    if (free) return port
  }
  throw new Error("no free port in 9100-9899")
}

export type BrowserHost = {
  baseUrl: string
  adminUrl: string
  instance: MedusaInstance
  /** Admin REST calls with the admin's bearer token (fixtures only). */
  api: <T = any>(method: string, url: string, body?: unknown) => Promise<T>
  stop: () => Promise<void>
}

/**
 * Creates a database with a unique name, migrates it, creates the admin user
 * and starts `medusa start` in host/ with NODE_ENV=development, which serves
 * the admin through Vite's dev middleware (no admin build; the first page
 * load builds the admin's CSS and pre-bundles its dependencies, then reloads).
 */
export async function startBrowserHost(): Promise<BrowserHost> {
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const db = `cbo_browser_${suffix}`
  const prefix = `cbo-browser-${suffix}`
  const port = await freePort()
  const baseUrl = `http://localhost:${port}`
  // the server's log stays next to the screenshots (.tmp/browser/browser-host.log)
  const logDir = SHOT_DIR
  fs.mkdirSync(logDir, { recursive: true })
  const env = {
    DATABASE_URL: dbUrl(db),
    REDIS_URL: TEST_REDIS_URL,
    CBO_QUEUE_PREFIX: prefix,
    MEDUSA_WORKER_MODE: "shared",
    NODE_ENV: "development",
    ADMIN_CORS: baseUrl,
    AUTH_CORS: baseUrl,
    STORE_CORS: baseUrl,
    FILE_BACKEND_URL: `${baseUrl}/static`,
  }

  let instance: MedusaInstance | undefined
  const stop = async () => {
    if (instance) await stopInstance(instance)
    await dropDatabase(db).catch(() => undefined)
    await deleteRedisPrefix(prefix).catch(() => undefined)
  }
  try {
    const t0 = Date.now()
    await recreateDatabase(db)
    await medusaCli(HOST_DIR, ["db:migrate"], env, 600_000)
    timing("db:migrate", t0)
    // the admin user is created while the server boots (both only need the schema)
    const t1 = Date.now()
    instance = startMedusa({ name: "browser-host", cwd: HOST_DIR, port, env, logDir })
    // an interrupted run leaves no server behind (it runs in its own process group)
    const started = instance
    process.once("exit", () => {
      if (started.child.exitCode === null && started.child.signalCode === null) signalGroup(started, "SIGKILL")
    })
    await Promise.all([
      medusaCli(HOST_DIR, ["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], {
        ...env,
        MEDUSA_WORKER_MODE: "server",
      }).then(() => timing("medusa user", t1)),
      waitForLog(instance, /Server is ready on port/, 180_000).then(() => timing("medusa start", t1)),
    ])
  } catch (e) {
    await stop()
    throw e
  }

  let token = ""
  const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 500)}`)
    return (text ? JSON.parse(text) : null) as T
  }
  try {
    const login = await api<{ token: string }>("POST", "/auth/user/emailpass", {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    })
    token = login.token
  } catch (e) {
    await stop()
    throw e
  }

  return { baseUrl, adminUrl: `${baseUrl}/app`, instance: instance!, api, stop }
}

export type Browser = {
  context: BrowserContext
  page: Page
  close: () => Promise<void>
}

/** Chromium at 1440×900 with a fresh profile directory; downloads accepted. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (npm test does this when run as root)`
    )
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "cbo-chromium-"))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    locale: "en-US",
    timezoneId: "UTC",
  })
  context.setDefaultTimeout(30_000)
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined)
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Waits until the locator's visible text matches; the error shows the last text seen. */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  let last = "(not found)"
  for (;;) {
    try {
      await locator.first().waitFor({ state: "visible", timeout: Math.max(1, Math.min(2_000, deadline - Date.now())) })
      last = (await locator.first().innerText()).replace(/\s+/g, " ").trim()
      if (typeof expected === "string" ? last.includes(expected) : expected.test(last)) return last
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) {
      throw new Error(`Expected ${locator} to show ${expected}, last saw: ${JSON.stringify(last)}`)
    }
    await locator.page().waitForTimeout(100)
  }
}

/** Waits until `locator` matches exactly `n` elements. */
export async function expectCount(locator: Locator, n: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  let last = -1
  while (Date.now() < deadline) {
    last = await locator.count()
    if (last === n) return
    await locator.page().waitForTimeout(100)
  }
  throw new Error(`Expected ${n} of ${locator}, found ${last}`)
}

/** A screenshot under .tmp/browser/, named after the step. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SHOT_DIR, { recursive: true })
  const file = path.join(SHOT_DIR, `${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`)
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined)
  return file
}
