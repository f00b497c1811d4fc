/**
 * The flows a merchant uses most, in the real admin (Chromium, 1440 px wide)
 * against a real host server with the built plugin: log in → customer list
 * search, bulk add to a category, category filter → customer page: profile
 * edit, a note, points with a reason → import the sample file through review
 * to results → export the filtered list as CSV and download it.
 *
 * The steps run in order on one page (each builds on the previous one's
 * data). A failing step saves a full-page screenshot to .tmp/browser/.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { Readable } from "stream"
import csv from "csv-parser"
import type { Page } from "playwright-core"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type Browser,
  type BrowserHost,
  expectCount,
  expectText,
  launchBrowser,
  screenshot,
  startBrowserHost,
  timing,
} from "../helpers/browser"

jest.setTimeout(180_000)

let host: BrowserHost
let browser: Browser
let page: Page
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "cbo-downloads-"))
let broken: string | null = null

/**
 * One merchant step: on failure a screenshot named after it, and the later
 * steps (which build on it) fail at once naming it instead of timing out.
 */
function step(name: string, fn: () => Promise<void>, timeoutMs?: number) {
  it(name, async () => {
    if (broken) throw new Error(`not run: the earlier step "${broken}" failed`)
    try {
      await fn()
      if (process.env.BROWSER_SCREENSHOTS === "1") await screenshot(page, name)
    } catch (e) {
      broken = name
      const file = page ? await screenshot(page, `failed-${name}`) : null
      if (file && e instanceof Error) {
        e.message += `\nScreenshot: ${path.relative(process.cwd(), file)}; server log: .tmp/browser/browser-host.log`
      }
      throw e
    }
  }, timeoutMs)
}

/** With BROWSER_SCREENSHOTS=1, a screenshot of a screen in the middle of a step. */
async function shot(name: string) {
  if (process.env.BROWSER_SCREENSHOTS === "1") await screenshot(page, name)
}

/** A small fixture: five customers (two Bakers) and two categories. */
const CUSTOMERS = [
  ["olivia.baker@example.com", "Olivia", "Baker"],
  ["oscar.baker@example.com", "Oscar", "Baker"],
  ["nina.brandt@example.com", "Nina", "Brandt"],
  ["liam.chen@example.com", "Liam", "Chen"],
  ["emma.stone@example.com", "Emma", "Stone"],
] as const

const listRows = () => page.locator("table tbody tr")
const listSummary = () => page.getByRole("heading", { name: "Customer list" }).locator("xpath=..")
const search = () => page.getByRole("searchbox", { name: "Search customers" })

/** Through the sidebar: Customers, then the plugin's "Customer list" nested under it. */
/**
 * Header actions (Import, Export) can sit under the toasts of earlier steps,
 * which stay while they stack: the merchant reaches them with the keyboard.
 */
async function activate(locator: { focus(): Promise<void> }) {
  await locator.focus()
  await page.keyboard.press("Enter")
}

async function openCustomerList() {
  const nested = page.getByRole("link", { name: "Customer list", exact: true })
  if (!(await nested.isVisible())) {
    await page.getByRole("link", { name: "Customers", exact: true }).click()
    await page.waitForURL(/\/app\/customers$/)
  }
  await nested.click()
  await page.waitForURL(/\/app\/backoffice\/customers$/)
  await expectText(listSummary(), /\d+ customers?/)
}

async function searchList(q: string, expected: string) {
  await search().fill(q)
  await expectText(listSummary(), expected)
}

function parseCsv(text: string): Promise<Record<string, string>[]> {
  return new Promise((resolve, reject) => {
    const rows: Record<string, string>[] = []
    Readable.from([text.replace(/^\uFEFF/, "")])
      .pipe(csv())
      .on("data", (r) => rows.push(r))
      .on("end", () => resolve(rows))
      .on("error", reject)
  })
}

beforeAll(async () => {
  const t0 = Date.now()
  host = await startBrowserHost()
  timing("host ready", t0)
  for (const name of ["VIP", "Wholesale"]) {
    await host.api("POST", "/admin/customer-groups", { name })
  }
  for (const [email, first_name, last_name] of CUSTOMERS) {
    await host.api("POST", "/admin/customers", { email, first_name, last_name })
  }
  browser = await launchBrowser()
  page = browser.page
}, 1_200_000)

afterAll(async () => {
  await browser?.close()
  await host?.stop()
  fs.rmSync(downloads, { recursive: true, force: true })
})

