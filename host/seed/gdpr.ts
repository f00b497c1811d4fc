import { randomUUID } from "crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
// The plugin as the host loads it (built by `npm run demo` before seeding).
import { forgetBlocks } from "../../.medusa/server/src/lib/gdpr/blocking"
import { BACKOFFICE_JOBS_MODULE } from "../../.medusa/server/src/modules/backoffice-jobs"

const FORGET_JOB = "gdpr.forget"
const DATA_EXPORT_JOB = "gdpr.data_export"

type Outcome = { customer_id: string; status: string; error: string | null } | "already done" | "no customer fits"
export type GdprSeed = { forgotten: Outcome; exported: Outcome }

/**
 * GDPR on the demo store, through the real jobs: one customer forgotten
 * (anonymised, its erasure certificate on the Privacy card and the jobs
 * page) and one subject-access export ZIP ready to download on another.
 * The seed runs the plugin's workers itself for these two jobs (`medusa
 * exec` starts none), before the
 * duplicate scan is queued (a scan writing the customer's values while the
 * erasure runs would fail the verification). Idempotent: nothing is done
 * when a forget or a data-export job exists already.
 *
 * Forgotten: a customer with orders, none of them open, no house account,
 * no photo and no invitation (the tour's fullest customer page keeps its
 * photo). Exported: the customer with a photo, notes and the most points
 * (the one the tour shows).
 */
export async function seedGdpr(
  container: MedusaContainer,
  candidateIds: string[],
  timeoutMs = 180_000
): Promise<GdprSeed> {
  const pg = container.resolve<any>(ContainerRegistrationKeys.PG_CONNECTION)
  const existing = await pg.raw(`select type from backoffice_job where type = any(?) group by type`, [[FORGET_JOB, DATA_EXPORT_JOB]])
  const done = new Set((existing.rows as { type: string }[]).map((r) => r.type))
  const skipped = (type: string): Outcome => (done.has(type) ? "already done" : "no customer fits")
  if (done.size === 2) return { forgotten: skipped(FORGET_JOB), exported: skipped(DATA_EXPORT_JOB) }

  const wanted: { type: string; customer_id: string; payload: Record<string, unknown> }[] = []
  if (!done.has(FORGET_JOB)) {
    const { rows } = await pg.raw(
      `select c.id, c.email from customer c
        where c.id = any(?) and c.deleted_at is null and c.email not like 'forgotten-%@forgotten.invalid'
          and exists (select 1 from "order" o where o.customer_id = c.id and o.deleted_at is null)
          and not exists (select 1 from customer_profile p where p.customer_id = c.id and p.photo_file_id is not null)
          and not exists (select 1 from house_account_customer h where h.customer_id = c.id and h.deleted_at is null)
          and not exists (select 1 from customer_invitation i where i.customer_id = c.id)
        order by c.created_at, c.id`,
      [candidateIds]
    )
    for (const c of rows as { id: string; email: string }[]) {
      if ((await forgetBlocks(pg, c.id, c.email)).length) continue
      wanted.push({ type: FORGET_JOB, customer_id: c.id, payload: { customer_id: c.id } })
      break
    }
  }
  if (!done.has(DATA_EXPORT_JOB)) {
    const { rows } = await pg.raw(
      `select p.customer_id as id from customer_profile p
         join points_account a on a.customer_id = p.customer_id and a.enrolled
        where p.customer_id = any(?) and p.photo_file_id is not null
          and exists (select 1 from customer_note n where n.customer_id = p.customer_id)
        order by a.balance desc limit 1`,
      [candidateIds]
    )
    const id = rows[0]?.id ?? candidateIds.find((c) => !wanted.some((w) => w.customer_id === c))
    if (id) wanted.push({ type: DATA_EXPORT_JOB, customer_id: id, payload: { customer_id: id, nonce: randomUUID() } })
  }
  if (!wanted.length) return { forgotten: skipped(FORGET_JOB), exported: skipped(DATA_EXPORT_JOB) }

  // `medusa exec` runs the app in "server" mode (no workers): this seed starts
  // the plugin's workers itself for its two jobs and drains them afterwards
  const runtime = (container.resolve(BACKOFFICE_JOBS_MODULE) as any).runtime
  await runtime.connect()
  await runtime.startWorkersNow()
  try {
    const jobs: { type: string; customer_id: string; id: string }[] = []
    for (const w of wanted) {
      const { job } = await runtime.enqueue({ type: w.type, key: `${w.type}:${w.customer_id}:demo-seed`, payload: w.payload })
      jobs.push({ type: w.type, customer_id: w.customer_id, id: job.id })
    }
    const deadline = Date.now() + timeoutMs
    let rows: { id: string; status: string; error: string | null }[] = []
    do {
      await new Promise((r) => setTimeout(r, 500))
      rows = (await pg.raw(`select id, status, error from backoffice_job where id = any(?)`, [jobs.map((j) => j.id)])).rows
    } while (rows.some((r) => !["completed", "failed", "cancelled"].includes(r.status)) && Date.now() < deadline)
    const result = (type: string) => {
      const j = jobs.find((x) => x.type === type)
      const r = j && rows.find((x) => x.id === j.id)
      return j && r ? { customer_id: j.customer_id, status: r.status, error: r.error } : skipped(type)
    }
    return { forgotten: result(FORGET_JOB), exported: result(DATA_EXPORT_JOB) }
  } finally {
    await runtime.drain()
  }
}
