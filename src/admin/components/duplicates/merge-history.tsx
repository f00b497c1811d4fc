import { Badge, Button, Text, usePrompt } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { duplicateKeys } from "../../lib/duplicates"
import { mergeKeys, mergesApi, type MergeRecord } from "../../lib/merges"
import { PERMISSIONS, usePermissions } from "../../lib/permissions"
import { errorMessage } from "../../lib/sdk"
import { PermissionTooltip } from "../permission-tooltip"

/** The merges into a customer, newest first, with "Undo" while within the undo window. */
export const MergeHistory = ({ customerId }: { customerId: string }) => {
  const qc = useQueryClient()
  const prompt = usePrompt()
  const canUndo = usePermissions().can(PERMISSIONS.mergeCustomers)
  const list = useQuery({ queryKey: mergeKeys.list(customerId), queryFn: () => mergesApi.list(customerId) })
  const undo = useMutation({
    mutationFn: (m: MergeRecord) => mergesApi.undo(m.id),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: mergeKeys.all })
      qc.invalidateQueries({ queryKey: duplicateKeys.all })
      qc.invalidateQueries({ queryKey: ["customers"] })
      const kept = r.changed_since.map((c) => `${c.rows} ${c.label}`).join(", ")
      toast.success("Merge undone", {
        description: kept ? `Added since the merge and kept on this customer: ${kept}.` : "Every moved record is back.",
      })
    },
    onError: (e) => toast.error("The merge could not be undone", { description: errorMessage(e) }),
  })
  const merges = list.data?.merges ?? []
  if (!merges.length) return null
  const ask = async (m: MergeRecord) => {
    const ok = await prompt({
      title: "Undo this merge?",
      description: `${m.secondary_ids.join(", ")} will be restored with every record and loyalty point that moved. Orders or notes added to this customer since the merge stay here.`,
      confirmText: "Undo merge",
      cancelText: "Cancel",
      variant: "danger",
      verificationText: "UNDO",
      verificationInstruction: "Type UNDO to confirm",
    })
    if (ok) undo.mutate(m)
  }
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <Text size="small" weight="plus">Merged into this customer</Text>
      {merges.map((m) => (
        <div key={m.id} className="flex items-center justify-between gap-x-2">
          <div className="flex flex-col">
            <Text size="small">
              {m.secondary_ids.map((id, i) => (
                <span key={id}>
                  {i > 0 && ", "}
                  <Link to={`/customers/${id}`} className="text-ui-fg-interactive hover:underline">{id}</Link>
                </span>
              ))}
            </Text>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {new Date(m.created_at).toLocaleString()}
              {m.can_undo && ` · undo until ${new Date(m.undo_until).toLocaleDateString()}`}
            </Text>
          </div>
          {m.status === "undone" ? (
            <Badge size="2xsmall" color="grey">Undone</Badge>
          ) : m.can_undo ? (
            <PermissionTooltip allowed={canUndo}>
              <Button size="small" variant="secondary" disabled={!canUndo} isLoading={undo.isPending && undo.variables?.id === m.id} onClick={() => ask(m)}>
                Undo
              </Button>
            </PermissionTooltip>
          ) : (
            <Badge size="2xsmall" color="grey">Final</Badge>
          )}
        </div>
      ))}
    </div>
  )
}
