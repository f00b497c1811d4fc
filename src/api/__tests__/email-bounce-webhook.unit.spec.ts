import { POST, signBody } from "../hooks/backoffice/email-bounce/route"
import { PHOTO_TYPES, readImageHeader, sniffImageType } from "../admin/backoffice/customers/photo-upload"

function call(options: Record<string, unknown>, headers: Record<string, string>, raw?: Buffer) {
  const res: { statusCode?: number; body?: any } = {}
  const response = {
    status(code: number) {
      res.statusCode = code
      return this
    },
    json(body: unknown) {
      res.body = body
      return this
    },
  }
  const req = {
    scope: { resolve: () => ({ options }) },
    headers,
    rawBody: raw,
    body: raw ? JSON.parse(raw.toString()) : {},
  }
  return POST(req as never, response as never).then(() => res)
}

describe("email-bounce webhook (before any database work)", () => {
  it("is off (404) while webhookSecret is unset, whatever the signature", async () => {
    const raw = Buffer.from(JSON.stringify({ email: "a@example.com" }))
    const res = await call({}, { "x-backoffice-signature": signBody("x".repeat(20), raw) }, raw)
    expect(res.statusCode).toBe(404)
  })

  it("answers 401 for a missing, malformed or wrong signature, and a missing raw body", async () => {
    const secret = "s".repeat(20)
    const raw = Buffer.from(JSON.stringify({ email: "a@example.com" }))
    for (const sig of [undefined, "abc", signBody("other-secret-000000", raw), signBody(secret, raw).toUpperCase().slice(2)]) {
      const res = await call({ webhookSecret: secret }, sig ? { "x-backoffice-signature": sig } : {}, raw)
      expect(res.statusCode).toBe(401)
    }
    const noRaw = await call({ webhookSecret: secret }, { "x-backoffice-signature": signBody(secret, raw) })
    expect(noRaw.statusCode).toBe(401)
  })
})

describe("sniffImageType", () => {
  it("knows JPEG, PNG and WebP by their bytes only", () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))?.mime).toBe("image/jpeg")
    expect(sniffImageType(Buffer.from("89504e470d0a1a0a0000", "hex"))?.mime).toBe("image/png")
    expect(sniffImageType(Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 ")]))?.mime).toBe("image/webp")
    expect(sniffImageType(Buffer.from("GIF89a......"))).toBeNull()
    expect(sniffImageType(Buffer.from("<svg xmlns=...>"))).toBeNull()
    expect(sniffImageType(Buffer.alloc(0))).toBeNull()
  })
})

describe("readImageHeader", () => {
  const [jpeg, png, webp] = PHOTO_TYPES
  const PNG = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAAEklEQVR42mP8z8DwnwEJMCJzAD3QA/9K3RPkAAAAAElFTkSuQmCC",
    "base64"
  )
  it("reads the width and height of a real header of the announced type", () => {
    expect(readImageHeader(PNG, png)).toEqual({ width: 2, height: 3 })
    expect(
      readImageHeader(
        Buffer.from("ffd8ffe000104a46494600010100000100010000ffc00011080001000103012200021101031101ffd9", "hex"),
        jpeg
      )
    ).toEqual({ width: 1, height: 1 })
    expect(readImageHeader(Buffer.from("UklGRhIAAABXRUJQVlA4TAUAAAAvAAAAAAA=", "base64"), webp)).toEqual({ width: 1, height: 1 })
  })
  it("refuses a signature followed by junk, a truncated header and a type mismatch", () => {
    expect(readImageHeader(Buffer.concat([PNG.subarray(0, 8), Buffer.from("junk junk junk junk junk")]), png)).toBeNull()
    // truncated inside IHDR, sharing its memory with the whole file
    expect(readImageHeader(PNG.subarray(0, 20), png)).toBeNull()
    expect(readImageHeader(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]), jpeg)).toBeNull()
    expect(readImageHeader(PNG, jpeg)).toBeNull()
  })
})
