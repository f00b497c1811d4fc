import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Writable } from "stream"
import { customerFiles } from "../customer-files"
import { HOUSE_ACCOUNTS_MODULE } from "../../modules/house-accounts"
import type HouseAccountsModuleService from "../../modules/house-accounts/service"
import type { HouseAccountJSON } from "../../types/house-accounts"
import type { HouseStatementFigures, HouseStatementJSON } from "../../types/house-account-statements"
import { inStatementSnapshot, statementFigures, statementLines } from "./statement"
import { writeStatementCsv, writeStatementPdf, type StatementHeader } from "./statement-render"

type Resolver = { resolve: <T = unknown>(key: string) => T }

export type StatementFormat = "pdf" | "csv"

export const STATEMENT_MIME: Record<StatementFormat, string> = {
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
}

export const pgOf = (c: Resolver) => c.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
export const houseAccountsOf = (c: Resolver) => c.resolve<HouseAccountsModuleService>(HOUSE_ACCOUNTS_MODULE)

/** "statement-HA-1234-2026-11-01-2026-11-30.pdf" */
export function statementFileName(accountNumber: string, f: Pick<HouseStatementFigures, "period_start" | "period_end">, format: StatementFormat) {
  const safe = accountNumber.replace(/[^A-Za-z0-9-]/g, "_")
  return `statement-${safe}-${f.period_start.slice(0, 10)}-${f.period_end.slice(0, 10)}.${format}`
}

/** The names of the account's customers ("Ada Lovelace", or the email when there is no name). */
export async function customerNames(container: Resolver, ids: string[]) {
  if (!ids.length) return [] as { id: string; name: string; email: string | null }[]
  const customers = await container
    .resolve<any>(Modules.CUSTOMER)
    .listCustomers({ id: ids }, { select: ["id", "first_name", "last_name", "email", "company_name"], take: ids.length })
  return (customers as any[]).map((c) => ({
    id: c.id as string,
    name: [c.first_name, c.last_name].filter(Boolean).join(" ") || c.company_name || c.email || c.id,
    email: (c.email as string | null) ?? null,
  }))
}

/**
 * Writes the statement of `account` for [start, end] to `out` in `format`,
 * figures and lines from one snapshot of the ledger, page by page.
 */
export async function writeStatement(
  container: Resolver,
  account: HouseAccountJSON,
  start: Date,
  end: Date,
  format: StatementFormat,
  out: Writable,
  onFigures?: (f: HouseStatementFigures) => void
): Promise<HouseStatementFigures> {
  const customers = (await customerNames(container, account.customer_ids)).map((c) => c.name)
  return await inStatementSnapshot(pgOf(container), async (trx) => {
    const figures = await statementFigures(trx, account, start, end)
    onFigures?.(figures)
    const header: StatementHeader = { account, figures, customers, generated_at: new Date() }
    const lines = statementLines(trx, account.id, start, end)
    if (format === "csv") await writeStatementCsv(out, header, lines)
    else await writeStatementPdf(out, header, lines)
    if (!out.writableEnded) out.end()
    return figures
  })
}

/**
 * Renders the PDF and the CSV of a statement into the private customer-file
 * store; returns their keys and the figures (equal in both: one snapshot).
 */
export async function storeStatementFiles(
  container: Resolver,
  account: HouseAccountJSON,
  start: Date,
  end: Date
): Promise<{ figures: HouseStatementFigures; pdf_file_key: string; csv_file_key: string }> {
  const store = customerFiles(container)
  const keys: string[] = []
  try {
    let figures: HouseStatementFigures | null = null
    for (const format of ["pdf", "csv"] as const) {
      const up = await store.upload({ kind: "house-statement", ext: format, mimeType: STATEMENT_MIME[format] })
      try {
        const f = await writeStatement(container, account, start, end, format, up.writeStream)
        figures ??= f
      } catch (e) {
        up.writeStream.destroy()
        throw e
      } finally {
        keys.push(await up.done.catch(() => ""))
      }
    }
    if (keys.some((k) => !k)) throw new Error("A statement file was not written completely")
    return { figures: figures!, pdf_file_key: keys[0], csv_file_key: keys[1] }
  } catch (e) {
    await store.remove(keys.filter(Boolean)).catch(() => undefined)
    throw e
  }
}

/** A stored statement as the API answers it. */
export function toStatement(r: Record<string, any>): HouseStatementJSON {
  const iso = (d: unknown) => new Date(d as string).toISOString()
  return {
    id: r.id,
    account_id: r.account_id,
    currency_code: r.currency_code,
    period_start: iso(r.period_start),
    period_end: iso(r.period_end),
    opening_balance: Number(r.opening_balance),
    charges: Number(r.charges),
    credits: Number(r.credits),
    adjustments: Number(r.adjustments),
    closing_balance: Number(r.closing_balance),
    amount_due: Number(r.amount_due),
    entry_count: Number(r.entry_count),
    has_pdf: !!r.pdf_file_key,
    has_csv: !!r.csv_file_key,
    generated_by_type: r.generated_by_type,
    generated_by_id: r.generated_by_id ?? null,
    emailed_to: (r.emailed_to as string[] | null) ?? null,
    emailed_at: r.emailed_at ?? null,
    created_at: r.created_at,
  }
}
