import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { Migration20261123050000 } from "./Migration20261123050000"

/**
 * Written by hand: every write of the points ledger as one server-side
 * function (credit, debit, reverse, expiry), so each is one statement, one
 * round trip, and holds the account row lock only while it runs.
 *
 * The ledger pattern (docs/ledger.md), shared by every function:
 * 1. a replayed idempotency key answers the first entry and locks nothing
 *    (`cbo_points_replay`, which also refuses a key of another customer);
 * 2. the account row is locked first — by the statement that moves its
 *    balance, like a plain counter, when the account exists, has the points
 *    and `next_expiry_at` (a lower bound of its lots' expiries) has not
 *    passed; else by `cbo_points_lock_account` (created if missing), then
 *    lots past their date are expired (`cbo_points_expire_account`) and the
 *    balance checked. A debit short of points with nothing overdue is
 *    refused on the last committed balance without taking the lock. Lots
 *    are written only under their account's lock;
 * 3. the entry is inserted (a concurrent call that wrote the same key
 *    meanwhile wins: the balance is put back and its entry answered);
 * 4. the lots are taken, updated and allocated in one statement
 *    (`cbo_points_take_lots`, soonest-expiring first).
 * The CHECK constraints (balance >= 0, 0 <= remaining <= points,
 * 0 <= reversed <= points) stay the last line of defence.
 */
