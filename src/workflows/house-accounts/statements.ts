import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { customerFiles } from "../../lib/customer-files"
import {
  customerNames,
  houseAccountsOf,
  statementFileName,
  storeStatementFiles,
  toStatement,
} from "../../lib/house-accounts/statement-files"
import { statementPeriod } from "../../lib/house-accounts/statement"
import { formatMinor } from "../../modules/house-accounts/money"
import { importService } from "../customer-import/context"
import {
  HOUSE_STATEMENT_TEMPLATE,
  type HouseStatementEmailData,
  type HouseStatementJSON,
} from "../../types/house-account-statements"

/** Data: { account_id, statement_id, period_start, period_end, closing_balance, amount_due, emailed_to }. */
export const HOUSE_ACCOUNT_STATEMENT_GENERATED_EVENT = "customer_backoffice.house_account.statement_generated"

export type GenerateStatementInput = {
  account_id: string
  /** ISO; inclusive. */
  from: string
  /** ISO; inclusive (brought back to now when in the future). */
  to: string
  /** Send it to the account's customers through the Notification module. */
  email?: boolean
  actor_type: "user" | "system"
  actor_id?: string | null
}

/** Renders the PDF and CSV into the private customer-file store; compensation deletes them. */
export const renderHouseStatementStep = createStep(
  "cbo-render-house-statement",
  async (input: GenerateStatementInput, { container }) => {
    const account = await houseAccountsOf(container).getAccount(input.account_id)
    const { start, end } = statementPeriod(new Date(input.from), new Date(input.to))
    if (start.getTime() > end.getTime()) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "from: the period starts after it ends")
    }
    const files = await storeStatementFiles(container, account, start, end)
    return new StepResponse({ ...files, account }, [files.pdf_file_key, files.csv_file_key])
  },
  async (keys, { container }) => {
    if (!keys?.length) return
    await customerFiles(container).remove(keys).catch(() => undefined)
  }
)

/** Records the statement; compensation deletes the record. */
export const createHouseStatementStep = createStep(
  "cbo-create-house-statement",
  async (
    input: { rendered: Awaited<ReturnType<typeof storeStatementFiles>>; input: GenerateStatementInput },
    { container }
  ) => {
    const f = input.rendered.figures
    const row = await houseAccountsOf(container).createHouseAccountStatements({
      account_id: input.input.account_id,
      period_start: new Date(f.period_start),
      period_end: new Date(f.period_end),
      currency_code: f.currency_code,
      opening_balance: f.opening_balance,
      charges: f.charges,
      credits: f.credits,
      adjustments: f.adjustments,
      closing_balance: f.closing_balance,
      amount_due: f.amount_due,
      entry_count: f.entry_count,
      pdf_file_key: input.rendered.pdf_file_key,
      csv_file_key: input.rendered.csv_file_key,
      generated_by_type: input.input.actor_type,
      generated_by_id: input.input.actor_id ?? null,
    })
    return new StepResponse(toStatement(row), row.id)
  },
  async (id, { container }) => {
    if (!id) return
    await houseAccountsOf(container).deleteHouseAccountStatements([id])
  }
)

/**
 * E-mails the statement (PDF attached) to each customer of the account with
 * an address, on the plugin's notification channel, template
 * HOUSE_STATEMENT_TEMPLATE; one idempotency key per statement and customer.
 * Last step: a sent message cannot be taken back.
 */
export const emailHouseStatementStep = createStep(
  "cbo-email-house-statement",
  async (input: { statement: HouseStatementJSON; pdf_file_key: string }, { container }) => {
    const svc = houseAccountsOf(container)
    const account = await svc.getAccount(input.statement.account_id)
    const recipients = (await customerNames(container, account.customer_ids)).filter((c) => !!c.email)
    if (!recipients.length) return new StepResponse(input.statement)
    const stream = await customerFiles(container).read(input.pdf_file_key)
    const chunks: Buffer[] = []
    for await (const c of stream) chunks.push(Buffer.from(c as Buffer))
    const pdf = Buffer.concat(chunks).toString("base64")
    const s = input.statement
    const filename = statementFileName(account.account_number, s, "pdf")
    const fmt = (n: number) => formatMinor(n, s.currency_code)
    const channel = importService(container).options.confirmationChannel
    await container.resolve(Modules.NOTIFICATION).createNotifications(
      recipients.map((c) => {
        const data: HouseStatementEmailData = {
          statement_id: s.id,
          account_id: account.id,
          account_number: account.account_number,
          account_name: account.name,
          customer_id: c.id,
          customer_name: c.name,
          currency_code: s.currency_code,
          period_start: s.period_start,
          period_end: s.period_end,
          opening_balance: s.opening_balance,
          charges: s.charges,
          credits: s.credits,
          adjustments: s.adjustments,
          closing_balance: s.closing_balance,
          amount_due: s.amount_due,
          credit_limit: account.credit_limit,
          available_credit: account.available_credit,
          formatted: {
            opening_balance: fmt(s.opening_balance),
            charges: fmt(s.charges),
            credits: fmt(s.credits),
            adjustments: fmt(s.adjustments),
            closing_balance: fmt(s.closing_balance),
            amount_due: fmt(s.amount_due),
          },
          pdf_filename: filename,
        }
        return {
          to: c.email!,
          channel,
          template: HOUSE_STATEMENT_TEMPLATE,
          receiver_id: c.id,
          resource_id: s.id,
          resource_type: "house_account_statement",
          trigger_type: HOUSE_ACCOUNT_STATEMENT_GENERATED_EVENT,
          idempotency_key: `house_statement:${s.id}:${c.id}`,
          data,
          attachments: [{ content: pdf, filename, content_type: "application/pdf" }],
        }
      })
    )
    const emailed_to = recipients.map((c) => c.email!)
    const emailed_at = new Date()
    // a JSON array of addresses (the model types json as an object)
    await svc.updateHouseAccountStatements({ id: s.id, emailed_to: emailed_to as unknown as Record<string, unknown>, emailed_at })
    return new StepResponse({ ...s, emailed_to, emailed_at })
  }
)

/**
 * Generates a statement of a house account for a period: PDF and CSV in the
 * private customer-file store, a record with its figures, optionally e-mailed
 * to the account's customers; emits statement_generated.
 */
export const generateHouseStatementWorkflow = createWorkflow(
  "cbo-generate-house-statement",
  (input: GenerateStatementInput) => {
    const rendered = renderHouseStatementStep(input)
    const created = createHouseStatementStep(
      transform({ rendered, input }, ({ rendered, input }) => ({
        rendered: { figures: rendered.figures, pdf_file_key: rendered.pdf_file_key, csv_file_key: rendered.csv_file_key },
        input,
      }))
    )
    const emailed = when({ input }, ({ input }) => !!input.email).then(() =>
      emailHouseStatementStep(
        transform({ created, rendered }, ({ created, rendered }) => ({
          statement: created,
          pdf_file_key: rendered.pdf_file_key,
        }))
      )
    )
    const statement = transform({ created, emailed }, ({ created, emailed }) => emailed ?? created)
    emitEventStep({
      eventName: HOUSE_ACCOUNT_STATEMENT_GENERATED_EVENT,
      data: transform({ statement }, ({ statement }) => ({
        account_id: statement.account_id,
        statement_id: statement.id,
        period_start: statement.period_start,
        period_end: statement.period_end,
        closing_balance: statement.closing_balance,
        amount_due: statement.amount_due,
        emailed_to: statement.emailed_to,
      })),
    })
    return new WorkflowResponse(statement)
  }
)
