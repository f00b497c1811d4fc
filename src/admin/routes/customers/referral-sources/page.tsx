import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChatBubbleLeftRight, Trash } from "@medusajs/icons"
import {
  Badge,
  Button,
  Container,
  Heading,
  IconButton,
  Input,
  Switch,
  Table,
  Text,
  usePrompt,
} from "@medusajs/ui"
import { toast } from "../../../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import {
  type ReferralSource,
  customerRecordsApi,
  fieldMessages,
  profileKeys,
} from "../../../lib/customer-records"
import { errorMessage } from "../../../lib/sdk"

function NameCell({ source }: { source: ReferralSource }) {
  const queryClient = useQueryClient()
  const [value, setValue] = useState(source.name)
  const rename = useMutation({
    mutationFn: (name: string) => customerRecordsApi.updateReferralSource(source.id, { name }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: profileKeys.referralSources })
      toast.success("Renamed")
    },
    onError: (e) => {
      setValue(source.name)
      toast.error(errorMessage(e))
    },
  })
  return (
    <Input
      size="small"
      value={value}
      aria-label="Name"
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => value.trim() && value.trim() !== source.name && rename.mutate(value.trim())}
      onKeyDown={(e) => e.key === "Enter" && (e.target as HTMLInputElement).blur()}
    />
  )
}

/** Customers → "How did you find us?": the choices offered on customer profiles. */
const ReferralSourcesPage = () => {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const [name, setName] = useState("")
  const [error, setError] = useState<string | null>(null)
  const { data, isLoading } = useQuery({
    queryKey: profileKeys.referralSources,
    queryFn: customerRecordsApi.referralSources,
  })
  const sources = data?.referral_sources ?? []
  const refresh = () => queryClient.invalidateQueries({ queryKey: profileKeys.referralSources })

  const create = useMutation({
    mutationFn: () =>
      customerRecordsApi.createReferralSource({
        name: name.trim(),
      }),
    onSuccess: () => {
      setName("")
      setError(null)
      refresh()
      toast.success("Choice added")
    },
    onError: (e) => setError(fieldMessages(e).name ?? errorMessage(e)),
  })
  const update = useMutation({
    mutationFn: (v: { id: string; rank?: number; active?: boolean }) =>
      customerRecordsApi.updateReferralSource(v.id, { rank: v.rank, active: v.active }),
    onSuccess: refresh,
    onError: (e) => toast.error(errorMessage(e)),
  })
  const remove = useMutation({
    mutationFn: (id: string) => customerRecordsApi.deleteReferralSource(id),
    onSuccess: (r) => {
      refresh()
      toast.success(
        r.cleared_profiles
          ? `Deleted; cleared from ${r.cleared_profiles} customer profile${r.cleared_profiles === 1 ? "" : "s"}`
          : "Deleted"
      )
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  /** Moves a row and renumbers the list 0..n-1 (only changed ranks are saved). */
  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta
    if (target < 0 || target >= sources.length) return
    const order = [...sources]
    ;[order[index], order[target]] = [order[target], order[index]]
    order.forEach((s, rank) => {
      if (s.rank !== rank) update.mutate({ id: s.id, rank })
    })
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">How did you find us?</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            The choices staff and customers pick from on a customer profile. Inactive choices stay on
            the profiles that already use them but are no longer offered.
          </Text>
        </div>
      </div>
      <form
        className="flex items-start gap-x-2 px-6 py-4"
        onSubmit={(e) => {
          e.preventDefault()
          if (name.trim()) create.mutate()
        }}
      >
        <div className="flex flex-1 flex-col gap-y-1">
          <Input
            placeholder="New choice, e.g. Instagram, Walk-in, Friend"
            value={name}
            aria-invalid={!!error}
            onChange={(e) => {
              setName(e.target.value)
              setError(null)
            }}
          />
          {error && (
            <Text size="small" className="text-ui-fg-error">
              {error}
            </Text>
          )}
        </div>
        <Button type="submit" size="base" variant="secondary" isLoading={create.isPending} disabled={!name.trim()}>
          Add
        </Button>
      </form>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Loading…
        </Text>
      ) : !sources.length ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-8 text-center">
          No choices yet. Add the ways customers find your store.
        </Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Order</Table.HeaderCell>
              <Table.HeaderCell>Name</Table.HeaderCell>
              <Table.HeaderCell>Offered</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {sources.map((s, i) => (
              <Table.Row key={s.id}>
                <Table.Cell>
                  <div className="flex items-center gap-x-1">
                    <Button size="small" variant="transparent" disabled={i === 0} onClick={() => move(i, -1)} aria-label="Move up">
                      ↑
                    </Button>
                    <Button size="small" variant="transparent" disabled={i === sources.length - 1} onClick={() => move(i, 1)} aria-label="Move down">
                      ↓
                    </Button>
                  </div>
                </Table.Cell>
                <Table.Cell>
                  <NameCell key={`${s.id}-${s.name}`} source={s} />
                </Table.Cell>
                <Table.Cell>
                  <div className="flex items-center gap-x-2">
                    <Switch
                      checked={s.active}
                      onCheckedChange={(active) => update.mutate({ id: s.id, active })}
                      aria-label="Offered"
                    />
                    <Badge size="2xsmall" color={s.active ? "green" : "grey"}>
                      {s.active ? "Active" : "Inactive"}
                    </Badge>
                  </div>
                </Table.Cell>
                <Table.Cell className="text-right">
                  <IconButton
                    size="small"
                    variant="transparent"
                    aria-label={`Delete ${s.name}`}
                    onClick={async () => {
                      const ok = await prompt({
                        title: `Delete "${s.name}"?`,
                        description:
                          "Customer profiles that use this choice will show no answer. To keep it on existing profiles, switch it off instead.",
                        confirmText: "Delete",
                        cancelText: "Cancel",
                      })
                      if (ok) remove.mutate(s.id)
                    }}
                  >
                    <Trash />
                  </IconButton>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "How did you find us?",
  icon: ChatBubbleLeftRight,
  nested: "/customers",
  // sidebar order under Customers (a number literal: the admin build reads it as written); see README
  rank: 7,
})

export default ReferralSourcesPage
