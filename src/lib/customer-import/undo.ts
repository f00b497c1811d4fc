/** Undo of a committed import (or of some of its rows). */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { PROFILE_FIELDS } from "../profile-fields/fields"
import { fieldType, linkPrefix, notePrefix } from "./batch"

import type { UndoSkippedCustomer as UndoSkipped } from "../../types/customer-import"
import { CUSTOMER_STORES_TABLE } from "../core-sql/tables"
import { TRADE_CHANGED_SINCE, undoTradeAccounts } from "./trade-sql"

export type { UndoSkipped }

/**
 * Undoes a committed run in one transaction: created customers are soft
 * deleted, updated ones get their before-images back, categories, stores
 * and notes the import added are removed, the opt-out is restored (with a
 * consent-history entry). Customers changed since the import (updated_at
 * later than the import wrote it) are left alone and returned. `rowIds`
 * limits the undo to some rows (a batch's compensation).
 */
export async function undoRows(
  knex: Knex,
  runId: string,
  opts: { rowIds?: string[]; actorId?: string | null } = {}
): Promise<{ undone: number; skipped: UndoSkipped[]; trade_customer_ids: string[] }> {
  return knex.transaction(async (trx) => {
    const rowFilter = opts.rowIds ? "and r.id = any(?)" : ""
    const args = opts.rowIds ? [runId, opts.rowIds] : [runId]
    const { rows: skipped } = await trx.raw(
      `select r.customer_id, c.email,
              case when c.id is null or c.deleted_at is not null then 'Deleted since the import'
                   else 'Changed since the import' end as reason
         from import_row r left join customer c on c.id = r.customer_id
        where r.run_id = ? and r.deleted_at is null ${rowFilter} and r.result in ('created', 'updated')
          and (c.id is null or c.deleted_at is not null or c.updated_at > r.written_at
               or exists (select 1 from customer_profile p where p.customer_id = r.customer_id
                           and p.deleted_at is null and p.updated_at > r.written_at)
               or ${TRADE_CHANGED_SINCE})
        order by r.row_number`,
      args
    )
    await trx.raw(
      `create temp table cbo_import_undo on commit drop as
       select r.id as row_id, r.row_number, r.customer_id, r.result, r.before_image
         from import_row r join customer c on c.id = r.customer_id
        where r.run_id = ? and r.deleted_at is null ${rowFilter} and r.result in ('created', 'updated')
          and c.deleted_at is null and c.updated_at <= r.written_at
          and not exists (select 1 from customer_profile p where p.customer_id = r.customer_id
                           and p.deleted_at is null and p.updated_at > r.written_at)
          and not ${TRADE_CHANGED_SINCE}`,
      args
    )
    // Trade accounts first (created customers' are removed with them).
    const tradeCustomerIds = await undoTradeAccounts(trx)
    // Created customers: soft delete with their addresses, categories and stores.
    await trx.raw(
      `update customer_address set deleted_at = now(), updated_at = now()
        where customer_id in (select customer_id from cbo_import_undo where result = 'created') and deleted_at is null`
    )
    await trx.raw(
      `update customer_group_customer set deleted_at = now(), updated_at = now()
        where customer_id in (select customer_id from cbo_import_undo where result = 'created') and deleted_at is null`
    )
    await trx.raw(
      `update ${CUSTOMER_STORES_TABLE} set deleted_at = now(), updated_at = now()
        where customer_id in (select customer_id from cbo_import_undo where result = 'created') and deleted_at is null`
    )
    await trx.raw(
      `update customer set deleted_at = now(), updated_at = now()
        where id in (select customer_id from cbo_import_undo where result = 'created')`
    )
    // Updated customers: before-images back.
    await trx.raw(
      `update customer c set
          first_name = u.before_image->'customer'->>'first_name',
          last_name = u.before_image->'customer'->>'last_name',
          company_name = u.before_image->'customer'->>'company_name',
          phone = u.before_image->'customer'->>'phone',
          updated_at = now()
         from cbo_import_undo u where c.id = u.customer_id and u.result = 'updated'`
    )
    await trx.raw(
      `update customer_profile p set deleted_at = now(), updated_at = now()
         from cbo_import_undo u
        where p.customer_id = u.customer_id and u.result = 'updated' and p.deleted_at is null
          and jsonb_typeof(u.before_image->'profile') = 'null'`
    )
    await trx.raw(
      `update customer_profile p set
          ${PROFILE_FIELDS.map((f) => `${f.key} = (b->>'${f.key}')::${fieldType(f)},`).join("\n          ")}
          phone_original = b->>'phone_original', alt_phone = b->>'alt_phone',
          alt_phone_original = b->>'alt_phone_original', referral_source_id = b->>'referral_source_id',
          updated_at = now()
         from (select customer_id, before_image->'profile' as b from cbo_import_undo
                where result = 'updated' and jsonb_typeof(before_image->'profile') = 'object') u
        where p.customer_id = u.customer_id and p.deleted_at is null`
    )
    await trx.raw(
      `update customer_address a set deleted_at = now(), is_default_shipping = false, is_default_billing = false,
              updated_at = now()
         from cbo_import_undo u
        where a.customer_id = u.customer_id and u.result = 'updated' and a.deleted_at is null
          and a.is_default_shipping and jsonb_typeof(u.before_image->'address') = 'null'`
    )
    await trx.raw(
      `update customer_address a set
          company = b->>'company', address_1 = b->>'address_1', address_2 = b->>'address_2', city = b->>'city',
          province = b->>'province', postal_code = b->>'postal_code', country_code = b->>'country_code',
          phone = b->>'phone', updated_at = now()
         from (select before_image->'address' as b from cbo_import_undo
                where result = 'updated' and jsonb_typeof(before_image->'address') = 'object') u
        where a.id = u.b->>'id'`
    )
    await trx.raw(
      `insert into consent_event (id, customer_id, kind, subject, old_value, new_value, source, actor_id, created_at, updated_at)
       select 'cevt_' || upper(substr(md5(u.row_id || 'undo' || ?), 1, 26)), u.customer_id, 'opt_out', null,
              cc.marketing_opt_out::text, coalesce((u.before_image->'consent'->>'marketing_opt_out')::boolean, false)::text,
              'import', ?, now(), now()
         from cbo_import_undo u
         join customer_consent cc on cc.customer_id = u.customer_id and cc.deleted_at is null
        where u.result = 'updated'
          and cc.marketing_opt_out <> coalesce((u.before_image->'consent'->>'marketing_opt_out')::boolean, false)
       on conflict (id) do nothing`,
      [runId, runId]
    )
    await trx.raw(
      `update customer_consent cc
          set marketing_opt_out = coalesce((u.before_image->'consent'->>'marketing_opt_out')::boolean, false),
              updated_at = now()
         from cbo_import_undo u
        where cc.customer_id = u.customer_id and u.result = 'updated' and cc.deleted_at is null
          and cc.marketing_opt_out <> coalesce((u.before_image->'consent'->>'marketing_opt_out')::boolean, false)`
    )
    await trx.raw(
      `update customer_group_customer set deleted_at = now(), updated_at = now()
        where created_by = ? and deleted_at is null
          and customer_id in (select customer_id from cbo_import_undo where result = 'updated')`,
      [runId]
    )
    await trx.raw(
      `update ${CUSTOMER_STORES_TABLE} set deleted_at = now(), updated_at = now()
        where deleted_at is null and id like ? || '%'
          and customer_id in (select customer_id from cbo_import_undo where result = 'updated')`,
      [linkPrefix(runId)]
    )
    await trx.raw(
      `update customer_note n set deleted_at = now(), updated_at = now()
         from cbo_import_undo u
        where n.id = ? || u.row_number and n.customer_id = u.customer_id and n.deleted_at is null`,
      [notePrefix(runId)]
    )
    await trx.raw(
      `insert into timeline_entry (id, customer_id, kind, summary, data, actor_type, actor_id, created_at, updated_at)
       select 'ctl_undo_' || ? || '_' || u.row_number, u.customer_id, 'customer.import_undone',
              'Import run ' || ? || ' undone: ' || case when u.result = 'created' then 'customer removed' else 'previous values restored' end,
              jsonb_build_object('run_id', ?::text, 'row_number', u.row_number), 'user', ?, now(), now()
         from cbo_import_undo u
       on conflict (id) do nothing`,
      [runId, runId, runId, opts.actorId ?? null]
    )
    await trx.raw(
      `update timeline_customer_snapshot s
          set "values" = jsonb_build_object('first_name', c.first_name, 'last_name', c.last_name, 'email', c.email,
                                            'phone', c.phone, 'company_name', c.company_name),
              updated_at = now()
         from cbo_import_undo u join customer c on c.id = u.customer_id
        where s.customer_id = u.customer_id and s.deleted_at is null and u.result = 'updated'`
    )
    const { rows: undone } = await trx.raw(
      `update import_row r set result = null, applied_at = null, written_at = null, updated_at = now()
         from cbo_import_undo u where r.id = u.row_id returning r.id`
    )
    return { undone: undone.length, skipped: skipped as UndoSkipped[], trade_customer_ids: tradeCustomerIds }
  })
}
