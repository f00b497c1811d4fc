import { Input, Select, Text, Textarea } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { loyaltyApi, newIdempotencyKey, type LoyaltyState } from "../../lib/loyalty"
import { errorMessage } from "../../lib/sdk"
import { FormDrawer, FormField } from "../form-drawer"

/** Add or remove points by hand; a reason is mandatory. */
export const AdjustPointsDrawer = ({
  customerId,
  state,
  open,
  onOpenChange,
  onDone,
}: {
  customerId: string
  state: LoyaltyState
  open: boolean
  onOpenChange: (open: boolean) => void
  onDone: () => void
}) => {
  const [direction, setDirection] = useState<"add" | "remove">("add")
  const [points, setPoints] = useState("")
  const [reason, setReason] = useState("")
  const [key, setKey] = useState(newIdempotencyKey())
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (open) {
      setDirection("add")
      setPoints("")
      setReason("")
      setError(null)
      setKey(newIdempotencyKey())
    }
  }, [open])

  const n = Number(points)
  const pointsError =
    points === ""
      ? null
      : !/^\d+$/.test(points.trim()) || n <= 0
        ? "Enter a whole number of points greater than 0"
        : direction === "remove" && n > state.balance
          ? `At most ${state.balance.toLocaleString()} points can be removed (the balance)`
          : null
  const canSave = points !== "" && !pointsError && reason.trim().length > 0

  const save = useMutation({
    mutationFn: () =>
      loyaltyApi.adjust(customerId, { direction, points: n, reason: reason.trim(), idempotency_key: key }),
    onSuccess: (r) => {
      toast.success(
        `${n.toLocaleString()} points ${direction === "add" ? "added" : "removed"} — balance ${r.loyalty.balance.toLocaleString()}`
      )
      onOpenChange(false)
      onDone()
    },
    onError: (e) => setError(errorMessage(e)),
  })

  return (
    <FormDrawer
      open={open}
      onOpenChange={onOpenChange}
      title="Adjust points"
      description="Add or remove loyalty points, with the reason the customer's history shows"
      error={error}
      submitText={direction === "add" ? "Add points" : "Remove points"}
      onSubmit={() => save.mutate()}
      canSubmit={canSave}
      pending={save.isPending}
    >
      <Text size="small" className="text-ui-fg-subtle">
        Current balance: {state.balance.toLocaleString()} points
        {!state.enrolled && " · adding points enrols the customer in loyalty"}
      </Text>
      <FormField id="cbo-pts-direction" label="Action">
        <Select value={direction} onValueChange={(v) => setDirection(v as "add" | "remove")}>
          <Select.Trigger id="cbo-pts-direction">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="add">Add points</Select.Item>
            <Select.Item value="remove">Remove points</Select.Item>
          </Select.Content>
        </Select>
      </FormField>
      <FormField id="cbo-pts-points" label="Points" error={pointsError}>
        <Input
          id="cbo-pts-points"
          inputMode="numeric"
          value={points}
          onChange={(e) => setPoints(e.target.value)}
          aria-invalid={!!pointsError}
          placeholder="100"
        />
      </FormField>
      <FormField id="cbo-pts-reason" label="Reason (required)">
        <Textarea
          id="cbo-pts-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Why the points change, e.g. goodwill for a late delivery"
          maxLength={500}
        />
      </FormField>
    </FormDrawer>
  )
}
