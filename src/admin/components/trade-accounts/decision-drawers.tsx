import { Label, Text, Textarea } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { errorMessage } from "../../lib/sdk"
import { tradeApi, type TradeApplication } from "../../lib/trade-accounts"
import { FormDrawer } from "../form-drawer"
import { parseDiscount, TermsFields, type TermsValue } from "./terms-fields"

const EMPTY: TermsValue = { price_list_id: "", discount_percent: "", free_delivery: false, account_code: "" }

type DecisionProps = {
  application: TradeApplication | null
  onOpenChange: (open: boolean) => void
  onDone: () => void
}

/**
 * What approving and rejecting share: a form that starts empty for each
 * application, the decision sent once, a toast, then the list refreshed and
 * the drawer closed; a refusal stays in the drawer.
 */
function useDecision<T>(
  { application, onOpenChange, onDone }: DecisionProps,
  empty: T,
  decide: (application: TradeApplication, value: T) => Promise<unknown>,
  verb: "approved" | "rejected"
) {
  const [value, setValue] = useState<T>(empty)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setValue(empty)
    setError(null)
    // a new application starts from an empty form
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [application?.id])
  const mutation = useMutation({
    mutationFn: () => decide(application!, value),
    onSuccess: () => {
      toast.success(`${application?.company_name} ${verb}`)
      onDone()
      onOpenChange(false)
    },
    onError: (e) => setError(errorMessage(e)),
  })
  return { value, setValue, error, mutation }
}

/** Approve: choose the account's terms; the applicant is notified. */
export const ApproveDrawer = (props: DecisionProps) => {
  const { application, onOpenChange } = props
  const { value: terms, setValue: setTerms, error, mutation } = useDecision(
    props,
    EMPTY,
    (a, terms) => {
      const d = parseDiscount(terms.discount_percent)
      if (d.error) throw new Error(`Global discount: ${d.error}`)
      return tradeApi.approve(a.id, {
        price_list_id: terms.price_list_id || null,
        discount_percent: d.value,
        free_delivery: terms.free_delivery,
        account_code: terms.account_code.trim() || null,
      })
    },
    "approved"
  )
  return (
    <FormDrawer
      open={!!application}
      onOpenChange={onOpenChange}
      title={<>Approve {application?.company_name}</>}
      error={error}
      submitText="Approve"
      onSubmit={() => mutation.mutate()}
      pending={mutation.isPending}
    >
      <Text size="small" className="text-ui-fg-subtle">
        {application?.applicant?.name ?? application?.email} can sign in and order once approved, and is told by
        email.
      </Text>
      <TermsFields value={terms} onChange={setTerms} />
    </FormDrawer>
  )
}

/** Reject with a reason; the applicant is told the reason. */
export const RejectDrawer = (props: DecisionProps) => {
  const { application, onOpenChange } = props
  const { value: reason, setValue: setReason, error, mutation } = useDecision(
    props,
    "",
    (a, reason) => tradeApi.reject(a.id, reason),
    "rejected"
  )
  return (
    <FormDrawer
      open={!!application}
      onOpenChange={onOpenChange}
      title={<>Reject {application?.company_name}</>}
      error={error}
      submitText="Reject"
      onSubmit={() => mutation.mutate()}
      canSubmit={!!reason.trim()}
      pending={mutation.isPending}
      danger
      bodyClassName="flex flex-col gap-y-2"
    >
      <Label size="small" htmlFor="cbo-trade-reason">
        Reason (sent to the applicant)
      </Label>
      <Textarea id="cbo-trade-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={4} />
      <Text size="xsmall" className="text-ui-fg-subtle">
        The customer keeps a retail account.
      </Text>
    </FormDrawer>
  )
}
