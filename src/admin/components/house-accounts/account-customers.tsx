import { Button, Container, Heading, Input, Text } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQueries, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { houseAccountsApi, type HouseAccountJSON } from "../../lib/house-accounts"
import { apiGet, errorMessage } from "../../lib/sdk"

type CustomerLite = { id: string; email: string | null; first_name: string | null; last_name: string | null }

const label = (c: CustomerLite) => [c.first_name, c.last_name].filter(Boolean).join(" ") || c.email || c.id

/** The customers allowed to charge the account: list, remove, find and add. */
export const AccountCustomers = ({ account, onChanged }: { account: HouseAccountJSON; onChanged: () => void }) => {
  const [search, setSearch] = useState("")
  const assigned = useQueries({
    queries: account.customer_ids.map((id) => ({
      queryKey: ["cbo", "house-accounts", "customer-lite", id],
      queryFn: () =>
        apiGet<{ customer: CustomerLite }>(`/admin/customers/${id}`, { fields: "id,email,first_name,last_name" }),
    })),
  })
  const found = useQuery({
    queryKey: ["cbo", "house-accounts", "customer-search", search.trim()],
    queryFn: () =>
      apiGet<{ customers: CustomerLite[] }>("/admin/customers", {
        q: search.trim(),
        limit: 5,
        fields: "id,email,first_name,last_name",
      }),
    enabled: search.trim().length >= 2,
  })
  const change = useMutation({
    mutationFn: (body: { add?: string[]; remove?: string[] }) => houseAccountsApi.customers(account.id, body),
    onSuccess: (_r, body) => {
      toast.success(body.add ? "Customer added" : "Customer removed")
      setSearch("")
      onChanged()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Customers who may charge the account</Heading>
      </div>
      {account.customer_ids.map((id, i) => {
        const c = assigned[i]?.data?.customer
        return (
          <div key={id} className="flex items-center justify-between px-6 py-3">
            <Link to={`/customers/${id}`} className="text-ui-fg-interactive txt-compact-small">
              {c ? `${label(c)}${c.email && label(c) !== c.email ? ` · ${c.email}` : ""}` : id}
            </Link>
            <Button
              size="small"
              variant="transparent"
              isLoading={change.isPending && change.variables?.remove?.[0] === id}
              onClick={() => change.mutate({ remove: [id] })}
            >
              Remove
            </Button>
          </div>
        )
      })}
      {!account.customer_ids.length && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-3">
          No customer is assigned yet.
        </Text>
      )}
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Input
          size="small"
          type="search"
          placeholder="Find a customer by name or email to add"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Find a customer to add"
        />
        {(found.data?.customers ?? [])
          .filter((c) => !account.customer_ids.includes(c.id))
          .map((c) => (
            <div key={c.id} className="flex items-center justify-between">
              <Text size="small">
                {label(c)} {c.email && label(c) !== c.email ? `· ${c.email}` : ""}
              </Text>
              <Button size="small" variant="secondary" onClick={() => change.mutate({ add: [c.id] })}>
                Add
              </Button>
            </div>
          ))}
      </div>
    </Container>
  )
}
