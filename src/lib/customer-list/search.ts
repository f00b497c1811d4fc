/**
 * The text a customer is found by: name, email, phone and company, lower-cased.
 * The migration of module `customer_list` builds a pg_trgm GIN index on this
 * exact expression (keep both identical, or the index is not used).
 */
export function customerSearchSql(c = "c"): string {
  const col = (name: string) => `coalesce(${c}.${name}, '')`
  return `lower(${col("first_name")} || ' ' || ${col("last_name")} || ' ' || ${col("email")} || ' ' || ${col("phone")} || ' ' || ${col("company_name")})`
}

/** `q` as a LIKE pattern that matches it anywhere, with LIKE's wildcards escaped. */
export function containsPattern(q: string): string {
  const escaped = q.trim().toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)
  return `%${escaped}%`
}
