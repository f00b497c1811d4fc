import { Button, FocusModal, Heading, Input, Label, Text, usePrompt } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import type { ForgetBlock } from "../../../types/gdpr"
import { ERASED, KEPT, gdprApi, gdprKeys } from "../../lib/gdpr"
import { errorMessage } from "../../lib/sdk"

type Props = {
  customerId: string
  email: string | null
  blocking: ForgetBlock[]
  open: boolean
  onOpenChange: (open: boolean) => void
}

/**
 * "Forget this customer (GDPR)": says what is erased and what is kept, lists
 * what blocks it, asks for the customer's email typed in full, then a second
 * confirmation before the job starts.
 */
export const ForgetDialog = ({ customerId, email, blocking, open, onOpenChange }: Props) => {
  const qc = useQueryClient()
  const prompt = usePrompt()
  const [typed, setTyped] = useState("")
  const matches = !!email && typed.trim().toLowerCase() === email.toLowerCase()
  const forget = useMutation({
    mutationFn: () => gdprApi.forget(customerId, typed.trim()),
    onSuccess: () => {
      toast.success("Forgetting the customer", { description: "Follow it on Background jobs; the certificate appears here." })
      qc.invalidateQueries({ queryKey: gdprKeys.forget(customerId) })
      setTyped("")
      onOpenChange(false)
    },
    onError: (e) => toast.error("The customer was not forgotten", { description: errorMessage(e) }),
  })
  const submit = async () => {
    const sure = await prompt({
      title: "Forget this customer for good?",
      description: "Their personal data is erased everywhere. This cannot be undone.",
      confirmText: "Forget now",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (sure) forget.mutate()
  }
  return (
    <FocusModal open={open} onOpenChange={onOpenChange}>
      <FocusModal.Content>
        <FocusModal.Header>
          <Button variant="danger" size="small" disabled={!matches || !!blocking.length} isLoading={forget.isPending} onClick={submit}>
            Forget customer
          </Button>
        </FocusModal.Header>
        <FocusModal.Body className="flex flex-col items-center overflow-y-auto py-12">
          <div className="flex w-full flex-col gap-y-6" style={{ maxWidth: 720, margin: "0 auto" }}>
            <div>
              <Heading>Forget this customer (GDPR)</Heading>
              <Text size="small" className="text-ui-fg-subtle mt-1">
                Erases the customer's personal data wherever Medusa and the back office keep it, then checks every
                table, Redis and the stored files and issues an erasure certificate. Irreversible.
              </Text>
            </div>
            {!!blocking.length && (
              <div className="bg-ui-bg-subtle rounded-lg border p-4" data-testid="forget-blocking">
                <Text weight="plus" size="small">Not possible yet</Text>
                <ul className="mt-2 flex flex-col gap-y-1" style={{ listStyle: "disc", paddingLeft: 20 }}>
                  {blocking.map((b) => (
                    <li key={`${b.kind}-${b.id}`}>
                      <Text size="small">
                        <Link to={b.href} className="text-ui-fg-interactive hover:underline">{b.message}</Link>
                      </Text>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <div className="grid grid-cols-2 gap-4">
              <div>
                <Text weight="plus" size="small">Erased</Text>
                <ul className="mt-2 flex flex-col gap-y-1" style={{ listStyle: "disc", paddingLeft: 20 }}>
                  {ERASED.map((e) => <li key={e}><Text size="small" className="text-ui-fg-subtle">{e}</Text></li>)}
                </ul>
              </div>
              <div>
                <Text weight="plus" size="small">Kept (financial records without personal data)</Text>
                <ul className="mt-2 flex flex-col gap-y-1" style={{ listStyle: "disc", paddingLeft: 20 }}>
                  {KEPT.map((e) => <li key={e}><Text size="small" className="text-ui-fg-subtle">{e}</Text></li>)}
                </ul>
              </div>
            </div>
            <div className="flex flex-col gap-y-2">
              <Label htmlFor="forget-confirm-email" size="small">
                Type the customer's email <span className="font-mono">{email}</span> to confirm
              </Label>
              <Input
                id="forget-confirm-email"
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                placeholder={email ?? ""}
              />
            </div>
          </div>
        </FocusModal.Body>
      </FocusModal.Content>
    </FocusModal>
  )
}
