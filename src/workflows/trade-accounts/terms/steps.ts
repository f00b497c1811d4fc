import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { tradeService } from "../steps/common"
import { managedKey, wantedGroups, type WantedGroup } from "./plan"

type Container = { resolve: (key: string) => any }

export const GROUP_ATTRIBUTE = "customer.groups.id"

type GroupRow = { id: string; name: string; metadata?: Record<string, unknown> | null }

/** Every customer group the back office manages for trade terms, by key. */
async function managedGroups(container: Container) {
  const customers = container.resolve(Modules.CUSTOMER)
  const groups = (await customers.listCustomerGroups(
    {},
    { select: ["id", "name", "metadata"] }
  )) as GroupRow[]
  const byKey = new Map<string, GroupRow>()
  for (const g of groups) {
    const key = managedKey(g.metadata)
    if (key && !byKey.has(key)) byKey.set(key, g)
  }
  return { all: groups, byKey }
}

const asArray = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : []

export type EnsuredTerms = {
  customer_id: string
  /** The managed groups this customer belongs in. */
  wanted_group_ids: string[]
  /** Every managed group (the customer leaves those not wanted). */
  managed_group_ids: string[]
}

type PromotionUndo =
  | { kind: "created"; id: string }
  | { kind: "status"; id: string; status: string }
  | { kind: "rule"; id: string; added_rule_id: string; previous: string[] | null }

type EnsureUndo = {
  created_groups: string[]
  price_lists: { price_list_id: string; previous: string[] | null }[]
  promotions: PromotionUndo[]
}

/**
 * Makes Medusa able to apply this customer's terms: the managed groups exist,
 * the price list's `customer.groups.id` rule includes its group, and each
 * rate's / free delivery's automatic promotion exists, is active and targets
 * its group. Whatever it created or changed is undone on compensation.
 */
