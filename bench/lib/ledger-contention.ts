/**
 * The contention measure every ledger bench shares (bench:loyalty today;
 * bench:house-accounts reuses it as is for the house-account ledger, which
 * follows the same pattern — docs/ledger.md).
 *
 * Rounds of `concurrency` debits in parallel against ONE account, each its
 * own transaction on its own pool connection; after each round, as many
 * parallel plain atomic `UPDATE counter SET value = value - n WHERE value >= n`
 * on one row — the ceiling for one hot row on this machine — so both see the
 * same load. Under contention, throughput is one over the time the hot row
 * stays locked: the ratio ledger / UPDATE says how much longer a debit holds
 * the account row than a bare UPDATE holds its row.
 *
 * The caller funds the account before each round (untimed), runs the debits,
 * and checks correctness (lost updates, balance = Σ entries, replays).
 */
export type Query = <T = any>(sql: string, params?: unknown[]) => Promise<T[]>

export type ContentionOptions = {
  q: Query
  rounds: number
  concurrency: number
  /** Points (or cents) each debit and each counter UPDATE takes. */
  amount: number
  /** Credited to the account (and the counter) before each round. */
  fundPerRound: number
  /** Untimed: credit the account for round `round`. */
  fund(round: number): Promise<void>
  /** One debit of `amount`, the i-th of round `round`. */
  debit(round: number, i: number): Promise<unknown>
  /** A refusal the ledger is expected to answer (not enough balance). */
  isRefusal(error: unknown): boolean
  /** Untimed warm-up of the ledger path (connections, plans). */
  warmUp?(): Promise<void>
  onUnexpected?(error: unknown): void
}

export type ContentionResult = {
  ops: number
  applied: number
  refused: number
  unexpected: number
  ledgerMs: number
  counterMs: number
  counterApplied: number
  ledgerRate: number
  counterRate: number
  ratio: number
}

export async function measureContention(o: ContentionOptions): Promise<ContentionResult> {
  await o.q("create table if not exists bench_counter (id int primary key, value bigint not null)")
  await o.q("insert into bench_counter (id, value) values (1, 0) on conflict (id) do update set value = 0")
  let counterMs = 0
  let counterApplied = 0
  const counterRound = async (timed: boolean) => {
    await o.q("update bench_counter set value = value + ? where id = 1", [o.fundPerRound])
    const t0 = performance.now()
    const rows = await Promise.all(
      Array.from({ length: o.concurrency }, () =>
        o.q("update bench_counter set value = value - ? where id = 1 and value >= ? returning value", [o.amount, o.amount])
      )
    )
    if (timed) {
      counterMs += performance.now() - t0
      counterApplied += rows.filter((x) => x.length).length
    }
  }
  // warm-up (connections, plans, JIT) for both paths, not timed
  await counterRound(false)
  await o.warmUp?.()

  let ledgerMs = 0
  let applied = 0
  let refused = 0
  let unexpected = 0
  // rounds alternate ledger / counter so both see the same machine load
  for (let r = 0; r < o.rounds; r++) {
    await o.fund(r)
    const t0 = performance.now()
    const results = await Promise.allSettled(Array.from({ length: o.concurrency }, (_, i) => o.debit(r, i)))
    ledgerMs += performance.now() - t0
    for (const res of results) {
      if (res.status === "fulfilled") applied++
      else if (o.isRefusal(res.reason)) refused++
      else {
        unexpected++
        o.onUnexpected?.(res.reason)
      }
    }
    await counterRound(true)
  }
  const ops = o.rounds * o.concurrency
  const ledgerRate = (ops * 1000) / ledgerMs
  const counterRate = (ops * 1000) / counterMs
  return {
    ops,
    applied,
    refused,
    unexpected,
    ledgerMs,
    counterMs,
    counterApplied,
    ledgerRate,
    counterRate,
    ratio: ledgerRate / counterRate,
  }
}
