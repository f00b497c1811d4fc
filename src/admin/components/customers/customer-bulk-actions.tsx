import { CommandBar, usePrompt } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { categoriesApi, categoryQueryKeys } from "../../lib/categories"
import { customerQueryKeys, customersApi, deleteConfirmText } from "../../lib/customers"
import { formatNumber } from "../../lib/format"
import { invitationKeys, invitationsApi, SKIP_LABEL } from "../../lib/invitations"
import { PERMISSIONS, usePermissions } from "../../lib/permissions"
import { errorMessage } from "../../lib/sdk"
import { BulkPickDialog } from "./bulk-pick-dialog"

type Option = { value: string; label: string }

/**
 * What an admin does with the selected customers: add to or remove from a
 * category, assign a store, send the invitation to register (in-store
 * customers), delete (with the bulk-delete permission). The
 * command bar shows while something is selected.
 */
export const CustomerBulkActions = ({
  selected,
  setSelected,
  categoryOptions,
  storeOptions,
}: {
  selected: Set<string>
  setSelected: (selected: Set<string>) => void
  categoryOptions: Option[]
  storeOptions: Option[]
}) => {
  const queryClient = useQueryClient()
  const prompt = usePrompt()

  // hidden for a role without the bulk-delete policy (RBAC on); always there with RBAC off
  const canBulkDelete = usePermissions().can(PERMISSIONS.bulkDeleteCustomers)
  const remove = useMutation({
    mutationFn: (ids: string[]) => customersApi.remove(ids),
    onSuccess: ({ count }) => {
      toast.success(count === 1 ? "Customer deleted" : `${formatNumber(count)} customers deleted`, {
        description: 'You can restore them from "Removed customers".',
      })
      setSelected(new Set())
      queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
    },
    onError: (error) => {
      toast.error("Could not delete the customers", { description: errorMessage(error) })
      queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
    },
  })

  const onDelete = async () => {
    const ids = [...selected]
    let preview
    try {
      preview = await customersApi.deletePreview(ids)
    } catch (error) {
      toast.error("Could not check the selected customers", { description: errorMessage(error) })
      return
    }
    if (!preview.count) {
      toast.info("These customers were already removed")
      setSelected(new Set())
      queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
      return
    }
    const text = deleteConfirmText(preview)
    const confirmed = await prompt({
      title: text.title,
      description: text.description,
      confirmText: "Delete",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (confirmed) {
      const stillThere = ids.filter((id) => !preview.not_found.includes(id))
      remove.mutate(stillThere)
    }
  }

  const [bulk, setBulk] = useState<null | "add_category" | "remove_category" | "assign_store">(null)
  const invalidateAfterBulk = () => {
    queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
    queryClient.invalidateQueries({ queryKey: categoryQueryKeys.all })
    queryClient.invalidateQueries({ queryKey: ["customer-backoffice", "stores"] })
  }
  const bulkCategory = useMutation({
    mutationFn: ({ categoryId, mode }: { categoryId: string; mode: "add" | "remove" }) =>
      categoriesApi.members(categoryId, { [mode]: [...selected] }),
    onSuccess: (res, { mode }) => {
      const n = mode === "add" ? res.added.length : res.removed.length
      const name = res.category.name
      const who = n === 1 ? "1 customer" : `${formatNumber(n)} customers`
      const already = selected.size - n
      toast.success(mode === "add" ? `${who} added to ${name}` : `${who} removed from ${name}`, {
        description: already
          ? mode === "add"
            ? `${formatNumber(already)} already belonged to it.`
            : `${formatNumber(already)} did not belong to it.`
          : undefined,
      })
      setBulk(null)
      setSelected(new Set())
      invalidateAfterBulk()
    },
    onError: (error) => {
      toast.error("Could not change the category", { description: errorMessage(error) })
      invalidateAfterBulk()
    },
  })
  const bulkStore = useMutation({
    mutationFn: (salesChannelId: string) => categoriesApi.bulkStores([...selected], { add: [salesChannelId] }),
    onSuccess: (_res, salesChannelId) => {
      const name = storeOptions.find((o) => o.value === salesChannelId)?.label ?? "the store"
      const n = selected.size
      toast.success(`${n === 1 ? "1 customer" : `${formatNumber(n)} customers`} assigned to ${name}`)
      setBulk(null)
      setSelected(new Set())
      invalidateAfterBulk()
    },
    onError: (error) => {
      toast.error("Could not assign the store", { description: errorMessage(error) })
      invalidateAfterBulk()
    },
  })
  const invite = useMutation({
    mutationFn: (ids: string[]) => invitationsApi.bulk(ids),
    onSuccess: ({ sent, skipped }) => {
      const reasons = new Map<string, number>()
      for (const s of skipped) reasons.set(SKIP_LABEL[s.code], (reasons.get(SKIP_LABEL[s.code]) ?? 0) + 1)
      const description = skipped.length
        ? `${formatNumber(skipped.length)} skipped: ${[...reasons].map(([r, n]) => `${formatNumber(n)} ${r}`).join(", ")}.`
        : undefined
      if (sent.length) {
        toast.success(sent.length === 1 ? "Invitation sent to 1 customer" : `Invitations sent to ${formatNumber(sent.length)} customers`, {
          description,
        })
      } else {
        toast.info("No invitation sent", { description })
      }
      setSelected(new Set())
      queryClient.invalidateQueries({ queryKey: invitationKeys.all })
    },
    onError: (error) => toast.error("Could not send the invitations", { description: errorMessage(error) }),
  })
  const onInvite = async () => {
    const n = selected.size
    const confirmed = await prompt({
      title: "Send invitation to register",
      description: `Email ${n === 1 ? "the selected customer" : `the ${formatNumber(n)} selected customers`} a link to register on the storefront. Customers who already have an account or no email address are skipped; a customer invited before gets a new link.`,
      confirmText: "Send",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (confirmed) invite.mutate([...selected])
  }
  const selectedText = selected.size === 1 ? "the selected customer" : `the ${formatNumber(selected.size)} selected customers`

  return (
    <>
      <CommandBar open={selected.size > 0}>
        <CommandBar.Bar>
          <CommandBar.Value>{formatNumber(selected.size)} selected</CommandBar.Value>
          <CommandBar.Seperator />
          <CommandBar.Command action={() => setBulk("add_category")} label="Add to category…" shortcut="c" />
          <CommandBar.Seperator />
          <CommandBar.Command
            action={() => setBulk("remove_category")}
            label="Remove from category…"
            shortcut="r"
          />
          <CommandBar.Seperator />
          <CommandBar.Command action={() => setBulk("assign_store")} label="Assign store…" shortcut="s" />
          <CommandBar.Seperator />
          <CommandBar.Command action={onInvite} label="Send invitation" shortcut="i" disabled={invite.isPending} />
          <CommandBar.Seperator />
          {canBulkDelete && (
            <>
              <CommandBar.Command action={onDelete} label="Delete" shortcut="d" disabled={remove.isPending} />
              <CommandBar.Seperator />
            </>
          )}
          <CommandBar.Command action={() => setSelected(new Set())} label="Clear selection" shortcut="esc" />
        </CommandBar.Bar>
      </CommandBar>

      <BulkPickDialog
        open={bulk === "add_category" || bulk === "remove_category"}
        onOpenChange={(open) => !open && !bulkCategory.isPending && setBulk(null)}
        title={bulk === "remove_category" ? "Remove from category" : "Add to category"}
        description={
          bulk === "remove_category"
            ? `Remove ${selectedText} from a category. Price lists and promotions of that category no longer apply to them.`
            : `Add ${selectedText} to a category. Price lists and promotions of that category apply to them.`
        }
        label="Category"
        placeholder="Choose a category"
        options={categoryOptions}
        emptyText="No categories yet: create one on the Customer categories page."
        confirmText={bulk === "remove_category" ? "Remove" : "Add"}
        pending={bulkCategory.isPending}
        onConfirm={(categoryId) =>
          bulkCategory.mutate({ categoryId, mode: bulk === "remove_category" ? "remove" : "add" })
        }
      />
      <BulkPickDialog
        open={bulk === "assign_store"}
        onOpenChange={(open) => !open && !bulkStore.isPending && setBulk(null)}
        title="Assign store"
        description={`Add a store (sales channel) to ${selectedText}. Their other stores stay assigned.`}
        label="Store"
        placeholder="Choose a store"
        options={storeOptions}
        emptyText="No sales channels."
        confirmText="Assign"
        pending={bulkStore.isPending}
        onConfirm={(salesChannelId) => bulkStore.mutate(salesChannelId)}
      />
    </>
  )
}