export const ensureTradeTermsStep = createStep(
  "cbo-ensure-trade-terms",
  async (input: { customer_id: string }, { container }) => {
    const undo: EnsureUndo = { created_groups: [], price_lists: [], promotions: [] }
    const [account] = await tradeService(container).listTradeAccounts({ customer_id: input.customer_id })
    const pricing = container.resolve(Modules.PRICING)
    let priceList: { id: string; title?: string | null; price_list_rules?: { attribute: string; value: unknown }[] } | null =
      null
    if (account?.account_type === "trade" && account.price_list_id) {
      ;[priceList] = (await pricing.listPriceLists(
        { id: account.price_list_id },
        { relations: ["price_list_rules"] }
      )) as any[]
      if (!priceList) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `price_list_id: no price list with id ${account.price_list_id}`
        )
      }
    }
    const wanted = wantedGroups(account ?? null, priceList?.title ?? null)
    const customers = container.resolve(Modules.CUSTOMER)
    const { all, byKey } = await managedGroups(container)
    const taken = new Set(all.map((g) => g.name.toLowerCase()))

    const ids = new Map<string, string>()
    try {
      for (const w of wanted) {
        const existing = byKey.get(w.key)
        if (existing) {
          ids.set(w.key, existing.id)
          continue
        }
        let name = w.name
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${w.name} (${n})`
        taken.add(name.toLowerCase())
        const created = await customers.createCustomerGroups({ name, metadata: w.metadata })
        undo.created_groups.push(created.id)
        ids.set(w.key, created.id)
        byKey.set(w.key, { id: created.id, name, metadata: w.metadata })
      }
      for (const w of wanted) {
        const groupId = ids.get(w.key)!
        if (w.price_list_id && priceList) await ensurePriceListRule(container, priceList, groupId, undo)
        if (w.promotion) await ensurePromotion(container, w, groupId, undo)
      }
    } catch (e) {
      await undoEnsure(container, undo)
      throw e
    }
    return new StepResponse<EnsuredTerms, EnsureUndo>(
      {
        customer_id: input.customer_id,
        wanted_group_ids: [...ids.values()],
        managed_group_ids: [...byKey.values()].map((g) => g.id),
      },
      undo
    )
  },
  async (undo, { container }) => {
    if (undo) await undoEnsure(container, undo)
  }
)

async function ensurePriceListRule(
  container: Container,
  priceList: { id: string; price_list_rules?: { attribute: string; value: unknown }[] },
  groupId: string,
  undo: EnsureUndo
) {
  const rule = priceList.price_list_rules?.find((r) => r.attribute === GROUP_ATTRIBUTE)
  const previous = rule ? asArray(rule.value) : null
  if (previous?.includes(groupId)) return
  await container.resolve(Modules.PRICING).setPriceListRules({
    price_list_id: priceList.id,
    rules: { [GROUP_ATTRIBUTE]: [...(previous ?? []), groupId] },
  })
  undo.price_lists.push({ price_list_id: priceList.id, previous })
}

async function ensurePromotion(container: Container, w: WantedGroup, groupId: string, undo: EnsureUndo) {
  const spec = w.promotion!
  const promotions = container.resolve(Modules.PROMOTION)
  const [existing] = (await promotions.listPromotions(
    { code: spec.code },
    { relations: ["rules", "rules.values"] }
  )) as any[]
  if (!existing) {
    const created = await promotions.createPromotions({
      code: spec.code,
      type: "standard",
      status: "active",
      is_automatic: true,
      application_method: {
        type: "percentage",
        target_type: spec.target_type,
        allocation: "across",
        value: spec.value,
      },
      rules: [{ attribute: GROUP_ATTRIBUTE, operator: "in", values: [groupId] }],
    } as any)
    undo.promotions.push({ kind: "created", id: created.id })
    return
  }
  if (existing.status !== "active") {
    await promotions.updatePromotions({ id: existing.id, status: "active" } as any)
    undo.promotions.push({ kind: "status", id: existing.id, status: existing.status })
  }
  const rule = (existing.rules ?? []).find((r: any) => r.attribute === GROUP_ATTRIBUTE)
  const values: string[] = rule ? (rule.values ?? []).map((v: any) => v.value) : []
  if (rule && values.includes(groupId)) return
  // The rule was edited by hand (or its group deleted): target the group again.
  if (rule) await promotions.removePromotionRules(existing.id, [rule.id])
  const [added] = await promotions.addPromotionRules(existing.id, [
    { attribute: GROUP_ATTRIBUTE, operator: "in", values: [...values, groupId] },
  ] as any)
  undo.promotions.push({ kind: "rule", id: existing.id, added_rule_id: added.id, previous: rule ? values : null })
}

async function undoEnsure(container: Container, undo: EnsureUndo) {
  const promotions = container.resolve(Modules.PROMOTION)
  for (const p of [...undo.promotions].reverse()) {
    if (p.kind === "created") await promotions.deletePromotions([p.id])
    else if (p.kind === "status") await promotions.updatePromotions({ id: p.id, status: p.status } as any)
    else {
      await promotions.removePromotionRules(p.id, [p.added_rule_id])
      if (p.previous) {
        await promotions.addPromotionRules(p.id, [
          { attribute: GROUP_ATTRIBUTE, operator: "in", values: p.previous },
        ] as any)
      }
    }
  }
  undo.promotions = []
  const pricing = container.resolve(Modules.PRICING)
  for (const pl of [...undo.price_lists].reverse()) {
    if (pl.previous) {
      await pricing.setPriceListRules({ price_list_id: pl.price_list_id, rules: { [GROUP_ATTRIBUTE]: pl.previous } })
    } else {
      await pricing.removePriceListRules({ price_list_id: pl.price_list_id, rules: [GROUP_ATTRIBUTE] })
    }
  }
  undo.price_lists = []
  if (undo.created_groups.length) {
    await container.resolve(Modules.CUSTOMER).deleteCustomerGroups(undo.created_groups)
  }
  undo.created_groups = []
}

type MembershipUndo = { customer_id: string; added: string[]; removed: string[] }

/**
 * Moves the customer into the wanted managed groups and out of every other
 * managed group (its other groups are left alone); compensation restores the
 * memberships it had.
 */
export const setTradeGroupsStep = createStep(
  "cbo-set-trade-groups",
  async (input: EnsuredTerms, { container }) => {
    const customers = container.resolve(Modules.CUSTOMER)
    const managed = [...new Set([...input.managed_group_ids, ...input.wanted_group_ids])]
    const current = managed.length
      ? ((await customers.listCustomerGroupCustomers({
          customer_id: input.customer_id,
          customer_group_id: managed,
        })) as { customer_group_id: string }[]).map((r) => r.customer_group_id)
      : []
    const add = input.wanted_group_ids.filter((id) => !current.includes(id))
    const remove = current.filter((id) => !input.wanted_group_ids.includes(id))
    if (remove.length) {
      await customers.removeCustomerFromGroup(
        remove.map((customer_group_id) => ({ customer_id: input.customer_id, customer_group_id }))
      )
    }
    if (add.length) {
      await customers.addCustomerToGroup(
        add.map((customer_group_id) => ({ customer_id: input.customer_id, customer_group_id }))
      )
    }
    return new StepResponse(
      { added: add, removed: remove },
      { customer_id: input.customer_id, added: add, removed: remove } as MembershipUndo
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    const customers = container.resolve(Modules.CUSTOMER)
    if (undo.added.length) {
      await customers.removeCustomerFromGroup(
        undo.added.map((customer_group_id) => ({ customer_id: undo.customer_id, customer_group_id }))
      )
    }
    if (undo.removed.length) {
      await customers.addCustomerToGroup(
        undo.removed.map((customer_group_id) => ({ customer_id: undo.customer_id, customer_group_id }))
      )
    }
  }
)

/**
 * The customer's open carts are recalculated (prices, promotions, shipping),
 * so a cart already in progress shows the new terms at once. Recalculating is
 * repeatable, so there is nothing to undo; a cart that cannot be refreshed
 * now (e.g. its variant was removed) is refreshed by its next change.
 */
export const refreshTradeCartsStep = createStep(
  "cbo-refresh-trade-carts",
  async (input: { customer_id: string; changed: boolean }, { container }) => {
    if (!input.changed) return new StepResponse({ refreshed: 0 })
    const carts = (await container
      .resolve(Modules.CART)
      .listCarts({ customer_id: input.customer_id, completed_at: null } as any, { select: ["id"] })) as {
      id: string
    }[]
    const { refreshCartItemsWorkflow } = await import("@medusajs/medusa/core-flows")
    const logger = container.resolve("logger") as { warn: (m: string) => void }
    let refreshed = 0
    for (const cart of carts) {
      try {
        await refreshCartItemsWorkflow(container as any).run({ input: { cart_id: cart.id, force_refresh: true } })
        refreshed++
      } catch (e) {
        logger.warn(`Trade terms: cart ${cart.id} not recalculated now: ${(e as Error).message}`)
      }
    }
    return new StepResponse({ refreshed })
  }
)
