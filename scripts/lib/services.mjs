// Checks that PostgreSQL and Redis answer; returns human messages for what is
// missing, with the command that starts it (shared/services.md). Works before
// node_modules exists (then it only checks that something listens).
import { createRequire } from "node:module"
import net from "node:net"
import path from "node:path"
import { fileURLToPath } from "node:url"

const rootRequire = createRequire(
  path.join(path.dirname(fileURLToPath(import.meta.url)), "../../package.json")
)

export const START_POSTGRES =
  "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
export const START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log'

function tryRequire(name) {
  try {
    return rootRequire(name)
  } catch {
    return null
  }
}

/** Fallback before node_modules exists: does something answer on host:port? */
function tcpProbe(host, port, payload, expect) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    let buf = ""
    const done = (err) => {
      socket.destroy()
      resolve(err)
    }
    socket.setTimeout(2000, () => done("timed out"))
    socket.on("error", (e) => done(e.message))
    socket.on("connect", () => {
      if (!payload) return done(null)
      socket.write(payload)
    })
    socket.on("data", (d) => {
      buf += d
      if (expect(buf)) done(null)
    })
  })
}

/** null when PostgreSQL answers, else the reason. */
export async function checkPostgres(databaseUrl) {
  const pg = tryRequire("pg")
  const u = new URL(databaseUrl)
  if (!pg) {
    return tcpProbe(u.hostname || "localhost", Number(u.port || 5432))
  }
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query("select 1")
    return null
  } catch (e) {
    return e.message || String(e)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** null when Redis answers PING, else the reason. */
export async function checkRedis(redisUrl) {
  const Redis = tryRequire("ioredis")
  const u = new URL(redisUrl)
  if (!Redis) {
    return tcpProbe(u.hostname || "localhost", Number(u.port || 6379), "PING\r\n", (b) =>
      b.includes("PONG")
    )
  }
  const RedisCtor = Redis.default ?? Redis
  const client = new RedisCtor(redisUrl, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  let cause = null
  client.on("error", (e) => (cause = cause ?? e))
  try {
    await client.connect()
    await client.ping()
    return null
  } catch (e) {
    return (cause ?? e).message || String(e)
  } finally {
    client.disconnect()
  }
}

/**
 * Returns one message per missing service, saying how to start it.
 * `databaseUrl` should point at a database that exists (e.g. /postgres).
 */
export async function checkServices({ databaseUrl, redisUrl }) {
  const [pg, redis] = await Promise.all([checkPostgres(databaseUrl), checkRedis(redisUrl)])
  const problems = []
  if (pg) {
    problems.push(
      `PostgreSQL is not reachable at ${new URL(databaseUrl).host} (${pg}). Start it with:\n\n  ${START_POSTGRES}\n\nor set DATABASE_URL to a running PostgreSQL.`
    )
  }
  if (redis) {
    problems.push(
      `Redis is not reachable at ${redisUrl} (${redis}). Start it with:\n\n  ${START_REDIS}\n\nor set REDIS_URL to a running Redis.`
    )
  }
  return problems
}