export class Migration20261207142500 extends Migration {
  override async up(): Promise<void> {
    // The lower bound starts exact.
    this.addSql(`
update points_account a set next_expiry_at = (
  select min(l.expires_at) from points_lot l
   where l.account_id = a.id and l.remaining > 0 and l.deleted_at is null
);`)

    this.addSql(`
create or replace function cbo_points_lock_account(p_customer_id text, p_account_id text, p_code text)
returns points_account
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
declare
  acc points_account;
  attempt integer := 0;
begin
  loop
    select * into acc from points_account
     where customer_id = p_customer_id and deleted_at is null for update;
    if found then
      return acc;
    end if;
    attempt := attempt + 1;
    if attempt > 8 or p_account_id is null then
      raise exception 'Could not create a loyalty account';
    end if;
    -- A clash on the code (or a concurrent creation) inserts nothing: look again.
    insert into points_account (id, customer_id, code, enrolled, balance)
    values (p_account_id || case when attempt > 1 then '_' || attempt else '' end, p_customer_id,
            case when attempt > 1 then p_code || attempt else p_code end, false, 0)
    on conflict do nothing;
  end loop;
end
$fn$;`)

    this.addSql(`
create or replace function cbo_points_replay(p_idempotency_key text, p_customer_id text)
returns points_entry
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
declare
  ent points_entry;
begin
  select * into ent from points_entry where idempotency_key = p_idempotency_key and deleted_at is null;
  if found and ent.customer_id <> p_customer_id then
    raise exception 'Idempotency key % was already used for another customer', p_idempotency_key
      using errcode = 'P0002';
  end if;
  return ent;
end
$fn$;`)

    // Lots already locked with their accounts: one expire entry per lot (key
    // expire:<lot id>), lots emptied, balances reduced, in one statement.
    this.addSql(`
create or replace function cbo_points_expire_lots(p_lot_ids text[], p_now timestamptz, p_source_id text)
returns table (customer_id text, points bigint, lots integer)
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
#variable_conflict use_column
begin
  return query
  with due as (
    select l.id, l.account_id, l.customer_id, l.remaining,
           a.balance - sum(l.remaining) over (partition by l.account_id order by l.expires_at, l.id) as balance_after
      from points_lot l
      join points_account a on a.id = l.account_id
     where l.id = any(p_lot_ids) and l.remaining > 0 and l.expires_at <= p_now
  ), ins as (
    insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
      actor_type, actor_id, source_type, source_id, idempotency_key, lot_id, reversed)
    select 'ptsent_' || upper(replace(gen_random_uuid()::text, '-', '')), d.account_id, d.customer_id,
           'expire', -d.remaining, d.balance_after, 'Points expired', 'system', null, 'job', p_source_id,
           'expire:' || d.id, d.id, 0
      from due d
    on conflict (idempotency_key) where deleted_at is null do nothing
    returning lot_id, account_id, customer_id, -points as points
  ), emptied as (
    update points_lot l set remaining = 0, expired_at = p_now, updated_at = now()
      from ins where l.id = ins.lot_id
  ), balances as (
    update points_account a set balance = a.balance - s.points, updated_at = now()
      from (select account_id, sum(points) as points from ins group by account_id) s
     where a.id = s.account_id
  )
  select ins.customer_id, sum(ins.points)::bigint, count(*)::integer from ins group by ins.customer_id;
end
$fn$;`)

    // The skipped check: nothing can be due before next_expiry_at.
    this.addSql(`
create or replace function cbo_points_expire_account(p_account points_account, p_now timestamptz)
returns points_account
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
declare
  acc points_account;
begin
  if p_account.next_expiry_at is null or p_account.next_expiry_at > p_now then
    return p_account;
  end if;
  perform * from cbo_points_expire_lots(array(
    select id from points_lot
     where account_id = p_account.id and remaining > 0 and deleted_at is null and expires_at <= p_now
     order by expires_at, id for update
  ), p_now, 'debit');
  update points_account a
     set next_expiry_at = (select min(l.expires_at) from points_lot l
                            where l.account_id = a.id and l.remaining > 0 and l.deleted_at is null)
   where a.id = p_account.id
  returning * into acc;
  return acc;
end
$fn$;`)

    // Takes p_points from the account's lots (p_prefer_lot_id first, then
    // soonest-expiring first) for the entry p_entry_id, with an allocation
    // per lot; the caller holds the account lock and has checked the
    // balance. The lots are walked along the account's lot index only as far
    // as needed (a long-standing customer may hold hundreds of lots), then
    // updated by primary key and allocated, in one statement.
    this.addSql(`
create or replace function cbo_points_take_lots(
  p_account_id text, p_entry_id text, p_points integer, p_prefer_lot_id text
) returns void
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
declare
  need integer := p_points;
  first_take integer;
  taken bigint;
begin
  if p_prefer_lot_id is not null then
    select least(l.remaining, need) into first_take from points_lot l
     where l.id = p_prefer_lot_id and l.account_id = p_account_id and l.remaining > 0 and l.deleted_at is null;
    if coalesce(first_take, 0) > 0 then
      with upd as (
        update points_lot set remaining = remaining - first_take, updated_at = now() where id = p_prefer_lot_id
      )
      insert into points_allocation (id, entry_id, lot_id, points, reversed)
      values ('ptsalc_' || upper(replace(gen_random_uuid()::text, '-', '')), p_entry_id, p_prefer_lot_id, first_take, 0);
      need := need - first_take;
    end if;
  end if;
  if need = 0 then
    return;
  end if;
  with recursive walk as (
    (select l.id, l.expires_at, l.remaining, l.remaining::bigint as run
       from points_lot l
      where l.account_id = p_account_id and l.remaining > 0 and l.deleted_at is null
      order by l.account_id, l.expires_at, l.id limit 1)
    union all
    (select n.id, n.expires_at, n.remaining, w.run + n.remaining
       from walk w cross join lateral (
         select l.id, l.expires_at, l.remaining from points_lot l
          where l.account_id = p_account_id and l.remaining > 0 and l.deleted_at is null
            and (l.expires_at, l.id) > (w.expires_at, w.id)
          order by l.account_id, l.expires_at, l.id limit 1
       ) n
      where w.run < need)
  ), pick as (
    select walk.id, least(walk.remaining, need - (walk.run - walk.remaining))::integer as take from walk
  ), upd as (
    -- by primary key, whatever the planner thinks of the walk's size
    update points_lot l set remaining = l.remaining - pick.take, updated_at = now()
      from pick where l.id = pick.id and l.id = any(array(select pick.id from pick))
    returning l.id, pick.take
  ), alloc as (
    insert into points_allocation (id, entry_id, lot_id, points, reversed)
    select 'ptsalc_' || upper(replace(gen_random_uuid()::text, '-', '')), p_entry_id, upd.id, upd.take, 0 from upd
  )
  select coalesce(sum(upd.take), 0) into taken from upd;
  if taken <> need then
    -- Balance and lots disagree: refuse rather than lose a point.
    raise exception 'Points lots do not cover the balance';
  end if;
end
$fn$;`)

    // Credit and debit: a replayed key answers the first entry and locks
    // nothing. Otherwise the account row is locked by the statement that
    // moves its balance — like a plain counter — unless the account is new,
    // short of points or has lots past their date, which take the long way
    // (lock, expire, check). The entry is then inserted; should a concurrent
    // call with the same key have written it meanwhile, the balance is put
    // back and that entry answered.
    this.addSql(`
create or replace function cbo_points_credit(
  p_customer_id text, p_points integer, p_kind text, p_reason text,
  p_actor_type text, p_actor_id text, p_source_type text, p_source_id text,
  p_idempotency_key text, p_metadata jsonb, p_earned_at timestamptz, p_expires_at timestamptz,
  p_entry_id text, p_lot_id text, p_account_id text, p_code text
) returns setof points_entry
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
declare
  acc points_account;
  ent points_entry;
begin
  ent := cbo_points_replay(p_idempotency_key, p_customer_id);
  if ent.id is not null then
    return next ent;
    return;
  end if;
  update points_account
     set balance = balance + p_points, next_expiry_at = least(next_expiry_at, p_expires_at), updated_at = now()
   where customer_id = p_customer_id and deleted_at is null
  returning * into acc;
  if not found then
    acc := cbo_points_lock_account(p_customer_id, p_account_id, p_code);
    update points_account
       set balance = balance + p_points, next_expiry_at = least(next_expiry_at, p_expires_at), updated_at = now()
     where id = acc.id
    returning * into acc;
  end if;
  insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
    actor_type, actor_id, source_type, source_id, idempotency_key, lot_id, reverses_entry_id, reversed, metadata)
  values (p_entry_id, acc.id, p_customer_id, p_kind, p_points, acc.balance, p_reason,
    p_actor_type, p_actor_id, p_source_type, p_source_id, p_idempotency_key, p_lot_id, null, 0, p_metadata)
  on conflict (idempotency_key) where deleted_at is null do nothing
  returning * into ent;
  if not found then
    update points_account set balance = balance - p_points where id = acc.id;
    return next cbo_points_replay(p_idempotency_key, p_customer_id);
    return;
  end if;
  insert into points_lot (id, account_id, customer_id, entry_id, points, remaining, earned_at, expires_at)
  values (p_lot_id, acc.id, p_customer_id, p_entry_id, p_points, p_points, p_earned_at, p_expires_at);
  return next ent;
end
$fn$;`)

    this.addSql(`
create or replace function cbo_points_debit(
  p_customer_id text, p_points integer, p_kind text, p_reason text,
  p_actor_type text, p_actor_id text, p_source_type text, p_source_id text,
  p_idempotency_key text, p_metadata jsonb, p_now timestamptz,
  p_entry_id text, p_account_id text, p_code text
) returns setof points_entry
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
declare
  acc points_account;
  ent points_entry;
begin
  ent := cbo_points_replay(p_idempotency_key, p_customer_id);
  if ent.id is not null then
    return next ent;
    return;
  end if;
  update points_account set balance = balance - p_points, updated_at = now()
   where customer_id = p_customer_id and deleted_at is null
     and balance >= p_points and next_expiry_at > p_now
  returning * into acc;
  if not found then
    -- Short of points as last committed, nothing overdue: refused without
    -- taking the lock (nothing is written either way).
    select * into acc from points_account where customer_id = p_customer_id and deleted_at is null;
    if found and (acc.next_expiry_at is null or acc.next_expiry_at > p_now) and acc.balance < p_points then
      ent := cbo_points_replay(p_idempotency_key, p_customer_id);
      if ent.id is not null then
        return next ent;
        return;
      end if;
      raise exception 'Not enough points: balance %', acc.balance using errcode = 'P0001';
    end if;
    acc := cbo_points_lock_account(p_customer_id, p_account_id, p_code);
    -- Points past their date cannot be spent: expire them first (same keys as the job).
    acc := cbo_points_expire_account(acc, p_now);
    if p_points > acc.balance then
      ent := cbo_points_replay(p_idempotency_key, p_customer_id);
      if ent.id is not null then
        return next ent;
        return;
      end if;
      raise exception 'Not enough points: balance %', acc.balance using errcode = 'P0001';
    end if;
    update points_account set balance = balance - p_points, updated_at = now() where id = acc.id
    returning * into acc;
  end if;
  insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
    actor_type, actor_id, source_type, source_id, idempotency_key, lot_id, reverses_entry_id, reversed, metadata)
  values (p_entry_id, acc.id, p_customer_id, p_kind, -p_points, acc.balance, p_reason,
    p_actor_type, p_actor_id, p_source_type, p_source_id, p_idempotency_key, null, null, 0, p_metadata)
  on conflict (idempotency_key) where deleted_at is null do nothing
  returning * into ent;
  if not found then
    update points_account set balance = balance + p_points where id = acc.id;
    return next cbo_points_replay(p_idempotency_key, p_customer_id);
    return;
  end if;
  perform cbo_points_take_lots(acc.id, p_entry_id, p_points, null);
  return next ent;
end
$fn$;`)

    // A debit's reversal gives the points back to the lots it took them from,
    // latest-expiring first (points of lots past their date are given back and
    // expired at once); a credit's reversal removes up to the balance, from
    // the credit's own lot first, and records the shortfall.
    this.addSql(`
create or replace function cbo_points_reverse(
  p_entry_id text, p_points integer, p_reason text, p_actor_type text, p_actor_id text,
  p_idempotency_key text, p_metadata jsonb, p_now timestamptz, p_new_entry_id text
) returns setof points_entry
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
declare
  acc points_account;
  ent points_entry;
  orig points_entry;
  v_customer_id text;
  v_left integer;
  v_points integer;
  v_taken integer;
  v_expired integer;
  v_live_expiry timestamptz;
begin
  select customer_id into v_customer_id from points_entry where id = p_entry_id;
  if not found then
    raise exception 'Points entry % not found', p_entry_id using errcode = 'P0003';
  end if;
  acc := cbo_points_lock_account(v_customer_id, null, null);
  ent := cbo_points_replay(p_idempotency_key, v_customer_id);
  if ent.id is not null then
    return next ent;
    return;
  end if;
  select * into orig from points_entry where id = p_entry_id;
  if orig.kind in ('expire', 'reversal') then
    raise exception 'A % entry cannot be reversed', orig.kind using errcode = 'P0001';
  end if;
  v_left := abs(orig.points) - orig.reversed;
  v_points := coalesce(p_points, v_left);
  if v_points <= 0 or v_points > v_left then
    if v_left <= 0 then
      raise exception 'Points entry % is already fully reversed', orig.id using errcode = 'P0001';
    end if;
    raise exception 'Only % points of entry % can still be reversed', v_left, orig.id using errcode = 'P0001';
  end if;

  if orig.points < 0 then
    -- Latest-expiring lots first.
    with open_allocs as (
      select a.id, a.lot_id, a.points - a.reversed as open_pts, l.expires_at, l.expires_at > p_now as live,
             sum(a.points - a.reversed) over (order by l.expires_at desc, a.id desc) as run
        from points_allocation a join points_lot l on l.id = a.lot_id
       where a.entry_id = orig.id and a.points > a.reversed
    ), give as (
      select o.id, o.lot_id, o.expires_at, o.live, least(o.open_pts, v_points - (o.run - o.open_pts))::integer as pts
        from open_allocs o where o.run - o.open_pts < v_points
    ), lots as (
      update points_lot l set remaining = l.remaining + give.pts, updated_at = now()
        from give where l.id = give.lot_id and give.live
    ), allocs as (
      update points_allocation x set reversed = x.reversed + give.pts, updated_at = now()
        from give where x.id = give.id
    )
    select coalesce(sum(give.pts), 0), coalesce(sum(give.pts) filter (where not give.live), 0),
           min(give.expires_at) filter (where give.live)
      into v_taken, v_expired, v_live_expiry from give;
    if v_taken <> v_points then
      raise exception 'Allocations do not cover the reversal';
    end if;
    insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
      actor_type, actor_id, source_type, source_id, idempotency_key, lot_id, reverses_entry_id, reversed, metadata)
    values (p_new_entry_id, acc.id, orig.customer_id, 'reversal', v_points, acc.balance + v_points, p_reason,
      p_actor_type, p_actor_id, orig.source_type, orig.source_id, p_idempotency_key, null, orig.id, 0,
      case when v_expired > 0 then coalesce(p_metadata, '{}'::jsonb) || jsonb_build_object('expired_on_return', v_expired)
           else p_metadata end)
    returning * into ent;
    if v_expired > 0 then
      -- The lots' date has passed: the returned points expire at once.
      insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
        actor_type, actor_id, source_type, source_id, idempotency_key, lot_id, reverses_entry_id, reversed, metadata)
      values ('ptsent_' || upper(replace(gen_random_uuid()::text, '-', '')), acc.id, orig.customer_id, 'expire',
        -v_expired, acc.balance + v_points - v_expired, 'Points expired (returned after their expiry date)',
        'system', null, 'reversal', ent.id, 'expire:reversal:' || ent.id, null, null, 0, null);
    end if;
    update points_account
       set balance = balance + v_points - v_expired,
           next_expiry_at = least(next_expiry_at, v_live_expiry), updated_at = now()
     where id = acc.id;
  else
    acc := cbo_points_expire_account(acc, p_now);
    v_taken := least(v_points, acc.balance);
    if v_taken > 0 then
      perform cbo_points_take_lots(acc.id, p_new_entry_id, v_taken, orig.lot_id);
    end if;
    with bal as (
      update points_account set balance = balance - v_taken, updated_at = now() where id = acc.id
    )
    insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
      actor_type, actor_id, source_type, source_id, idempotency_key, lot_id, reverses_entry_id, reversed, metadata)
    values (p_new_entry_id, acc.id, orig.customer_id, 'reversal', -v_taken, acc.balance - v_taken, p_reason,
      p_actor_type, p_actor_id, orig.source_type, orig.source_id, p_idempotency_key, null, orig.id, 0,
      coalesce(p_metadata, '{}'::jsonb) || jsonb_build_object('requested', v_points, 'shortfall', v_points - v_taken))
    returning * into ent;
  end if;
  update points_entry set reversed = reversed + v_points where id = orig.id;
  return next ent;
end
$fn$;`)

    // The expiry job: up to p_limit lots past their date, soonest first; their
    // accounts locked in id order, then the lots. No row back with lots
    // found means they were taken meanwhile (retry = true).
    this.addSql(`
create or replace function cbo_points_expire_due(p_now timestamptz, p_limit integer, p_source_id text)
returns table (customer_id text, points bigint, lots integer, retry boolean)
language plpgsql volatile set plan_cache_mode = force_generic_plan as $fn$
#variable_conflict use_column
declare
  v_candidates text[];
  v_locked text[];
begin
  select array_agg(c.id) into v_candidates from (
    select l.id from points_lot l
     where l.remaining > 0 and l.deleted_at is null and l.expires_at <= p_now
     order by l.expires_at, l.id limit p_limit
  ) c;
  if v_candidates is null then
    return;
  end if;
  perform 1 from points_account a
   where a.id in (select l.account_id from points_lot l where l.id = any(v_candidates))
   order by a.id for update;
  v_locked := array(
    select l.id from points_lot l
     where l.id = any(v_candidates) and l.remaining > 0 and l.expires_at <= p_now
     order by l.expires_at, l.id for update
  );
  if cardinality(v_locked) = 0 then
    return query select null::text, 0::bigint, 0::integer, true;
    return;
  end if;
  return query select e.customer_id, e.points, e.lots, false from cbo_points_expire_lots(v_locked, p_now, p_source_id) e;
end
$fn$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists cbo_points_expire_due(timestamptz, integer, text);`)
    this.addSql(`drop function if exists cbo_points_reverse(text, integer, text, text, text, text, jsonb, timestamptz, text);`)
    this.addSql(`drop function if exists cbo_points_credit(text, integer, text, text, text, text, text, text, text, jsonb, timestamptz, timestamptz, text, text, text, text);`)
    this.addSql(`drop function if exists cbo_points_take_lots(text, text, integer, text);`)
    this.addSql(`drop function if exists cbo_points_expire_account(points_account, timestamptz);`)
    this.addSql(`drop function if exists cbo_points_expire_lots(text[], timestamptz, text);`)
    this.addSql(`drop function if exists cbo_points_replay(text, text);`)
    this.addSql(`drop function if exists cbo_points_lock_account(text, text, text);`)
    // cbo_points_debit back to its previous body (it used none of the functions above).
    const previous = new Migration20261123050000(this.driver, this.config)
    await previous.up()
    for (const sql of previous.getQueries()) this.addSql(sql as string)
  }
}
