import PDFDocument from "pdfkit"
import type { Writable } from "stream"
import type { ErasureCertificate } from "../../types/gdpr"
import { pdfText } from "../house-accounts/statement-render"

const MARGIN = 48

const RULES: Record<ErasureCertificate["places"][number]["rule"], string> = {
  anonymise: "anonymised",
  delete: "deleted",
  "keep-record": "kept as a record",
}

/**
 * The erasure certificate as a PDF (pdfkit, standard Helvetica): verdict,
 * who and when, what the verification scanned, every place the erasure
 * touched (table, rule, rows, columns cleared), the files deleted and any
 * hits. Like the certificate itself it holds no personal data: ids, counts,
 * table and column names only. `compress: false` is for tests that read the
 * text back.
 */
export async function writeCertificatePdf(
  out: Writable,
  cert: ErasureCertificate,
  opts: { compress?: boolean } = {}
): Promise<void> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    compress: opts.compress ?? true,
    info: { Title: `Erasure certificate ${cert.customer_id}` },
  })
  const finished = new Promise<void>((resolve, reject) => {
    out.once("finish", resolve)
    out.once("error", reject)
    doc.once("error", reject)
  })
  doc.pipe(out)
  const width = doc.page.width - 2 * MARGIN
  const line = (label: string, value: string) => {
    const y = doc.y
    doc.font("Helvetica-Bold").fontSize(10).text(label, MARGIN, y, { width: 150 })
    doc.font("Helvetica").text(pdfText(value, 200), MARGIN + 150, y, { width: width - 150 })
    doc.moveDown(0.2)
  }
  const heading = (t: string) => {
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(12).text(t, MARGIN, doc.y, { width })
    doc.moveDown(0.3)
  }

  doc.font("Helvetica-Bold").fontSize(18).text("Erasure certificate", MARGIN, MARGIN)
  doc.moveDown(0.3).font("Helvetica").fontSize(10)
  doc.text(
    "The personal data of the customer below was erased under the right to erasure (GDPR Art. 17). " +
      "Financial records are kept without personal data. This certificate holds no personal data.",
    { width }
  )
  doc.moveDown(0.8)
  const s = cert.scan
  line("Verdict", cert.verdict === "erased" ? "Erased: 0 hits" : `Not erased: ${cert.hits.length} places still hold a former value`)
  line("Customer", cert.customer_id)
  line("Job", cert.job_id)
  line("Forgotten at", cert.forgotten_at.replace("T", " ").replace(/\.\d+Z$/, " UTC"))
  line("Forgotten by", cert.forgotten_by.name ?? cert.forgotten_by.id ?? "the system")
  line("Groups left", String(cert.groups_left))

  heading("Verification")
  line("Database", `${s.columns} text and JSON columns of ${s.tables} tables, ${s.rows} rows`)
  line("Redis", `${s.redis_keys} keys${s.redis_capped ? " (capped)" : ""}`)
  line("Files", String(s.files))
  line("Former values", `${s.values_searched} searched, ${s.values_too_short} too short to search, ${s.values_shared} shared with another customer`)
  line("Duration", `${(s.duration_ms / 1000).toFixed(1)} s`)

  heading("Places erased")
  const rowY = (height = 14) => {
    if (doc.y + height > doc.page.height - MARGIN) {
      doc.addPage()
      doc.y = MARGIN
    }
    return doc.y
  }
  const cols = [
    { x: MARGIN, w: 130 },
    { x: MARGIN + 134, w: 150 },
    { x: MARGIN + 288, w: width - 288 },
  ]
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9)
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i].w })))
    const y = rowY(height)
    cells.forEach((c, i) => doc.text(c, cols[i].x, y, { width: cols[i].w }))
    doc.y = y + height + 3
  }
  row(["Table", "Rows", "Columns cleared"], true)
  for (const p of cert.places.filter((p) => p.rows > 0)) {
    row([pdfText(p.table, 60), `${p.rows} ${p.rows === 1 ? "row" : "rows"} ${RULES[p.rule]}`, pdfText(p.columns.join(", "), 400) || "-"])
  }
  if (cert.provider_deletions?.length) {
    heading("Deleted at the payment provider")
    doc.font("Helvetica").fontSize(9)
    for (const d of cert.provider_deletions) {
      rowY()
      doc.text(pdfText(`${d.provider_id}: ${d.account_holders} account ${d.account_holders === 1 ? "holder" : "holders"}`, 120), MARGIN, doc.y, { width })
    }
  }
  if (cert.files_removed.length) {
    heading("Files deleted")
    doc.font("Helvetica").fontSize(9)
    for (const f of cert.files_removed) {
      rowY()
      doc.text(pdfText(f, 120), MARGIN, doc.y, { width })
    }
  }
  heading("Hits")
  doc.font("Helvetica").fontSize(9)
  if (!cert.hits.length) doc.text("None: no former value was found anywhere.", MARGIN, doc.y, { width })
  for (const h of cert.hits) {
    rowY()
    doc.text(pdfText(`${h.place}: ${h.rows} ${h.rows === 1 ? "row" : "rows"}${h.ids?.length ? ` (${h.ids.join(", ")})` : ""}`, 200), MARGIN, doc.y, { width })
  }
  doc.end()
  await finished
}
