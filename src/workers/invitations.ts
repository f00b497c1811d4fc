import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { checkInvitable } from "../lib/invitations"
import { defineJob } from "../modules/backoffice-jobs/runtime/registry"
import { sendInvitationWorkflow } from "../workflows/customer-invitations/workflows"
import { INVITE_BATCH_SIZE, INVITE_IMPORTED_JOB } from "../types/invitations"

export { INVITE_IMPORTED_JOB }

/** Ids only: the import run. */
export type InviteImportedPayload = { run_id: string }

/** The customers an import run created that have never been invited (oldest row first). */
async function notYetInvited(knex: Knex, runId: string): Promise<string[]> {
  const { rows } = await knex.raw(
    `select r.customer_id from import_row r
      where r.run_id = ? and r.action = 'new' and r.applied_at is not null and r.deleted_at is null
        and r.customer_id is not null
        and not exists (select 1 from customer_invitation i where i.customer_id = r.customer_id and i.deleted_at is null)
      order by r.row_number`,
    [runId]
  )
  return [...new Set((rows as { customer_id: string }[]).map((r) => r.customer_id))]
}

/**
 * Option inviteInStoreCustomers "on_create", for an import: the commit job
 * enqueues this once per run (key `invitations.imported:<run>`), and it
 * invites the run's new customers in batches of INVITE_BATCH_SIZE, one
 * message after the other, with progress on Background jobs. A message the
 * notification provider refuses leaves no invitation behind (the workflow
 * undoes it); the job goes on with the others, then fails naming how many
 * were not sent, and its retries (automatic, or Retry on the jobs page)
 * send only those. The import itself is committed either way.
 */
export const inviteImportedCustomersJob = defineJob<InviteImportedPayload>({
  type: INVITE_IMPORTED_JOB,
  label: "Invite imported customers",
  queue: "imports",
  async run(ctx) {
    const knex: Knex = ctx.container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const ids = await notYetInvited(knex, ctx.job.payload.run_id)
    let invited = 0
    let skipped = 0
    const failed: string[] = []
    await ctx.progress({ processed: 0, total: ids.length, succeeded: 0, failed: 0 })
    for (let at = 0; at < ids.length; at += INVITE_BATCH_SIZE) {
      ctx.throwIfCancelled()
      const { ok, skipped: notInvitable } = await checkInvitable(knex, ids.slice(at, at + INVITE_BATCH_SIZE))
      skipped += notInvitable.length
      for (const customer of ok) {
        try {
          await sendInvitationWorkflow(ctx.container).run({ input: { customer, trigger: "on_create", actor_id: null } })
          invited++
        } catch (e) {
          failed.push((e as Error).message)
        }
      }
      await ctx.progress({
        processed: Math.min(at + INVITE_BATCH_SIZE, ids.length),
        total: ids.length,
        succeeded: invited,
        failed: failed.length,
      })
    }
    if (failed.length) {
      throw new Error(
        `${failed.length} of ${invited + failed.length} invitations could not be sent (${failed[0].split("\n").pop()}); ` +
          "a retry sends only those"
      )
    }
    return { invited, skipped }
  },
})
