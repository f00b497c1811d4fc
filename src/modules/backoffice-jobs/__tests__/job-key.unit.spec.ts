import { bullJobId, jobKeyFor } from "../runtime/job-runtime"
import { redactRedisUrl } from "../runtime/redis"

describe("deterministic job identity", () => {
  it("gives the same key for the same work whatever the key order", () => {
    const a = jobKeyFor("import.commit", { run: "r1", opts: { b: 1, a: [1, 2] } })
    const b = jobKeyFor("import.commit", { opts: { a: [1, 2], b: 1 }, run: "r1" })
    expect(a).toBe(b)
    expect(a).toMatch(/^import\.commit:[0-9a-f]{32}$/)
  })

  it("gives different keys for different work or types", () => {
    expect(jobKeyFor("t", { run: "r1" })).not.toBe(jobKeyFor("t", { run: "r2" }))
    expect(jobKeyFor("t1", { run: "r1" })).not.toBe(jobKeyFor("t2", { run: "r1" }))
    expect(jobKeyFor("t", { a: [1, 2] })).not.toBe(jobKeyFor("t", { a: [2, 1] }))
  })

  it("derives BullMQ ids from record id and run", () => {
    expect(bullJobId("bojob_1", 1)).toBe("bojob_1-r1")
    expect(bullJobId("bojob_1", 2)).not.toBe(bullJobId("bojob_1", 1))
  })

  it("never prints a Redis password", () => {
    expect(redactRedisUrl("redis://user:secret@host:6379/0")).toBe(
      "redis://user:***@host:6379/0"
    )
    expect(redactRedisUrl("not a url")).toBe("(invalid Redis URL)")
  })
})
