import { createHash } from "crypto"
import { deflateSync } from "zlib"

/** The part of a generated demo customer the feature seeds use. */
export type DemoCustomer = {
  id: string
  email: string
  first_name: string
  last_name: string
  company_name: string | null
  has_account: boolean
  createdAt: Date
  country: string
}

/**
 * A stable number in [0, 1) for a customer and a purpose: which customers get
 * a birthday, a note or a photo does not depend on the order they are read in,
 * so every run of the seed wants the same data.
 */
export function pick(email: string, salt: string): number {
  return createHash("sha1").update(`${salt}:${email}`).digest().readUInt32BE(0) / 2 ** 32
}

/** The `n` customers a purpose ranks first (deterministic). */
export function firstBy<T extends { email: string }>(list: T[], salt: string, n: number): T[] {
  return list
    .map((c) => [pick(c.email, salt), c] as const)
    .sort((a, b) => a[0] - b[0])
    .slice(0, n)
    .map(([, c]) => c)
}

export const DAY = 86_400_000

export function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

// ---------------------------------------------------------------------------
// A small generated portrait (PNG): a coloured background with a head and
// shoulders silhouette, so the photo card shows an image like a real upload.
// ---------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(buf: Buffer) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, "ascii"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

const PALETTE: [number, number, number][] = [
  [214, 226, 240],
  [240, 224, 208],
  [220, 236, 222],
  [236, 220, 236],
  [244, 236, 206],
  [212, 232, 236],
]
const TONES: [number, number, number][] = [
  [92, 110, 140],
  [150, 102, 84],
  [84, 120, 96],
  [120, 90, 128],
  [140, 120, 70],
  [70, 110, 120],
]

/** A 160×160 RGB PNG portrait, its colours chosen by `seed`. */
export function portraitPng(seed: number): Buffer {
  const size = 160
  const bg = PALETTE[seed % PALETTE.length]
  const fg = TONES[(seed * 7 + 3) % TONES.length]
  const raw = Buffer.alloc((size * 3 + 1) * size)
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1)
    raw[row] = 0 // filter: none
    for (let x = 0; x < size; x++) {
      const head = (x - 80) ** 2 + (y - 62) ** 2 <= 30 ** 2
      const body = y >= 104 && (x - 80) ** 2 / 58 ** 2 + (y - 160) ** 2 / 58 ** 2 <= 1
      const [r, g, b] = head || body ? fg : bg
      const o = row + 1 + x * 3
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ])
}
