import { Badge, Button, Checkbox, Drawer, RadioGroup, Label, Select, Text, usePrompt } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { useNavigate } from "react-router-dom"
import { duplicateKeys } from "../../lib/duplicates"
import { FIELD_LABELS, mergeKeys, mergesApi, type MergeFieldChoices, type MergePreview } from "../../lib/merges"
import { errorMessage } from "../../lib/sdk"
import { PERMISSIONS, usePermissions } from "../../lib/permissions"
import { PermissionTooltip } from "../permission-tooltip"

type Person = { id: string; first_name?: string | null; last_name?: string | null; email?: string | null }
const nameOf = (c: Person | undefined, id: string) =>
  (c && ([c.first_name, c.last_name].filter(Boolean).join(" ") || c.email)) || id

const TOTALS: [keyof MergePreview["totals"], string][] = [
  ["orders", "Orders"],
  ["carts", "Carts"],
  ["addresses", "Addresses"],
  ["addresses_deduplicated", "Addresses already on the primary (not copied)"],
  ["notes", "Notes"],
  ["categories", "Categories joined"],
  ["stores", "Stores added"],
  ["timeline", "Timeline entries"],
  ["points", "Loyalty points (moved by ledger entries, expiry kept)"],
  ["house_accounts", "House accounts assigned"],
  ["trade_applications", "Trade applications"],
]

/**
 * Merge preview and confirmation: which customers of the group merge (all
 * by default; on the Duplicates page also which one stays), what moves into
 * the primary, a choice per field both customers have a value for, then a
 * danger prompt as for bulk delete. After the merge: a toast with a link to
 * the primary.
 */
