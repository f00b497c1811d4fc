import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { customerFiles } from "../lib/customer-files"
import { forgetCustomer, isForgotten } from "../lib/gdpr/forget"
import { forgetBlocks } from "../lib/gdpr/blocking"
import { deleteAccountHolders } from "../lib/gdpr/account-holders"
import { writeDataExport } from "../lib/gdpr/data-export"
import { defineJob, PermanentJobError } from "../modules/backoffice-jobs/runtime/registry"
import { BACKOFFICE_JOBS_MODULE } from "../modules/backoffice-jobs"
import type BackofficeJobsModuleService from "../modules/backoffice-jobs/service"
import { CUSTOMER_TIMELINE_MODULE } from "../modules/customer-timeline"
import type CustomerTimelineModuleService from "../modules/customer-timeline/service"
import { DATA_EXPORT_JOB, FORGET_JOB, FORGOTTEN_EVENT } from "../types/gdpr"

export { FORGET_JOB, DATA_EXPORT_JOB }

/** Ids only: the job record and the queue never carry a customer's personal data. */
export type ForgetPayload = { customer_id: string }
export type DataExportPayload = { customer_id: string; nonce: string }

async function staffName(container: { resolve: (k: string) => any }, id: string | null): Promise<string | null> {
  if (!id) return null
  const [user] = await container
    .resolve(Modules.USER)
    .listUsers({ id }, { select: ["first_name", "last_name", "email"] })
    .catch(() => [])
  if (!user) return null
  return [user.first_name, user.last_name].filter(Boolean).join(" ") || user.email || null
}

function redisUrls(container: { resolve: (k: string) => any }): string[] {
  const jobs = container.resolve(BACKOFFICE_JOBS_MODULE) as BackofficeJobsModuleService
  const urls = [jobs.runtime.options.redisUrl]
  if (process.env.REDIS_URL) urls.push(process.env.REDIS_URL)
  return urls
}

/**
 * "Forget this customer (GDPR)": erases the customer everywhere the
 * customer-data registry says, records it on the timeline (no personal
 * data), emits `customer_backoffice.customer.forgotten`, then verifies and
 * returns the erasure certificate. Any value still found fails the job (the
 * certificate, listing the hits, is kept as its checkpoint).
 */
export const forgetCustomerJob = defineJob<ForgetPayload, { certificate?: unknown }>({
  type: FORGET_JOB,
  label: "Forget a customer (GDPR)",
  queue: "gdpr",
  // an erasure is not retried blindly: the former values exist only in the first attempt's memory.
  // A failure before the erasure (a payment provider that cannot delete its copy) leaves
  // everything as it was: staff retry the job from the jobs page when the provider answers.
  attempts: 1,
  async run(ctx) {
    const customerId = ctx.job.payload.customer_id
    const knex: Knex = ctx.container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    if (await isForgotten(knex, customerId)) {
      throw new PermanentJobError("This customer was forgotten already")
    }
    const { rows } = await knex.raw(`SELECT email FROM customer WHERE id = ?`, [customerId])
    if (!rows.length) throw new PermanentJobError(`Customer ${customerId} was not found`)
    const blocks = await forgetBlocks(knex, customerId, rows[0].email)
    if (blocks.length) throw new PermanentJobError(blocks.map((b) => b.message).join("; "))

    // the payment providers delete their copies first: a provider error fails
    // the job before anything is erased (the account holder is kept), so a
    // retry (jobs page, or Forget again) starts over safely
    await ctx.progress({ processed: 2, total: 100 })
    const providerDeletions = await deleteAccountHolders(ctx.container, knex, customerId)

    const staff = { id: ctx.job.created_by, name: await staffName(ctx.container, ctx.job.created_by) }
    const timeline = ctx.container.resolve(CUSTOMER_TIMELINE_MODULE) as CustomerTimelineModuleService
    const events = ctx.container.resolve(Modules.EVENT_BUS) as {
      emit(data: { name: string; data: unknown }[]): Promise<void>
    }
    const certificate = await forgetCustomer({
      knex,
      store: customerFiles(ctx.container),
      customerId,
      jobId: ctx.job.id,
      staff,
      redisUrls: redisUrls(ctx.container),
      providerDeletions,
      progress: async (percent) => {
        await ctx.progress({ processed: percent, total: 100 })
      },
      afterErase: async () => {
        // the timeline keeps one line; the event tells other plugins to erase their copies
        const at = new Date().toISOString()
        await timeline.appendEntries([
          {
            customer_id: customerId,
            kind: "customer.forgotten",
            summary: `Customer forgotten by ${staff.name ?? staff.id ?? "the system"} at ${at}`,
            data: { job_id: ctx.job.id, forgotten_at: at },
            actor_type: staff.id ? "user" : "system",
            actor_id: staff.id,
          },
        ])
        await events.emit([{ name: FORGOTTEN_EVENT, data: { id: customerId } }])
      },
    })
    await ctx.saveCheckpoint({ certificate })
    if (certificate.verdict !== "erased") {
      throw new PermanentJobError(
        `Verification found the customer's former values in ${certificate.hits.length} place(s): ` +
          certificate.hits.map((h) => h.place).join(", ")
      )
    }
    await ctx.progress({ processed: 100, total: 100 })
    return { certificate }
  },
})

/**
 * "Request customer data" (subject-access export): a ZIP with one JSON
 * document and a CSV per table of everything held about the customer,
 * stored in the private customer-file store; recorded on the timeline.
 */
export const dataExportJob = defineJob<DataExportPayload>({
  type: DATA_EXPORT_JOB,
  label: "Export a customer's data (GDPR)",
  queue: "gdpr",
  async run(ctx) {
    const customerId = ctx.job.payload.customer_id
    const knex: Knex = ctx.container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    await ctx.progress({ processed: 10, total: 100 })
    const result = await writeDataExport(knex, customerFiles(ctx.container), customerId, ctx.job.id)
    const timeline = ctx.container.resolve(CUSTOMER_TIMELINE_MODULE) as CustomerTimelineModuleService
    await timeline.appendEntries([
      {
        customer_id: customerId,
        kind: "customer.data_exported",
        summary: `Customer data exported (${Object.values(result.rows).reduce((a, b) => a + b, 0)} rows)`,
        data: { job_id: ctx.job.id },
        actor_type: ctx.job.created_by ? "user" : "system",
        actor_id: ctx.job.created_by,
      },
    ])
    await ctx.progress({ processed: 100, total: 100 })
    return result
  },
})
