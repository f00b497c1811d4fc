import { Button, Drawer, Input, Label, Select, Text, Textarea, toast } from "@medusajs/ui"
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
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>{mode === "payment" ? "Record a payment" : "Adjust the balance"}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <Text size="small" className="text-ui-fg-subtle">
            Balance owed: {formatMinor(account.balance, account.currency_code)}
          </Text>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="cbo-hacc-amount">Amount ({account.currency_code.toUpperCase()})</Label>
            <Input
              id="cbo-hacc-amount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-invalid={!!amountError}
              placeholder={mode === "payment" ? "250.00" : "-25.00"}
            />
            {amountError && (
              <Text size="small" className="text-ui-fg-error">
                {amountError}
              </Text>
            )}
          </div>
          {mode === "payment" && (
            <div className="flex flex-col gap-y-2">
              <Label htmlFor="cbo-hacc-method">Method</Label>
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
            </div>
          )}
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="cbo-hacc-reference">Reference (optional)</Label>
            <Input
              id="cbo-hacc-reference"
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              maxLength={200}
              placeholder="Bank reference, receipt number…"
            />
          </div>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="cbo-hacc-reason">{mode === "payment" ? "Comment (optional)" : "Reason (required)"}</Label>
            <Textarea id="cbo-hacc-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </div>
          {error && (
            <Text size="small" className="text-ui-fg-error" role="alert">
              {error}
            </Text>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary" size="small">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" disabled={!canSave} isLoading={save.isPending} onClick={() => save.mutate()}>
            {mode === "payment" ? "Record payment" : "Adjust"}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
