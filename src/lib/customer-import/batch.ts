/**
 * One batch of an import's commit: the batch's rows in a temporary table,
 * one statement per table, one transaction (see ./commit.ts).
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { bulkEntityId } from "./ids"
import { copyRows } from "./copy"
import { validateValues, type ImportContext } from "./validate"
import { PROFILE_FIELDS, type ProfileFieldDescriptor, type ProfileFieldKey } from "../profile-fields/fields"
import { CUSTOMER_STORES_TABLE } from "../core-sql/tables"
import { TRADE_BATCH_COLUMNS, TRADE_BEFORE_IMAGE, tradeBatchValues, tradeClashes, writeTradeAccounts } from "./trade-sql"

export type BatchResult = {
  row_ids: string[]
  created: string[]
  updated: string[]
  failed: number
  last_row_number: number | null
  /** Customers the batch made inactive (their trade account's Active set to no). */
  deactivated?: string[]
  /** Who ran the import (the events' actor). */
  actor_id?: string | null
}

export const linkPrefix = (runId: string) => `link_${runId}_`
export const notePrefix = (runId: string) => `cnote_${runId}_`
export const timelinePrefix = (runId: string) => `ctl_${runId}_`

type RunInfo = { id: string; file_name: string; created_by: string | null }

/** The profile fields (src/lib/profile-fields): their keys and SQL types. */
const FIELD_KEYS = PROFILE_FIELDS.map((f) => f.key)
export const fieldType = (f: ProfileFieldDescriptor) => (f.kind === "date" ? "timestamptz" : "text")

const BATCH_COLUMNS = `row_id text, row_number int, customer_id text, is_new boolean, email text,
  first_name text, last_name text, company_name text, phone text, phone_original text,
  alt_phone text, alt_phone_original text, ${PROFILE_FIELDS.map((f) => `${f.key} ${fieldType(f)}`).join(", ")},
  referral_source_id text, has_profile boolean, profile_id text,
  address_company text, address_1 text, address_2 text, city text, province text,
  postal_code text, country_code text, address_phone text, has_address boolean, address_id text,
  group_ids jsonb, channel_ids jsonb, opt_out boolean, note text, consent_id text, ${TRADE_BATCH_COLUMNS}`

/** The batch table's columns, in the order of the values commitBatch builds. */
const BATCH_FIELDS = BATCH_COLUMNS.split(",").map((c) => c.trim().split(/\s+/)[0])

const PROFILE_KEYS = [
  ...(FIELD_KEYS as ProfileFieldKey[]),
  "referral_source_id",
  "alt_phone",
  "phone_original",
] as const
const ADDRESS_KEYS = [
  "address_company",
  "address_1",
  "address_2",
  "city",
  "province",
  "postal_code",
  "country_code",
  "address_phone",
] as const

async function failRows(trx: Knex.Transaction, failures: { row_id: string; reason: string }[]) {
  if (!failures.length) return
  await trx.raw(
    `update import_row r set result = 'failed', fail_reason = x.reason, applied_at = now(), updated_at = now()
       from jsonb_to_recordset(?::jsonb) as x(row_id text, reason text) where r.id = x.row_id`,
    [JSON.stringify(failures)]
  )
  await trx.raw(`delete from cbo_import_batch where row_id = any(?)`, [failures.map((f) => f.row_id)])
}

/**
 * Commits the next batch of unapplied rows (new and update, not excluded)
 * in one transaction. Returns the rows it applied; `row_ids` is empty when
 * nothing is left.
 */
