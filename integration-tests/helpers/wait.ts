/** Polls `fn` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(
  fn: () => Promise<T> | T,
  { timeoutMs = 15_000, intervalMs = 50, what = "condition" } = {}
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let last: T | undefined
  while (Date.now() < deadline) {
    last = await fn()
    if (last) {
      return last as NonNullable<T>
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`)
}

type Call = (url: string, body: object) => Promise<{ status: number; data: any }>

/**
 * POSTs to a "run this job now" route (202 { job }) and waits until the job
 * has ended; returns the job as GET /admin/backoffice/jobs/:id shows it.
 */
export async function runJobNow(
  http: { post: Call; get: (url: string) => Promise<{ data: any }> },
  route: string,
  what: string,
  timeoutMs = 30_000
) {
  const res = await http.post(route, {})
  if (res.status !== 202) throw new Error(`${route} answered ${res.status}: ${JSON.stringify(res.data)}`)
  return waitFor(
    async () => {
      const r = await http.get(`/admin/backoffice/jobs/${res.data.job.id}`)
      return ["completed", "failed"].includes(r.data.job?.status) ? r.data.job : null
    },
    { what, timeoutMs }
  )
}
