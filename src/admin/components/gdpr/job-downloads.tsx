import { Button } from "@medusajs/ui"
import type { BackofficeJob } from "../../lib/jobs"
import { gdprApi } from "../../lib/gdpr"
import { FORGET_JOB, DATA_EXPORT_JOB } from "../../../types/gdpr"

/**
 * Downloads of a finished GDPR job in the jobs drawer: the erasure
 * certificate (PDF, JSON) of a forget, the ZIP of a data export.
 */
export const GdprJobDownloads = ({ job }: { job: BackofficeJob }) => {
  const customerId = (job.payload as { customer_id?: string } | null)?.customer_id
  if (!customerId || job.status !== "completed") return null
  const quiet = (p: Promise<unknown>) => p.catch(() => undefined)
  if (job.type === FORGET_JOB) {
    return (
      <>
        <Button size="small" variant="secondary" onClick={() => quiet(gdprApi.downloadCertificatePdf(customerId))}>
          Certificate (PDF)
        </Button>
        <Button size="small" variant="secondary" onClick={() => quiet(gdprApi.downloadCertificate(customerId))}>
          Certificate (JSON)
        </Button>
      </>
    )
  }
  if (job.type === DATA_EXPORT_JOB) {
    return (
      <Button size="small" variant="secondary" onClick={() => quiet(gdprApi.downloadDataExport(customerId, job.id))}>
        Download ZIP
      </Button>
    )
  }
  return null
}
