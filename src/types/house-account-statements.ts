/** House-account statements as the API answers them (amounts: integers in minor units). */

export type HouseStatementFigures = {
  currency_code: string
  /** ISO date-times, both inclusive. */
  period_start: string
  period_end: string
  /** Σ entries before the period: what was owed at its start (below 0: in credit). */
  opening_balance: number
  /** Charges in the period (≥ 0). */
  charges: number
  /** Payments and refunds in the period, as a positive number. */
  credits: number
  /** Adjustments in the period (signed). */
  adjustments: number
  /** opening_balance + charges − credits + adjustments. */
  closing_balance: number
  /** The closing balance when it is owed, else 0. */
  amount_due: number
  entry_count: number
}

export type HouseStatementLine = {
  id: string
  date: string
  kind: "charge" | "refund" | "payment" | "adjustment"
  description: string
  reference: string | null
  /** The order the entry belongs to, if any. */
  source_id: string | null
  amount: number
  balance_after: number
}

export type HouseStatementJSON = HouseStatementFigures & {
  id: string
  account_id: string
  has_pdf: boolean
  has_csv: boolean
  generated_by_type: string
  generated_by_id: string | null
  emailed_to: string[] | null
  emailed_at: string | Date | null
  created_at: string | Date
}

/** Notification template of an e-mailed statement (data: HouseStatementEmailData). */
export const HOUSE_STATEMENT_TEMPLATE = "customer-backoffice-house-account-statement"

export type HouseStatementEmailData = {
  statement_id: string
  account_id: string
  account_number: string
  account_name: string
  customer_id: string
  customer_name: string
  currency_code: string
  period_start: string
  period_end: string
  opening_balance: number
  charges: number
  credits: number
  adjustments: number
  closing_balance: number
  amount_due: number
  credit_limit: number
  available_credit: number
  /** "12.50 EUR"-style texts of the same amounts, for templates that do not format money. */
  formatted: Record<"opening_balance" | "charges" | "credits" | "adjustments" | "closing_balance" | "amount_due", string>
  /** The PDF file name (the PDF is attached to the notification). */
  pdf_filename: string
}
