import { useMutation, useQueryClient } from "@tanstack/react-query"
import { toast } from "../lib/toast"
import { duplicateKeys, duplicatesApi } from "../lib/duplicates"
import { errorMessage } from "../lib/sdk"
import type { Dismissal } from "../components/duplicates/duplicate-group-row"

/**
 * "Not a duplicate" (a pair) and "Not this one" (a member of a larger
 * group: every pair it has in the group), one dismissal per pair.
 */
export function useDismissDuplicate() {
  const qc = useQueryClient()
  const mutation = useMutation({
    mutationFn: async (d: Dismissal) => {
      for (const pair of d.pairs) await duplicatesApi.dismiss(pair)
    },
    onSuccess: (_r, d) => {
      toast.success(d.member ? "Taken out of the group" : "Marked as not a duplicate")
      qc.invalidateQueries({ queryKey: duplicateKeys.all })
    },
    onError: (e) => {
      toast.error(errorMessage(e))
      qc.invalidateQueries({ queryKey: duplicateKeys.all })
    },
  })
  /** What the row shows as loading: the member being taken out, "" for the pair, null when idle. */
  const pendingFor = (groupId: string) =>
    mutation.isPending && mutation.variables?.group.id === groupId ? mutation.variables.member ?? "" : null
  return { dismiss: mutation.mutate, pendingFor }
}
