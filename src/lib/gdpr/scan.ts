import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import IORedis from "ioredis"
import { StringDecoder } from "string_decoder"
import { to as copyTo } from "pg-copy-streams"
import type { FormerValues } from "./former-values"
import { q, type TableColumns } from "./places"
import { copyIn, FormerValueMatcher, inJson } from "./value-matcher"

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

type CopyConnection = { query(stream: unknown): NodeJS.ReadableStream }
type PoolClient = { acquireConnection(): Promise<CopyConnection>; releaseConnection(c: unknown): Promise<void> }

/**
 * Streams `COPY (<select>) TO STDOUT` (text format) and hands over whole
 * lines, many rows at a time (never a row cut in two). On a transaction the
 * COPY runs inside it (knex hands out the transaction's own connection).
 */
export async function readCopy(conn: CopyConnection, select: string, onRows: (rows: string) => void): Promise<void> {
  const stream = conn.query(copyTo(`COPY (${select}) TO STDOUT`))
  const decoder = new StringDecoder("utf8")
  let rest = ""
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + decoder.write(chunk)
    const cut = text.lastIndexOf("\n")
    if (cut < 0) {
      rest = text
      continue
    }
    onRows(text.slice(0, cut))
    rest = text.slice(cut + 1)
  }
  rest += decoder.end()
  if (rest) onRows(rest.endsWith("\n") ? rest.slice(0, -1) : rest)
}

/** A pooled connection of `knex` (the transaction's own on a transaction), released after `fn`. */
export async function withConnection<T>(knex: Knex, fn: (conn: CopyConnection) => Promise<T>): Promise<T> {
  const client = (knex as unknown as { client: PoolClient }).client
  const conn = await client.acquireConnection()
  try {
    return await fn(conn)
  } finally {
    await client.releaseConnection(conn)
  }
}

const lines = (rows: string) => {
  let n = 1
  for (let i = rows.indexOf("\n"); i >= 0; i = rows.indexOf("\n", i + 1)) n++
  return n
}

/**
 * Searches every text and JSON column of every table of the schema (not
 * only the registered ones) for the former values: one sequential read per
 * table, streamed out with COPY and searched here, many rows at a time —
 * a block of rows without any former value in it (nearly all of them) costs
 * a lower-casing and one substring search per value; only a block that may
 * hold one is split into rows and columns and checked by each column's rule
 * (FormerValueMatcher). Hits name the table.column, the rows matched and up
 * to 10 row ids.
 */
export async function scanDatabase(
  knex: Knex,
  values: FormerValues,
  columns: TableColumns,
  onTable?: (done: number, total: number) => Promise<void>
): Promise<ScanReport> {
  const matcher = new FormerValueMatcher(values)
  const report: ScanReport = { tables: 0, columns: 0, rows: 0, hits: [] }
  const tables = scanTargets(columns)
  await withConnection(knex, async (conn) => {
    let done = 0
    for (const { table, cols } of tables) {
      const hasId = columns.get(table)!.has("id")
      const select = [hasId ? `"id"::text` : "NULL::text", ...cols.map((c) => c.text)].join(", ")
      const counts = cols.map(() => 0)
      const ids = cols.map(() => [] as string[])
      await readCopy(conn, `SELECT ${select} FROM ${q(table)}`, (rows) => {
        report.rows += lines(rows)
        if (matcher.empty || !matcher.inChunk(rows.toLowerCase())) return
        for (const line of rows.split("\n")) {
          const fields = line.split("\t")
          cols.forEach((c, i) => {
            if (!matcher.inField(fields[i + 1] ?? "\\N", c.isJson)) return
            counts[i]++
            const id = copyIn(fields[0])
            if (id && ids[i].length < 10) ids[i].push(id)
          })
        }
      })
      report.tables++
      report.columns += cols.length
      cols.forEach((c, i) => {
        if (counts[i]) report.hits.push({ place: `${table}.${c.column}`, rows: counts[i], ids: hasId ? ids[i] : undefined })
      })
      done++
      await onTable?.(done, tables.length)
    }
  })
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
