import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"

jest.setTimeout(120_000)

const ROUTES: [string, string][] = [
  ["get", "/admin/backoffice/jobs"],
  ["get", "/admin/backoffice/jobs/bojob_missing"],
  ["post", "/admin/backoffice/jobs/bojob_missing/cancel"],
  ["post", "/admin/backoffice/jobs/bojob_missing/retry"],
  ["post", "/admin/backoffice/jobs/diagnostics"],
  ["get", "/admin/backoffice/job-runtime"],
]

useTestHost({
  prefix: "cbo-http",
  testSuite: ({ api, getContainer, session }) => {

    const headers = session.headers

    describe("authentication", () => {
      it.each(ROUTES)("%s %s answers 401 without an admin session", async (method, url) => {
        const opts = { validateStatus: () => true }
        const res =
          method === "post" ? await api.post(url, {}, opts) : await api.get(url, opts)
        expect(res.status).toBe(401)
      })

      it("refuses an invalid bearer token on admin job routes", async () => {
        const res = await api.get("/admin/backoffice/jobs", {
          headers: { authorization: "Bearer not-a-valid-token" },
          validateStatus: () => true,
        })
        expect(res.status).toBe(401)
      })
    })

    describe("runtime status", () => {
      it("reports Redis, worker mode and job types", async () => {
        const res = await api.get("/admin/backoffice/job-runtime", { headers })
        expect(res.status).toBe(200)
        expect(res.data.status).toEqual(
          expect.objectContaining({
            redis: "connected",
            worker_mode: "shared",
            workers_running: true,
            queues: expect.arrayContaining(["system", "imports", "loyalty"]),
          })
        )
        expect(res.data.job_types).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ type: "system.diagnostic", queue: "system" }),
          ])
        )
      })
    })

    describe("jobs", () => {
      it("runs a jobs check, shows its progress and records who started it", async () => {
        const started = await api.post(
          "/admin/backoffice/jobs/diagnostics",
          { steps: 4, step_ms: 100 },
          { headers }
        )
        expect(started.status).toBe(202)
        const id = started.data.job.id
        expect(started.data.job).toEqual(
          expect.objectContaining({ type: "system.diagnostic", status: "queued", created_by: session.id })
        )

        const done = await waitFor(async () => {
          const res = await api.get(`/admin/backoffice/jobs/${id}`, { headers })
          return res.data.job.status === "completed" ? res.data.job : null
        })
        expect(done).toEqual(
          expect.objectContaining({
            progress: 100,
            counts: { processed: 4, total: 4 },
            attempts: 1,
            error: null,
            result: expect.objectContaining({ steps: 4, resumed_from: 0 }),
          })
        )

        const list = await api.get("/admin/backoffice/jobs?type=system.diagnostic&status=completed", { headers })
        expect(list.status).toBe(200)
        expect(list.data.jobs.map((j: any) => j.id)).toContain(id)
        expect(list.data.count).toBeGreaterThanOrEqual(1)

        const none = await api.get("/admin/backoffice/jobs?status=failed", { headers })
        expect(none.data.jobs.map((j: any) => j.id)).not.toContain(id)
      })

      it("cancels a running job and retries it", async () => {
        const started = await api.post(
          "/admin/backoffice/jobs/diagnostics",
          { steps: 100, step_ms: 50 },
          { headers }
        )
        const id = started.data.job.id
        await waitFor(async () => {
          const res = await api.get(`/admin/backoffice/jobs/${id}`, { headers })
          return res.data.job.status === "active" && res.data.job.progress > 0
        })
        const cancel = await api.post(`/admin/backoffice/jobs/${id}/cancel`, {}, { headers })
        expect(cancel.status).toBe(200)
        const cancelled = await waitFor(async () => {
          const res = await api.get(`/admin/backoffice/jobs/${id}`, { headers })
          return res.data.job.status === "cancelled" ? res.data.job : null
        })
        expect(cancelled.progress).toBeLessThan(100)

        const retry = await api.post(`/admin/backoffice/jobs/${id}/retry`, {}, { headers })
        expect(retry.status).toBe(200)
        expect(retry.data.job).toEqual(expect.objectContaining({ status: "queued", run: 2 }))
        // the retried run resumes from its checkpoint and finishes
        const done = await waitFor(
          async () => {
            const res = await api.get(`/admin/backoffice/jobs/${id}`, { headers })
            return res.data.job.status === "completed" ? res.data.job : null
          },
          { timeoutMs: 30_000 }
        )
        expect(done.result.resumed_from).toBeGreaterThan(0)
      })

      it("refuses to retry a job that did not fail", async () => {
        const started = await api.post("/admin/backoffice/jobs/diagnostics", { steps: 1, step_ms: 0 }, { headers })
        const id = started.data.job.id
        await waitFor(async () => {
          const res = await api.get(`/admin/backoffice/jobs/${id}`, { headers })
          return res.data.job.status === "completed"
        })
        const res = await api.post(`/admin/backoffice/jobs/${id}/retry`, {}, { headers, validateStatus: () => true })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/Only failed or cancelled jobs can be retried/)
      })

      it("refuses (409) to cancel a completed job and leaves it completed", async () => {
        const started = await api.post("/admin/backoffice/jobs/diagnostics", { steps: 1, step_ms: 0 }, { headers })
        const id = started.data.job.id
        const done = await waitFor(async () => {
          const res = await api.get(`/admin/backoffice/jobs/${id}`, { headers })
          return res.data.job.status === "completed" ? res.data.job : null
        })
        const res = await api.post(`/admin/backoffice/jobs/${id}/cancel`, {}, { headers, validateStatus: () => true })
        expect(res.status).toBe(409)
        expect(res.data).toEqual(
          expect.objectContaining({
            type: "conflict",
            message: "The job has already completed: only a queued or running job can be cancelled",
          })
        )
        const after = (await api.get(`/admin/backoffice/jobs/${id}`, { headers })).data.job
        expect(after).toEqual(
          expect.objectContaining({
            status: "completed",
            progress: 100,
            cancel_requested_at: null,
            finished_at: done.finished_at,
            message: done.message,
          })
        )
      })

      it("answers 404 for an unknown job", async () => {
        const opts = { headers, validateStatus: () => true }
        const responses = [
          await api.get("/admin/backoffice/jobs/bojob_missing", opts),
          await api.post("/admin/backoffice/jobs/bojob_missing/cancel", {}, opts),
          await api.post("/admin/backoffice/jobs/bojob_missing/retry", {}, opts),
        ]
        expect(responses.map((r) => r.status)).toEqual([404, 404, 404])
      })

      it("answers 400 with field messages for bad input and writes nothing", async () => {
        const before = await api.get("/admin/backoffice/jobs", { headers })
        const bad = await api.post(
          "/admin/backoffice/jobs/diagnostics",
          { steps: -1, step_ms: "fast", extra: true },
          { headers, validateStatus: () => true }
        )
        expect(bad.status).toBe(400)
        expect(bad.data.errors.map((e: any) => e.field).sort()).toEqual(
          expect.arrayContaining(["steps", "step_ms"])
        )
        const after = await api.get("/admin/backoffice/jobs", { headers })
        expect(after.data.count).toBe(before.data.count)

        const badQuery = await api.get("/admin/backoffice/jobs?status=sleeping&limit=500", {
          headers,
          validateStatus: () => true,
        })
        expect(badQuery.status).toBe(400)
        expect(badQuery.data.errors.map((e: any) => e.field)).toEqual(
          expect.arrayContaining(["status.0", "limit"])
        )
      })
    })
  },
})
