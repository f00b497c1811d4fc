import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import IORedis from "ioredis"
import type { FormerValues } from "./former-values"
import { likeEscape, q, type TableColumns } from "./places"

/** Where a former value was still found (never the value itself). */
export type ScanHit = { place: string; rows: number; ids?: string[] }

export type ScanReport = {
  tables: number
  columns: number
  rows: number
  hits: ScanHit[]
}

const TEXT_TYPES = new Set(["text", "character varying", "character", "json", "jsonb", "USER-DEFINED", "ARRAY"])

/** Which columns the scan reads: every text, varchar, char, json, jsonb and text-array column. */
function scannable(t: { data_type: string; udt_name: string }) {
  if (t.data_type === "ARRAY") return ["_text", "_varchar", "_jsonb", "_json"].includes(t.udt_name)
  if (t.data_type === "USER-DEFINED") return false
  return TEXT_TYPES.has(t.data_type)
}

/** A scanned column: its name, its value as text in SQL, whether it holds JSON. */
export type ScanColumn = { column: string; text: string; isJson: boolean }

/** The tables and columns the verification reads (every table with a text or JSON column). */
export function scanTargets(columns: TableColumns): { table: string; cols: ScanColumn[] }[] {
  return [...columns.entries()]
    .map(([table, cols]) => ({
      table,
      cols: [...cols.entries()]
        .filter(([, t]) => scannable(t))
        .map(([c, t]) => ({
          column: c,
          text: t.data_type === "ARRAY" ? `array_to_string(${q(c)}::text[], ' | ')` : `${q(c)}::text`,
          isJson: t.data_type === "json" || t.data_type === "jsonb" || ["_json", "_jsonb"].includes(t.udt_name),
        })),
    }))
    .filter(({ cols }) => cols.length)
}

/** A JSON string's text as it appears inside `json::text` (quotes and backslashes escaped). */
const inJson = (v: string) => JSON.stringify(v).slice(1, -1)

/**
 * Searches every text and JSON column of every table of the schema (not
 * only the registered ones) for the former values: one sequential read per
 * table counting matches per column, then the ids of the rows that matched.
 */
export async function scanDatabase(
  knex: Knex,
  values: FormerValues,
  columns: TableColumns,
  onTable?: (done: number, total: number) => Promise<void>
): Promise<ScanReport> {
  const longText = values.long.map((v) => `%${likeEscape(v)}%`)
  const longJson = values.long.map((v) => `%${likeEscape(inJson(v))}%`)
  const shortLower = values.short.map((v) => v.toLowerCase())
  const shortJson = values.short.map((v) => `%"${likeEscape(inJson(v))}"%`)
  const report: ScanReport = { tables: 0, columns: 0, rows: 0, hits: [] }
  const tables = scanTargets(columns)
  let done = 0
  for (const { table, cols } of tables) {
    const exprs = cols.map(({ column: c, text, isJson }) => {
      const parts: string[] = []
      const bindings: any[] = []
      if (values.long.length) {
        parts.push(`${text} ILIKE ANY(?)`)
        bindings.push(isJson ? longJson : longText)
      }
      if (values.short.length) {
        if (isJson) {
          parts.push(`${text} ILIKE ANY(?)`)
          bindings.push(shortJson)
        } else {
          parts.push(`lower(btrim(${text})) = ANY(?)`)
          bindings.push(shortLower)
        }
      }
      return { column: c, sql: parts.length ? `(${parts.join(" OR ")})` : "false", bindings }
    })
    const select = exprs.map((e, i) => `count(*) FILTER (WHERE ${e.sql}) AS c${i}`).join(", ")
    const { rows } = await knex.raw(`SELECT count(*) AS n, ${select} FROM ${q(table)}`, exprs.flatMap((e) => e.bindings))
    const counts = rows[0] as Record<string, string>
    report.tables++
    report.columns += cols.length
    report.rows += Number(counts.n)
    const hasId = columns.get(table)!.has("id")
    for (const [i, e] of exprs.entries()) {
      const n = Number(counts[`c${i}`])
      if (!n) continue
      let ids: string[] | undefined
      if (hasId) {
        const r = await knex.raw(`SELECT "id"::text AS id FROM ${q(table)} WHERE ${e.sql} LIMIT 10`, e.bindings)
        ids = (r.rows as { id: string }[]).map((x) => x.id)
      }
      report.hits.push({ place: `${table}.${e.column}`, rows: n, ids })
    }
    done++
    await onTable?.(done, tables.length)
  }
  return report
}

export type RedisScanReport = { keys: number; capped: boolean; hits: ScanHit[] }

/**
 * Reads every key of the Redis database (names and values: strings, hashes,
 * lists, sets, sorted sets, streams) and looks for the former values, up
 * to `maxKeys` keys.
 */
export async function scanRedis(url: string, values: FormerValues, maxKeys = 200_000): Promise<RedisScanReport> {
  const needles = [...values.long, ...values.short].map((v) => v.toLowerCase())
  const jsonNeedles = needles.map(inJson)
  const found = (s: string) => {
    const l = s.toLowerCase()
    return needles.some((n) => l.includes(n)) || jsonNeedles.some((n) => l.includes(n))
  }
  const redis = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  await redis.connect()
  const report: RedisScanReport = { keys: 0, capped: false, hits: [] }
  try {
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "COUNT", 500)
      cursor = next
      if (!keys.length) continue
      const types = (await redis.pipeline(keys.map((k) => ["type", k])).exec()) ?? []
      const reads = keys.map((k, i) => {
        const type = String(types[i]?.[1] ?? "none")
        if (type === "string") return ["get", k]
        if (type === "hash") return ["hgetall", k]
        if (type === "list") return ["lrange", k, "0", "-1"]
        if (type === "set") return ["smembers", k]
        if (type === "zset") return ["zrange", k, "0", "-1"]
        if (type === "stream") return ["xrange", k, "-", "+"]
        return ["exists", k]
      })
      const contents = (await redis.pipeline(reads).exec()) ?? []
      keys.forEach((k, i) => {
        const v = contents[i]?.[1]
        const text = typeof v === "string" ? v : JSON.stringify(v ?? "")
        if (!needles.length) return
        // a key whose very name holds a former value is not named in the certificate
        if (found(k)) report.hits.push({ place: "redis:(a key whose name holds a former value)", rows: 1 })
        else if (found(text)) report.hits.push({ place: `redis:${k}`, rows: 1 })
      })
      report.keys += keys.length
      if (report.keys >= maxKeys) {
        report.capped = cursor !== "0"
        break
      }
    } while (cursor !== "0")
  } finally {
    await redis.quit().catch(() => undefined)
  }
  return report
}
