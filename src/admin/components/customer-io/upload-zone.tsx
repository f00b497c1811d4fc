import { ArrowUpTray } from "@medusajs/icons"
import { Button, Text, clx } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useRef, useState } from "react"
import { useNavigate } from "react-router-dom"
import { customerIoApi, customerIoKeys, formatBytes } from "../../lib/customer-io"
import { errorMessage, errorStatus } from "../../lib/sdk"

/**
 * File input and drop zone of an import. Uploads the file (optionally as the
 * re-import of a run's fixed rows) and opens the new run.
 */
export const UploadZone = ({
  maxBytes,
  parentRunId,
  compact,
}: {
  maxBytes: number
  parentRunId?: string
  compact?: boolean
}) => {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const upload = useMutation({
    mutationFn: (file: File) => customerIoApi.upload(file, parentRunId),
    onSuccess: ({ import_run }) => {
      queryClient.invalidateQueries({ queryKey: customerIoKeys.all })
      navigate(`/backoffice/imports/${import_run.id}`)
    },
    onError: (error) => {
      const message =
        errorStatus(error) === 413
          ? `The file is larger than ${formatBytes(maxBytes)}. Split it into smaller files.`
          : errorMessage(error)
      setProblem(message)
      toast.error("Could not upload the file", { description: message })
    },
  })

  const pick = (file: File | undefined) => {
    setProblem(null)
    if (!file) return
    if (file.size > maxBytes) {
      setProblem(`${file.name} is ${formatBytes(file.size)}: the limit is ${formatBytes(maxBytes)}. Split it into smaller files.`)
      return
    }
    if (file.size === 0) {
      setProblem(`${file.name} is empty.`)
      return
    }
    upload.mutate(file)
  }

  return (
    <div className="flex flex-col gap-y-2">
      <div
        className={clx(
          "flex flex-col items-center justify-center gap-y-2 rounded-lg border border-dashed px-6 text-center",
          compact ? "py-4" : "py-12",
          dragging ? "border-ui-border-interactive bg-ui-bg-highlight" : "border-ui-border-strong bg-ui-bg-subtle"
        )}
        onDragOver={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault()
          setDragging(false)
          pick(e.dataTransfer.files?.[0])
        }}
        data-testid="cbo-import-dropzone"
      >
        <ArrowUpTray className="text-ui-fg-muted" />
        <Text size="small" weight="plus">
          {upload.isPending ? "Uploading…" : "Drop a CSV file here"}
        </Text>
        <Text size="xsmall" className="text-ui-fg-subtle">
          CSV (comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252), up to {formatBytes(maxBytes)}.
        </Text>
        <Button
          size="small"
          variant="secondary"
          onClick={() => input.current?.click()}
          isLoading={upload.isPending}
          type="button"
        >
          Choose file
        </Button>
        <input
          ref={input}
          type="file"
          accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values"
          className="hidden"
          aria-label="Customer file"
          onChange={(e) => {
            pick(e.target.files?.[0])
            e.target.value = ""
          }}
        />
      </div>
      {problem && (
        <Text size="small" className="text-ui-fg-error">
          {problem}
        </Text>
      )}
    </div>
  )
}
