import { Input } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { houseAccountsApi, parseMajor, type HouseAccountJSON } from "../../lib/house-accounts"
import { errorMessage } from "../../lib/sdk"
import { FormDrawer, FormField } from "../form-drawer"

/** New house account: name, currency, credit limit, optional number, per-order maximum and first customer. */
export const CreateAccountDrawer = ({
  open,
  onOpenChange,
  onCreated,
  customerId,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  onCreated: (account: HouseAccountJSON) => void
  /** Assign this customer right away (from the customer page). */
  customerId?: string
}) => {
  const [name, setName] = useState("")
  const [number, setNumber] = useState("")
  const [currency, setCurrency] = useState("eur")
  const [limit, setLimit] = useState("0")
  const [orderLimit, setOrderLimit] = useState("")
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (open) {
      setName("")
      setNumber("")
      setCurrency("eur")
      setLimit("0")
      setOrderLimit("")
      setError(null)
    }
  }, [open])

  const currencyOk = /^[a-zA-Z]{3}$/.test(currency.trim())
  const limitMinor = currencyOk ? parseMajor(limit, currency, { allowZero: true }) : null
  const orderMinor = orderLimit.trim() === "" ? null : currencyOk ? parseMajor(orderLimit, currency) : null
  const orderBad = orderLimit.trim() !== "" && orderMinor === null
  const canSave = name.trim() && currencyOk && limitMinor !== null && !orderBad

  const save = useMutation({
    mutationFn: () =>
      houseAccountsApi.create({
        name: name.trim(),
        currency_code: currency.trim().toLowerCase(),
        credit_limit: limitMinor ?? 0,
        order_limit: orderMinor,
        ...(number.trim() ? { account_number: number.trim() } : {}),
        ...(customerId ? { customer_ids: [customerId] } : {}),
      }),
    onSuccess: (r) => {
      toast.success(`House account ${r.house_account.account_number} created`)
      onOpenChange(false)
      onCreated(r.house_account)
    },
    onError: (e) => setError(errorMessage(e)),
  })

  return (
    <FormDrawer
      open={open}
      onOpenChange={onOpenChange}
      title="New house account"
      error={error}
      submitText="Create account"
      onSubmit={() => save.mutate()}
      canSubmit={!!canSave}
      pending={save.isPending}
    >
      <FormField id="cbo-hacc-name" label="Name">
        <Input id="cbo-hacc-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Acme Builders" />
      </FormField>
      <FormField id="cbo-hacc-number" label="Account number (optional)">
        <Input
          id="cbo-hacc-number"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder="Generated when empty, e.g. HA-12345678"
        />
      </FormField>
      <FormField id="cbo-hacc-currency" label="Currency">
        <Input
          id="cbo-hacc-currency"
          value={currency}
          maxLength={3}
          onChange={(e) => setCurrency(e.target.value)}
          aria-invalid={!currencyOk}
        />
      </FormField>
      <FormField id="cbo-hacc-limit" label="Credit limit" hint="0 = no credit: the customer pays in advance.">
        <Input
          id="cbo-hacc-limit"
          inputMode="decimal"
          value={limit}
          onChange={(e) => setLimit(e.target.value)}
          aria-invalid={limitMinor === null}
        />
      </FormField>
      <FormField id="cbo-hacc-order-limit" label="Per-order maximum (optional)">
        <Input
          id="cbo-hacc-order-limit"
          inputMode="decimal"
          value={orderLimit}
          onChange={(e) => setOrderLimit(e.target.value)}
          aria-invalid={orderBad}
        />
      </FormField>
    </FormDrawer>
  )
}
