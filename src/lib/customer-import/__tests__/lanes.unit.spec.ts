import { runBatchLanes, type BatchRange } from "../commit"
import { copyValue } from "../copy"

const ranges = (n: number): BatchRange[] => Array.from({ length: n }, (_, i) => ({ after: i * 10, to: (i + 1) * 10 }))
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe("runBatchLanes", () => {
  it("runs every batch once, at most `lanes` at a time, taking them in order", async () => {
    let running = 0
    let most = 0
    const started: number[] = []
    await runBatchLanes(ranges(9), 3, async (r) => {
      started.push(r.to)
      running++
      most = Math.max(most, running)
      await tick(r.to % 20 === 0 ? 15 : 2)
      running--
      return r.to
    })
    expect(started).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90])
    expect(most).toBe(3)
  })

  it("reports as checkpoint the last row of the longest run of finished batches from the start", async () => {
    const seen: [number, number][] = []
    // batch 1 (rows 1-10) is slow: batches 2 and 3 finish first, the checkpoint stays at 0
    await runBatchLanes(
      ranges(4),
      2,
      async (r) => {
        await tick(r.to === 10 ? 40 : 2)
        return r.to
      },
      (range, _result, checkpoint) => {
        seen.push([range.to, checkpoint])
      }
    )
    expect(seen[0]).toEqual([20, 0])
    expect(seen.find(([to]) => to === 10)).toEqual([10, expect.any(Number)])
    expect(seen.find(([to]) => to === 10)![1]).toBeGreaterThanOrEqual(20)
    expect(seen[seen.length - 1][1]).toBe(40)
    expect(seen.map(([, c]) => c)).toEqual([...seen.map(([, c]) => c)].sort((a, b) => a - b))
  })

  it("starts no batch after a failure and throws it once the running ones ended", async () => {
    const done: number[] = []
    let inFlightAtEnd = -1
    let running = 0
    await expect(
      runBatchLanes(ranges(10), 2, async (r) => {
        running++
        try {
          if (r.to === 30) throw new Error("batch 3 failed")
          await tick(5)
          done.push(r.to)
        } finally {
          running--
          inFlightAtEnd = running
        }
      })
    ).rejects.toThrow("batch 3 failed")
    expect(inFlightAtEnd).toBe(0)
    expect(done.length).toBeLessThanOrEqual(3)
    expect(done).not.toContain(100)
  })

  it("does nothing without batches and runs one lane when asked", async () => {
    const run = jest.fn(async () => 1)
    await runBatchLanes([], 2, run)
    expect(run).not.toHaveBeenCalled()
    let running = 0
    let most = 0
    await runBatchLanes(ranges(4), 1, async () => {
      most = Math.max(most, ++running)
      await tick(1)
      running--
    })
    expect(most).toBe(1)
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
