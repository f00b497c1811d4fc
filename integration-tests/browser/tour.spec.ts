/**
 * The demo store, screen by screen: a host seeded with the demo seed
 * (host/seed/seed-demo.ts, smaller sizes) and the admin in Chromium at
 * 1440 × 900. Each step checks that the first screen of a feature shows real
 * data — the demo has something for every filter and card — and, with
 * SCREENSHOTS=1, saves that screen to docs/screenshots/<name>.png for the
 * README's tour:
 *
 *   SCREENSHOTS=1 node scripts/test.mjs --only=browser
 */
import fs from "fs"
import path from "path"
import { Client } from "pg"
import type { Page } from "playwright-core"
import { HOST_DIR, REPO_DIR } from "../helpers/host"
import { medusaCli } from "../helpers/processes"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type Browser,
  type BrowserHost,
  expectText,
  launchBrowser,
  screenshot,
  startBrowserHost,
} from "../helpers/browser"

// the summary `npm run demo` prints: one count per feature
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { FEATURE_COUNTS } = require("../../scripts/lib/demo-counts.cjs") as { FEATURE_COUNTS: [string, string][] }

jest.setTimeout(240_000)

const SCREENSHOT_DIR = path.join(REPO_DIR, "docs", "screenshots")
const SAVE = process.env.SCREENSHOTS === "1"

let host: BrowserHost
let browser: Browser
let page: Page
let broken: string | null = null
let db: Client

/** One screen: on failure a screenshot in .tmp/browser/, and later steps name the first failure. */
function step(name: string, fn: () => Promise<void>, timeoutMs?: number) {
  it(name, async () => {
    if (broken) throw new Error(`not run: the earlier step "${broken}" failed`)
    try {
      await fn()
    } catch (e) {
      broken = name
      const file = page ? await screenshot(page, `failed-tour-${name}`) : null
      if (file && e instanceof Error) e.message += `\nScreenshot: ${path.relative(process.cwd(), file)}`
      throw e
    }
  }, timeoutMs)
}

/** The README's picture of the screen as the merchant first sees it (1440 × 900). */
async function save(name: string) {
  if (!SAVE) return
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // let images and charts finish drawing
  await page.waitForLoadState("networkidle").catch(() => undefined)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
}

/** At least one row in the page's (first) table. */
async function expectRows(min = 1) {
  const rows = page.locator("table tbody tr")
  await rows.first().waitFor({ timeout: 60_000 })
  expect(await rows.count()).toBeGreaterThanOrEqual(min)
}

/** The page's table fits the window: no box around it scrolls sideways, and the last column is in view. */
async function expectNoHorizontalScroll() {
  const fit = await page.locator("table").first().evaluate((t) => {
    const overflows: string[] = []
    for (let box: HTMLElement | null = t.parentElement; box && box !== document.documentElement; box = box.parentElement) {
      if (box.scrollWidth > box.clientWidth) overflows.push(`${box.tagName}.${box.className}: ${box.scrollWidth - box.clientWidth} px`)
    }
    const last = t.querySelector("thead tr")?.lastElementChild?.getBoundingClientRect()
    return { overflows, lastRight: last ? last.right : 0, width: window.innerWidth }
  })
  expect(fit.overflows).toEqual([])
  expect(fit.lastRight).toBeLessThanOrEqual(fit.width)
}

async function one<T = any>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await db.query(sql, params)
  return rows[0] as T
}

beforeAll(async () => {
  host = await startBrowserHost({
    // the demo seed, as `npm run demo` runs it, on fewer customers and orders
    beforeStart: async (env) => {
      await medusaCli(HOST_DIR, ["exec", "./seed/seed-demo.ts"], { ...env, DEMO_CUSTOMERS: "120", DEMO_ORDERS: "40" }, 900_000)
    },
  })
  db = new Client({ connectionString: host.databaseUrl })
  await db.connect()
  browser = await launchBrowser()
  page = browser.page
}, 1_500_000)

