import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
// The plugin as the host loads it (built by `npm run demo` before seeding).
import {
  createCustomerNoteWorkflow,
  createReferralSourceWorkflow,
  markEmailBouncedWorkflow,
  setCustomerPhotoWorkflow,
  updateCustomerCategoryWorkflow,
} from "../../.medusa/server/src/workflows"
import { DAY, chunk, firstBy, pick, portraitPng, type DemoCustomer } from "./demo-pick"

/**
 * The customer-record features on demo data: category descriptions, "How did
 * you find us?" choices, profiles (birthdays — some this month —, customer ID
 * numbers, nationality, gate codes, first visits), bounced e-mails, photos and
 * notes (some pinned). Idempotent: each part writes only what is missing.
 */

export const CATEGORY_DESCRIPTIONS: Record<string, string> = {
  VIP: "Top spenders: early access and free express shipping",
  Wholesale: "Trade customers with net-30 invoices",
  Newsletter: "Opted in to the monthly newsletter",
  Staff: "Employees: 30% staff discount",
}

const REFERRAL_SOURCES: [string, number][] = [
  ["Friend or family", 30],
  ["Instagram", 22],
  ["Google search", 20],
  ["Walked past the shop", 14],
  ["Newspaper or magazine", 6],
  ["Trade fair", 5],
  ["Gift card", 3],
]

const NOTES = [
  "Prefers deliveries after 5 pm; ring the side door.",
  "Allergic to wool — suggest the cotton or linen range.",
  "Asked to be called when the Merino Crew Sweater is back in Forest Green, size L.",
  "Regular at the Downtown Store on Saturdays; likes to try on before buying.",
  "Had a late delivery in spring; we sent a voucher. Happy since.",
  "Buys gifts for the whole team every December — reach out in early November.",
  "Prefers e-mail over phone calls.",
  "Returned two mugs with glaze flaws; replacement sent, no charge.",
  "Interested in engraving on the Brass Fountain Pen for a wedding gift.",
  "Pays with the company card; invoices to accounts@ please.",
  "Wants the large tote in Natural when the new batch arrives.",
  "Speaks German and English; happy in either.",
]
const PINNED = [
  "VIP: hand-write a thank-you card with every order.",
  "Do not ship to the office address — building closed on Fridays.",
  "Loyal since the shop opened; ask before sending catalogue mailings.",
  "Card on file expired — ask for a new one at the next visit.",
]

const profiles = (c: MedusaContainer) => c.resolve<any>("customer_records")
const engagement = (c: MedusaContainer) => c.resolve<any>("customer_engagement")

export async function seedCategoryDescriptions(container: MedusaContainer) {
  const customers = container.resolve(Modules.CUSTOMER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const groups = await customers.listCustomerGroups({ name: Object.keys(CATEGORY_DESCRIPTIONS) }, { select: ["id", "name"] })
  let written = 0
  for (const g of groups) {
    const { data } = await query.graph({
      entity: "customer_group",
      fields: ["id", "category_detail.description"],
      filters: { id: g.id },
    }).catch(() => ({ data: [] as any[] }))
    if (data[0]?.category_detail?.description) continue
    await updateCustomerCategoryWorkflow(container).run({
      input: { id: g.id, description: CATEGORY_DESCRIPTIONS[g.name] },
    })
    written++
  }
  return written
}

async function seedReferralSources(container: MedusaContainer) {
  const existing: { id: string; name: string }[] = await profiles(container).listReferralSources({}, { select: ["id", "name"] })
  const byName = new Map(existing.map((s) => [s.name, s.id]))
  for (const [rank, [name]] of REFERRAL_SOURCES.entries()) {
    if (byName.has(name)) continue
    const { result } = await createReferralSourceWorkflow(container).run({ input: { name, rank } })
    byName.set(name, (result as { id: string }).id)
  }
  return REFERRAL_SOURCES.map(([name, weight]) => ({ id: byName.get(name)!, weight }))
}

function weighted(u: number, items: { id: string; weight: number }[]) {
  const total = items.reduce((s, i) => s + i.weight, 0)
  let r = u * total
  for (const i of items) {
    r -= i.weight
    if (r < 0) return i.id
  }
  return items[items.length - 1].id
}

/** The profile fields the demo fills in. */
const PROFILE_KEYS = ["customer_number", "date_of_birth", "referral_source_id", "nationality", "gate_code", "anniversary", "title"]

const utcDate = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d))