export const MergeDrawer = ({
  primary: initialPrimary,
  secondaries: others,
  choosePrimary = false,
  open,
  onOpenChange,
}: {
  primary: Person & { id: string }
  /** The other customers of the group: each can be left out of this merge. */
  secondaries: (Person & { id: string })[]
  /** The Duplicates page: any member of the group can be the one that stays. */
  choosePrimary?: boolean
  open: boolean
  onOpenChange: (open: boolean) => void
}) => {
  const qc = useQueryClient()
  const prompt = usePrompt()
  const navigate = useNavigate()
  const canMerge = usePermissions().can(PERMISSIONS.mergeCustomers)
  const members = [initialPrimary, ...others]
  const [primaryId, setPrimaryId] = useState(initialPrimary.id)
  const [left, setLeft] = useState<Set<string>>(new Set())
  const primary = members.find((m) => m.id === primaryId) ?? initialPrimary
  const candidates = members.filter((m) => m.id !== primary.id)
  const secondaries = candidates.filter((m) => !left.has(m.id))
  const ids = secondaries.map((s) => s.id)
  const [fields, setFields] = useState<MergeFieldChoices>({})
  useEffect(() => setFields({}), [open, primary.id, ids.join(",")])
  useEffect(() => {
    setPrimaryId(initialPrimary.id)
    setLeft(new Set())
  }, [open, initialPrimary.id])
  const preview = useQuery({
    queryKey: mergeKeys.preview(primary.id, ids),
    queryFn: () => mergesApi.preview(primary.id, ids),
    enabled: open && ids.length > 0,
    retry: false,
  })
  const people = new Map(members.map((p) => [p.id, p]))
  const merge = useMutation({
    mutationFn: () => mergesApi.merge(primary.id, ids, fields),
    onSuccess: ({ merge }) => {
      qc.invalidateQueries({ queryKey: duplicateKeys.all })
      qc.invalidateQueries({ queryKey: mergeKeys.all })
      qc.invalidateQueries({ queryKey: ["customers"] })
      onOpenChange(false)
      toast.success("Customers merged", {
        description: `${secondaries.map((s) => nameOf(s, s.id)).join(", ")} merged into ${nameOf(primary, primary.id)}. Undo is possible until ${new Date(merge.undo_until).toLocaleDateString()}.`,
        action: { label: "Open customer", altText: "Open the merged customer", onClick: () => navigate(`/customers/${primary.id}`) },
      })
    },
    onError: (e) => toast.error("The merge was refused", { description: errorMessage(e) }),
  })

  const confirm = async () => {
    const p = preview.data?.preview
    const ok = await prompt({
      title: `Merge ${secondaries.length === 1 ? "this customer" : `${secondaries.length} customers`}?`,
      description: `${secondaries.map((s) => nameOf(s, s.id)).join(", ")} will be merged into ${nameOf(primary, primary.id)}: ${p?.totals.orders ?? 0} orders, ${p?.totals.points ?? 0} points and everything listed move, and the merged customer is removed. You can undo this for ${p?.undo_days ?? 30} days.`,
      confirmText: "Merge",
      cancelText: "Cancel",
      variant: "danger",
      verificationText: "MERGE",
      verificationInstruction: "Type MERGE to confirm",
    })
    if (ok) merge.mutate()
  }

  const p = ids.length ? preview.data?.preview : undefined
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Merge into {nameOf(primary, primary.id)}</Drawer.Title>
          <Drawer.Description className="sr-only">Choose the values the merged customer keeps</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          {choosePrimary && (
            <div className="flex flex-col gap-y-2">
              <Label size="small" weight="plus">Customer who stays</Label>
              <Select size="small" value={primary.id} onValueChange={(v) => { setPrimaryId(v); setLeft(new Set()) }}>
                <Select.Trigger aria-label="Customer who stays">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  {members.map((m) => (
                    <Select.Item key={m.id} value={m.id}>
                      {nameOf(m, m.id)}{m.email ? ` · ${m.email}` : ""}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </div>
          )}
          {candidates.length > 1 && (
            <div className="flex flex-col gap-y-2">
              <Text size="small" weight="plus">Customers to merge</Text>
              {candidates.map((m) => (
                <div key={m.id} className="flex items-center gap-x-2">
                  <Checkbox
                    id={`merge-${m.id}`}
                    checked={!left.has(m.id)}
                    onCheckedChange={(v) =>
                      setLeft((l) => {
                        const n = new Set(l)
                        if (v === true) n.delete(m.id)
                        else n.add(m.id)
                        return n
                      })
                    }
                  />
                  <Label htmlFor={`merge-${m.id}`} size="small" weight="regular">
                    {nameOf(m, m.id)} {m.email && <span className="text-ui-fg-subtle">({m.email})</span>}
                  </Label>
                </div>
              ))}
            </div>
          )}
          <Text size="small" className="text-ui-fg-subtle">
            {secondaries.length
              ? `${nameOf(primary, primary.id)} stays. ${secondaries.map((s) => nameOf(s, s.id)).join(", ")} ${
                  secondaries.length === 1 ? "is" : "are"
                } merged into it and removed (kept for undo).`
              : "Choose at least one customer to merge."}
          </Text>
          {preview.isLoading && ids.length > 0 && <Text size="small">Checking what would move…</Text>}
          {preview.isError && ids.length > 0 && (
            <Text size="small" className="text-ui-fg-error">{errorMessage(preview.error)}</Text>
          )}
          {p && (
            <>
              <div className="flex flex-col gap-y-2">
                <Text size="small" weight="plus">What moves</Text>
                <div className="divide-y rounded-md border">
                  {TOTALS.filter(([k]) => Number(p.totals[k]) > 0).map(([k, label]) => (
                    <div key={k} className="flex items-center justify-between px-3 py-2">
                      <Text size="small">{label}</Text>
                      <Text size="small" className="tabular-nums">{String(p.totals[k])}</Text>
                    </div>
                  ))}
                  <div className="flex items-center justify-between px-3 py-2">
                    <Text size="small">Marketing consent</Text>
                    <Badge size="2xsmall" color={p.totals.consent_opt_out ? "orange" : "grey"}>
                      {p.totals.consent_opt_out ? "Opted out (most restrictive wins)" : "No opt-out"}
                    </Badge>
                  </div>
                  <div className="flex items-center justify-between px-3 py-2">
                    <Text size="small">Login</Text>
                    <Text size="small" className="text-ui-fg-subtle">
                      {p.totals.login === "none"
                        ? "No login to move"
                        : p.totals.login === "moves"
                          ? "The merged customer's login moves to this customer"
                          : "This customer's login is kept; the other login is disabled"}
                    </Text>
                  </div>
                </div>
              </div>
              {p.conflicts.length > 0 && (
                <div className="flex flex-col gap-y-3">
                  <Text size="small" weight="plus">Both have a value: choose which to keep</Text>
                  {p.conflicts.map((c) => (
                    <div key={c.field} className="flex flex-col gap-y-2">
                      <Label size="small">{FIELD_LABELS[c.field] ?? c.field}</Label>
                      <RadioGroup
                        value={fields[c.field] ?? c.default}
                        onValueChange={(v) => setFields((f) => ({ ...f, [c.field]: v }))}
                      >
                        {Object.entries(c.values).map(([id, value]) => (
                          <div key={id} className="flex items-center gap-x-2">
                            <RadioGroup.Item value={id} id={`${c.field}-${id}`} />
                            <Label htmlFor={`${c.field}-${id}`} size="small" weight="regular">
                              {String(value)}{" "}
                              <span className="text-ui-fg-subtle">({nameOf(people.get(id), id)})</span>
                            </Label>
                          </div>
                        ))}
                      </RadioGroup>
                    </div>
                  ))}
                </div>
              )}
            </>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">Cancel</Button>
          </Drawer.Close>
          <PermissionTooltip allowed={canMerge}>
            <Button
              size="small"
              variant="danger"
              disabled={!p || !canMerge || !ids.length}
              isLoading={merge.isPending}
              onClick={confirm}
            >
              Merge
            </Button>
          </PermissionTooltip>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
