import { Modules } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import { createCustomerHeaders } from "../helpers/admin"
import { createReadyCart, createShop, payAndComplete, type Shop } from "../helpers/commerce"

jest.setTimeout(240_000)

const ok = { validateStatus: () => true }
const PASSWORD = "s3cret-Passw0rd"
const CART_FIELDS =
  "fields=+items.adjustments.*,+shipping_methods.adjustments.*,+promotions.code," +
  "+item_total,+item_subtotal,+discount_total,+shipping_total,+shipping_subtotal,+shipping_discount_total,+total"

useTestHost({
  prefix: "cbo-tterms",
  testSuite: ({ api, getContainer, session }) => {
    let shop: Shop
    const admin = session.headers
    beforeEach(async () => {
      // list price 100, shipping 10
      shop = await createShop(getContainer(), { price: 100, shipping: 10 })
    })

    /**
     * A price list as a merchant creates it, without rules (so, until a trade
     * account uses it, Medusa applies it to every customer).
     */
    const createPriceList = async (title: string, amount: number) =>
      (
        await api.post(
          "/admin/price-lists",
          {
            title,
            description: `Prices for ${title}`,
            status: "active",
            type: "override",
            prices: [{ variant_id: shop.variantId, currency_code: "usd", amount }],
          },
          { headers: admin }
        )
      ).data.price_list.id as string

    const pk = () => ({ "x-publishable-api-key": shop.publishableKey })
    const email = () => `terms-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`
    const trade = () => getContainer().resolve("trade_accounts") as any

    /** Registers, applies, is approved with `terms`, signs in → storefront headers. */
    const approvedTrader = async (terms: Record<string, unknown>) => {
      const address = email()
      const reg = await api.post("/auth/customer/emailpass/register", { email: address, password: PASSWORD })
      const applied = await api.post(
        "/store/backoffice/trade-applications",
        { company_name: `Builders ${Math.random().toString(36).slice(2, 7)}` },
        { headers: { authorization: `Bearer ${reg.data.token}`, ...pk() } }
      )
      const [app] = await trade().listTradeApplications({ id: applied.data.application.id })
      const approved = await api.post(
        `/admin/backoffice/trade-applications/${app.id}/approve`,
        terms,
        { headers: admin, ...ok }
      )
      expect([approved.status, approved.data.message]).toEqual([200, undefined])
      const login = await api.post("/auth/customer/emailpass", { email: address, password: PASSWORD })
      return {
        customerId: app.customer_id as string,
        headers: { authorization: `Bearer ${login.data.token}`, ...pk() },
      }
    }
    const getCart = async (cartId: string, headers: Record<string, string>) =>
      (await api.get(`/store/carts/${cartId}?${CART_FIELDS}`, { headers })).data.cart
    const codes = (cart: any) => (cart.promotions ?? []).map((p: any) => p.code).sort()
    const setAccount = (customerId: string, body: Record<string, unknown>) =>
      api.post(`/admin/backoffice/customers/${customerId}/account`, body, { headers: admin, ...ok })
    const groupsOf = async (customerId: string) => {
      const [c] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .listCustomers({ id: customerId }, { relations: ["groups"] })
      return (c.groups ?? []).map((g: any) => g.name).sort()
    }
    const promotion = async (code: string) =>
      (await api.get(`/admin/promotions?q=${encodeURIComponent(code)}&fields=+rules.*,+rules.values.*,+application_method.*`, {
        headers: admin,
      })).data.promotions.filter((p: any) => p.code === code)

    it("a trade customer's cart and order get the price list, the discount and free delivery; a retail customer's get none", async () => {
      const priceListId = await createPriceList("Trade prices", 80)
      const trader = await approvedTrader({ price_list_id: priceListId, discount_percent: 10, free_delivery: true })

      // Medusa's own records: managed groups, the price list's rule, two automatic promotions
      expect(await groupsOf(trader.customerId)).toEqual([
        "Trade discount 10 %",
        "Trade free delivery",
        "Trade: Trade prices",
      ])
      const groups = (
        await api.get(`/admin/customer-groups?limit=100&fields=id,name,metadata`, { headers: admin })
      ).data.customer_groups
      const byName = Object.fromEntries(groups.map((g: any) => [g.name, g]))
      expect(byName["Trade: Trade prices"].metadata).toEqual({
        backoffice_trade: "price_list",
        price_list_id: priceListId,
      })
      const pl = (await api.get(`/admin/price-lists/${priceListId}`, { headers: admin })).data.price_list
      expect(pl.rules).toEqual({ "customer.groups.id": [byName["Trade: Trade prices"].id] })
      const [discount] = await promotion("TRADE-DISCOUNT-10_00")
      expect(discount).toEqual(
        expect.objectContaining({
          is_automatic: true,
          status: "active",
          application_method: expect.objectContaining({ type: "percentage", target_type: "order", value: 10 }),
        })
      )
      expect(discount.rules).toEqual([
        expect.objectContaining({
          attribute: "customer.groups.id",
          operator: "in",
          values: [expect.objectContaining({ value: byName["Trade discount 10 %"].id })],
        }),
      ])
      const [free] = await promotion("TRADE-FREE-DELIVERY")
      expect(free.application_method).toEqual(
        expect.objectContaining({ type: "percentage", target_type: "shipping_methods", value: 100 })
      )

      // the trade cart: 80 (price list) − 10 % (8) + shipping 10 − 100 % (10) = 72
      const cartId = await createReadyCart(api, shop, trader.headers)
      const cart = await getCart(cartId, trader.headers)
      expect(cart.items[0].unit_price).toBe(80)
      expect(codes(cart)).toEqual(["TRADE-DISCOUNT-10_00", "TRADE-FREE-DELIVERY"])
      expect(cart.items[0].adjustments).toEqual([
        expect.objectContaining({ code: "TRADE-DISCOUNT-10_00", amount: 8 }),
      ])
      expect(cart.shipping_methods[0].adjustments).toEqual([
        expect.objectContaining({ code: "TRADE-FREE-DELIVERY", amount: 10 }),
      ])
      expect({
        shipping_subtotal: cart.shipping_subtotal,
        shipping_total: cart.shipping_total,
        discount_total: cart.discount_total,
        total: cart.total,
      }).toEqual({ shipping_subtotal: 10, shipping_total: 0, discount_total: 18, total: 72 })

      // a retail customer in the same shop: list price, no promotion, paid shipping
      const retail = await createCustomerHeaders(getContainer(), {}, shop.publishableKey)
      const retailCart = await getCart(await createReadyCart(api, shop, retail.headers), retail.headers)
      expect(retailCart.items[0].unit_price).toBe(100)
      expect(codes(retailCart)).toEqual([])
      expect({ shipping_total: retailCart.shipping_total, discount_total: retailCart.discount_total, total: retailCart.total })
        .toEqual({ shipping_total: 10, discount_total: 0, total: 110 })

      // the order keeps the trade totals and the promotions, as any Medusa order
      const done = await payAndComplete(api, cartId, trader.headers)
      expect([done.status, done.data.type]).toEqual([200, "order"])
      const order = (
        await api.get(
          `/admin/orders/${done.data.order.id}?fields=+total,+discount_total,+shipping_total,+item_total,*items,*promotions`,
          { headers: admin }
        )
      ).data.order
      expect(order.items[0].unit_price).toBe(80)
      expect({
        total: order.total,
        discount_total: order.discount_total,
        shipping_total: order.shipping_total,
      }).toEqual({ total: 72, discount_total: 18, shipping_total: 0 })
      expect(order.promotions.map((p: any) => p.code).sort()).toEqual(["TRADE-DISCOUNT-10_00", "TRADE-FREE-DELIVERY"])
    })

    it("changing a term moves the customer between groups and an open cart follows; one group and promotion per rate", async () => {
      const trader = await approvedTrader({ discount_percent: 10, free_delivery: true })
      const other = await approvedTrader({ discount_percent: 10 })
      const cartId = await createReadyCart(api, shop, trader.headers)
      let cart = await getCart(cartId, trader.headers)
      expect(cart.items[0].unit_price).toBe(100)
      expect(cart.discount_total).toBe(20) // 10 % of 100 + shipping 10
      expect(cart.total).toBe(90)

      // both customers share the 10 % group and its single promotion
      expect(await groupsOf(other.customerId)).toEqual(["Trade discount 10 %"])
      expect(await promotion("TRADE-DISCOUNT-10_00")).toHaveLength(1)

      // 10 % → 5 %: the customer moves to the 5 % group; its open cart is recalculated
      expect((await setAccount(trader.customerId, { discount_percent: 5 })).status).toBe(200)
      expect(await groupsOf(trader.customerId)).toEqual(["Trade discount 5 %", "Trade free delivery"])
      cart = await getCart(cartId, trader.headers)
      expect(codes(cart)).toEqual(["TRADE-DISCOUNT-5_00", "TRADE-FREE-DELIVERY"])
      expect(cart.items[0].adjustments).toEqual([expect.objectContaining({ code: "TRADE-DISCOUNT-5_00", amount: 5 })])
      expect({ shipping_total: cart.shipping_total, total: cart.total }).toEqual({ shipping_total: 0, total: 95 })

      // free delivery revoked: the shipping promotion no longer applies
      expect((await setAccount(trader.customerId, { free_delivery: false })).status).toBe(200)
      expect(await groupsOf(trader.customerId)).toEqual(["Trade discount 5 %"])
      cart = await getCart(cartId, trader.headers)
      expect(codes(cart)).toEqual(["TRADE-DISCOUNT-5_00"])
      expect({ shipping_total: cart.shipping_total, total: cart.total }).toEqual({ shipping_total: 10, total: 105 })

      // the free-delivery group is now empty; its promotion stays, harmless (no member gets it)
      const [free] = await promotion("TRADE-FREE-DELIVERY")
      expect(free.status).toBe("active")

      // back to Retail: out of every managed group, list prices again
      expect((await setAccount(trader.customerId, { account_type: "retail" })).status).toBe(200)
      expect(await groupsOf(trader.customerId)).toEqual([])
      cart = await getCart(cartId, trader.headers)
      expect(codes(cart)).toEqual([])
      expect(cart.total).toBe(110)
      // the other customer of the 10 % rate keeps its terms
      expect(await groupsOf(other.customerId)).toEqual(["Trade discount 10 %"])
    })

    it("the price list follows the account: a new list moves the customer; the old list keeps targeting its own group", async () => {
      const priceListId = await createPriceList("Trade prices", 80)
      const trader = await approvedTrader({ price_list_id: priceListId })
      const second = await createPriceList("Wholesale", 70)
      const cartId = await createReadyCart(api, shop, trader.headers)
      expect((await getCart(cartId, trader.headers)).items[0].unit_price).toBe(80)

      expect((await setAccount(trader.customerId, { price_list_id: second })).status).toBe(200)
      expect(await groupsOf(trader.customerId)).toEqual(["Trade: Wholesale"])
      expect((await getCart(cartId, trader.headers)).items[0].unit_price).toBe(70)
      const rulesOf = async (id: string) =>
        (await api.get(`/admin/price-lists/${id}`, { headers: admin })).data.price_list.rules["customer.groups.id"]
      const groups = (await api.get(`/admin/customer-groups?limit=100&fields=id,name`, { headers: admin })).data
        .customer_groups
      const idOf = (name: string) => groups.find((g: any) => g.name === name).id
      expect(await rulesOf(priceListId)).toEqual([idOf("Trade: Trade prices")])
      expect(await rulesOf(second)).toEqual([idOf("Trade: Wholesale")])

      // an unknown price list is a 400 naming the field, and nothing moves
      const bad = await setAccount(trader.customerId, { price_list_id: "plist_missing" })
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/price_list_id/)
      expect(await groupsOf(trader.customerId)).toEqual(["Trade: Wholesale"])

      expect((await setAccount(trader.customerId, { price_list_id: null })).status).toBe(200)
      expect(await groupsOf(trader.customerId)).toEqual([])
      expect((await getCart(cartId, trader.headers)).items[0].unit_price).toBe(100)
    })

    it("a failure half-way leaves nothing behind: created groups and promotions are removed, the price list and memberships restored", async () => {
      const priceListId = await createPriceList("Trade prices", 80)
      const address = email()
      const reg = await api.post("/auth/customer/emailpass/register", { email: address, password: PASSWORD })
      const applied = await api.post(
        "/store/backoffice/trade-applications",
        { company_name: "Half-way Ltd" },
        { headers: { authorization: `Bearer ${reg.data.token}`, ...pk() } }
      )
      const appId = applied.data.application.id
      const [app] = await trade().listTradeApplications({ id: appId })
      const terms = { price_list_id: priceListId, discount_percent: 7, free_delivery: true }
      const nothingChanged = async () => {
        const [row] = await trade().listTradeApplications({ id: appId })
        expect(row.status).toBe("pending")
        const [account] = await trade().listTradeAccounts({ customer_id: app.customer_id })
        expect({ active: account.active, discount_bp: account.discount_bp }).toEqual({ active: false, discount_bp: 0 })
        expect(await groupsOf(app.customer_id)).toEqual([])
        const names = (
          await getContainer().resolve(Modules.CUSTOMER).listCustomerGroups({}, { select: ["name"] })
        ).map((g: any) => g.name)
        expect(names.filter((n: string) => n.startsWith("Trade"))).toEqual([])
        expect(await promotion("TRADE-DISCOUNT-7_00")).toEqual([])
        expect(await promotion("TRADE-FREE-DELIVERY")).toEqual([])
        const pl = (await api.get(`/admin/price-lists/${priceListId}`, { headers: admin })).data.price_list
        expect(pl.rules).toEqual({})
      }

      // the promotion module fails on the second promotion (inside the step that creates them)
      const promotions = getContainer().resolve(Modules.PROMOTION) as any
      const realCreate = promotions.createPromotions.bind(promotions)
      const createSpy = jest.spyOn(promotions, "createPromotions").mockImplementation((async (data: any, ...rest: any[]) => {
        if (data?.code === "TRADE-FREE-DELIVERY") throw new Error("promotion service unavailable")
        return realCreate(data, ...rest)
      }) as any)
      try {
        const res = await api.post(`/admin/backoffice/trade-applications/${appId}/approve`, terms, { headers: admin, ...ok })
        expect(res.status).toBeGreaterThanOrEqual(500)
      } finally {
        createSpy.mockRestore()
      }
      await nothingChanged()

      // the customer module fails when the customer joins its groups (a later step)
      const customers = getContainer().resolve(Modules.CUSTOMER) as any
      const joinSpy = jest
        .spyOn(customers, "addCustomerToGroup")
        .mockRejectedValue(new Error("customer service unavailable") as never)
      try {
        const res = await api.post(`/admin/backoffice/trade-applications/${appId}/approve`, terms, { headers: admin, ...ok })
        expect(res.status).toBeGreaterThanOrEqual(500)
      } finally {
        joinSpy.mockRestore()
      }
      await nothingChanged()

      // once the services are back, the same approval goes through
      const res = await api.post(`/admin/backoffice/trade-applications/${appId}/approve`, terms, { headers: admin, ...ok })
      expect(res.status).toBe(200)
      expect(await groupsOf(app.customer_id)).toEqual(["Trade discount 7 %", "Trade free delivery", "Trade: Trade prices"])
      expect(await promotion("TRADE-DISCOUNT-7_00")).toHaveLength(1)
    })

    it("trade groups are not categories: setting a customer's categories keeps them, and they cannot be chosen or bulk-assigned", async () => {
      const trader = await approvedTrader({ discount_percent: 10 })
      const [tradeGroup] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .listCustomerGroups({ name: "Trade discount 10 %" })
      const vip = (await api.post("/admin/customer-groups", { name: `VIP ${Date.now()}` }, { headers: admin })).data
        .customer_group
      const set = await api.post(
        `/admin/backoffice/customers/${trader.customerId}/categories`,
        { category_ids: [vip.id] },
        { headers: admin, ...ok }
      )
      expect(set.status).toBe(200)
      expect(await groupsOf(trader.customerId)).toEqual(["Trade discount 10 %", vip.name].sort())

      const retail = await createCustomerHeaders(getContainer(), {}, shop.publishableKey)
      const chosen = await api.post(
        `/admin/backoffice/customers/${retail.customer.id}/categories`,
        { category_ids: [tradeGroup.id] },
        { headers: admin, ...ok }
      )
      expect(chosen.status).toBe(400)
      expect(chosen.data.message).toMatch(/category_ids/)
      const bulk = await api.post(
        `/admin/backoffice/categories/${tradeGroup.id}/customers`,
        { add: [retail.customer.id] },
        { headers: admin, ...ok }
      )
      expect(bulk.status).toBe(400)
      expect(await groupsOf(retail.customer.id)).toEqual([])
    })
  },
})