/** Profile fields of a customer (deterministic); customer numbers follow the sign-up order. */
function profileOf(c: DemoCustomer, number: number | null, now: Date, sources: { id: string; weight: number }[]) {
  const data: Record<string, unknown> = {}
  const u = (salt: string) => pick(c.email, salt)
  if (c.has_account && u("dob") < 0.6) {
    const year = now.getUTCFullYear() - 18 - Math.floor(u("dob-year") * 55)
    // about one in six of them has a birthday this month (so the filter and the card show some)
    const month = u("dob-now") < 0.09 ? now.getUTCMonth() : Math.floor(u("dob-month") * 12)
    data.date_of_birth = utcDate(year, month, 1 + Math.floor(u("dob-day") * 28))
  }
  if (number !== null) data.customer_number = `C-${10000 + number}`
  if (u("referral") < 0.55) data.referral_source_id = weighted(u("referral-which"), sources)
  if (u("nationality") < 0.35) data.nationality = c.country.toUpperCase()
  if (u("gate") < 0.06) data.gate_code = String(1000 + Math.floor(u("gate-code") * 9000))
  if (c.has_account && u("anniversary") < 0.25) {
    const d = c.createdAt
    data.anniversary = utcDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
  }
  if (c.company_name && u("title") < 0.3) data.title = u("title-which") < 0.5 ? "Mr" : "Ms"
  return data
}

export async function seedProfiles(container: MedusaContainer, customers: DemoCustomer[], now: Date) {
  const sources = await seedReferralSources(container)
  const svc = profiles(container)
  // customer ID numbers: registered customers, in sign-up order (two in three have one)
  const numbered = customers
    .filter((c) => c.has_account && pick(c.email, "number") < 0.66)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.email.localeCompare(b.email))
  const numberOf = new Map(numbered.map((c, i) => [c.email, i + 1]))
  let updated = 0
  for (const part of chunk(customers, 500)) {
    const rows: Record<string, unknown>[] = await svc.listCustomerProfiles(
      { customer_id: part.map((c) => c.id) },
      { select: ["id", "customer_id", ...PROFILE_KEYS], take: part.length }
    )
    const byCustomer = new Map(rows.map((r) => [r.customer_id as string, r]))
    const updates: Record<string, unknown>[] = []
    for (const c of part) {
      const row = byCustomer.get(c.id)
      if (!row) continue
      const data = profileOf(c, numberOf.get(c.email) ?? null, now, sources)
      // already seeded (a re-run, or the merchant has filled the profile in since)
      if (!Object.keys(data).length || PROFILE_KEYS.some((k) => row[k] != null)) continue
      updates.push({ id: row.id, ...data })
    }
    if (updates.length) await svc.updateCustomerProfiles(updates)
    updated += updates.length
  }
  return { updated, sources: sources.length }
}

/** Bounced e-mails, through the same workflow as the e-mail bounce webhook. */
export async function seedBounces(container: MedusaContainer, customers: DemoCustomer[], now: Date) {
  const chosen = firstBy(customers.filter((c) => !c.company_name), "bounce", 18)
  const rows: { customer_id: string; email_invalid_at: Date | null }[] = await profiles(container).listCustomerProfiles(
    { customer_id: chosen.map((c) => c.id) },
    { select: ["customer_id", "email_invalid_at"] }
  )
  const invalid = new Set(rows.filter((r) => r.email_invalid_at).map((r) => r.customer_id))
  let marked = 0
  for (const [i, c] of chosen.entries()) {
    if (invalid.has(c.id)) continue
    await markEmailBouncedWorkflow(container).run({
      input: { email: c.email, attempted_at: new Date(now.getTime() - (3 + i * 9) * DAY).toISOString() },
    })
    marked++
  }
  return { marked, total: chosen.length }
}

