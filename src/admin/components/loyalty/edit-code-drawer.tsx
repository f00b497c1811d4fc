import { Input, Text } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { loyaltyApi } from "../../lib/loyalty"
import { errorMessage } from "../../lib/sdk"
import { FormDrawer, FormField } from "../form-drawer"

/** Changes the account code, e.g. by scanning a physical card into the field. */
export const EditCodeDrawer = ({
  customerId,
  code,
  open,
  onOpenChange,
  onDone,
}: {
  customerId: string
  code: string | null
  open: boolean
  onOpenChange: (open: boolean) => void
  onDone: () => void
}) => {
  const [value, setValue] = useState(code ?? "")
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (open) {
      setValue(code ?? "")
      setError(null)
    }
  }, [open, code])
  const normalized = value.replace(/\s+/g, "").toUpperCase()
  const formatError =
    normalized && !/^[A-Z0-9-]{4,32}$/.test(normalized) ? "4 to 32 letters, digits or dashes" : null

  const save = useMutation({
    mutationFn: () => loyaltyApi.update(customerId, { code: normalized }),
    onSuccess: () => {
      toast.success("Account code saved")
      onOpenChange(false)
      onDone()
    },
    onError: (e) => setError(errorMessage(e)),
  })

  return (
    <FormDrawer
      open={open}
      onOpenChange={onOpenChange}
      title="Loyalty account code"
      description="Set the code printed on the customer's loyalty card"
      submitText="Save code"
      onSubmit={() => save.mutate()}
      canSubmit={!!normalized && !formatError && normalized !== code}
      pending={save.isPending}
    >
      <Text size="small" className="text-ui-fg-subtle">
        To match a physical card, click the field and scan the card's barcode (or type its number). The code
        must be unique; customers are found by it in the customer list search.
      </Text>
      <FormField id="cbo-pts-code" label="Account code" error={formatError ?? error} errorRole="alert">
        <Input
          id="cbo-pts-code"
          autoFocus
          value={value}
          onChange={(e) => {
            setValue(e.target.value)
            setError(null)
          }}
          onKeyDown={(e) => {
            // Scanners end with Enter.
            if (e.key === "Enter" && normalized && !formatError) save.mutate()
          }}
        />
      </FormField>
    </FormDrawer>
  )
}
