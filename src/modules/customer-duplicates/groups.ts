import type { Confidence } from "./models/duplicate-pair"

/** A stored pair as the grouping reads it (reason codes, not labels). */
export type GroupPair = {
  id: string
  customer_a_id: string
  customer_b_id: string
  score: number
  confidence: Confidence
  reasons: string[]
  detected_at: Date
}

export type PairGroup = {
  /** The id of the group's best pair (a pair's own id for a group of two). */
  id: string
  /** Every member, by id. */
  customer_ids: string[]
  /** The best pair's score. */
  score: number
  confidence: Confidence
  /** Reason codes of its pairs, the best pair's first. */
  reasons: string[]
  detected_at: Date
  /** The pairs that make the group, highest score first. */
  pairs: GroupPair[]
}

const byScore = (a: { score: number; id: string }, b: { score: number; id: string }) =>
  b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Groups of customers that may be one person: the connected groups of the
 * *likely* pairs (A ≈ B and B ≈ C make one group of three, though A and C
 * alone may not have been paired), each holding the possible pairs inside it
 * too. A *possible* pair between customers not already in one likely group
 * stays a group of two: possible links (family members at one address, a
 * shared landline) never chain customers together. Highest score first.
 */
export function groupPairs(pairs: GroupPair[]): PairGroup[] {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let r = x
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!
    // path compression
    let c = x
    while (c !== r) {
      const next = parent.get(c)!
      parent.set(c, r)
      c = next
    }
    return r
  }
  const union = (a: string, b: string) => {
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x)
    const ra = find(a)
    const rb = find(b)
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb)
  }
  for (const p of pairs) if (p.confidence === "likely") union(p.customer_a_id, p.customer_b_id)

  const components = new Map<string, GroupPair[]>()
  const single: GroupPair[] = []
  for (const p of pairs) {
    const inOne = parent.has(p.customer_a_id) && parent.has(p.customer_b_id) && find(p.customer_a_id) === find(p.customer_b_id)
    if (!inOne) {
      single.push(p)
      continue
    }
    const root = find(p.customer_a_id)
    components.set(root, [...(components.get(root) ?? []), p])
  }

  const groups: PairGroup[] = []
  for (const list of components.values()) {
    list.sort(byScore)
    const best = list.find((p) => p.confidence === "likely") ?? list[0]
    const members = [...new Set(list.flatMap((p) => [p.customer_a_id, p.customer_b_id]))].sort()
    const reasons = [...new Set([...best.reasons, ...list.filter((p) => p.confidence === "likely").flatMap((p) => p.reasons)])]
    groups.push({
      id: best.id,
      customer_ids: members,
      score: best.score,
      confidence: "likely",
      reasons,
      detected_at: new Date(Math.max(...list.map((p) => new Date(p.detected_at).getTime()))),
      pairs: list,
    })
  }
  for (const p of single) {
    groups.push({
      id: p.id,
      customer_ids: [p.customer_a_id, p.customer_b_id],
      score: p.score,
      confidence: p.confidence,
      reasons: p.reasons,
      detected_at: p.detected_at,
      pairs: [p],
    })
  }
  return groups.sort(byScore)
}
