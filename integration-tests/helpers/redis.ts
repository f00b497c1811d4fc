import IORedis from "ioredis"

export const TEST_REDIS_URL = process.env.REDIS_URL || "redis://localhost:6379"

/** Deletes every key under a queue prefix (test isolation on a shared Redis). */
export async function deleteRedisPrefix(prefix: string) {
  const redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true })
  await redis.connect()
  try {
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000)
      cursor = next
      if (keys.length) {
        await redis.del(...keys)
      }
    } while (cursor !== "0")
  } finally {
    await redis.quit()
  }
}

export async function countRedisKeys(prefix: string) {
  const redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true })
  await redis.connect()
  try {
    return (await redis.keys(`${prefix}:*`)).length
  } finally {
    await redis.quit()
  }
}