/** Photos stored as customer files, the way the profile photo upload stores them. */
export async function seedPhotos(container: MedusaContainer, customers: DemoCustomer[]) {
  const chosen = firstBy(customers.filter((c) => c.has_account), "photo", 8)
  const rows: { customer_id: string; photo_file_id: string | null }[] = await profiles(container).listCustomerProfiles(
    { customer_id: chosen.map((c) => c.id) },
    { select: ["customer_id", "photo_file_id"] }
  )
  const have = new Set(rows.filter((r) => r.photo_file_id).map((r) => r.customer_id))
  let stored = 0
  for (const [i, c] of chosen.entries()) {
    if (have.has(c.id)) continue
    await setCustomerPhotoWorkflow(container).run({
      input: {
        customer_id: c.id,
        origin_if_new: "admin",
        file: { ext: ".png", mimeType: "image/png", content: portraitPng(i).toString("base64") },
      },
    })
    stored++
  }
  return { stored, total: chosen.length }
}

/** Shop staff who write the demo's notes (users without a login: the demo's admin signs in). */
const NOTE_AUTHORS = [
  { email: "priya.shah@staff.example.com", first_name: "Priya", last_name: "Shah" },
  { email: "tom.evans@staff.example.com", first_name: "Tom", last_name: "Evans" },
]

async function noteAuthors(container: MedusaContainer): Promise<string[]> {
  const users = container.resolve<any>(Modules.USER)
  const ids: string[] = []
  for (const a of NOTE_AUTHORS) {
    const [found] = await users.listUsers({ email: a.email }, { take: 1 })
    ids.push((found ?? (await users.createUsers(a))).id)
  }
  return ids
}

/** Notes, some pinned, dated over the customer's time with the shop, written by the shop's staff. */
export async function seedNotes(container: MedusaContainer, customers: DemoCustomer[], now: Date) {
  const pg = container.resolve<any>(ContainerRegistrationKeys.PG_CONNECTION)
  const authors = await noteAuthors(container)
  const registered = customers.filter((c) => c.has_account)
  // the customers with a photo first: their pages show every card filled in
  const chosen = [...new Set([...firstBy(registered, "photo", 8), ...firstBy(registered, "note", 60)])]
  const existing: { customer_id: string }[] = await engagement(container).listCustomerNotes(
    { customer_id: chosen.map((c) => c.id) },
    { select: ["customer_id"], take: 10_000 }
  )
  const have = new Set(existing.map((n) => n.customer_id))
  let created = 0
  let pinned = 0
  for (const [i, c] of chosen.entries()) {
    if (have.has(c.id)) continue
    const count = 1 + Math.floor(pick(c.email, "note-count") * 3)
    const span = Math.max(DAY, now.getTime() - c.createdAt.getTime())
    for (let k = 0; k < count; k++) {
      const isPinned = k === 0 && i % 4 === 0
      const body = isPinned ? PINNED[(i / 4) % PINNED.length] : NOTES[(i * 3 + k * 5) % NOTES.length]
      const { result } = await createCustomerNoteWorkflow(container).run({
        input: { customer_id: c.id, body, pinned: isPinned, author_id: authors[(i + k) % authors.length] },
      })
      const at = new Date(c.createdAt.getTime() + Math.floor(span * ((k + 1) / (count + 1))))
      await pg("customer_note").where("id", (result as { id: string }).id).update({ created_at: at, updated_at: at })
      created++
      if (isPinned) pinned++
    }
  }
  return { created, pinned }
}
