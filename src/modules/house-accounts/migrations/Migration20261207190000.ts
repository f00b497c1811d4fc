import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Written by hand: every house account ledger write (charge, payment, refund,
 * adjustment) as one server-side function, so each is one statement, one
 * round trip, and holds the account row lock only while it runs. It follows
 * the ledger pattern of the points ledger (docs/ledger.md):
 * 1. a replayed idempotency key answers the first entry and locks nothing; a
 *    key already used for another entry (account, kind or amount) is refused;
 * 2. the account row is locked by the statement that moves its balance, with
 *    the rules in its WHERE — for a charge: account active, at most the
 *    per-order maximum, not above the credit limit; for every kind: the
 *    balance stays in range. Payments, refunds and adjustments are accepted on
 *    an account on hold or closed, and an adjustment may cross the limit. A
 *    charge for a customer is then checked against the account's customers
 *    (a statement of its own: it sees what committed before the lock);
 * 3. when the fast UPDATE matches nothing, the long way: lock the row
 *    (FOR UPDATE), find which rule refuses — in the order status, customer,
 *    per-order maximum, credit limit, range — and refuse (a replay that
 *    committed meanwhile is answered instead), or move the balance;
 * 4. the entry is inserted ON CONFLICT (idempotency_key) DO NOTHING: should a
 *    concurrent call have written the same key meanwhile, the balance is put
 *    back and that entry answered.
 * Refusals are raised as `cbo_house_refusal<{json}>`; the service words them
 * exactly as before (src/modules/house-accounts/ledger.ts). The CHECK
 * constraints stay the last line of defence.
 */
export class Migration20261207190000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create or replace function cbo_house_refusal(p_code text, acc house_account, p_extra jsonb default '{}'::jsonb)
returns void
language plpgsql volatile as $fn$
begin
  raise exception 'cbo_house_refusal<%>', (jsonb_build_object(
    'code', p_code, 'account_id', acc.id, 'account_number', acc.account_number, 'status', acc.status,
    'currency_code', acc.currency_code, 'balance', acc.balance, 'credit_limit', acc.credit_limit,
    'order_limit', acc.order_limit) || p_extra)::text
    using errcode = 'P0001';
end
$fn$;`)

    this.addSql(`
create or replace function cbo_house_replay(
  p_idempotency_key text, p_account_id text, p_kind text, p_amount bigint
) returns house_account_entry
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
declare
  ent house_account_entry;
begin
  select * into ent from house_account_entry where idempotency_key = p_idempotency_key and deleted_at is null;
  if found and (ent.account_id <> p_account_id or ent.kind <> p_kind or ent.amount <> p_amount) then
    raise exception 'cbo_house_refusal<%>', jsonb_build_object(
      'code', 'key', 'kind', ent.kind, 'amount', ent.amount, 'entry_account_id', ent.account_id)::text
      using errcode = 'P0001';
  end if;
  return ent;
end
$fn$;`)

    this.addSql(`
create or replace function cbo_house_post_entry(
  p_account_id text, p_kind text, p_amount bigint, p_method text, p_reference text, p_reason text,
  p_customer_id text, p_actor_type text, p_actor_id text, p_source_type text, p_source_id text,
  p_idempotency_key text, p_metadata jsonb, p_entry_id text,
  out o_entry house_account_entry, out o_account house_account, out o_replayed boolean
)
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
declare
  max_amount constant bigint := 9007199254740991;
  is_charge constant boolean := p_kind = 'charge';
  acc house_account;
  v_code text;
