import IORedis, { type RedisOptions } from "ioredis"

export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) {
      u.password = "***"
    }
    return u.toString()
  } catch {
    return "(invalid Redis URL)"
  }
}

/** Options every connection handed to BullMQ needs. */
export const BULLMQ_CONNECTION_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: null,
  enableReadyCheck: true,
  lazyConnect: true,
}

/** ioredis options parsed from a Redis URL, for connections BullMQ creates itself. */
export function workerConnectionOptions(url: string): RedisOptions {
  const parser = new IORedis(url, { lazyConnect: true })
  const { host, port, username, password, db, tls, family, path } = parser.options
  parser.disconnect()
  return {
    host,
    port,
    username,
    password,
    db,
    tls,
    family,
    path,
    maxRetriesPerRequest: null,
    connectionName: "cbo-worker",
  }
}

export type RedisProbe =
  | { ok: true; warnings: string[] }
  | { ok: false; error: string }

/**
 * Connects once with a short timeout and no retries, and reads the settings
 * BullMQ's production guide asks for (persistence, `noeviction`).
 */
export async function probeRedis(
  url: string,
  timeoutMs = 2_000
): Promise<RedisProbe> {
  const client = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  // ioredis reports the cause (e.g. ECONNREFUSED) as an event and rejects
  // with a generic "Connection is closed": keep the cause.
  let cause: string | null = null
  client.on("error", (err: Error) => {
    cause = cause ?? err.message
  })
  try {
    await client.connect()
    await client.ping()
    return { ok: true, warnings: await readProductionWarnings(client) }
  } catch (e) {
    return { ok: false, error: cause ?? ((e as Error).message || String(e)) }
  } finally {
    client.disconnect()
  }
}

async function readProductionWarnings(client: IORedis): Promise<string[]> {
  const warnings: string[] = []
  let policy: string | undefined
  let aof: string | undefined
  let save: string | undefined
  try {
    policy = ((await client.config("GET", "maxmemory-policy")) as string[])[1]
    aof = ((await client.config("GET", "appendonly")) as string[])[1]
    save = ((await client.config("GET", "save")) as string[])[1]
  } catch {
    // CONFIG is disabled on some managed Redis services: fall back to INFO.
    const info = await client.info()
    policy = /maxmemory_policy:(\S+)/.exec(info)?.[1]
    aof = /aof_enabled:(\d)/.exec(info)?.[1] === "1" ? "yes" : "no"
    save = undefined
  }
  if (policy && policy !== "noeviction") {
    warnings.push(
      `Redis maxmemory-policy is "${policy}": Redis may evict queued jobs under memory pressure. Set "maxmemory-policy noeviction".`
    )
  }
  if (aof !== "yes" && !save) {
    warnings.push(
      `Redis keeps nothing on disk (appendonly no, no RDB save points): waiting jobs are lost if Redis restarts. Set "appendonly yes" (job history itself is kept in PostgreSQL).`
    )
  }
  return warnings
}
