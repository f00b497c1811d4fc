import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { enqueueBackofficeJobWorkflow } from "../../../../../../workflows/backoffice-jobs/workflows"
import { forgetBlocks } from "../../../../../../lib/gdpr/blocking"
import { placeholderEmail } from "../../../../../../lib/gdpr/erase"
import { actorId } from "../../../../../utils/engagement"
import { isUnavailable, sendUnavailable } from "../../../jobs/helpers"
import { customerJobs, customerRow, jobView, pg } from "../../gdpr-helpers"
import type { ForgetCustomerBodyType, ForgetStatusQueryType } from "../../gdpr-validators"
import { writeCertificatePdf } from "../../../../../../lib/gdpr/certificate-pdf"
import { FORGET_JOB, type ErasureCertificate, type ForgetStatusResponse } from "../../../../../../types/gdpr"

/**
 * POST /admin/backoffice/customers/:id/forget { confirm_email } — erases the
 * customer's personal data everywhere (GDPR), in a background job: 202 { job }.
 * 409 { message, blocking } while an order, a house-account balance or an
 * import holds them; 400 when confirm_email is not the customer's email;
 * 200 { job, already_forgotten: true } (nothing done) when forgotten before.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const customer = await customerRow(req)
  const jobs = await customerJobs(req, FORGET_JOB, customer.id)
  if (customer.email === placeholderEmail(customer.id)) {
    return res.status(200).json({ job: jobs[0] ? jobView(jobs[0]) : null, already_forgotten: true })
  }
  const running = jobs.find((j) => ["queued", "active", "retrying"].includes(j.status))
  if (running) return res.status(202).json({ job: jobView(running) })
  const { confirm_email } = (req as MedusaRequest & { validatedBody: ForgetCustomerBodyType }).validatedBody
  if (!customer.email || confirm_email.toLowerCase() !== customer.email.toLowerCase()) {
    return res.status(400).json({
      type: "invalid_data",
      message: "confirm_email: type the customer's email exactly to confirm",
      errors: [{ field: "confirm_email", message: "does not match the customer's email" }],
    })
  }
  const blocking = await forgetBlocks(pg(req), customer.id, customer.email)
  if (blocking.length) {
    return res.status(409).json({
      type: "not_allowed",
      message: `This customer cannot be forgotten yet: ${blocking.map((b) => b.message).join("; ")}`,
      blocking,
    })
  }
  try {
    const { result } = await enqueueBackofficeJobWorkflow(req.scope).run({
      input: {
        type: FORGET_JOB,
        key: `${FORGET_JOB}:${customer.id}:${randomUUID()}`,
        payload: { customer_id: customer.id },
        created_by: actorId(req),
      },
    })
    res.status(202).json({ job: jobView(result as never) })
  } catch (e) {
    if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
    throw e
  }
}

/**
 * GET /admin/backoffice/customers/:id/forget — { status, job, certificate }:
 * the last forget of the customer and its erasure certificate (also after
 * the customer was anonymised). `?format=download` (or `json`) answers the
 * certificate as a JSON file, `?format=pdf` as a PDF.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customer = await customerRow(req)
  const [job] = await customerJobs(req, FORGET_JOB, customer.id)
  const certificate = ((job?.result?.certificate ?? job?.checkpoint?.certificate) as ErasureCertificate) ?? null
  const { format } = (req as MedusaRequest & { validatedQuery: ForgetStatusQueryType }).validatedQuery
  if (format) {
    if (!certificate) return res.status(404).json({ type: "not_found", message: "This customer has no erasure certificate" })
    if (format === "pdf") {
      res.setHeader("Content-Type", "application/pdf")
      res.setHeader("Content-Disposition", `attachment; filename="erasure-certificate-${customer.id}.pdf"`)
      res.setHeader("Cache-Control", "no-store")
      res.status(200)
      return writeCertificatePdf(res, certificate)
    }
    res.setHeader("Content-Type", "application/json")
    res.setHeader("Content-Disposition", `attachment; filename="erasure-certificate-${customer.id}.json"`)
    res.setHeader("Cache-Control", "no-store")
    return res.status(200).send(JSON.stringify(certificate, null, 2))
  }
  const forgotten = customer.email === placeholderEmail(customer.id)
  const body: ForgetStatusResponse = {
    status: (job?.status as ForgetStatusResponse["status"]) ?? "not_requested",
    forgotten,
    job: job ? jobView(job) : null,
    certificate,
    blocking: forgotten ? [] : await forgetBlocks(pg(req), customer.id, customer.email),
  }
  res.json(body)
}
