import { ExclamationCircle } from "@medusajs/icons"
import { Text } from "@medusajs/ui"
import type { JobRuntimeStatus } from "../../lib/jobs"

const TONE_DOT: Record<"green" | "orange" | "red" | "grey", string> = {
  green: "bg-ui-tag-green-icon",
  orange: "bg-ui-tag-orange-icon",
  red: "bg-ui-tag-red-icon",
  grey: "bg-ui-fg-muted",
}

const RuntimeFact = ({
  label,
  value,
  tone,
  title,
}: {
  label: string
  value: string
  tone: keyof typeof TONE_DOT
  title?: string
}) => (
  <div className="flex items-center gap-x-1.5" title={title}>
    <span className={`inline-block h-2 w-2 shrink-0 rounded-full ${TONE_DOT[tone]}`} />
    <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
      {label}:
    </Text>
    <Text size="xsmall" leading="compact" className="text-ui-fg-base">
      {value}
    </Text>
  </div>
)

/** Redis and worker facts of the job runtime, with its configuration warnings. */
export const RuntimeStatus = ({ status }: { status: JobRuntimeStatus }) => (
    <div className="flex flex-col gap-y-2 px-6 py-3">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <RuntimeFact
          label="Redis"
          value={status.redis === "connected" ? "Connected" : status.redis === "connecting" ? "Connecting" : "Unavailable"}
          tone={status.redis === "connected" ? "green" : status.redis === "connecting" ? "orange" : "red"}
          title={status.redis_url}
        />
        <RuntimeFact
          label="Workers"
          value={
            status.workers_running
              ? "Running on this server"
              : status.worker_mode === "server"
                ? "Run by separate worker instances"
                : "Not running"
          }
          tone={status.workers_running ? "green" : status.worker_mode === "server" ? "grey" : "orange"}
          title={`Worker mode: ${status.worker_mode}`}
        />
      </div>
      {status.warnings.length > 0 && (
        <ul className="flex flex-col gap-y-1">
          {status.warnings.map((warning) => (
            <li key={warning} className="flex items-start gap-x-2">
              <ExclamationCircle className="text-ui-tag-orange-icon mt-0.5 shrink-0" />
              <Text size="xsmall" className="text-ui-fg-subtle">
                {warning}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </div>
)
