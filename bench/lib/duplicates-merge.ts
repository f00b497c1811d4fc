/**
 * The merge part of bench:duplicates: a primary and a secondary customer
 * (fixed ids, created once in SQL: the secondary with 1,000 orders, 10
 * addresses and 500 points entries written by the ledger's own function),
 * merged through the host's route and the merge undone through its route.
 * Prints the seconds of both and checks that the registry checksum (src/lib/
 * customer-merge/checksum.ts, as the merge spec does) is the same before the
 * merge and after the undo.
 */
import knexFactory from "knex"
import { adminToken, startHostProcess, stopHostProcess } from "./host"
import { customerDataChecksum } from "../../src/lib/customer-merge/checksum"

const PRIMARY = "cus_01BMRG0000000000000000000001"
const SECONDARY = "cus_01BMRG0000000000000000000002"
const ORDERS = 1_000
const ADDRESSES = 10
const POINTS_ENTRIES = 500

type Opts = { dbUrl: string; port: number; hostEnv: NodeJS.ProcessEnv; out: (s: string) => void }

async function ensureMergeCustomers(knex: ReturnType<typeof knexFactory>) {
  const have = await knex.raw(`select count(*)::int as n from customer where id in (?, ?)`, [PRIMARY, SECONDARY])
  if (have.rows[0].n === 2) return
  await knex.transaction(async (trx) => {
    await trx.raw(
      `insert into customer (id, first_name, last_name, email, phone, has_account, created_at, updated_at) values
         (?, 'Margarethe', 'Oßwald-Brüning', 'margarethe.osswald@example.org', '+4917100000001', true, now(), now()),
         (?, 'Grete', 'Osswald-Bruning', 'grete.ob@example.net', '+4917100000002', false, now(), now())`,
      [PRIMARY, SECONDARY]
    )
    await trx.raw(
      `insert into customer_address (id, customer_id, first_name, last_name, address_1, city, postal_code, country_code,
                                     is_default_shipping, is_default_billing, created_at, updated_at)
       select 'cuaddr_01BMRGP', ?, 'Margarethe', 'Oßwald-Brüning', 'Lindenstraße 4', 'Würzburg', '97070', 'de', true, true, now(), now()
       union all
       select 'cuaddr_01BMRGS' || i, ?, 'Grete', 'Osswald-Bruning', 'Lindenstraße ' || i, 'Würzburg', '9707' || (i % 10), 'de',
              i = 1, i = 1, now() - (i || ' days')::interval, now()
         from generate_series(1, ?::int) i`,
      [PRIMARY, SECONDARY, ADDRESSES]
    )
    await trx.raw(
      `insert into order_address (id, customer_id, first_name, last_name, address_1, city, country_code, postal_code, created_at, updated_at)
       select 'ordaddr_01BMRG' || lpad(o::text, 6, '0'), ?, 'Grete', 'Osswald-Bruning', 'Lindenstraße 4', 'Würzburg', 'de', '97070', now(), now()
         from generate_series(1, ?::int) o`,
      [SECONDARY, ORDERS]
    )
    await trx.raw(
      `insert into "order" (id, customer_id, currency_code, status, is_draft_order, email, version, shipping_address_id, billing_address_id, created_at, updated_at)
       select 'order_01BMRG' || lpad(o::text, 6, '0'), ?, 'eur', 'completed', false, 'grete.ob@example.net', 1,
              'ordaddr_01BMRG' || lpad(o::text, 6, '0'), 'ordaddr_01BMRG' || lpad(o::text, 6, '0'),
              now() - (o || ' hours')::interval, now()
         from generate_series(1, ?::int) o`,
      [SECONDARY, ORDERS]
    )
    // the points through the ledger's own function (balance = Σ entries = Σ lots)
    for (let i = 1; i <= POINTS_ENTRIES; i++) {
      const p = String(i).padStart(6, "0")
      await trx.raw(
        `select id from cbo_points_credit(?, ?, 'manual_add', 'bench', 'user', null, null, null, ?, null,
                                          now() - (? || ' days')::interval, now() + ((365 - ?) || ' days')::interval,
                                          ?, ?, 'ptsacc_01BMRGS', '900000000002')`,
        [SECONDARY, 10 + (i % 7), `bench-merge:${p}`, i % 300, i % 300, `ptsent_01BMRG${p}`, `ptslot_01BMRG${p}`]
      )
    }
  })
}

export async function benchMerge({ dbUrl, port, hostEnv, out }: Opts) {
  const knex = knexFactory({ client: "pg", connection: dbUrl, pool: { min: 1, max: 2 } })
  await ensureMergeCustomers(knex)
  out(`merge: starting the host on port ${port} …`)
  const host = await startHostProcess(port, hostEnv)
  try {
    const token = await adminToken(port)
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`http://localhost:${port}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      })
      const data = (await res.json()) as any
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(data)}`)
      return data
    }
    // a merge left by an interrupted run is undone first
    const left = await knex.raw(`select id from customer_merge where primary_id = ? and status = 'completed' and deleted_at is null`, [PRIMARY])
    for (const r of left.rows) await call(`/admin/backoffice/merges/${r.id}/undo`, {})

    const counts = async () =>
      (
        await knex.raw(
          `select (select count(*)::int from "order" where customer_id = ?) as orders,
                  (select count(*)::int from customer_address where customer_id = ? and deleted_at is null) as addresses,
                  (select count(*)::int from points_entry where customer_id = ? and deleted_at is null) as entries`,
          [SECONDARY, SECONDARY, SECONDARY]
        )
      ).rows[0]
    const before = await counts()
    const sumBefore = await customerDataChecksum(knex, [PRIMARY, SECONDARY])
    const t0 = performance.now()
    const { merge } = await call(`/admin/backoffice/customers/${PRIMARY}/merge`, { secondary_ids: [SECONDARY] })
    const mergeMs = performance.now() - t0
    const moved = (await knex.raw(`select count(*)::int as n from "order" where customer_id = ?`, [PRIMARY])).rows[0].n
    const t1 = performance.now()
    await call(`/admin/backoffice/merges/${merge.id}/undo`, {})
    const undoMs = performance.now() - t1
    const sumAfter = await customerDataChecksum(knex, [PRIMARY, SECONDARY])
    const differing = Object.keys({ ...sumBefore, ...sumAfter }).filter(
      (t) => JSON.stringify(sumBefore[t]) !== JSON.stringify(sumAfter[t])
    )
    const tables = Object.values(sumBefore).filter((v) => v.rows > 0).length
    out(
      `merge of a secondary with ${before.orders} orders, ${before.addresses} addresses, ${before.entries} points entries: ` +
        `${(mergeMs / 1000).toFixed(2)} s (${moved} orders on the primary after it); undo ${(undoMs / 1000).toFixed(2)} s; ` +
        `checksum of ${Object.keys(sumBefore).length} registry tables (${tables} holding rows) ${
          differing.length
            ? `DIFFERS in ${differing.map((t) => `${t} (${sumBefore[t]?.rows ?? 0} → ${sumAfter[t]?.rows ?? 0} rows)`).join(", ")}`
            : "restored"
        }`
    )
    return {
      secondary: before,
      merge_s: Number((mergeMs / 1000).toFixed(2)),
      undo_s: Number((undoMs / 1000).toFixed(2)),
      orders_moved: moved,
      checksum_restored: differing.length === 0,
      checksum_differs_in: differing,
    }
  } finally {
    stopHostProcess(host)
    await knex.destroy()
  }
}
