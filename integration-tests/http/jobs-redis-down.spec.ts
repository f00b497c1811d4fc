import { useTestHost } from "../helpers/test-host"

jest.setTimeout(120_000)

useTestHost({
  prefix: "cbo-http-redis-down",
  // Only the plugin's Redis is unreachable (port 1 on loopback refuses at once).
  redis: false,
  env: { CBO_REDIS_URL: "redis://127.0.0.1:1" },
  testSuite: ({ api, session }) => {
    const headers = session.headers

    it("keeps the store running", async () => {
      const res = await api.get("/admin/customers?limit=1", { headers })
      expect(res.status).toBe(200)
      const health = await api.get("/health")
      expect(health.status).toBe(200)
    })

    it("reports the outage and what to configure on the runtime route", async () => {
      const res = await api.get("/admin/backoffice/job-runtime", { headers })
      expect(res.status).toBe(200)
      expect(res.data.status).toEqual(
        expect.objectContaining({
          redis: "unavailable",
          workers_running: false,
          redis_url: "redis://127.0.0.1:1",
        })
      )
      expect(res.data.status.message).toMatch(/redisUrl/)
      expect(res.data.status.message).toMatch(/REDIS_URL/)
    })

    it("answers 503 with what to configure on every job endpoint", async () => {
      const opts = { headers, validateStatus: () => true }
      const responses = [
        await api.get("/admin/backoffice/jobs", opts),
        await api.get("/admin/backoffice/jobs/bojob_x", opts),
        await api.post("/admin/backoffice/jobs/bojob_x/cancel", {}, opts),
        await api.post("/admin/backoffice/jobs/bojob_x/retry", {}, opts),
        await api.post("/admin/backoffice/jobs/diagnostics", {}, opts),
      ]
      for (const res of responses) {
        expect(res.status).toBe(503)
        expect(res.data).toEqual({
          type: "unavailable",
          message: expect.stringMatching(/Background jobs are unavailable: Redis at redis:\/\/127\.0\.0\.1:1\/? cannot be reached.*"redisUrl".*REDIS_URL/),
        })
      }
    })

    it("still answers 401 before 503 without a session", async () => {
      const res = await api.get("/admin/backoffice/jobs", { validateStatus: () => true })
      expect(res.status).toBe(401)
    })
  },
})
