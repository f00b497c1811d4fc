/**
 * COPY (text format) of rows built in memory into a table, on a knex
 * connection or transaction: PostgreSQL parses COPY text far faster than
 * JSON, and the process builds one string instead of an object tree.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { from as copyFrom } from "pg-copy-streams"

/** COPY text-format escaping of one value (null → \N). */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N"
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")
}

/** One value as COPY text: booleans t/f, objects and arrays as JSON, dates ISO. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N"
  if (typeof value === "boolean") return value ? "t" : "f"
  if (value instanceof Date) return value.toISOString()
  if (typeof value === "object") return copyText(JSON.stringify(value))
  return copyText(String(value))
}

type CopyStream = NodeJS.WritableStream & { on(event: string, cb: (...args: unknown[]) => void): unknown }
type RawConnection = { query(stream: unknown): CopyStream }

/**
 * Copies `rows` (arrays of values in `columns` order) into `table`. On a
 * transaction the COPY runs inside it (knex hands out the transaction's
 * own connection).
 */
export async function copyRows(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][]
): Promise<void> {
  if (!rows.length) return
  const client = (db as unknown as {
    client: { acquireConnection(): Promise<RawConnection>; releaseConnection(c: unknown): Promise<void> }
  }).client
  const conn = await client.acquireConnection()
  try {
    const stream = conn.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`))
    const done = new Promise<void>((resolve, reject) => {
      stream.on("finish", () => resolve())
      stream.on("error", (e) => reject(e))
    })
    let text = ""
    for (const row of rows) {
      text += row.map(copyValue).join("\t") + "\n"
      if (text.length >= 65536) {
        if (!stream.write(text)) await new Promise((r) => stream.once("drain", r))
        text = ""
      }
    }
    stream.end(text)
    await done
  } finally {
    await client.releaseConnection(conn)
  }
}
