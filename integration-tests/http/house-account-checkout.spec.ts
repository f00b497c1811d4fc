import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import { createCustomerHeaders } from "../helpers/admin"
import { createReadyCart, createShop, type Shop } from "../helpers/commerce"

jest.setTimeout(180_000)

const ok = { validateStatus: () => true }
const PROVIDER = "pp_house-account_house-account"

useTestHost({
  prefix: "cbo-hac",
  testSuite: ({ api, getContainer, session }) => {
    let shop: Shop
    const admin = session.headers
    beforeEach(async () => {
      // price 99.99 + shipping 10 = 109.99 USD = 10999 cents
      shop = await createShop(getContainer(), { price: 99.99, shipping: 10 })
      // The merchant enables paying on account for the region (Settings → Regions).
      const res = await api.post(
        `/admin/regions/${shop.regionId}`,
        { payment_providers: ["pp_system_default", PROVIDER] },
        { headers: admin }
      )
      expect(res.status).toBe(200)
    })

    const accounts = () => getContainer().resolve("house_accounts") as any
    const newCustomer = async () => {
      const c = await createCustomerHeaders(getContainer(), {}, shop.publishableKey)
      return { id: c.customer.id as string, headers: c.headers }
    }
    const openAccount = async (customerIds: string[], { credit_limit = 50_000, order_limit = null as number | null, currency_code = "usd" } = {}) => {
      const account = await accounts().createAccount({ name: "Acme Ltd", currency_code, credit_limit, order_limit })
      if (customerIds.length) await accounts().setCustomers(account.id, { add: customerIds })
      return account.id as string
    }
    const account = (id: string) => accounts().getAccount(id)
    const entries = async (id: string) =>
      ((await accounts().listEntries(id, {}, { limit: 100, offset: 0 })).entries as any[]).reverse()
    const paymentCollection = async (cartId: string, headers: Record<string, string>) =>
      (await api.post("/store/payment-collections", { cart_id: cartId }, { headers })).data.payment_collection
    const startSession = async (cartId: string, headers: Record<string, string>, data?: Record<string, unknown>) => {
      const pc = await paymentCollection(cartId, headers)
      return api.post(
        `/store/payment-collections/${pc.id}/payment-sessions`,
        { provider_id: PROVIDER, ...(data ? { data } : {}) },
        { headers, ...ok }
      )
    }
    const complete = (cartId: string, headers: Record<string, string>) =>
      api.post(`/store/carts/${cartId}/complete`, {}, { headers, ...ok })
    const orderPayment = async (orderId: string) => {
      const { data } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({
          entity: "order",
          fields: ["payment_collections.payments.id", "payment_collections.payments.data"],
          filters: { id: orderId },
        })
      return data[0].payment_collections[0].payments[0] as { id: string; data: Record<string, any> }
    }
    const placeOrder = async (c: { headers: Record<string, string> }) => {
      const cartId = await createReadyCart(api, shop, c.headers)
      const session = await startSession(cartId, c.headers)
      expect(session.status).toBe(200)
      const res = await complete(cartId, c.headers)
      expect(res.data?.type).toBe("order")
      return { cartId, order: res.data.order }
    }

    describe("checkout on account", () => {
      it("charges the order total to the customer's account once; a second completion writes nothing", async () => {
        const c = await newCustomer()
        const accountId = await openAccount([c.id])
        const cartId = await createReadyCart(api, shop, c.headers)
        // whatever the storefront sends about the customer is ignored
        const session = await startSession(cartId, c.headers, { customer_id: "cus_someone_else" })
        expect(session.status).toBe(200)
        const ps = session.data.payment_collection.payment_sessions.find((s: any) => s.provider_id === PROVIDER)
        expect(ps.data).toEqual(expect.objectContaining({ customer_id: c.id, account_id: accountId }))

        const res = await complete(cartId, c.headers)
        expect(res.data.type).toBe("order")
        const order = res.data.order
        expect(Number(order.total)).toBeCloseTo(109.99, 2)

        const acc = await account(accountId)
        expect(acc.balance).toBe(10999)
        expect(acc.available_credit).toBe(50_000 - 10999)
        const list = await entries(accountId)
        expect(list).toHaveLength(1)
        expect(list[0]).toEqual(
          expect.objectContaining({
            kind: "charge",
            amount: 10999,
            balance_after: 10999,
            customer_id: c.id,
            source_type: "order",
            source_id: order.id,
            idempotency_key: `order-charge:${ps.id}`,
          })
        )
        const payment = await orderPayment(order.id)
        expect(payment.data).toEqual(
          expect.objectContaining({ charge_entry_id: list[0].id, charged: 10999, order_id: order.id })
        )

        // completing again (a retry, a double click) answers the same order and charges nothing more
        const again = await complete(cartId, c.headers)
        expect(again.data.type).toBe("order")
        expect(again.data.order.id).toBe(order.id)
        expect(await entries(accountId)).toHaveLength(1)
        expect((await account(accountId)).balance).toBe(10999)
        expect(await accounts().audit(accountId)).toEqual([])
      })

      it("two completions of the same cart at once place one order and one charge", async () => {
        const c = await newCustomer()
        const accountId = await openAccount([c.id])
        const cartId = await createReadyCart(api, shop, c.headers)
        expect((await startSession(cartId, c.headers)).status).toBe(200)
        const results = await Promise.all([complete(cartId, c.headers), complete(cartId, c.headers)])
        const orders = results.filter((r) => r.data?.type === "order").map((r) => r.data.order.id)
        expect(orders.length).toBeGreaterThanOrEqual(1)
        expect(new Set(orders).size).toBe(1)
        const list = await entries(accountId)
        expect(list.map((e) => [e.kind, e.amount])).toEqual([["charge", 10999]])
        expect((await account(accountId)).balance).toBe(10999)
      })

      it("refuses a cart over the credit limit or the per-order maximum when paying is chosen", async () => {
        const c = await newCustomer()
        const small = await openAccount([c.id], { credit_limit: 10_000 })
        const cartId = await createReadyCart(api, shop, c.headers)
        const over = await startSession(cartId, c.headers)
        expect(over.status).toBe(400)
        expect(over.data.message).toMatch(/credit limit; available credit is 100\.00 USD/)

        const d = await newCustomer()
        const capped = await openAccount([d.id], { credit_limit: 100_000, order_limit: 10_000 })
        const cart2 = await createReadyCart(api, shop, d.headers)
        const above = await startSession(cart2, d.headers)
        expect(above.status).toBe(400)
        expect(above.data.message).toMatch(/per-order maximum of 100\.00 USD/)
        expect(await entries(small)).toEqual([])
        expect(await entries(capped)).toEqual([])
      })

      it("refuses the completion when the credit was used up after the session opened: no order, nothing written", async () => {
        const c = await newCustomer()
        const accountId = await openAccount([c.id], { credit_limit: 15_000 })
        const cartId = await createReadyCart(api, shop, c.headers)
        expect((await startSession(cartId, c.headers)).status).toBe(200)
        // meanwhile another order of the account (here an admin charge) uses most of the credit
        const other = await api.post(
          `/admin/backoffice/house-accounts/${accountId}/entries`,
          { kind: "charge", amount: 9_000, idempotency_key: "phone-order-1" },
          { headers: admin }
        )
        expect(other.status).toBe(201)
        const res = await complete(cartId, c.headers)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/Paying on account refused: .*credit limit; available credit is 60\.00 USD/)
        expect((await entries(accountId)).map((e) => [e.kind, e.amount])).toEqual([["charge", 9_000]])
        expect((await account(accountId)).balance).toBe(9_000)
        const { data: carts } = await getContainer()
          .resolve(ContainerRegistrationKeys.QUERY)
          .graph({ entity: "cart", fields: ["completed_at", "order.id"], filters: { id: cartId } })
        expect(carts[0].completed_at).toBeFalsy()
        expect(carts[0].order?.id).toBeFalsy()

        // once the account is paid down, the same cart completes
        await accounts().postEntry({
          account_id: accountId, kind: "payment", amount: -9_000, actor_type: "user", idempotency_key: "pay-1",
        })
        const done = await complete(cartId, c.headers)
        expect(done.data.type).toBe("order")
        expect((await account(accountId)).balance).toBe(10999)
      })

      it("refuses an account on hold at completion even if the session was opened before", async () => {
        const c = await newCustomer()
        const accountId = await openAccount([c.id])
        const cartId = await createReadyCart(api, shop, c.headers)
        expect((await startSession(cartId, c.headers)).status).toBe(200)
        await accounts().updateAccount(accountId, { status: "on_hold" })
        const res = await complete(cartId, c.headers)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/Paying on account refused: .*is on hold/)
        expect(await entries(accountId)).toEqual([])
      })

      it("refuses a guest, a customer on no account, and an account the customer is not on", async () => {
        const owner = await newCustomer()
        const accountId = await openAccount([owner.id])

        // a guest cart, even naming the owner and the account
        const guestHeaders = { "x-publishable-api-key": shop.publishableKey }
        const guestCart = await createReadyCart(api, shop, guestHeaders)
        await api.post(`/store/carts/${guestCart}`, { email: "guest@example.com" }, { headers: guestHeaders })
        const guest = await startSession(guestCart, guestHeaders, { customer_id: owner.id, account_id: accountId })
        expect(guest.status).toBeGreaterThanOrEqual(400)
        expect(guest.status).toBeLessThan(500)
        expect(guest.data.message).toMatch(/signed-in customer/)

        // a signed-in customer on no account
        const stranger = await newCustomer()
        const cart = await createReadyCart(api, shop, stranger.headers)
        const none = await startSession(cart, stranger.headers)
        expect(none.status).toBeGreaterThanOrEqual(400)
        expect(none.status).toBeLessThan(500)
        expect(none.data.message).toMatch(/no active house account/)

        // ... choosing someone else's account
        const chosen = await startSession(cart, stranger.headers, { account_id: accountId })
        expect(chosen.status).toBeGreaterThanOrEqual(400)
        expect(chosen.status).toBeLessThan(500)
        expect(chosen.data.message).toMatch(/account_id/)

        // the cart cannot be completed on account
        const res = await complete(cart, stranger.headers)
        expect(res.data?.type).not.toBe("order")
        expect(await entries(accountId)).toEqual([])
      })

      it("refuses to charge when the cart is not the paying customer's", async () => {
        const owner = await newCustomer()
        const accountId = await openAccount([owner.id])
        const other = await newCustomer()
        const othersCart = await createReadyCart(api, shop, other.headers)
        // the account holder opens an on-account session on another customer's cart
        const session = await startSession(othersCart, owner.headers)
        expect(session.status).toBe(200)
        const res = await complete(othersCart, other.headers)
        expect(res.data?.type).not.toBe("order")
        expect(JSON.stringify(res.data)).toMatch(/does not belong/)
        expect(await entries(accountId)).toEqual([])
      })
    })

    describe("after the order", () => {
      it("releases the charge when the admin cancels the order, once; each entry emits its event", async () => {
        const c = await newCustomer()
        const accountId = await openAccount([c.id])
        const eventBus = getContainer().resolve(Modules.EVENT_BUS) as any
        const seen: { name: string; data: any }[] = []
        const original = eventBus.emit.bind(eventBus)
        eventBus.emit = async (msgs: any, opts?: any) => {
          for (const m of Array.isArray(msgs) ? msgs : [msgs]) {
            if (String(m.name).startsWith("customer_backoffice.house_account.")) seen.push({ name: m.name, data: m.data })
          }
          return original(msgs, opts)
        }
        let order: any
        try {
          order = (await placeOrder(c)).order
          expect((await account(accountId)).balance).toBe(10999)
          const res = await api.post(`/admin/orders/${order.id}/cancel`, {}, { headers: admin })
          expect(res.status).toBe(200)
        } finally {
          eventBus.emit = original
        }
        expect(seen).toEqual([
          {
            name: "customer_backoffice.house_account.charged",
            data: expect.objectContaining({ account_id: accountId, amount: 10999, customer_id: c.id, source_id: order.id }),
          },
          {
            name: "customer_backoffice.house_account.refunded",
            data: expect.objectContaining({ account_id: accountId, amount: 10999, balance: 0, source_id: order.id }),
          },
        ])
        const list = await entries(accountId)
        expect(list.map((e) => [e.kind, e.amount, e.balance_after])).toEqual([
          ["charge", 10999, 10999],
          ["refund", -10999, 0],
        ])
        expect(list[1]).toEqual(
          expect.objectContaining({ source_type: "order", source_id: order.id, customer_id: c.id })
        )
        expect(list[1].idempotency_key).toMatch(/^order-release:/)
        expect((await account(accountId)).balance).toBe(0)
        expect(await accounts().audit(accountId)).toEqual([])
      })

      it("credits refunds to the account; canceling later releases only what is left", async () => {
        const c = await newCustomer()
        const accountId = await openAccount([c.id])
        const { order } = await placeOrder(c)
        const payment = await orderPayment(order.id)

        // capturing moves no money: the order is already on the account
        expect((await api.post(`/admin/payments/${payment.id}/capture`, {}, { headers: admin })).status).toBe(200)
        expect((await account(accountId)).balance).toBe(10999)
        expect(await entries(accountId)).toHaveLength(1)

        const refund = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 20 }, { headers: admin })
        expect(refund.status).toBe(200)
        expect((await account(accountId)).balance).toBe(10999 - 2000)

        // the order is canceled: Medusa refunds the rest of the captured payment
        expect((await api.post(`/admin/orders/${order.id}/cancel`, {}, { headers: admin })).status).toBe(200)
        const list = await entries(accountId)
        expect(list.map((e) => [e.kind, e.amount])).toEqual([
          ["charge", 10999],
          ["refund", -2000],
          ["refund", -8999],
        ])
        expect(list.slice(1).every((e) => /^order-refund:/.test(e.idempotency_key))).toBe(true)
        expect((await account(accountId)).balance).toBe(0)
        expect(await accounts().audit(accountId)).toEqual([])
      })
    })
  },
})
