import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { pipeline } from "stream/promises"
import { customerFiles } from "../../../../lib/customer-files"
import { statementPeriod, inStatementSnapshot, statementFigures } from "../../../../lib/house-accounts/statement"
import {
  pgOf,
  STATEMENT_MIME,
  statementFileName,
  toStatement,
  writeStatement,
  type StatementFormat,
} from "../../../../lib/house-accounts/statement-files"
import type { HouseAccountJSON } from "../../../../types/house-accounts"
import { query } from "../../../utils/engagement"
import { houseAccounts } from "./helpers"
import type { StatementDownloadQueryType, StatementQueryType } from "./validators"

const download = (res: MedusaResponse, format: StatementFormat, name: string) => {
  res.status(200)
  res.setHeader("Content-Type", STATEMENT_MIME[format])
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`)
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("X-Content-Type-Options", "nosniff")
}

/**
 * A statement of `account` for ?from&to (default: this month so far, UTC):
 * format=json answers its figures; pdf and csv stream the file, written from
 * one snapshot of the ledger page by page (nothing stored).
 */
export async function sendStatement(req: MedusaRequest, res: MedusaResponse, account: HouseAccountJSON) {
  const q = query<StatementQueryType>(req)
  const now = new Date()
  const from = q.from ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
  const { start, end } = statementPeriod(from, q.to ?? now, now)
  if (start.getTime() > end.getTime()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "from: the period starts in the future")
  }
  if (q.format === "json") {
    const figures = await inStatementSnapshot(pgOf(req.scope), (trx) => statementFigures(trx, account, start, end))
    return res.json({ statement: { account_id: account.id, account_number: account.account_number, ...figures } })
  }
  const name = statementFileName(account.account_number, { period_start: start.toISOString(), period_end: end.toISOString() }, q.format)
  download(res, q.format, name)
  await writeStatement(req.scope, account, start, end, q.format, res)
}

export async function listStatements(req: MedusaRequest, accountId: string) {
  const q = query<{ limit: number; offset: number }>(req)
  const [rows, count] = await houseAccounts(req).listAndCountHouseAccountStatements(
    { account_id: accountId },
    { take: q.limit, skip: q.offset, order: { period_end: "DESC", created_at: "DESC" } }
  )
  return { statements: rows.map(toStatement), count, limit: q.limit, offset: q.offset }
}

/** Streams a stored statement's PDF or CSV from the private customer-file store. */
export async function sendStoredStatement(req: MedusaRequest, res: MedusaResponse, account: HouseAccountJSON) {
  const [row] = await houseAccounts(req).listHouseAccountStatements(
    { id: req.params.statement_id, account_id: account.id },
    { take: 1 }
  )
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Statement ${req.params.statement_id} was not found`)
  }
  const { format } = query<StatementDownloadQueryType>(req)
  const key = format === "pdf" ? row.pdf_file_key : row.csv_file_key
  let stream: NodeJS.ReadableStream | null = null
  if (key) stream = await customerFiles(req.scope).read(key).catch(() => null)
  if (!stream) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `The ${format.toUpperCase()} of statement ${row.id} is gone`)
  }
  download(res, format, statementFileName(account.account_number, toStatement(row), format))
  await pipeline(stream, res)
}
