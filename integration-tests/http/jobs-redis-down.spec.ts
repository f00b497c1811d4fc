import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { HOST_DIR, setTestEnv } from "../helpers/host"
import { createAdminHeaders } from "../helpers/admin"

jest.setTimeout(120_000)

// Only the plugin's Redis is unreachable (port 1 on loopback refuses at once).
// medusa-config is read before the runner's `env` is applied: set it here.
const restoreEnv = setTestEnv({ CBO_REDIS_URL: "redis://127.0.0.1:1", ADMIN_DISABLED: "true" })

medusaIntegrationTestRunner({
  cwd: HOST_DIR,
  testSuite: ({ api, getContainer }) => {
    afterAll(() => restoreEnv())

    let headers: Record<string, string>

    beforeEach(async () => {
      headers = (await createAdminHeaders(getContainer())).headers
    })

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
