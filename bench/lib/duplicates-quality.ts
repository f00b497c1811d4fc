/**
 * Precision and recall of the stored "likely" pairs against the generator's
 * persons (bench_duplicate_truth: customer → person, and what the record is:
 * a person's first record, a planted duplicate's kind, a household member or
 * a namesake). Only customers of the generator count (a bench merge's
 * customers are left out).
 */
import type { Client } from "pg"

const TRUTH = `
truth as (
  select t1.customer_id as a, t2.customer_id as b,
         case when t1.role in ('person', 'household', 'namesake') then t2.role else t1.role end as kind
    from bench_duplicate_truth t1
    join bench_duplicate_truth t2 on t2.entity = t1.entity and t1.customer_id < t2.customer_id
),
p as (
  select p.customer_a_id as a, p.customer_b_id as b, p.confidence, p.reasons
    from customer_duplicate_pair p
    join bench_duplicate_truth ta on ta.customer_id = p.customer_a_id
    join bench_duplicate_truth tb on tb.customer_id = p.customer_b_id
   where p.deleted_at is null
)`

export async function qualityOf(db: Client) {
  const [c] = (
    await db.query(`with ${TRUTH}
      select (select count(*) from p where confidence = 'likely')::int as likely,
             (select count(*) from p where confidence = 'possible')::int as possible,
             (select count(*) from truth)::int as true_pairs,
             (select count(*) from truth join p using (a, b) where p.confidence = 'likely')::int as tp,
             (select count(*) from truth join p using (a, b) where p.confidence = 'possible')::int as possible_true`)
  ).rows
  const byKind = (
    await db.query(`with ${TRUTH}
      select truth.kind, count(*)::int as pairs, count(p.a) filter (where p.confidence = 'likely')::int as found
        from truth left join p using (a, b) group by 1 order by 1`)
  ).rows as { kind: string; pairs: number; found: number }[]
  const falseByRoles = (
    await db.query(`with ${TRUTH}
      select least(ta.role, tb.role) || '+' || greatest(ta.role, tb.role) as roles, count(*)::int as n
        from p
        join bench_duplicate_truth ta on ta.customer_id = p.a
        join bench_duplicate_truth tb on tb.customer_id = p.b
       where p.confidence = 'likely' and not exists (select 1 from truth where truth.a = p.a and truth.b = p.b)
       group by 1 order by 2 desc limit 8`)
  ).rows as { roles: string; n: number }[]
  const falseByReasons = (
    await db.query(`with ${TRUTH}
      select p.reasons::text as reasons, count(*)::int as n
        from p
       where p.confidence = 'likely' and not exists (select 1 from truth where truth.a = p.a and truth.b = p.b)
       group by 1 order by 2 desc limit 8`)
  ).rows as { reasons: string; n: number }[]
  return {
    likely: c.likely as number,
    possible: c.possible as number,
    truePairs: c.true_pairs as number,
    tp: c.tp as number,
    possibleTrue: c.possible_true as number,
    precision: c.likely ? c.tp / c.likely : 1,
    recall: c.true_pairs ? c.tp / c.true_pairs : 1,
    byKind,
    falseByRoles,
    falseByReasons,
  }
}
