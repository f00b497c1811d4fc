import { Input, Label, Select, Switch, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { tradeApi, tradeKeys } from "../../lib/trade-accounts"

export type TermsValue = {
  price_list_id: string
  discount_percent: string
  free_delivery: boolean
  account_code: string
}

const NONE = "__none__"

/** A discount typed in a form → number, or an error message. */
export function parseDiscount(value: string): { value?: number; error?: string } {
  if (!value.trim()) return { value: 0 }
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0 || n > 100) return { error: "Enter a percentage between 0 and 100" }
  if (!/^\d+(\.\d{1,2})?$/.test(value.trim())) return { error: "At most two decimals" }
  return { value: n }
}

/** Price list, global discount, free delivery and account code: approving and the Account tab share them. */
export const TermsFields = ({
  value,
  onChange,
  errors = {},
}: {
  value: TermsValue
  onChange: (v: TermsValue) => void
  errors?: Partial<Record<keyof TermsValue, string>>
}) => {
  const lists = useQuery({ queryKey: tradeKeys.priceLists, queryFn: tradeApi.priceLists })
  const set = (patch: Partial<TermsValue>) => onChange({ ...value, ...patch })
  return (
    <div className="flex flex-col gap-y-4">
      <div className="flex flex-col gap-y-1">
        <Label size="small">Price list</Label>
        <Select
          value={value.price_list_id || NONE}
          onValueChange={(v) => set({ price_list_id: v === NONE ? "" : v })}
        >
          <Select.Trigger>
            <Select.Value placeholder="No price list" />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={NONE}>No price list</Select.Item>
            {(lists.data?.price_lists ?? []).map((pl) => (
              <Select.Item key={pl.id} value={pl.id}>
                {pl.title}
                {pl.status !== "active" ? ` (${pl.status})` : ""}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        {errors.price_list_id && <Text size="small" className="text-ui-fg-error">{errors.price_list_id}</Text>}
      </div>
      <div className="flex flex-col gap-y-1">
        <Label size="small" htmlFor="cbo-trade-discount">Global discount (%)</Label>
        <Input
          id="cbo-trade-discount"
          inputMode="decimal"
          value={value.discount_percent}
          onChange={(e) => set({ discount_percent: e.target.value })}
          aria-invalid={!!errors.discount_percent}
        />
        {errors.discount_percent && <Text size="small" className="text-ui-fg-error">{errors.discount_percent}</Text>}
      </div>
      <div className="flex items-center justify-between">
        <Label size="small" htmlFor="cbo-trade-free-delivery">Free delivery</Label>
        <Switch
          id="cbo-trade-free-delivery"
          checked={value.free_delivery}
          onCheckedChange={(v) => set({ free_delivery: v })}
        />
      </div>
      <div className="flex flex-col gap-y-1">
        <Label size="small" htmlFor="cbo-trade-code">Account code</Label>
        <Input
          id="cbo-trade-code"
          value={value.account_code}
          placeholder="Links the customer to your accounting package"
          onChange={(e) => set({ account_code: e.target.value })}
          aria-invalid={!!errors.account_code}
        />
        {errors.account_code && <Text size="small" className="text-ui-fg-error">{errors.account_code}</Text>}
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        Medusa applies these terms at checkout: the customer joins the Trade customer groups that the price list and
        the TRADE-… automatic promotions target. Change terms here, not in Customer Groups or Promotions.
      </Text>
    </div>
  )
}
