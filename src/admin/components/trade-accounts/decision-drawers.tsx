import { Button, Drawer, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { errorMessage } from "../../lib/sdk"
import { tradeApi, type TradeApplication } from "../../lib/trade-accounts"
import { parseDiscount, TermsFields, type TermsValue } from "./terms-fields"

const EMPTY: TermsValue = { price_list_id: "", discount_percent: "", free_delivery: false, account_code: "" }

/** Approve: choose the account's terms; the applicant is notified. */
export const ApproveDrawer = ({
  application,
  onOpenChange,
  onDone,
}: {
  application: TradeApplication | null
  onOpenChange: (open: boolean) => void
  onDone: () => void
}) => {
  const [terms, setTerms] = useState<TermsValue>(EMPTY)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setTerms(EMPTY)
    setError(null)
  }, [application?.id])
  const approve = useMutation({
    mutationFn: () => {
      const d = parseDiscount(terms.discount_percent)
      if (d.error) throw new Error(`Global discount: ${d.error}`)
      return tradeApi.approve(application!.id, {
        price_list_id: terms.price_list_id || null,
        discount_percent: d.value,
        free_delivery: terms.free_delivery,
        account_code: terms.account_code.trim() || null,
      })
    },
    onSuccess: () => {
      toast.success(`${application?.company_name} approved`)
      onDone()
      onOpenChange(false)
    },
    onError: (e) => setError(errorMessage(e)),
  })
  return (
    <Drawer open={!!application} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Approve {application?.company_name}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <Text size="small" className="text-ui-fg-subtle">
            {application?.applicant?.name ?? application?.email} can sign in and order once approved, and is told by
            email.
          </Text>
          <TermsFields value={terms} onChange={setTerms} />
          {error && <Text size="small" className="text-ui-fg-error">{error}</Text>}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary" size="small">Cancel</Button>
          </Drawer.Close>
          <Button size="small" isLoading={approve.isPending} onClick={() => approve.mutate()}>
            Approve
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

/** Reject with a reason; the applicant is told the reason. */
export const RejectDrawer = ({
  application,
  onOpenChange,
  onDone,
}: {
  application: TradeApplication | null
  onOpenChange: (open: boolean) => void
  onDone: () => void
}) => {
  const [reason, setReason] = useState("")
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setReason("")
    setError(null)
  }, [application?.id])
  const reject = useMutation({
    mutationFn: () => tradeApi.reject(application!.id, reason),
    onSuccess: () => {
      toast.success(`${application?.company_name} rejected`)
      onDone()
      onOpenChange(false)
    },
    onError: (e) => setError(errorMessage(e)),
  })
  return (
    <Drawer open={!!application} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Reject {application?.company_name}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-2">
          <Label size="small" htmlFor="cbo-trade-reason">Reason (sent to the applicant)</Label>
          <Textarea id="cbo-trade-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={4} />
          <Text size="xsmall" className="text-ui-fg-subtle">The customer keeps a retail account.</Text>
          {error && <Text size="small" className="text-ui-fg-error">{error}</Text>}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary" size="small">Cancel</Button>
          </Drawer.Close>
          <Button
            variant="danger"
            size="small"
            disabled={!reason.trim()}
            isLoading={reject.isPending}
            onClick={() => reject.mutate()}
          >
            Reject
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