export async function commitBatch(
  knex: Knex,
  runId: string,
  ctx: ImportContext,
  opts: { batchSize?: number; afterRowNumber?: number; toRowNumber?: number } = {}
): Promise<BatchResult> {
  const batchSize = opts.batchSize ?? 1000
  const after = opts.afterRowNumber ?? 0
  const upTo = opts.toRowNumber ?? null
  return knex.transaction(async (trx) => {
    const run: RunInfo | undefined = await trx("import_run").where({ id: runId }).first("id", "file_name", "created_by")
    if (!run) throw new Error(`Import run ${runId} was not found`)
    const rows = await trx("import_row")
      .where({ run_id: runId, excluded: false })
      .whereIn("action", ["new", "update"])
      .whereNull("applied_at")
      .whereNull("deleted_at")
      .andWhere("row_number", ">", after)
      .modify((q) => {
        if (upTo !== null) q.andWhere("row_number", "<=", upTo)
      })
      .orderBy("row_number")
      .limit(batchSize)
      .forUpdate()
      .select("id", "row_number", "values", "customer_id", "action")
    if (!rows.length) return { row_ids: [], created: [], updated: [], failed: 0, last_row_number: null }

    // Validated again with today's categories and stores (in memory); what
    // could have changed in the database since the review (an email or a
    // customer ID number taken, a customer deleted) is checked in SQL below.
    const failures: { row_id: string; reason: string }[] = []
    const batch: Record<string, unknown>[] = []
    rows.forEach((r) => {
      const e = validateValues(r.values as Record<string, string>, ctx)
      const isNew = r.action === "new"
      if (Object.keys(e.errors).length) {
        failures.push({
          row_id: r.id,
          reason: Object.entries(e.errors)
            .map(([k, m]) => `${k}: ${m}`)
            .join("; "),
        })
        return
      }
      if (!r.customer_id) {
        failures.push({ row_id: r.id, reason: "No customer id was assigned (confirm the import again)" })
        return
      }
      const d = e.row.data
      const day = (v?: string) => (v ? `${v}T00:00:00Z` : null)
      batch.push({
        row_id: r.id,
        row_number: r.row_number,
        customer_id: r.customer_id,
        is_new: isNew,
        email: d.email ?? null,
        first_name: d.first_name ?? null,
        last_name: d.last_name ?? null,
        company_name: d.company_name ?? null,
        phone: d.phone ?? null,
        phone_original: d.phone_original ?? null,
        alt_phone: d.alt_phone ?? null,
        alt_phone_original: d.alt_phone_original ?? null,
        ...Object.fromEntries(
          PROFILE_FIELDS.map((f) => {
            const v = d[f.key as ProfileFieldKey]
            return [f.key, f.kind === "date" ? day(v) : (v ?? null)]
          })
        ),
        referral_source_id: d.referral_source_id ?? null,
        has_profile: PROFILE_KEYS.some((k) => d[k] !== undefined),
        profile_id: isNew || PROFILE_KEYS.some((k) => d[k] !== undefined) ? bulkEntityId("cprof") : null,
        address_company: d.address_company ?? null,
        address_1: d.address_1 ?? null,
        address_2: d.address_2 ?? null,
        city: d.city ?? null,
        province: d.province ?? null,
        postal_code: d.postal_code ?? null,
        country_code: d.country_code ? d.country_code.toLowerCase() : null,
        address_phone: d.address_phone ?? null,
        has_address: ADDRESS_KEYS.some((k) => d[k] !== undefined),
        address_id: ADDRESS_KEYS.some((k) => d[k] !== undefined) ? bulkEntityId("cuaddr") : null,
        group_ids: d.group_ids ?? [],
        channel_ids: d.channel_ids ?? [],
        opt_out: d.marketing_opt_out ?? null,
        note: d.note ?? null,
        consent_id: d.marketing_opt_out !== undefined ? bulkEntityId("ccons") : null,
        ...tradeBatchValues(d.trade),
      })
    })

    await trx.raw(`create temp table cbo_import_batch (${BATCH_COLUMNS}) on commit drop`)
    await copyRows(trx, "cbo_import_batch", BATCH_FIELDS, batch.map((b) => BATCH_FIELDS.map((f) => b[f])))
    // The planner must know the batch is small next to the customer tables:
    // without statistics on the temporary table, and with the default
    // random_page_cost (4, spinning disks), every statement below hashed
    // the WHOLE customer / address table for each batch (a cost growing
    // with the store) instead of probing its indexes once per batch row.
    // Both settings only steer plans, for this transaction only.
    await trx.raw(`set local random_page_cost = 1.1; analyze cbo_import_batch`)
    await failRows(trx, failures)

    // Changed since the review: a new customer's email now taken by another
    // live customer of the same kind (guest), an updated customer deleted.
    const { rows: stale } = await trx.raw(
      `select b.row_id,
              case when b.is_new then 'A customer with this email was created after the review'
                   else 'The customer was deleted after the review' end as reason
         from cbo_import_batch b
        where (b.is_new and exists (
                select 1 from customer c
                 where lower(coalesce(c.email, '')) = lower(b.email) and c.deleted_at is null
                   and not c.has_account and c.id <> b.customer_id))
           or (not b.is_new and not exists (
                select 1 from customer c where c.id = b.customer_id and c.deleted_at is null))`
    )
    await failRows(trx, stale)

    // Customer ID numbers taken by someone else meanwhile, or twice in this
    // batch; one customer written by two rows of the batch.
    const { rows: clashes } = await trx.raw(
      `with w as (
         select row_id, customer_number,
                row_number() over (partition by customer_id order by row_number) as nth_customer,
                case when customer_number is null then 1
                     else row_number() over (partition by customer_number order by row_number) end as nth_number
           from cbo_import_batch
       )
       select w.row_id,
              case when w.nth_customer > 1 then 'Another row of the file imports this customer'
                   else 'customer_number: belongs to another customer' end as reason
         from w
        where w.nth_customer > 1 or w.nth_number > 1
           or (w.customer_number is not null and exists (
                select 1 from customer_profile p join cbo_import_batch b on b.row_id = w.row_id
                 where p.deleted_at is null and p.customer_number = w.customer_number
                   and p.customer_id <> b.customer_id))`
    )
    await failRows(trx, clashes)
    const tradeFailures = await tradeClashes(trx)
    await failRows(trx, tradeFailures)

    // Before-images of updated customers, taken once.
    await trx.raw(
      `update import_row r set before_image = jsonb_build_object(
          'customer', (select jsonb_build_object('first_name', c.first_name, 'last_name', c.last_name,
                         'company_name', c.company_name, 'phone', c.phone)
                         from customer c where c.id = r.customer_id),
          'profile', (select to_jsonb(p) from customer_profile p
                       where p.customer_id = r.customer_id and p.deleted_at is null),
          'address', (select to_jsonb(a) from customer_address a
                       where a.customer_id = r.customer_id and a.is_default_shipping and a.deleted_at is null limit 1),
          'consent', (select to_jsonb(cc) from customer_consent cc
                       where cc.customer_id = r.customer_id and cc.deleted_at is null),
          ${TRADE_BEFORE_IMAGE})
         from cbo_import_batch b
        where r.id = b.row_id and not b.is_new and r.before_image is null`
    )

    const { rows: inserted } = await trx.raw(
      `insert into customer (id, email, first_name, last_name, company_name, phone, has_account, created_by, created_at, updated_at)
       select customer_id, email, first_name, last_name, company_name, phone, false, ?, now(), now()
         from cbo_import_batch where is_new
       on conflict (id) do update set deleted_at = null, updated_at = now()
        where customer.deleted_at is not null
       returning id`,
      [run.created_by]
    )
    await trx.raw(
      `update customer c set
          first_name = coalesce(b.first_name, c.first_name),
          last_name = coalesce(b.last_name, c.last_name),
          company_name = coalesce(b.company_name, c.company_name),
          phone = coalesce(b.phone, c.phone),
          updated_at = now()
         from cbo_import_batch b
        where c.id = b.customer_id and not b.is_new and c.deleted_at is null`
    )
    await trx.raw(
      `insert into customer_profile (id, customer_id, ${FIELD_KEYS.join(", ")},
          phone_original, alt_phone, alt_phone_original, referral_source_id,
          origin, created_at, updated_at)
       select b.profile_id, b.customer_id, ${FIELD_KEYS.map((k) => `b.${k}`).join(", ")},
          b.phone_original, b.alt_phone, b.alt_phone_original, b.referral_source_id,
          case when b.is_new then 'import'
               when c.created_by is not null then 'admin'
               when c.has_account then 'storefront'
               else 'checkout' end,
          now(), now()
         from cbo_import_batch b join customer c on c.id = b.customer_id
        where b.is_new or b.has_profile
       on conflict (customer_id) where deleted_at is null do update set
          ${FIELD_KEYS.map((k) => `${k} = coalesce(excluded.${k}, customer_profile.${k}),`).join("\n          ")}
          phone_original = coalesce(excluded.phone_original, customer_profile.phone_original),
          alt_phone = coalesce(excluded.alt_phone, customer_profile.alt_phone),
          alt_phone_original = coalesce(excluded.alt_phone_original, customer_profile.alt_phone_original),
          referral_source_id = coalesce(excluded.referral_source_id, customer_profile.referral_source_id),
          updated_at = now()`
    )
    await trx.raw(
      `update customer_address a set
          company = coalesce(b.address_company, a.company),
          address_1 = coalesce(b.address_1, a.address_1),
          address_2 = coalesce(b.address_2, a.address_2),
          city = coalesce(b.city, a.city),
          province = coalesce(b.province, a.province),
          postal_code = coalesce(b.postal_code, a.postal_code),
          country_code = coalesce(b.country_code, a.country_code),
          phone = coalesce(b.address_phone, a.phone),
          updated_at = now()
         from cbo_import_batch b
        where b.has_address and not b.is_new
          and a.customer_id = b.customer_id and a.is_default_shipping and a.deleted_at is null`
    )
    await trx.raw(
      `insert into customer_address (id, customer_id, is_default_shipping, is_default_billing, company,
          first_name, last_name, address_1, address_2, city, country_code, province, postal_code, phone,
          created_at, updated_at)
       select b.address_id, b.customer_id,
          not exists (select 1 from customer_address x where x.customer_id = b.customer_id and x.is_default_shipping),
          not exists (select 1 from customer_address x where x.customer_id = b.customer_id and x.is_default_billing),
          b.address_company, c.first_name, c.last_name, b.address_1, b.address_2, b.city, b.country_code,
          b.province, b.postal_code, b.address_phone, now(), now()
         from cbo_import_batch b join customer c on c.id = b.customer_id
        where b.has_address and not exists (
          select 1 from customer_address a
           where a.customer_id = b.customer_id and a.is_default_shipping and a.deleted_at is null)
       on conflict (id) do nothing`
    )
    const deactivated = await writeTradeAccounts(trx)
    await trx.raw(
      `insert into customer_group_customer (id, customer_id, customer_group_id, created_by, created_at, updated_at)
       select 'cusgc_' || upper(substr(md5(b.customer_id || g.gid || ?), 1, 26)), b.customer_id, g.gid, ?, now(), now()
         from cbo_import_batch b cross join lateral jsonb_array_elements_text(b.group_ids) as g(gid)
        where exists (select 1 from customer_group cg where cg.id = g.gid and cg.deleted_at is null)
          and not exists (select 1 from customer_group_customer m
                           where m.customer_id = b.customer_id and m.customer_group_id = g.gid and m.deleted_at is null)
       on conflict (id) do nothing`,
      [runId, runId]
    )
    await trx.raw(
      `insert into ${CUSTOMER_STORES_TABLE} (id, customer_id, sales_channel_id, created_at, updated_at)
       select ? || b.row_number || '_' || s.n, b.customer_id, s.sid, now(), now()
         from cbo_import_batch b cross join lateral jsonb_array_elements_text(
                case when b.is_new and jsonb_array_length(b.channel_ids) = 0 then ?::jsonb else b.channel_ids end
              ) with ordinality as s(sid, n)
       on conflict (customer_id, sales_channel_id) do update
          set deleted_at = null, updated_at = now()
        where ${CUSTOMER_STORES_TABLE}.deleted_at is not null`,
      [linkPrefix(runId), JSON.stringify(ctx.allChannelIds)]
    )
    await trx.raw(
      `insert into consent_event (id, customer_id, kind, subject, old_value, new_value, source, actor_id, created_at, updated_at)
       select 'cevt_' || upper(substr(md5(b.row_id || ?), 1, 26)), b.customer_id, 'opt_out', null,
              coalesce(cc.marketing_opt_out, false)::text, b.opt_out::text, 'import', ?, now(), now()
         from cbo_import_batch b
         left join customer_consent cc on cc.customer_id = b.customer_id and cc.deleted_at is null
        where b.opt_out is not null and coalesce(cc.marketing_opt_out, false) <> b.opt_out
       on conflict (id) do nothing`,
      [runId, runId]
    )
    await trx.raw(
      `insert into customer_consent (id, customer_id, marketing_opt_out, created_at, updated_at)
       select b.consent_id, b.customer_id, b.opt_out, now(), now()
         from cbo_import_batch b
        -- a new customer who does not opt out needs no row (no row = not opted out)
        where b.opt_out is not null and (b.opt_out or not b.is_new)
       on conflict (customer_id) where deleted_at is null do update
          set marketing_opt_out = excluded.marketing_opt_out, updated_at = now()
        where customer_consent.marketing_opt_out <> excluded.marketing_opt_out`
    )
    await trx.raw(
      `insert into customer_note (id, customer_id, body, author_id, pinned, created_at, updated_at)
       select ? || b.row_number, b.customer_id, b.note, ?, false, now(), now()
         from cbo_import_batch b
        where b.note is not null and not exists (
          select 1 from customer_note n where n.customer_id = b.customer_id and n.body = b.note and n.deleted_at is null)
       on conflict (id) do nothing`,
      [notePrefix(runId), run.created_by]
    )
    await trx.raw(
      `insert into timeline_entry (id, customer_id, kind, summary, data, actor_type, actor_id, created_at, updated_at)
       select ? || b.row_number, b.customer_id, 'customer.imported',
              'Imported by run ' || ? || ' (' || ? || '): ' || case when b.is_new then 'created' else 'updated' end,
              jsonb_build_object('run_id', ?::text, 'file_name', ?::text, 'row_number', b.row_number,
                                 'action', case when b.is_new then 'created' else 'updated' end),
              'import', ?, now(), now()
         from cbo_import_batch b
       on conflict (id) do nothing`,
      [timelinePrefix(runId), runId, run.file_name, runId, run.file_name, runId]
    )
    // The timeline's snapshot of core fields follows the import, so the next
    // edit in Medusa's screens is diffed against the imported values.
    await trx.raw(
      `insert into timeline_customer_snapshot (id, customer_id, "values", created_at, updated_at)
       select 'ctls_' || upper(substr(md5(c.id || ?), 1, 26)), c.id,
              jsonb_build_object('first_name', c.first_name, 'last_name', c.last_name, 'email', c.email,
                                 'phone', c.phone, 'company_name', c.company_name),
              now(), now()
         from cbo_import_batch b join customer c on c.id = b.customer_id
       on conflict (customer_id) where deleted_at is null do update
          set "values" = excluded."values", updated_at = now()`,
      [runId]
    )
    const { rows: applied } = await trx.raw(
      `update import_row r set applied_at = now(), written_at = now(), updated_at = now(),
              result = case when b.is_new then 'created' else 'updated' end, fail_reason = null
         from cbo_import_batch b where r.id = b.row_id
       returning r.id, r.customer_id, r.result`
    )
    void inserted
    return {
      row_ids: rows.map((r) => r.id),
      created: applied.filter((a: { result: string }) => a.result === "created").map((a: { customer_id: string }) => a.customer_id),
      updated: applied.filter((a: { result: string }) => a.result === "updated").map((a: { customer_id: string }) => a.customer_id),
      failed: failures.length + stale.length + clashes.length + tradeFailures.length,
      last_row_number: rows[rows.length - 1].row_number,
      deactivated,
      actor_id: run.created_by,
    }
  })
}
