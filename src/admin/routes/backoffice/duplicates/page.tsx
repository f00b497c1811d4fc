import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Users } from "@medusajs/icons"
import { Button, Container, Heading, Select, Text } from "@medusajs/ui"
import { toast } from "../../../lib/toast"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { DuplicateGroupRow } from "../../../components/duplicates/duplicate-group-row"
import { MergeDrawer } from "../../../components/duplicates/merge-drawer"
import { useDismissDuplicate } from "../../../hooks/use-dismiss-duplicate"
import { JobProgress } from "../../../components/jobs/job-progress"
import { ListPagination } from "../../../components/list-pagination"
import {
  duplicateKeys,
  duplicatesApi,
  type DuplicateConfidence,
  type DuplicateGroup,
} from "../../../lib/duplicates"
import { isRunning, jobQueryKeys, jobsApi } from "../../../lib/jobs"
import { formatNumber } from "../../../lib/format"
import { errorMessage } from "../../../lib/sdk"

const PAGE_SIZE = 20
const SCAN_JOB = "customer_duplicates.scan"

/** Possible duplicate customers, highest score first; scan now; "Not a duplicate". */
const DuplicatesPage = () => {
  const qc = useQueryClient()
  const [confidence, setConfidence] = useState<DuplicateConfidence | "all">("all")
  const [pageIndex, setPageIndex] = useState(0)
  const [jobId, setJobId] = useState<string | null>(null)
  const [merging, setMerging] = useState<DuplicateGroup | null>(null)
  const params = {
    confidence: confidence === "all" ? undefined : confidence,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  }
  const list = useQuery({
    queryKey: duplicateKeys.list(params),
    queryFn: () => duplicatesApi.list(params),
    placeholderData: keepPreviousData,
  })
  // The latest scan (started here or elsewhere) with its progress.
  const lastScan = useQuery({
    queryKey: [...jobQueryKeys.all, "list", { type: [SCAN_JOB], limit: 1 }],
    queryFn: () => jobsApi.list({ type: [SCAN_JOB], limit: 1 }),
    refetchInterval: (q) => (q.state.data?.jobs[0] && isRunning(q.state.data.jobs[0].status) ? 1000 : false),
  })
  const scanJob = lastScan.data?.jobs[0] ?? null
  const running = !!scanJob && isRunning(scanJob.status)
  useEffect(() => {
    if (jobId && scanJob?.id === jobId && scanJob.status === "completed") {
      setJobId(null)
      qc.invalidateQueries({ queryKey: duplicateKeys.all })
      toast.success("Scan finished")
    }
  }, [jobId, scanJob, qc])

  const scan = useMutation({
    mutationFn: () => duplicatesApi.scan(),
    onSuccess: (r) => {
      setJobId(r.job.id)
      qc.invalidateQueries({ queryKey: jobQueryKeys.all })
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const { dismiss, pendingFor } = useDismissDuplicate()

  const groups = list.data?.groups ?? []
  const count = list.data?.count ?? 0
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading>Duplicate customers</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Customers that may be the same person: same email, same phone, similar names at the same address.
          </Text>
        </div>
        <div className="flex items-center gap-x-3">
          {scanJob && running && <JobProgress job={scanJob} />}
          <Button size="small" variant="secondary" isLoading={scan.isPending || running} onClick={() => scan.mutate()}>
            Scan now
          </Button>
        </div>
      </div>
      <div className="flex items-center gap-x-3 px-6 py-3">
        <div className="w-[200px]">
          <Select
            size="small"
            value={confidence}
            onValueChange={(v) => {
              setConfidence(v as DuplicateConfidence | "all")
              setPageIndex(0)
            }}
          >
            <Select.Trigger>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">All confidence levels</Select.Item>
              <Select.Item value="likely">Likely</Select.Item>
              <Select.Item value="possible">Possible</Select.Item>
            </Select.Content>
          </Select>
        </div>
        <Text size="small" className="text-ui-fg-subtle">
          {formatNumber(count)} {count === 1 ? "group" : "groups"}
        </Text>
      </div>
      {list.isError && (
        <Text className="text-ui-fg-error px-6 py-4">{errorMessage(list.error)}</Text>
      )}
      {!list.isLoading && !groups.length && !list.isError && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-8 text-center">
          No possible duplicates. Run a scan to look for them.
        </Text>
      )}
      {groups.map((g) => (
        <DuplicateGroupRow
          key={g.id}
          group={g}
          onDismiss={dismiss}
          dismissing={pendingFor(g.id)}
          onMerge={setMerging}
        />
      ))}
      {merging && (
        <MergeDrawer
          // the first customer of the group stays unless another is chosen in the drawer
          primary={merging.customers[0]}
          secondaries={merging.customers.slice(1)}
          choosePrimary
          open={!!merging}
          onOpenChange={(o) => !o && setMerging(null)}
        />
      )}
      {count > PAGE_SIZE && (
        <ListPagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Duplicate customers",
  icon: Users,
  nested: "/customers",
  // sidebar order under Customers (a number literal: the admin build reads it as written); see README
  rank: 3,
})

export default DuplicatesPage
