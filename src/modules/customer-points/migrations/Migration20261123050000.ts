import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Written by hand: the points debit as one server-side function, so a debit
 * is one round trip and holds the account lock only while it runs. It takes
 * the same locks in the same order as every other write (account row FOR
 * UPDATE, then its lots by expires_at, id); each statement inside sees what
 * was committed before the lock was granted (READ COMMITTED, volatile).
 */
export class Migration20261123050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create or replace function cbo_points_debit(
  p_customer_id text, p_points integer, p_kind text, p_reason text,
  p_actor_type text, p_actor_id text, p_source_type text, p_source_id text,
  p_idempotency_key text, p_metadata jsonb, p_now timestamptz,
  p_entry_id text, p_account_id text, p_code text
) returns setof points_entry
language plpgsql volatile as $fn$
declare
  acc points_account%rowtype;
  ent points_entry%rowtype;
  lot record;
  need integer := p_points;
  take integer;
  attempt integer := 0;
begin
  loop
    select * into acc from points_account
     where customer_id = p_customer_id and deleted_at is null for update;
    exit when found;
    attempt := attempt + 1;
    if attempt > 8 then
      raise exception 'Could not create a loyalty account';
    end if;
    insert into points_account (id, customer_id, code, enrolled, balance)
    values (p_account_id || case when attempt > 1 then '_' || attempt else '' end, p_customer_id,
            case when attempt > 1 then p_code || attempt else p_code end, false, 0)
    on conflict do nothing;
  end loop;

  select * into ent from points_entry where idempotency_key = p_idempotency_key and deleted_at is null;
  if found then
    if ent.customer_id <> p_customer_id then
      raise exception 'Idempotency key % was already used for another customer', p_idempotency_key
        using errcode = 'P0002';
    end if;
    return next ent;
    return;
  end if;

  -- Points past their date cannot be spent: expire them first (same keys as the job).
  for lot in
    select id, remaining from points_lot
     where account_id = acc.id and remaining > 0 and deleted_at is null and expires_at <= p_now
     order by expires_at, id for update
  loop
    acc.balance := acc.balance - lot.remaining;
    insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
      actor_type, source_type, source_id, idempotency_key, lot_id, reversed)
    values ('ptsent_' || upper(replace(gen_random_uuid()::text, '-', '')), acc.id, p_customer_id,
      'expire', -lot.remaining, acc.balance, 'Points expired', 'system', 'job', 'debit',
      'expire:' || lot.id, lot.id, 0)
    on conflict (idempotency_key) where deleted_at is null do nothing;
    update points_lot set remaining = 0, expired_at = p_now, updated_at = now() where id = lot.id;
  end loop;

  if p_points > acc.balance then
    raise exception 'Not enough points: balance %', acc.balance using errcode = 'P0001';
  end if;

  for lot in
    select id, remaining from points_lot
     where account_id = acc.id and remaining > 0 and deleted_at is null
     order by expires_at, id for update
  loop
    exit when need = 0;
    take := least(lot.remaining, need);
    update points_lot set remaining = remaining - take, updated_at = now() where id = lot.id;
    insert into points_allocation (id, entry_id, lot_id, points, reversed)
    values ('ptsalc_' || upper(replace(gen_random_uuid()::text, '-', '')), p_entry_id, lot.id, take, 0);
    need := need - take;
  end loop;
  if need > 0 then
    raise exception 'Points lots do not cover the balance';
  end if;

  update points_account set balance = acc.balance - p_points, updated_at = now() where id = acc.id;
  insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
    actor_type, actor_id, source_type, source_id, idempotency_key, reversed, metadata)
  values (p_entry_id, acc.id, p_customer_id, p_kind, -p_points, acc.balance - p_points, p_reason,
    p_actor_type, p_actor_id, p_source_type, p_source_id, p_idempotency_key, 0, p_metadata)
  returning * into ent;
  return next ent;
end
$fn$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists cbo_points_debit(text, integer, text, text, text, text, text, text, text, jsonb, timestamptz, text, text, text);`)
  }
}
