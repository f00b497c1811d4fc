import { Text, clx } from "@medusajs/ui"
import type { BackofficeJob } from "../../lib/jobs"
import { formatNumber } from "../../lib/format"

type Props = { job: Pick<BackofficeJob, "status" | "progress" | "counts"> }

const BAR_COLOR: Record<BackofficeJob["status"], string> = {
  queued: "bg-ui-fg-muted",
  active: "bg-ui-bg-interactive",
  retrying: "bg-ui-tag-orange-icon",
  completed: "bg-ui-tag-green-icon",
  failed: "bg-ui-tag-red-icon",
  cancelled: "bg-ui-fg-muted",
}

function clampPercent(value: unknown): number {
  const n = typeof value === "number" ? value : Number(value)
  if (!Number.isFinite(n)) return 0
  return Math.max(0, Math.min(100, Math.round(n)))
}

/** Progress bar with the percentage and, when the job reports a total, "processed / total". */
export const JobProgress = ({ job }: Props) => {
  const percent = job.status === "completed" ? 100 : clampPercent(job.progress)
  const total = job.counts?.total
  const processed = job.counts?.processed
  const countsText =
    typeof total === "number"
      ? `${formatNumber(typeof processed === "number" ? processed : 0)} / ${formatNumber(total)}`
      : null

  return (
    <div className="flex w-[160px] flex-col gap-y-1">
      <div
        className="bg-ui-bg-component relative h-1.5 w-full overflow-hidden rounded-full shadow-borders-base"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div
          className={clx(
            "h-full rounded-full",
            BAR_COLOR[job.status] ?? "bg-ui-bg-interactive"
          )}
          style={{ width: `${percent}%`, transition: "width 400ms ease-out" }}
        />
      </div>
      <div className="flex items-center justify-between gap-x-2">
        <Text size="xsmall" leading="compact" className="text-ui-fg-subtle tabular-nums">
          {percent}%
        </Text>
        {countsText && (
          <Text size="xsmall" leading="compact" className="text-ui-fg-muted tabular-nums">
            {countsText}
          </Text>
        )}
      </div>
    </div>
  )
}
