import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { toast } from "../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useRef, useState } from "react"
import { ForgetDialog } from "../components/gdpr/forget-dialog"
import { PermissionTooltip } from "../components/permission-tooltip"
import { gdprApi, gdprKeys } from "../lib/gdpr"
import { PERMISSIONS, usePermissions } from "../lib/permissions"
import { errorMessage } from "../lib/sdk"

const RUNNING = ["queued", "active", "retrying"]
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "")

/** Privacy (GDPR) card on the customer page: subject-access export and "Forget this customer". */
const CustomerPrivacyWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const qc = useQueryClient()
  const perms = usePermissions()
  const canForget = perms.can(PERMISSIONS.forgetCustomer)
  const canExport = perms.can(PERMISSIONS.exportCustomerData)
  const [open, setOpen] = useState(false)
  const status = useQuery({
    queryKey: gdprKeys.forget(customer.id),
    queryFn: () => gdprApi.forgetStatus(customer.id),
    refetchInterval: (q) => (RUNNING.includes(q.state.data?.status ?? "") ? 1500 : false),
  })
  const exports = useQuery({
    queryKey: gdprKeys.exports(customer.id),
    queryFn: () => gdprApi.dataExports(customer.id),
    refetchInterval: (q) => (q.state.data?.data_exports.some((e) => RUNNING.includes(e.status)) ? 1500 : false),
  })
  const requestExport = useMutation({
    mutationFn: () => gdprApi.requestDataExport(customer.id),
    onSuccess: () => {
      toast.success("Collecting the customer's data")
      qc.invalidateQueries({ queryKey: gdprKeys.exports(customer.id) })
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const sendExport = useMutation({
    mutationFn: (exportId: string) => gdprApi.sendDataExport(customer.id, exportId),
    onSuccess: (r) => toast.success(`Customer data sent to ${r.to}`),
    onError: (e) => toast.error(errorMessage(e)),
  })
  const s = status.data
  // once forgotten, the page's own customer data (email, names) is stale: reload it
  const wasForgotten = useRef<boolean | null>(null)
  useEffect(() => {
    if (s && wasForgotten.current === false && s.forgotten) qc.invalidateQueries()
    if (s) wasForgotten.current = s.forgotten
  }, [s, qc])
  const cert = s?.certificate
  const forgotten = !!s?.forgotten
  const latest = exports.data?.data_exports[0]
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Privacy (GDPR)</Heading>
          <Text size="small" className="text-ui-fg-subtle">Data access requests and the right to be forgotten</Text>
        </div>
        {forgotten && <Badge color="grey">Forgotten</Badge>}
      </div>
      {status.isError && <Text className="text-ui-fg-error px-6 py-4">{errorMessage(status.error)}</Text>}
      {!forgotten && (
        <div className="flex items-center justify-between gap-x-4 px-6 py-4">
          <div>
            <Text size="small" weight="plus">Request customer data</Text>
            <Text size="small" className="text-ui-fg-subtle">
              {latest
                ? RUNNING.includes(latest.status)
                  ? "Collecting…"
                  : latest.status === "completed"
                    ? `Last export ${when(latest.finished_at)}`
                    : `Last export ${latest.status}${latest.error ? `: ${latest.error}` : ""}`
                : "A ZIP with everything held about the customer (JSON and CSV)."}
            </Text>
          </div>
          <div className="flex gap-x-2">
            {latest?.downloadable && (
              <Button size="small" variant="secondary" onClick={() => gdprApi.downloadDataExport(customer.id, latest.export_id).catch((e) => toast.error(errorMessage(e)))}>
                Download ZIP
              </Button>
            )}
            {latest?.downloadable && customer.email && (
              <PermissionTooltip allowed={canExport}>
                <Button
                  size="small"
                  variant="secondary"
                  disabled={!canExport}
                  isLoading={sendExport.isPending}
                  onClick={() => sendExport.mutate(latest.export_id)}
                >
                  E-mail to customer
                </Button>
              </PermissionTooltip>
            )}
            <PermissionTooltip allowed={canExport}>
              <Button size="small" variant="secondary" disabled={!canExport} isLoading={requestExport.isPending} onClick={() => requestExport.mutate()}>
                Request customer data
              </Button>
            </PermissionTooltip>
          </div>
        </div>
      )}
      {s && RUNNING.includes(s.status) && (
        <Text size="small" className="px-6 py-4">Forgetting the customer… ({s.job?.status})</Text>
      )}
      {s?.status === "failed" && (
        <Text size="small" className="text-ui-fg-error px-6 py-4">Forget failed: {s.job?.error}</Text>
      )}
      {cert && (
        <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="erasure-certificate">
          <div className="flex items-center justify-between">
            <Text size="small" weight="plus">Erasure certificate</Text>
            <Badge color={cert.verdict === "erased" ? "green" : "red"}>
              {cert.verdict === "erased" ? "0 hits" : `${cert.hits.length} hits`}
            </Badge>
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            Forgotten {when(cert.forgotten_at)} by {cert.forgotten_by.name ?? cert.forgotten_by.id ?? "the system"}.
            {" "}{cert.places.reduce((n, p) => n + p.rows, 0)} rows in {cert.places.filter((p) => p.rows).length} tables
            {cert.files_removed.length ? `, ${cert.files_removed.length} files deleted` : ""}. Verified {cert.scan.columns} columns
            of {cert.scan.tables} tables, {cert.scan.redis_keys} Redis keys and {cert.scan.files} files for {cert.scan.values_searched} former values.
          </Text>
          {cert.hits.map((h) => (
            <Text key={h.place} size="small" className="text-ui-fg-error">Still found in {h.place} ({h.rows})</Text>
          ))}
          <div className="mt-2 flex gap-x-2">
            <Button size="small" variant="secondary" onClick={() => gdprApi.downloadCertificatePdf(customer.id).catch((e) => toast.error(errorMessage(e)))}>
              Download certificate (PDF)
            </Button>
            <Button size="small" variant="transparent" onClick={() => gdprApi.downloadCertificate(customer.id).catch((e) => toast.error(errorMessage(e)))}>
              JSON
            </Button>
          </div>
        </div>
      )}
      {!forgotten && !(s && RUNNING.includes(s.status)) && (
        <div className="flex items-center justify-between gap-x-4 px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {s?.blocking.length
              ? `Not possible yet: ${s.blocking.length} ${s.blocking.length === 1 ? "thing" : "things"} to settle first.`
              : "Erase this customer's personal data everywhere, for good."}
          </Text>
          <PermissionTooltip allowed={canForget}>
            <Button size="small" variant="danger" disabled={!canForget || !s} onClick={() => setOpen(true)}>
              Forget this customer (GDPR)
            </Button>
          </PermissionTooltip>
        </div>
      )}
      {s && (
        <ForgetDialog customerId={customer.id} email={customer.email ?? null} blocking={s.blocking} open={open} onOpenChange={setOpen} />
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
  id: "customer-backoffice-privacy",
})

export default CustomerPrivacyWidget
