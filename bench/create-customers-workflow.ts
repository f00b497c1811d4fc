/**
 * bench:import's workflow baseline, run by `medusa exec` in bench/workflow-host/ (a plain Medusa; bench/import.ts starts it): what a merchant
 * would script instead of the import — Medusa's own `createCustomersWorkflow`, in batches of 1,000 customers, each
 * with its address, from the same CSV file. Rows whose email already exists in the store (the file's updates), rows
 * without a usable email and later repeats of an email are left out, as such a script would have to. Prints one JSON
 * line: { rows, batches, ms }.
 *
 * Env: BENCH_IMPORT_FILE (the CSV), BENCH_WORKFLOW_ROWS (at most this many customers; 0 = all).
 */
import { createReadStream } from "fs"
import csv from "csv-parser"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { IMPORT_COLUMNS } from "../src/lib/customer-io/columns"

const BATCH = 1000
// the bench file writes countries as codes or as these names
const COUNTRY_NAMES: Record<string, string> = { france: "fr", switzerland: "ch", belgium: "be" }
// the file's headers are the import's column labels
const LABELS: Record<string, string> = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.label, c.key]))

type Row = Record<string, string>

function toCustomer(r: Row) {
  const country = (r.country_code ?? "").trim().toLowerCase()
  return {
    email: r.email.trim().toLowerCase(),
    first_name: r.first_name || null,
    last_name: r.last_name || null,
    company_name: r.company_name || null,
    phone: r.phone || null,
    addresses: [
      {
        address_1: r.address_1 || null,
        address_2: r.address_2 || null,
        city: r.city || null,
        province: r.province || null,
        postal_code: r.postal_code || null,
        country_code: COUNTRY_NAMES[country] ?? country,
        is_default_shipping: true,
        is_default_billing: true,
      },
    ],
  }
}

export default async function createCustomersBaseline({ container }: ExecArgs) {
  const file = process.env.BENCH_IMPORT_FILE
  if (!file) throw new Error("BENCH_IMPORT_FILE is not set")
  const limit = Number(process.env.BENCH_WORKFLOW_ROWS || 0)
  const pg = container.resolve<any>(ContainerRegistrationKeys.PG_CONNECTION)
  const existing = new Set<string>(
    (await pg.raw("select lower(email) as email from customer where deleted_at is null")).rows.map(
      (r: { email: string }) => r.email
    )
  )

  // the file's new customers, read before the clock starts (the import's own time includes reading the file)
  const customers: ReturnType<typeof toCustomer>[] = []
  const seen = new Set<string>()
  await new Promise<void>((resolve, reject) => {
    createReadStream(file)
      .pipe(csv({ mapHeaders: ({ header }) => LABELS[header.replace(/^\uFEFF/, "").trim()] ?? null }))
      .on("data", (r: Row) => {
        const email = (r.email ?? "").trim().toLowerCase()
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || existing.has(email) || seen.has(email)) return
        if (limit && customers.length >= limit) return
        seen.add(email)
        customers.push(toCustomer(r))
      })
      .on("end", resolve)
      .on("error", reject)
  })

  const t0 = performance.now()
  let batches = 0
  for (let i = 0; i < customers.length; i += BATCH) {
    await createCustomersWorkflow(container).run({ input: { customersData: customers.slice(i, i + BATCH) } })
    batches++
  }
  const ms = performance.now() - t0
  process.stdout.write(`${JSON.stringify({ rows: customers.length, batches, ms: Math.round(ms) })}\n`)
}