begin
  o_replayed := true;
  o_entry := cbo_house_replay(p_idempotency_key, p_account_id, p_kind, p_amount);
  if o_entry.id is not null then
    select * into o_account from house_account where id = o_entry.account_id;
    return;
  end if;

  update house_account a
     set balance = a.balance + p_amount,
         last_payment_at = case when p_kind = 'payment' then now() else a.last_payment_at end,
         updated_at = now()
   where a.id = p_account_id and a.deleted_at is null
     and abs(a.balance + p_amount) <= max_amount
     and (not is_charge or (a.status = 'active'
          and (a.order_limit is null or p_amount <= a.order_limit)
          and a.balance + p_amount <= a.credit_limit))
  returning * into acc;

  if found then
    if is_charge and p_customer_id is not null then
      perform 1 from house_account_customer c
       where c.account_id = acc.id and c.customer_id = p_customer_id and c.deleted_at is null;
      if not found then
        v_code := 'customer';
      end if;
    end if;
  else
    select * into acc from house_account where id = p_account_id and deleted_at is null for update;
    if not found then
      raise exception 'cbo_house_refusal<%>', jsonb_build_object('code', 'not_found', 'account_id', p_account_id)::text
        using errcode = 'P0001';
    end if;
    if is_charge and acc.status <> 'active' then
      v_code := 'status';
    elsif is_charge and p_customer_id is not null and not exists (
      select 1 from house_account_customer c
       where c.account_id = acc.id and c.customer_id = p_customer_id and c.deleted_at is null) then
      v_code := 'customer';
    elsif is_charge and acc.order_limit is not null and p_amount > acc.order_limit then
      v_code := 'order_limit';
    elsif is_charge and acc.balance + p_amount > acc.credit_limit then
      v_code := 'credit_limit';
    elsif abs(acc.balance + p_amount) > max_amount then
      v_code := 'range';
    else
      update house_account a
         set balance = a.balance + p_amount,
             last_payment_at = case when p_kind = 'payment' then now() else a.last_payment_at end,
             updated_at = now()
       where a.id = acc.id
      returning * into acc;
    end if;
  end if;

  if v_code is not null then
    -- Nothing written; a concurrent call with the same key may have been.
    o_entry := cbo_house_replay(p_idempotency_key, p_account_id, p_kind, p_amount);
    if o_entry.id is not null then
      select * into o_account from house_account where id = o_entry.account_id;
      if v_code = 'customer' then
        -- the fast UPDATE moved the balance: put it back (same statement, same transaction)
        update house_account set balance = balance - p_amount where id = acc.id returning * into o_account;
      end if;
      return;
    end if;
    if v_code = 'customer' then
      acc.balance := acc.balance - p_amount;
    end if;
    perform cbo_house_refusal(v_code, acc, jsonb_build_object('amount', p_amount));
  end if;

  insert into house_account_entry (id, account_id, kind, amount, currency_code, balance_after, method,
    reference, reason, customer_id, actor_type, actor_id, source_type, source_id, idempotency_key, metadata)
  values (p_entry_id, acc.id, p_kind, p_amount, acc.currency_code, acc.balance, p_method,
    p_reference, p_reason, p_customer_id, p_actor_type, p_actor_id, p_source_type, p_source_id,
    p_idempotency_key, p_metadata)
  on conflict (idempotency_key) where deleted_at is null do nothing
  returning * into o_entry;
  if not found then
    -- Written meanwhile by a concurrent call with the same key: it wins.
    o_entry := cbo_house_replay(p_idempotency_key, p_account_id, p_kind, p_amount);
    update house_account a
       set balance = a.balance - p_amount,
           last_payment_at = case when p_kind = 'payment' then coalesce((
             select max(e.created_at) from house_account_entry e
              where e.account_id = a.id and e.kind = 'payment' and e.deleted_at is null), a.last_payment_at)
             else a.last_payment_at end
     where a.id = acc.id
    returning * into o_account;
    return;
  end if;
  o_account := acc;
  o_replayed := false;
end
$fn$;`)
  }

  override async down(): Promise<void> {
    this.addSql(
      `drop function if exists cbo_house_post_entry(text, text, bigint, text, text, text, text, text, text, text, text, text, jsonb, text);`
    )
    this.addSql(`drop function if exists cbo_house_replay(text, text, text, bigint);`)
    this.addSql(`drop function if exists cbo_house_refusal(text, house_account, jsonb);`)
  }
}
