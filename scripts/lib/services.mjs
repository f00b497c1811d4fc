// Checks that PostgreSQL and Redis answer; returns human messages for what is missing.
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), "../../package.json"))

export const START_POSTGRES =
  "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
export const START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log'

export async function checkPostgres(databaseUrl) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 })
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

export async function checkRedis(redisUrl) {
  const Redis = require("ioredis")
  const client = new Redis(redisUrl, {
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

/** Returns one message per missing service, saying how to start it. */
export async function checkServices({ databaseUrl, redisUrl }) {
  const [pg, redis] = await Promise.all([checkPostgres(databaseUrl), checkRedis(redisUrl)])
  const problems = []
  if (pg) {
    problems.push(
      `PostgreSQL is not reachable (${pg}). Start it with:\n  ${START_POSTGRES}\nor set DATABASE_URL / DB_HOST to a running PostgreSQL.`
    )
  }
  if (redis) {
    problems.push(
      `Redis is not reachable at ${redisUrl} (${redis}). Start it with:\n  ${START_REDIS}\nor set REDIS_URL to a running Redis.`
    )
  }
  return problems
}