afterAll(async () => {
  await db?.end().catch(() => undefined)
  await browser?.close()
  await host?.stop()
})

describe("the demo store, screen by screen", () => {
  it("has data for every feature", async () => {
    const counts: Record<string, string> = {}
    for (const [label, sql] of FEATURE_COUNTS) {
      counts[label] = (await one<{ n: string }>(`select (${sql})::text as n`)).n
    }
    for (const [label, n] of Object.entries(counts)) {
      expect([label, parseInt(n, 10) > 0]).toEqual([label, true])
    }
    // the points ledger holds: balance = Σ entries = Σ lot remainders for every account
    const audit = await one<{ bad: number }>(
      `select count(*)::int as bad from points_account a
        where a.deleted_at is null and (
          a.balance <> coalesce((select sum(points) from points_entry e where e.account_id = a.id), 0)
          or a.balance <> coalesce((select sum(remaining) from points_lot l where l.account_id = a.id and l.deleted_at is null), 0))`
    )
    expect(audit.bad).toBe(0)
    // earned, redeemed and expired points, and points expiring within 30 days
    const kinds = await one<{ earn: number; redeem: number; expire: number; soon: number }>(
      `select count(*) filter (where kind = 'earn')::int as earn, count(*) filter (where kind = 'redeem')::int as redeem,
              count(*) filter (where kind = 'expire')::int as expire,
              (select count(*)::int from points_lot where remaining > 0 and expires_at < now() + interval '30 days') as soon
         from points_entry`
    )
    expect(kinds.earn).toBeGreaterThan(0)
    expect(kinds.redeem).toBeGreaterThan(0)
    expect(kinds.expire).toBeGreaterThan(0)
    expect(kinds.soon).toBeGreaterThan(0)
  })

  step("logs in", async () => {
    // the first visit of a fresh server builds the admin (slow on a loaded machine)
    await page.goto(`${host.adminUrl}/login`, { timeout: 300_000 })
    const email = page.getByPlaceholder("Email")
    await email.waitFor({ timeout: 300_000 })
    await page.waitForLoadState("networkidle", { timeout: 300_000 })
    await email.fill(ADMIN_EMAIL)
    await page.getByPlaceholder("Password").fill(ADMIN_PASSWORD)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL(/\/app\/orders/, { timeout: 60_000 })
  }, 720_000)

  step("customer list", async () => {
    await page.goto(`${host.adminUrl}/backoffice/customers`)
    await expectText(page.getByRole("heading", { name: "Customer list" }).locator("xpath=.."), /\d+ customers/)
    await expectRows(10)
    await expectNoHorizontalScroll()
    await save("customer-list")
  })

  step("customer list at 1280 px: every column without a horizontal scroll", async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    try {
      await page.reload()
      await expectRows(10)
      await screenshot(page, "customer-list-1280")
      await expectNoHorizontalScroll()
      const created = page.getByRole("columnheader", { name: /Created/ })
      const box = await created.boundingBox()
      expect(box).not.toBeNull()
      expect(box!.x + box!.width).toBeLessThanOrEqual(1280)
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 })
    }
  })

  step("customer page and its loyalty card", async () => {
    // the fullest customer page: a photo, notes and loyalty points
    const c = await one<{ id: string }>(
      `select p.customer_id as id from customer_profile p
         join points_account a on a.customer_id = p.customer_id and a.enrolled
        where p.photo_file_id is not null and exists (select 1 from customer_note n where n.customer_id = p.customer_id)
        order by a.balance desc limit 1`
    )
    expect(c?.id).toBeTruthy()
    await page.goto(`${host.adminUrl}/customers/${c.id}`)
    await page.getByRole("heading", { name: "Profile", exact: true }).waitFor()
    await page.getByTestId("customer-note").first().waitFor()
    // the demo's notes are signed by the shop's staff
    await expectText(page.getByTestId("customer-note").first(), /Priya Shah|Tom Evans/)
    await save("customer-page")
    const card = page.getByTestId("cbo-loyalty-card")
    await expectText(card.getByTestId("cbo-loyalty-balance"), /[1-9][\d,]* pts/)
    await card.scrollIntoViewIfNeeded()
    await save("loyalty")
  })

  step("customer metrics", async () => {
    const c = await one<{ id: string }>(
      `select customer_id as id from "order" where metadata->>'demo_metrics_no' is not null
        group by customer_id order by count(*) desc, customer_id limit 1`
    )
    await page.goto(`${host.adminUrl}/backoffice/customers/${c.id}/metrics`)
    await page.getByRole("heading", { name: /^Customer metrics/ }).waitFor()
    await page.locator(".recharts-surface").first().waitFor({ timeout: 60_000 })
    await save("metrics")
  })

  step("house accounts", async () => {
    await page.goto(`${host.adminUrl}/backoffice/house-accounts`)
    await page.getByRole("heading", { name: "House accounts" }).waitFor()
    await expectText(page.locator("table tbody"), "HA-DEMO-0001")
    await save("house-accounts")
  })

  step("trade applications", async () => {
    await page.goto(`${host.adminUrl}/backoffice/trade-applications`)
    await page.getByRole("heading", { name: "Trade applications" }).waitFor()
    await expectRows(1)
    await save("trade-applications")
  })

  step("duplicates (found by the scan the seed queued)", async () => {
    await page.goto(`${host.adminUrl}/backoffice/duplicates`)
    await page.getByRole("heading", { name: "Duplicate customers" }).waitFor()
    // the scan runs once the server's workers start; the page lists groups (not a table) under "N groups"
    const groups = page.getByText(/^[1-9][\d,]* groups?$/)
    for (let i = 0; i < 60 && !(await groups.isVisible()); i++) {
      await page.waitForTimeout(2_000)
      await page.reload()
      await page.getByRole("heading", { name: "Duplicate customers" }).waitFor()
      await page.getByText(/^\d[\d,]* groups?$/).waitFor()
    }
    await expectText(groups, /groups?/)
    await save("duplicates")
  }, 240_000)

  step("background jobs", async () => {
    await page.goto(`${host.adminUrl}/backoffice/jobs`)
    await page.getByRole("heading", { name: "Background jobs" }).waitFor()
    await expectRows(2)
    await save("background-jobs")
  })

  step("import review", async () => {
    await page.goto(`${host.adminUrl}/backoffice/imports/new`)
    await page.getByRole("heading", { name: "New customer import" }).waitFor()
    // a small file with a new customer, an update of a demo customer and a row to fix
    const existing = await one<{ email: string }>(`select email from customer where has_account order by created_at limit 1`)
    const file = path.join(REPO_DIR, ".tmp", "tour-import.csv")
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(
      file,
      [
        "First Name,Last Name,Email,Phone,Date of Birth,Customer ID Number",
        "Ada,Lovelace,ada.lovelace@example.com,+447911123456,1985-12-10,C-90001",
        `Returning,Customer,${existing.email},,1979-04-02,`,
        "Grace,Hopper,grace.hopper@example,,1906-13-09,C-90002",
      ].join("\n")
    )
    await page.getByLabel("Customer file").setInputFiles(file)
    await page.waitForURL(/\/app\/backoffice\/imports\/[^/]+$/)
    await expectText(page.getByRole("tab", { name: /^All rows/ }), /All rows\s*3/, 90_000)
    await expectText(page.getByRole("tab", { name: /^New/ }), /New\s*1/)
    await expectText(page.getByRole("tab", { name: /^Invalid/ }), /Invalid\s*1/)
    // the rows under the tabs, not "Loading rows…"
    await expectText(page.locator("table").last(), "ada.lovelace@example.com", 60_000)
    await save("import-review")
  }, 180_000)
})
