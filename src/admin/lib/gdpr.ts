import type { ForgetStatusResponse } from "../../types/gdpr"
import { downloadFile } from "./customer-io"
import { apiGet, apiPost } from "./sdk"

export type DataExportRow = {
  id: string
  export_id: string
  status: string
  error: string | null
  created_at: string
  finished_at: string | null
  file_name: string | null
  rows: Record<string, number> | null
  downloadable: boolean
}

const base = (id: string) => `/admin/backoffice/customers/${id}`

export const gdprKeys = {
  forget: (id: string) => ["cbo", "gdpr", "forget", id] as const,
  exports: (id: string) => ["cbo", "gdpr", "exports", id] as const,
}

export const gdprApi = {
  forgetStatus: (id: string) => apiGet<ForgetStatusResponse>(`${base(id)}/forget`),
  forget: (id: string, confirm_email: string) =>
    apiPost<{ job: { id: string; status: string } }>(`${base(id)}/forget`, { confirm_email }),
  downloadCertificate: (id: string) =>
    downloadFile(`${base(id)}/forget?format=download`, `erasure-certificate-${id}.json`),
  downloadCertificatePdf: (id: string) =>
    downloadFile(`${base(id)}/forget?format=pdf`, `erasure-certificate-${id}.pdf`),
  dataExports: (id: string) => apiGet<{ data_exports: DataExportRow[] }>(`${base(id)}/data-export`),
  requestDataExport: (id: string) => apiPost<{ job: { id: string } }>(`${base(id)}/data-export`),
  downloadDataExport: (id: string, exportId: string) =>
    downloadFile(`${base(id)}/data-export/${exportId}/download`, `customer-data-${id}.zip`),
  sendDataExport: (id: string, exportId: string) =>
    apiPost<{ notification_id: string | null; to: string; export_id: string }>(
      `${base(id)}/data-export/${exportId}/send`,
      {}
    ),
}

/** What a forget erases and what it keeps (the dialog and the README say the same). */
export const ERASED = [
  "Name, email (replaced by a non-deliverable placeholder), phone, company and metadata",
  "Saved addresses, and the names, streets and phones on order, cart and shipment addresses",
  "Carts, the login (password and identities), payment account holders, notifications",
  "Profile (incl. photo), notes and their revisions, consent and subscriptions, timeline history",
  "Imported rows, trade application, duplicate matches; export, import and backup files holding them",
  "Membership of every customer group",
]
export const KEPT = [
  "Orders: lines, amounts, dates, tax and the country of their addresses — without name, street, email or phone",
  "Payments, refunds, loyalty points and house-account ledger amounts — reasons and notes cleared",
  "One timeline line: who forgot the customer and when",
]