describe("merchant flows in the admin", () => {
  step("logs in with email and password", async () => {
    // The first visit of a fresh server builds the admin (CSS, pre-bundled dependencies): allow for it.
    await page.goto(`${host.adminUrl}/login`, { timeout: 180_000 })
    const email = page.getByPlaceholder("Email")
    await email.waitFor({ timeout: 180_000 })
    await page.waitForLoadState("networkidle", { timeout: 180_000 })
    await email.fill(ADMIN_EMAIL)
    await page.getByPlaceholder("Password").fill(ADMIN_PASSWORD)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL(/\/app\/orders/, { timeout: 60_000 })
    await expectText(page.getByText(ADMIN_EMAIL), ADMIN_EMAIL)
    await page.getByRole("link", { name: "Customers", exact: true }).waitFor()
  }, 360_000)

  step("customer list: search, select all, bulk add to a category, filter by it", async () => {
    await openCustomerList()
    await expectText(listSummary(), "5 customers")
    await expectCount(listRows(), 5)

    await searchList("Baker", "2 customers match")
    await expectCount(listRows(), 2)
    await expectText(listRows().nth(0), "Baker")
    await expectText(listRows().nth(1), "Baker")

    await page.getByRole("checkbox", { name: "Select all customers on this page" }).click()
    await expectText(page.getByText(/^\d+ selected$/), "2 selected")
    await page.getByRole("button", { name: "Add to category…" }).click()

    const dialog = page.getByRole("alertdialog", { name: "Add to category" })
    await expectText(dialog, "Add the 2 selected customers to a category")
    await dialog.getByRole("combobox", { name: "Category" }).click()
    await page.getByRole("option", { name: "VIP", exact: true }).click()
    await shot("list-add-to-category-dialog")
    await dialog.getByRole("button", { name: "Add", exact: true }).click()
    await expectText(page.getByText("2 customers added to VIP"), "2 customers added to VIP")
    await dialog.waitFor({ state: "hidden" })
    await expectText(listRows().nth(0), "VIP")
    await expectText(listRows().nth(1), "VIP")

    // the category filter alone finds exactly those two
    await search().fill("")
    await expectText(listSummary(), "5 customers")
    await page.getByRole("button", { name: /^Category/ }).click()
    await page.getByRole("menuitemcheckbox", { name: "VIP" }).click()
    await page.keyboard.press("Escape")
    await expectText(page.getByRole("button", { name: /^Category/ }), "Category: VIP")
    await expectText(listSummary(), "2 customers match")
    await expectCount(listRows(), 2)
    const names = (await listRows().allInnerTexts()).join("\n")
    expect(names).toContain("Olivia Baker")
    expect(names).toContain("Oscar Baker")
    expect(names).not.toContain("Nina Brandt")
    await page.getByRole("button", { name: "Clear filters" }).click()
    await expectText(listSummary(), "5 customers")
  })

  step("customer page: edit the profile", async () => {
    await searchList("Brandt", "1 customer match")
    await listRows().filter({ hasText: "Nina Brandt" }).click()
    await page.waitForURL(/\/app\/customers\/cus_/)
    const profile = page.getByRole("heading", { name: "Profile", exact: true })
    await profile.waitFor()

    await page.getByRole("button", { name: "Profile actions" }).click()
    await page.getByRole("menuitem", { name: "Edit" }).click()
    const drawer = page.getByRole("dialog", { name: "Edit customer profile" })
    await drawer.waitFor()
    await drawer.getByLabel("Title", { exact: true }).fill("Dr")
    await drawer.getByLabel("Customer ID number").fill("C-7001")
    await drawer.getByLabel("Gate code").fill("4711")
    await drawer.getByLabel("Date of birth").fill("1984-03-14")
    await shot("profile-edit-drawer")
    await drawer.getByRole("button", { name: "Save" }).click()
    await expectText(page.getByText("Profile saved"), "Profile saved")
    await drawer.waitFor({ state: "hidden" })

    // what the profile card shows now
    const card = profile.locator("xpath=ancestor::div[contains(@class,'divide-y')][1]")
    // name, email and phone are on Medusa's own card above: the profile shows what it does not
    await expectText(card, "Customer ID C-7001")
    expect(await card.innerText()).not.toContain("nina.brandt@example.com")
    await expectText(card, /Gate code\s*4711/)
    await expectText(card, /Customer ID number\s*C-7001/)
    await expectText(card, /Date of birth\s*[^-]*1984/)
  })

  step("customer page: add a note", async () => {
    const notes = page.getByRole("heading", { name: "Notes", exact: true }).locator("xpath=ancestor::div[contains(@class,'divide-y')][1]")
    await expectText(notes, "No notes yet")
    const text = "Prefers deliveries after 5 pm; ring the side door."
    await notes.getByRole("textbox", { name: "New note" }).fill(text)
    await notes.getByRole("button", { name: "Add note" }).click()
    const note = notes.getByTestId("customer-note")
    await expectCount(note, 1)
    await expectText(note, text)
    await expectText(note, `${ADMIN_EMAIL} · `) // the author, then when
    await expectText(notes.getByRole("heading", { name: "Notes" }).locator("xpath=.."), /Notes\s*1/)
    await expect(notes.getByRole("textbox", { name: "New note" }).inputValue()).resolves.toBe("")

    // a note typed while the previous one is saving stays in the box
    let release: () => void = () => undefined
    const held = new Promise<void>((r) => (release = r))
    await page.route(/\/admin\/backoffice\/customers\/[^/]+\/notes$/, async (route) => {
      if (route.request().method() === "POST") await held
      await route.continue()
    })
    const box = notes.getByRole("textbox", { name: "New note" })
    await box.fill("Gate code changes in May.")
    await notes.getByRole("button", { name: "Add note" }).click()
    await box.fill("Gate code changes in May. Also: call before delivering")
    release()
    await expectCount(note, 2)
    await expect(box.inputValue()).resolves.toBe("Also: call before delivering")
    await page.unroute(/\/admin\/backoffice\/customers\/[^/]+\/notes$/)
    await box.fill("")
  })

  step("customer page: add points with a reason", async () => {
    const card = page.getByTestId("cbo-loyalty-card")
    await expectText(card.getByTestId("cbo-loyalty-balance"), "0 pts")
    await expectText(card, "No points yet.")
    await card.getByRole("button", { name: "Add / remove points" }).click()

    const drawer = page.getByRole("dialog", { name: "Adjust points" })
    await expectText(drawer, "Current balance: 0 points")
    await drawer.getByLabel("Points").fill("150")
    const save = drawer.getByRole("button", { name: "Add points" })
    expect(await save.isDisabled()).toBe(true) // no reason yet
    await drawer.getByLabel("Reason (required)").fill("Goodwill for a late delivery")
    await shot("points-drawer")
    await save.click()
    await expectText(page.getByText("150 points added — balance 150"), "150 points added — balance 150")
    await drawer.waitFor({ state: "hidden" })

    await expectText(card.getByTestId("cbo-loyalty-balance"), "150 pts")
    await expectText(card, "Goodwill for a late delivery")
    await expectText(card, "+150")
    // adding points enrolled the customer; the wallet at the top of the page says the same
    await expect(card.getByRole("switch", { name: "Enrolled" }).getAttribute("aria-checked")).resolves.toBe("true")
    await expectText(page.getByTestId("cbo-wallet-points"), "150 pts")
  })

  step("import: the sample file through review to results", async () => {
    await openCustomerList()
    await activate(page.getByRole("link", { name: "Import", exact: true }))
    await page.waitForURL(/\/app\/backoffice\/imports$/)
    await page.getByRole("heading", { name: "Customer imports" }).waitFor()
    await expectText(page.getByText("No imports yet"), "No imports yet")
    await page.getByRole("link", { name: "New import" }).click()
    await page.getByRole("heading", { name: "New customer import" }).waitFor()

    // the merchant downloads the sample and uploads it as it is
    const [sample] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download sample Customers.csv" }).click(),
    ])
    expect(sample.suggestedFilename()).toBe("Customers.csv")
    const samplePath = path.join(downloads, "Customers.csv")
    await sample.saveAs(samplePath)
    const sampleRows = await parseCsv(fs.readFileSync(samplePath, "utf8"))
    expect(sampleRows.map((r) => r.Email)).toEqual(["ada.lovelace@example.com", "grace.hopper@example.com"])

    await page.getByLabel("Customer file").setInputFiles(samplePath)
    await page.waitForURL(/\/app\/backoffice\/imports\/[^/]+$/)
    await page.getByRole("heading", { name: "Customers.csv" }).waitFor()

    // review: both rows new, nothing invalid
    await expectText(page.getByRole("tab", { name: /^Review rows/ }), "Review rows", 60_000)
    await expectText(page.getByRole("tab", { name: /^All rows/ }), /All rows\s*2/)
    await expectText(page.getByRole("tab", { name: /^New/ }), /New\s*2/)
    await expectText(page.getByRole("tab", { name: /^Invalid/ }), /Invalid\s*0/)
    // the review rows are the last table (above it: the file preview under "How the file was read")
    const reviewRows = page.locator("table").last().locator("tbody")
    await expectText(page.getByText("How the file was read"), "How the file was read")
    await expectCount(reviewRows.locator("tr"), 2)
    await expectText(reviewRows, "ada.lovelace@example.com")
    await expectText(reviewRows, "grace.hopper@example.com")
    await shot("import-review")

    await page.getByRole("button", { name: /^Import 2 customers/ }).click()
    const confirm = page.getByRole("alertdialog", { name: "Import customers" })
    await expectText(confirm, "You are about to create 2 and update 0 customers.")
    await confirm.getByRole("button", { name: "Import", exact: true }).click()

    // results
    await expectText(page.getByTestId("cbo-import-result-created"), /Created\s*2/, 90_000)
    await expectText(page.getByTestId("cbo-import-result-updated"), /Updated\s*0/)
    await expectText(page.getByTestId("cbo-import-result-failed"), /Failed\s*0/)
    await expectText(page.getByText(/rows in Customers\.csv/), "2 rows in Customers.csv")
    await expectText(page.getByRole("heading", { name: "Customers.csv" }).locator("xpath=.."), "Completed")
    await shot("import-results")

    // and the list has them
    await openCustomerList()
    await expectText(listSummary(), "7 customers")
    await searchList("lovelace", "1 customer match")
    await expectText(listRows().nth(0), "Ada Lovelace")
  })

  step("export: the filtered list as CSV, downloaded", async () => {
    await searchList("Baker", "2 customers match")
    await activate(page.getByRole("button", { name: "Export", exact: true }))
    const dialog = page.getByRole("alertdialog", { name: "Export customers" })
    await expectText(dialog, "2 customers match the current filters.")
    await dialog.getByRole("button", { name: "Export CSV" }).click()
    await expectText(dialog, /2 customers exported to \S+\.csv/, 90_000)
    await shot("export-ready")

    const [file] = await Promise.all([
      page.waitForEvent("download"),
      dialog.getByRole("button", { name: "Download" }).click(),
    ])
    expect(file.suggestedFilename()).toMatch(/\.csv$/)
    const saved = path.join(downloads, file.suggestedFilename())
    await file.saveAs(saved)
    const rows = await parseCsv(fs.readFileSync(saved, "utf8"))
    expect(rows.map((r) => r.Email).sort()).toEqual(["olivia.baker@example.com", "oscar.baker@example.com"])
    for (const r of rows) {
      expect(r["Last Name"]).toBe("Baker")
      expect(r.Categories).toBe("VIP")
    }
    await dialog.getByRole("button", { name: "Close" }).click()
    await dialog.waitFor({ state: "hidden" })
  })

  step("+ New customer: the country found by its name, then the customer's page", async () => {
    await search().fill("")
    await expectText(listSummary(), /\d+ customers/)
    await page.getByRole("button", { name: "New customer", exact: true }).click()
    const drawer = page.getByRole("dialog", { name: "New customer" })
    await drawer.waitFor()
    await drawer.getByLabel("First name").fill("Hanna")
    await drawer.getByLabel("Last name").fill("Weber")
    await drawer.getByLabel("Email", { exact: true }).fill("hanna.weber@example.com")
    await drawer.getByLabel("Phone", { exact: true }).fill("+49 30 901820")
    await drawer.getByLabel("Address", { exact: true }).fill("Unter den Linden 1")
    await drawer.getByLabel("Postcode", { exact: true }).fill("10117")
    await drawer.getByLabel("City", { exact: true }).fill("Berlin")
    // the country by part of its name, as a merchant types it
    const country = drawer.getByRole("combobox", { name: "Country" })
    await country.fill("germ")
    await page.getByRole("option", { name: /^Germany/ }).click()
    expect(await country.inputValue()).toBe("Germany")
    await shot("new-customer-drawer")
    await drawer.getByRole("button", { name: "Create customer" }).click()
    await page.waitForURL(/\/app\/customers\/cus_/)
    await expectText(page.getByText("Customer created"), "Customer created")

    const id = page.url().split("/customers/")[1].split(/[/?#]/)[0]
    const { customer } = await host.api("GET", `/admin/customers/${id}?fields=email,phone,*addresses`)
    expect(customer.email).toBe("hanna.weber@example.com")
    expect(customer.phone).toBe("+4930901820")
    expect(customer.addresses).toHaveLength(1)
    expect(customer.addresses[0]).toMatchObject({ city: "Berlin", postal_code: "10117", country_code: "de" })
  })
})
