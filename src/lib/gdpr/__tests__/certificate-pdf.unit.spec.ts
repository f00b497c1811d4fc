import { PassThrough } from "stream"
import { writeCertificatePdf } from "../certificate-pdf"
import type { ErasureCertificate } from "../../../types/gdpr"

const cert: ErasureCertificate = {
  customer_id: "cus_01CERTIFICATE",
  job_id: "cbojob_01",
  forgotten_at: "2026-12-07T10:15:00.000Z",
  forgotten_by: { id: "user_01", name: "Sam Staff" },
  places: [
    { table: "customer", rule: "anonymise", rows: 1, columns: ["email", "first_name", "last_name"] },
    { table: "order", rule: "keep-record", rows: 2, columns: ["email"] },
    { table: "customer_note", rule: "delete", rows: 3, columns: [] },
    { table: "cart", rule: "anonymise", rows: 0, columns: ["email"] },
  ],
  files_removed: ["customer photo", "customer export cexp_01"],
  groups_left: 2,
  scan: {
    tables: 140, columns: 900, rows: 5000, redis_keys: 42, redis_capped: false, files: 3,
    values_searched: 25, values_too_short: 1, values_shared: 2, duration_ms: 2300,
  },
  hits: [],
  verdict: "erased",
}

/** The text of an uncompressed pdfkit document: its hex-encoded TJ strings, one line per text run. */
async function pdfTextOf(c: ErasureCertificate): Promise<{ raw: string; text: string }> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on("data", (b: Buffer) => chunks.push(b))
  await writeCertificatePdf(out, c, { compress: false })
  const raw = Buffer.concat(chunks).toString("latin1")
  const runs = [...raw.matchAll(/\[([^\]]*)\] TJ/g)].map((m) =>
    [...m[1].matchAll(/<([0-9a-f]+)>/gi)].map((h) => Buffer.from(h[1], "hex").toString("latin1")).join("")
  )
  return { raw, text: runs.join("\n") }
}

describe("erasure certificate PDF", () => {
  it("is a PDF with the verdict, the scan and every place that had rows, and no personal data", async () => {
    const { raw, text } = await pdfTextOf(cert)
    expect(raw.startsWith("%PDF-")).toBe(true)
    expect(raw.trimEnd().endsWith("%%EOF")).toBe(true)
    expect(text).toContain("Erasure certificate")
    expect(text).toContain("Erased: 0 hits")
    expect(text).toContain("cus_01CERTIFICATE")
    expect(text).toContain("Sam Staff")
    expect(text).toContain("900 text and JSON columns of 140 tables, 5000 rows")
    expect(text).toContain("2 rows kept as a record")
    expect(text).toContain("3 rows deleted")
    expect(text).toContain("customer export cexp_01")
    // a table the erasure did not touch is not listed
    expect(text.split("\n")).not.toContain("cart")
    expect(text).toContain("None: no former value was found anywhere.")
  })

  it("lists each hit when a former value was still found", async () => {
    const { text } = await pdfTextOf({
      ...cert,
      verdict: "hits",
      hits: [{ place: "public.cart.email", rows: 1, ids: ["cart_01"] }],
    })
    expect(text).toContain("Not erased: 1 places still hold a former value")
    expect(text).toContain("public.cart.email: 1 row (cart_01)")
  })
})
