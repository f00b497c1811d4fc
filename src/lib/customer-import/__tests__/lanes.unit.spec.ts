import { runBatchLanes, type BatchRange } from "../commit"
import { copyValue } from "../copy"

const ranges = (n: number): BatchRange[] => Array.from({ length: n }, (_, i) => ({ after: i * 10, to: (i + 1) * 10 }))

/** Lets every pending promise callback run (no timer involved: all microtasks go first). */
const settle = () => new Promise((r) => setImmediate(r))

/**
 * Batches that end when the test says so: the order in which batches finish
 * is the test's, never a timer's.
 */
function gatedBatches() {
  const running = new Map<number, { finish: () => void; fail: (e: Error) => void }>()
  const started: number[] = []
  let most = 0
  const run = (r: BatchRange) =>
    new Promise<number>((resolve, reject) => {
      started.push(r.to)
      running.set(r.to, {
        finish: () => resolve(r.to),
        fail: (e) => reject(e),
      })
      most = Math.max(most, running.size)
    })
  const end = async (to: number, error?: Error) => {
    const batch = running.get(to)
    if (!batch) throw new Error(`batch ${to} is not running (running: ${[...running.keys()]})`)
    running.delete(to)
    if (error) batch.fail(error)
    else batch.finish()
    await settle()
  }
  return {
    run,
    started,
    running: () => [...running.keys()].sort((a, b) => a - b),
    most: () => most,
    finish: (to: number) => end(to),
    fail: (to: number, error: Error) => end(to, error),
  }
}

/** Tracks whether a promise has settled, without awaiting it. */
function track(promise: Promise<unknown>) {
  const state = { settled: false, error: undefined as unknown }
  promise.then(
    () => (state.settled = true),
    (e) => {
      state.settled = true
      state.error = e
    }
  )
  return state
}

describe("runBatchLanes", () => {
  it("runs every batch once, at most `lanes` at a time, taking them in order", async () => {
    const b = gatedBatches()
    const done = track(runBatchLanes(ranges(9), 3, b.run))
    await settle()
    expect(b.running()).toEqual([10, 20, 30])
    // a lane that frees takes the next batch in order, whichever lane it is
    await b.finish(20)
    expect(b.running()).toEqual([10, 30, 40])
    await b.finish(10)
    await b.finish(30)
    expect(b.running()).toEqual([40, 50, 60])
    for (const to of [60, 50, 40, 70, 80]) await b.finish(to)
    expect(b.running()).toEqual([90])
    expect(done.settled).toBe(false)
    await b.finish(90)
    expect(done).toEqual({ settled: true, error: undefined })
    expect(b.started).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90])
    expect(b.most()).toBe(3)
  })

  it("reports as checkpoint the last row of the longest run of finished batches from the start", async () => {
    const b = gatedBatches()
    const seen: [number, number][] = []
    const done = track(
      runBatchLanes(ranges(4), 2, b.run, (range, _result, checkpoint) => {
        seen.push([range.to, checkpoint])
      })
    )
    await settle()
    // batch 1 (rows 1-10) is slow: batches 2 and 3 finish first, the checkpoint stays at 0
    await b.finish(20)
    await b.finish(30)
    expect(seen).toEqual([
      [20, 0],
      [30, 0],
    ])
    // batch 1 ends: rows 1-30 are all written
    await b.finish(10)
    await b.finish(40)
    expect(seen).toEqual([
      [20, 0],
      [30, 0],
      [10, 30],
      [40, 40],
    ])
    expect(done).toEqual({ settled: true, error: undefined })
  })

  it("starts no batch after a failure and throws it once the running ones ended", async () => {
    const b = gatedBatches()
    const failure = new Error("batch 3 failed")
    const done = track(runBatchLanes(ranges(10), 2, b.run))
    await settle()
    await b.finish(10)
    expect(b.running()).toEqual([20, 30])
    await b.fail(30, failure)
    // no new batch, and no answer while batch 2 still runs
    expect(b.running()).toEqual([20])
    expect(done.settled).toBe(false)
    await b.finish(20)
    expect(done).toEqual({ settled: true, error: failure })
    expect(b.started).toEqual([10, 20, 30])
  })

  it("does nothing without batches and runs one lane when asked", async () => {
    const run = jest.fn(async () => 1)
    await runBatchLanes([], 2, run)
    expect(run).not.toHaveBeenCalled()

    const b = gatedBatches()
    const done = track(runBatchLanes(ranges(4), 1, b.run))
    await settle()
    for (const to of [10, 20, 30]) {
      expect(b.running()).toEqual([to])
      await b.finish(to)
    }
    await b.finish(40)
    expect(done).toEqual({ settled: true, error: undefined })
    expect(b.started).toEqual([10, 20, 30, 40])
    expect(b.most()).toBe(1)
  })

  it("checks for cancellation before each batch", async () => {
    let n = 0
    await expect(
      runBatchLanes(
        ranges(5),
        1,
        async () => n++,
        undefined,
        () => {
          if (n === 2) throw new Error("cancelled")
        }
      )
    ).rejects.toThrow("cancelled")
    expect(n).toBe(2)
  })
})

describe("copyValue (COPY text format)", () => {
  it("writes null, booleans, dates, JSON and escapes the format's special characters", () => {
    expect(copyValue(null)).toBe("\\N")
    expect(copyValue(undefined)).toBe("\\N")
    expect(copyValue(true)).toBe("t")
    expect(copyValue(false)).toBe("f")
    expect(copyValue(12)).toBe("12")
    expect(copyValue(new Date("2024-02-29T00:00:00Z"))).toBe("2024-02-29T00:00:00.000Z")
    expect(copyValue(["cusgroup_1", "a\tb"])).toBe('["cusgroup_1","a\\\\tb"]')
    expect(copyValue("line 1\nline 2\r\tend \\ N")).toBe("line 1\\nline 2\\r\\tend \\\\ N")
    expect(copyValue("\\N")).toBe("\\\\N")
  })
})
