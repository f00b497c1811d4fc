/**
 * A full garbage collection between import chunks. Staging promotes each
 * chunk's rows to V8's old space (they live across the chunk's database
 * lookups); V8 then lets that garbage grow the heap to up to ~4× the live data
 * before collecting it, which the process's peak RSS shows (~300 MB at 100k
 * rows instead of ~240 MB). A collection every `GC_EVERY_ROWS` rows costs a
 * few tens of milliseconds. `gc` is the function `--expose-gc` gives; when the
 * process was not started with it, the flag is set at run time and the
 * function taken from a fresh context. Without it (flag refused), nothing happens.
 */
import { setFlagsFromString } from "v8"
import { runInNewContext } from "vm"

export const GC_EVERY_ROWS = 20000

let collect: (() => void) | null | undefined

export function collectGarbage(): void {
  if (collect === undefined) {
    collect = null
    try {
      const existing = (globalThis as { gc?: () => void }).gc
      if (typeof existing === "function") collect = existing
      else {
        setFlagsFromString("--expose-gc")
        const fn = runInNewContext("typeof gc === 'function' ? gc : null") as (() => void) | null
        if (typeof fn === "function") collect = fn
      }
    } catch {
      collect = null
    }
  }
  collect?.()
}
