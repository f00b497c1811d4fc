import { StatusBadge } from "@medusajs/ui"
import { JOB_STATUS_META, type BackofficeJob } from "../../lib/jobs"

type Props = { job: Pick<BackofficeJob, "status" | "cancel_requested_at"> }

/** Coloured status of a background job; a running job asked to stop reads "Cancelling". */
export const JobStatusBadge = ({ job }: Props) => {
  const meta = JOB_STATUS_META[job.status] ?? { label: job.status, color: "grey" as const }
  const cancelling =
    !!job.cancel_requested_at && (job.status === "active" || job.status === "retrying")
  return (
    <StatusBadge color={cancelling ? "orange" : meta.color} className="whitespace-nowrap">
      {cancelling ? "Cancelling" : meta.label}
    </StatusBadge>
  )
}
