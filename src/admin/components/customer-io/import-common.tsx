import { StatusBadge, Text, clx } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useMemo } from "react"
import {
  DEFAULT_IMPORT_MAX_BYTES,
  IMPORT_STATUS_META,
  type ImportRun,
  customerIoApi,
  customerIoKeys,
  downloadFile,
} from "../../lib/customer-io"
import { shortId } from "../../lib/format"
import { errorMessage, sdk } from "../../lib/sdk"

export const ImportStatusBadge = ({ status }: { status: ImportRun["status"] }) => {
  const meta = IMPORT_STATUS_META[status] ?? { label: status, color: "grey" as const }
  return (
    <StatusBadge color={meta.color} className="whitespace-nowrap">
      {meta.label}
    </StatusBadge>
  )
}

/** A progress bar (0..100) with a caption. */
export const ProgressBar = ({ percent, caption }: { percent: number; caption?: string }) => {
  const p = Math.max(0, Math.min(100, Math.round(Number.isFinite(percent) ? percent : 0)))
  return (
    <div className="flex w-full flex-col gap-y-1">
      <div
        className="bg-ui-bg-component relative h-2 w-full overflow-hidden rounded-full shadow-borders-base"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={p}
      >
        <div
          className="bg-ui-bg-interactive h-full rounded-full"
          style={{ width: `${p}%`, transition: "width 400ms ease-out" }}
        />
      </div>
      <div className="flex items-center justify-between">
        <Text size="xsmall" className="text-ui-fg-subtle tabular-nums">
          {p}%
        </Text>
        {caption && (
          <Text size="xsmall" className="text-ui-fg-muted">
            {caption}
          </Text>
        )}
      </div>
    </div>
  )
}

const STEPS = [
  { key: "upload", label: "Upload" },
  { key: "columns", label: "Columns" },
  { key: "review", label: "Review" },
  { key: "import", label: "Import" },
  { key: "results", label: "Results" },
] as const
export type ImportStep = (typeof STEPS)[number]["key"]

/** The steps of an import, the current one highlighted. */
export const ImportSteps = ({ current }: { current: ImportStep }) => {
  const index = STEPS.findIndex((s) => s.key === current)
  return (
    <ol className="flex flex-wrap items-center gap-x-2 gap-y-1" aria-label="Import steps">
      {STEPS.map((s, i) => (
        <li key={s.key} className="flex items-center gap-x-2">
          <span
            className={clx(
              "flex h-5 w-5 items-center justify-center rounded-full text-xs",
              i < index && "bg-ui-tag-green-bg text-ui-tag-green-text",
              i === index && "bg-ui-bg-interactive text-ui-fg-on-color",
              i > index && "bg-ui-bg-component text-ui-fg-muted shadow-borders-base"
            )}
            aria-current={i === index ? "step" : undefined}
          >
            {i + 1}
          </span>
          <Text size="small" weight={i === index ? "plus" : "regular"} className={i > index ? "text-ui-fg-muted" : undefined}>
            {s.label}
          </Text>
          {i < STEPS.length - 1 && <span className="text-ui-fg-muted">›</span>}
        </li>
      ))}
    </ol>
  )
}

type AdminUserLite = { id: string; email: string; first_name: string | null; last_name: string | null }

/** Display names of the admin users who started runs. */
export function useAdminNames(ids: (string | null | undefined)[]) {
  const userIds = useMemo(() => [...new Set(ids.filter((id): id is string => !!id))].sort(), [ids])
  const users = useQuery({
    queryKey: ["customer-backoffice", "admin-users", userIds],
    queryFn: () =>
      sdk.client.fetch<{ users: AdminUserLite[] }>("/admin/users", {
        query: { id: userIds, fields: "id,email,first_name,last_name", limit: userIds.length },
      }),
    enabled: userIds.length > 0,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  })
  return (id: string | null | undefined) => {
    if (!id) return "System"
    const user = users.data?.users.find((u) => u.id === id)
    if (!user) return shortId(id)
    return [user.first_name, user.last_name].filter(Boolean).join(" ") || user.email
  }
}

/** Downloads a file of an import run, with a toast when it fails. */
export async function downloadImportFile(path: string, fallbackName: string) {
  try {
    await downloadFile(path, fallbackName)
  } catch (error) {
    toast.error("Could not download the file", { description: errorMessage(error) })
  }
}

export const downloadSample = () => downloadImportFile(customerIoApi.samplePath, "Customers.csv")

/** The server's upload size limit (`importMaxBytes`, reported by the runs list). */
export function useImportMaxBytes(): number {
  const runs = useQuery({
    queryKey: customerIoKeys.importRuns({ limit: 1, offset: 0 }),
    queryFn: () => customerIoApi.importRuns({ limit: 1, offset: 0 }),
    retry: false,
    staleTime: 60_000,
  })
  const reported = runs.data?.max_file_size
  return typeof reported === "number" && reported > 0 ? reported : DEFAULT_IMPORT_MAX_BYTES
}

/** Who uploaded a run: the user the server sent, else looked up by id. */
export function useUploaderNames(runs: ImportRun[]) {
  const nameOf = useAdminNames(runs.filter((r) => !r.created_by_user).map((r) => r.created_by))
  return (run: ImportRun) => {
    const u = run.created_by_user
    if (u) return [u.first_name, u.last_name].filter(Boolean).join(" ") || u.email
    return nameOf(run.created_by)
  }
}
