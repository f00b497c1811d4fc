import { Button, Drawer, Input, Label, Text, toast } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { loyaltyApi } from "../../lib/loyalty"
import { errorMessage } from "../../lib/sdk"

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
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Loyalty account code</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <Text size="small" className="text-ui-fg-subtle">
            To match a physical card, click the field and scan the card's barcode (or type its number). The code
            must be unique; customers are found by it in the customer list search.
          </Text>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="cbo-pts-code">Account code</Label>
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
            {(formatError || error) && (
              <Text size="small" className="text-ui-fg-error" role="alert">
                {formatError ?? error}
              </Text>
            )}
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary" size="small">
              Cancel
            </Button>
          </Drawer.Close>
          <Button
            size="small"
            disabled={!normalized || !!formatError || normalized === code}
            isLoading={save.isPending}
            onClick={() => save.mutate()}
          >
            Save code
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
