import { Input, Select, Text, Textarea } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import {
  PAYMENT_METHODS,
  formatMinor,
  houseAccountsApi,
  newIdempotencyKey,
  parseMajor,
  type HouseAccountJSON,
} from "../../lib/house-accounts"
import { errorMessage } from "../../lib/sdk"
import { FormDrawer, FormField } from "../form-drawer"

/** Record a payment (method, reference, comment) or adjust the balance (signed, mandatory reason). */
export const EntryDrawer = ({
  account,
  mode,
  open,
  onOpenChange,
  onDone,
}: {
  account: HouseAccountJSON
  mode: "payment" | "adjustment"
  open: boolean
  onOpenChange: (open: boolean) => void
  onDone: () => void
}) => {
  const [amount, setAmount] = useState("")
  const [method, setMethod] = useState("bank_transfer")
  const [reference, setReference] = useState("")
  const [reason, setReason] = useState("")
  const [key, setKey] = useState(newIdempotencyKey())
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (open) {
      setAmount("")
      setMethod("bank_transfer")
      setReference("")
      setReason("")
      setError(null)
      setKey(newIdempotencyKey())
    }
  }, [open])

  const minor = amount.trim() === "" ? null : parseMajor(amount, account.currency_code, { allowNegative: mode === "adjustment" })
  const amountError = amount.trim() !== "" && minor === null
    ? mode === "payment"
      ? "Enter an amount greater than 0"
      : "Enter an amount other than 0 (negative lowers what is owed)"
    : null
  const canSave = minor !== null && (mode === "payment" || reason.trim().length > 0)

  const save = useMutation({
    mutationFn: () =>
      houseAccountsApi.post(account.id, {
        kind: mode,
        amount: minor!,
        ...(mode === "payment" ? { method } : {}),
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        idempotency_key: key,
      }),
    onSuccess: (r) => {
      toast.success(
        `${mode === "payment" ? "Payment recorded" : "Balance adjusted"} — balance ${formatMinor(r.account.balance, r.account.currency_code)}`
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
      title={mode === "payment" ? "Record a payment" : "Adjust the balance"}
      error={error}
      submitText={mode === "payment" ? "Record payment" : "Adjust"}
      onSubmit={() => save.mutate()}
      canSubmit={canSave}
      pending={save.isPending}
    >
      <Text size="small" className="text-ui-fg-subtle">
        Balance owed: {formatMinor(account.balance, account.currency_code)}
      </Text>
      <FormField id="cbo-hacc-amount" label={`Amount (${account.currency_code.toUpperCase()})`} error={amountError}>
        <Input
          id="cbo-hacc-amount"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-invalid={!!amountError}
          placeholder={mode === "payment" ? "250.00" : "-25.00"}
        />
      </FormField>
      {mode === "payment" && (
        <FormField id="cbo-hacc-method" label="Method">
          <Select value={method} onValueChange={setMethod}>
            <Select.Trigger id="cbo-hacc-method">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {PAYMENT_METHODS.map((m) => (
                <Select.Item key={m.value} value={m.value}>
                  {m.label}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </FormField>
      )}
      <FormField id="cbo-hacc-reference" label="Reference (optional)">
        <Input
          id="cbo-hacc-reference"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          maxLength={200}
          placeholder="Bank reference, receipt number…"
        />
      </FormField>
      <FormField id="cbo-hacc-reason" label={mode === "payment" ? "Comment (optional)" : "Reason (required)"}>
        <Textarea id="cbo-hacc-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </FormField>
    </FormDrawer>
  )
}
