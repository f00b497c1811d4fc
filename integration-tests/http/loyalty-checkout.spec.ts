import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import { createCustomerHeaders } from "../helpers/admin"
import { waitFor } from "../helpers/wait"
import { emitAndWait, subscribersDone } from "../helpers/events"
import { createReadyCart, createShop, payAndComplete, type Shop } from "../helpers/commerce"

jest.setTimeout(180_000)

const ok = { validateStatus: () => true }
const DAY = 24 * 60 * 60 * 1000
const ROUTE = "/store/backoffice/loyalty/cart-redemption"

useTestHost({
  prefix: "cbo-ptc",
  testSuite: ({ api, getContainer, session }) => {
    let shop: Shop
    const admin = session.headers
    beforeEach(async () => {
      shop = await createShop(getContainer(), { price: 99.99, shipping: 10 })
    })

    const ledger = () => getContainer().resolve("customer_points") as any
    const workflows = () => require("../../.medusa/server/src/workflows") as any
    let seq = 0
    const newCustomer = async ({ enrolled = true, points = 0 } = {}) => {
      const c = await createCustomerHeaders(getContainer(), {}, shop.publishableKey)
      if (enrolled) await ledger().enroll(c.customer.id, true)
      if (points) await grant(c.customer.id, points)
      return { id: c.customer.id as string, headers: c.headers }
    }
    const grant = (customer_id: string, points: number, earned_at?: Date) =>
      ledger().credit({
        customer_id,
        points,
        kind: "manual_add",
        reason: "test grant",
        actor_type: "user",
        actor_id: "user_test",
        source_type: "admin",
        source_id: "user_test",
        idempotency_key: `test-grant-${++seq}-${Math.random()}`,
        ...(earned_at ? { earned_at } : {}),
      })
    const balance = (customerId: string) => ledger().balance(customerId) as Promise<number>
    const entries = async (customerId: string) =>
      (await ledger().listPointsEntries(
        { customer_id: customerId },
        { order: { created_at: "ASC", id: "ASC" } }
      )) as any[]
    const lots = async (customerId: string) =>
      (await ledger().listPointsLots({ customer_id: customerId }, { order: { expires_at: "ASC" } })) as any[]
    const timelineKinds = async (customerId: string) =>
      (
        (await (getContainer().resolve("customer_timeline") as any).listTimelineEntries(
          { customer_id: customerId, kind: { $like: "points.%" } },
          { order: { created_at: "ASC" } }
        )) as any[]
      ).map((e) => e.kind)
    const getCart = async (cartId: string, headers: Record<string, string>) =>
      (await api.get(`/store/carts/${cartId}?fields=+credit_lines.*,+total,+credit_line_total`, { headers }))
        .data.cart
    /** Emits the event again (a redelivery) and returns once its subscribers have handled it. */
    const emit = (name: string, id: string) => emitAndWait(getContainer(), name, { id })
    const orderPayment = async (orderId: string) => {
      const { data } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["payment_collections.payments.id"], filters: { id: orderId } })
      return data[0].payment_collections[0].payments[0].id as string
    }
    /** Places an order and returns once the order.placed subscribers (earning) have run. */
    const placeOrder = async (c: { headers: Record<string, string> }, cartId?: string) => {
      const id = cartId ?? (await createReadyCart(api, shop, c.headers))
      const placed = subscribersDone(getContainer(), "order.placed")
      const res = await payAndComplete(api, id, c.headers)
      expect(res.data?.type).toBe("order")
      await placed
      return { cartId: id, order: res.data.order }
    }

    describe("admin: points of an order", () => {
      it("answers 401 without an admin, 404 for an unknown order, zeros for an order without points", async () => {
        expect((await api.get("/admin/backoffice/orders/order_x/points", ok)).status).toBe(401)
        const c = await newCustomer({ enrolled: false })
        const res = await api.get("/admin/backoffice/orders/order_missing/points", {
          headers: admin,
          ...ok,
        })
        expect(res.status).toBe(404)
        const { order } = await placeOrder(c)
        const none = await api.get(`/admin/backoffice/orders/${order.id}/points`, { headers: admin })
        expect(none.data.points).toEqual(
          expect.objectContaining({ earned: 0, redeemed: 0, entries: [], customer_id: c.id })
        )
      })
    })

    describe("earning on orders", () => {
      it("credits floor(total × rate) once per order to an enrolled customer; a replayed event adds nothing", async () => {
        const c = await newCustomer()
        const { order } = await placeOrder(c)
        expect(Number(order.total)).toBeCloseTo(109.99, 2)
        await waitFor(async () => (await balance(c.id)) === 109, { what: "points earned" })

        const [earn] = await entries(c.id)
        expect(earn).toEqual(
          expect.objectContaining({
            kind: "earn",
            points: 109,
            source_type: "order",
            source_id: order.id,
            idempotency_key: `earn:order:${order.id}`,
          })
        )
        expect(earn.metadata).toEqual(expect.objectContaining({ basis_total: "109.99", currency_code: "usd" }))

        // redelivered event + a direct re-run: still one entry
        await emit("order.placed", order.id)
        const { result } = await workflows().earnOrderPointsWorkflow(getContainer()).run({
          input: { order_id: order.id },
        })
        expect(result).toEqual(expect.objectContaining({ skipped: "already_earned", points: 109 }))
        expect(await entries(c.id)).toHaveLength(1)
        expect(await balance(c.id)).toBe(109)
        expect(await timelineKinds(c.id)).toEqual(["points.earned"])
      })

      it("credits nothing to a customer who is not enrolled (or opted out)", async () => {
        const never = await newCustomer({ enrolled: false })
        const { order } = await placeOrder(never)
        const { result } = await workflows().earnOrderPointsWorkflow(getContainer()).run({
          input: { order_id: order.id },
        })
        expect(result.skipped).toBe("not_enrolled")

        const left = await newCustomer()
        await ledger().enroll(left.id, false)
        const second = await placeOrder(left)
        const again = await workflows().earnOrderPointsWorkflow(getContainer()).run({
          input: { order_id: second.order.id },
        })
        expect(again.result.skipped).toBe("not_enrolled")
        expect(await entries(never.id)).toHaveLength(0)
        expect(await entries(left.id)).toHaveLength(0)
        expect(await balance(left.id)).toBe(0)
      })

      it("reverses the earned points when the order is canceled, once", async () => {
        const c = await newCustomer()
        const { order } = await placeOrder(c)
        await waitFor(async () => (await balance(c.id)) === 109, { what: "points earned" })

        const res = await api.post(`/admin/orders/${order.id}/cancel`, {}, { headers: admin })
        expect(res.status).toBe(200)
        await waitFor(async () => (await balance(c.id)) === 0, { what: "earning reversed" })
        const all = await entries(c.id)
        expect(all.map((e) => [e.kind, e.points])).toEqual([
          ["earn", 109],
          ["reversal", -109],
        ])
        expect(all[1].reverses_entry_id).toBe(all[0].id)

        await emit("order.canceled", order.id)
        await workflows().cancelOrderPointsWorkflow(getContainer()).run({ input: { order_id: order.id } })
        expect(await entries(c.id)).toHaveLength(2)
        expect(await balance(c.id)).toBe(0)
      })

      it("reverses points in proportion to refunds, cumulatively, and ignores replays", async () => {
        const c = await newCustomer()
        const { order } = await placeOrder(c)
        await waitFor(async () => (await balance(c.id)) === 109, { what: "points earned" })
        const paymentId = await orderPayment(order.id)
        expect((await api.post(`/admin/payments/${paymentId}/capture`, {}, { headers: admin })).status).toBe(200)

        // 30 of 109.99 → floor(109 × 30 / 109.99) = 29
        let res = await api.post(`/admin/payments/${paymentId}/refund`, { amount: 30 }, { headers: admin, ...ok })
        expect(res.status).toBe(200)
        await waitFor(async () => (await balance(c.id)) === 80, { what: "first refund reversed" })

        // 55 in total → floor(109 × 55 / 109.99) = 54 → 25 more
        res = await api.post(`/admin/payments/${paymentId}/refund`, { amount: 25 }, { headers: admin, ...ok })
        expect(res.status).toBe(200)
        await waitFor(async () => (await balance(c.id)) === 55, { what: "second refund reversed" })

        await emit("payment.refunded", paymentId)
        await workflows().refundOrderPointsWorkflow(getContainer()).run({ input: { order_id: order.id } })
        const all = await entries(c.id)
        expect(all.map((e) => [e.kind, e.points])).toEqual([
          ["earn", 109],
          ["reversal", -29],
          ["reversal", -25],
        ])
        expect(all[0].reversed).toBe(54)
        expect(await balance(c.id)).toBe(55)

        // the rest: everything earned is gone, never more
        res = await api.post(`/admin/payments/${paymentId}/refund`, { amount: 54.99 }, { headers: admin, ...ok })
        expect(res.status).toBe(200)
        await waitFor(async () => (await balance(c.id)) === 0, { what: "full refund reversed" })
        expect((await entries(c.id)).reduce((s, e) => s + e.points, 0)).toBe(0)
        expect(await timelineKinds(c.id)).toEqual([
          "points.earned",
          "points.reversed",
          "points.reversed",
          "points.reversed",
        ])
      })
    })

    describe("redeeming at checkout", () => {
      it("applies points as a cart credit line, replaces them and removes them; nothing is consumed", async () => {
        const c = await newCustomer({ points: 5000 })
        const cartId = await createReadyCart(api, shop, c.headers)
        expect(Number((await getCart(cartId, c.headers)).total)).toBeCloseTo(109.99, 2)

        let res = await api.post(ROUTE, { cart_id: cartId, points: 1234 }, { headers: c.headers })
        expect(res.status).toBe(200)
        expect(res.data.redemption).toEqual(
          expect.objectContaining({ points: 1234, amount: "12.34", balance: 5000, currency_code: "usd" })
        )
        let cart = await getCart(cartId, c.headers)
        expect(Number(cart.total)).toBeCloseTo(97.65, 2)
        expect(cart.credit_lines).toHaveLength(1)
        expect(cart.credit_lines[0]).toEqual(
          expect.objectContaining({ reference: "customer_points", metadata: { points: 1234, customer_id: c.id } })
        )

        res = await api.post(ROUTE, { cart_id: cartId, points: 2000 }, { headers: c.headers })
        expect(res.status).toBe(200)
        cart = await getCart(cartId, c.headers)
        expect(cart.credit_lines).toHaveLength(1)
        expect(Number(cart.total)).toBeCloseTo(89.99, 2)

        res = await api.get(`${ROUTE}?cart_id=${cartId}`, { headers: c.headers })
        expect(res.data.redemption).toEqual(
          expect.objectContaining({ points: 2000, amount: "20", max_points: 5000, points_step: 1 })
        )

        res = await api.delete(`${ROUTE}?cart_id=${cartId}`, { headers: c.headers })
        expect(res.status).toBe(200)
        expect(res.data.redemption.points).toBe(0)
        cart = await getCart(cartId, c.headers)
        expect(cart.credit_lines).toHaveLength(0)
        expect(Number(cart.total)).toBeCloseTo(109.99, 2)
        expect(await balance(c.id)).toBe(5000)
        expect(await entries(c.id)).toHaveLength(1)
      })

      it("refuses bad input, other customers' carts and anonymous calls; nothing is written", async () => {
        const c = await newCustomer({ points: 50_000 })
        const other = await newCustomer({ points: 500 })
        const cartId = await createReadyCart(api, shop, c.headers)

        for (const [method, args] of [
          ["post", [ROUTE, { cart_id: cartId, points: 10 }]],
          ["get", [`${ROUTE}?cart_id=${cartId}`]],
          ["delete", [`${ROUTE}?cart_id=${cartId}`]],
        ] as const) {
          const res = await (api as any)[method](...args, { headers: { "x-publishable-api-key": shop.publishableKey }, ...ok })
          expect(res.status).toBe(401)
        }

        const bad = async (body: Record<string, unknown>, field: string, message: RegExp) => {
          const res = await api.post(ROUTE, body, { headers: c.headers, ...ok })
          expect(res.status).toBe(400)
          expect(res.data.type).toBe("invalid_data")
          expect(res.data.errors).toEqual(
            expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(message) })])
          )
        }
        await bad({ cart_id: cartId, points: -5 }, "points", /greater than 0/)
        await bad({ cart_id: cartId, points: 0 }, "points", /greater than 0/)
        await bad({ cart_id: cartId, points: 12.5 }, "points", /whole number/)
        await bad({ cart_id: cartId, points: "100" }, "points", /number/)
        await bad({ points: 100 }, "cart_id", /required/)
        // over the cart total: 109.99 → at most 10999 points
        await bad({ cart_id: cartId, points: 11_000 }, "points", /at most 10999 points/)
        // over the balance
        const poor = await api.post(ROUTE, { cart_id: cartId, points: 600 }, { headers: other.headers, ...ok })
        expect(poor.status).toBe(404) // not their cart, checked first
        const otherCart = await createReadyCart(api, shop, other.headers)
        const over = await api.post(ROUTE, { cart_id: otherCart, points: 600 }, { headers: other.headers, ...ok })
        expect(over.status).toBe(400)
        expect(over.data.errors).toEqual([{ field: "points", message: "You have only 500 points" }])

        // someone else's cart: same answer as a missing cart, for every method
        for (const res of [
          await api.post(ROUTE, { cart_id: cartId, points: 100 }, { headers: other.headers, ...ok }),
          await api.delete(`${ROUTE}?cart_id=${cartId}`, { headers: other.headers, ...ok }),
          await api.get(`${ROUTE}?cart_id=${cartId}`, { headers: other.headers, ...ok }),
          await api.post(ROUTE, { cart_id: "cart_missing", points: 100 }, { headers: c.headers, ...ok }),
        ]) {
          expect(res.status).toBe(404)
          expect(res.data.message).toMatch(/was not found among your carts/)
        }

        expect((await getCart(cartId, c.headers)).credit_lines).toHaveLength(0)
        expect((await getCart(otherCart, other.headers)).credit_lines).toHaveLength(0)
        expect(await entries(c.id)).toHaveLength(1)
        expect(await entries(other.id)).toHaveLength(1)
        expect(await balance(c.id)).toBe(50_000)
      })

      it("debits the points once when the order is placed, earns on the discounted total, and a cancel gives them back to the same lots", async () => {
        const c = await newCustomer()
        // two lots: the older one expires first and is used first
        await grant(c.id, 300, new Date(Date.now() - 300 * DAY))
        await grant(c.id, 800)
        const cartId = await createReadyCart(api, shop, c.headers)
        expect((await api.post(ROUTE, { cart_id: cartId, points: 1000 }, { headers: c.headers })).status).toBe(200)

        const { order } = await placeOrder(c, cartId)
        expect(Number(order.total)).toBeCloseTo(99.99, 2)
        // 1100 − 1000 redeemed + floor(99.99) = 99 earned
        await waitFor(async () => (await balance(c.id)) === 199, { what: "redeem + earn" })
        let all = await entries(c.id)
        const redeem = all.find((e) => e.kind === "redeem")
        expect(redeem).toEqual(
          expect.objectContaining({ points: -1000, source_type: "cart", source_id: cartId, actor_type: "customer" })
        )
        expect(all.find((e) => e.kind === "earn")?.points).toBe(99)
        let byLot = await lots(c.id)
        expect(byLot.map((l) => [l.points, l.remaining])).toEqual([
          [300, 0],
          [800, 100],
          [99, 99],
        ])

        let summary = (await api.get(`/admin/backoffice/orders/${order.id}/points`, { headers: admin })).data.points
        expect(summary).toEqual(
          expect.objectContaining({ customer_id: c.id, earned: 99, earned_reversed: 0, redeemed: 1000, redeemed_restored: 0 })
        )
        expect(summary.entries.map((e: any) => e.kind).sort()).toEqual(["earn", "redeem"])

        // completing again returns the same order and debits nothing
        const again = await api.post(`/store/carts/${cartId}/complete`, {}, { headers: c.headers, ...ok })
        expect(again.data.order?.id).toBe(order.id)
        // Medusa returns the existing order without emitting order.placed again, and the
        // debit runs inside the completion: once it answered, nothing more can be written
        expect(await entries(c.id)).toHaveLength(all.length)

        // cancel: the redeemed points go back to the lots they came from, the earning is reversed
        expect((await api.post(`/admin/orders/${order.id}/cancel`, {}, { headers: admin })).status).toBe(200)
        await waitFor(async () => (await balance(c.id)) === 1100, { what: "points restored" })
        byLot = await lots(c.id)
        expect(byLot.map((l) => [l.points, l.remaining])).toEqual([
          [300, 300],
          [800, 800],
          [99, 0],
        ])
        all = await entries(c.id)
        expect(all.filter((e) => e.kind === "reversal").map((e) => e.points).sort((a, b) => a - b)).toEqual([-99, 1000])

        summary = (await api.get(`/admin/backoffice/orders/${order.id}/points`, { headers: admin })).data.points
        expect(summary).toEqual(
          expect.objectContaining({ earned: 99, earned_reversed: 99, redeemed: 1000, redeemed_restored: 1000 })
        )
        expect(summary.entries).toHaveLength(4)

        await emit("order.canceled", order.id)
        expect(await entries(c.id)).toHaveLength(all.length)
        expect(await balance(c.id)).toBe(1100)
        expect((await timelineKinds(c.id)).sort()).toEqual([
          "points.earned",
          "points.redeemed",
          "points.restored",
          "points.reversed",
        ])
      })

      it("places an order paid entirely with points, without a payment session", async () => {
        const c = await newCustomer({ points: 20_000 })
        const cartId = await createReadyCart(api, shop, c.headers)
        const applied = await api.post(ROUTE, { cart_id: cartId, points: 10_999 }, { headers: c.headers })
        expect(applied.status).toBe(200)
        expect(applied.data.redemption).toEqual(expect.objectContaining({ amount: "109.99", cart_total: "0" }))
        const res = await api.post(`/store/carts/${cartId}/complete`, {}, { headers: c.headers, ...ok })
        expect(res.data.type).toBe("order")
        expect(Number(res.data.order.total)).toBe(0)
        await waitFor(async () => (await balance(c.id)) === 20_000 - 10_999, { what: "points debited" })
        expect((await entries(c.id)).map((e) => e.kind)).toEqual(["manual_add", "redeem"])
      })

      it("refuses to complete a cart whose total fell below the points applied", async () => {
        const c = await newCustomer({ points: 20_000 })
        const cartId = await createReadyCart(api, shop, c.headers, 2)
        expect((await api.post(ROUTE, { cart_id: cartId, points: 15_000 }, { headers: c.headers })).status).toBe(200)
        const item = (await getCart(cartId, c.headers)).items[0]
        await api.post(`/store/carts/${cartId}/line-items/${item.id}`, { quantity: 1 }, { headers: c.headers })
        const view = await api.get(`${ROUTE}?cart_id=${cartId}`, { headers: c.headers })
        expect(view.data.redemption).toEqual(expect.objectContaining({ points: 15_000, max_points: 10_999 }))
        const res = await api.post(`/store/carts/${cartId}/complete`, {}, { headers: c.headers, ...ok })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/worth more than the cart total/)
        expect(await balance(c.id)).toBe(20_000)
        expect((await api.post(ROUTE, { cart_id: cartId, points: 10_999 }, { headers: c.headers })).status).toBe(200)
      })

      it("gives the points back when completion fails after the debit, and debits again on the next attempt", async () => {
        const stocked = await createShop(getContainer(), { price: 50, shipping: 10, stock: 1, country: "ca" })
        const c = await createCustomerHeaders(getContainer(), {}, stocked.publishableKey)
        await ledger().enroll(c.customer.id, true)
        await grant(c.customer.id, 1000)
        const cartId = await createReadyCart(api, stocked, c.headers)
        expect((await api.post(ROUTE, { cart_id: cartId, points: 500 }, { headers: c.headers })).status).toBe(200)

        // the last unit is gone when the order is placed: reserving stock fails after the points were debited
        const inventory = getContainer().resolve(Modules.INVENTORY)
        const [level] = await inventory.listInventoryLevels({ location_id: stocked.locationId })
        await inventory.updateInventoryLevels([
          { inventory_item_id: level.inventory_item_id, location_id: stocked.locationId, stocked_quantity: 0 },
        ])
        const failed = await payAndComplete(api, cartId, c.headers)
        expect(failed.data?.type).not.toBe("order")
        expect(await balance(c.customer.id)).toBe(1000)
        let all = await entries(c.customer.id)
        expect(all.map((e) => [e.kind, e.points])).toEqual([
          ["manual_add", 1000],
          ["redeem", -500],
          ["reversal", 500],
        ])
        expect(all[2].idempotency_key).toBe(`release:${all[1].id}`)

        await inventory.updateInventoryLevels([
          { inventory_item_id: level.inventory_item_id, location_id: stocked.locationId, stocked_quantity: 5 },
        ])
        const done = await api.post(`/store/carts/${cartId}/complete`, {}, { headers: c.headers, ...ok })
        expect(done.data.type).toBe("order")
        // 1000 − 500 + floor(60 − 5) = 555
        await waitFor(async () => (await balance(c.customer.id)) === 555, { what: "second debit + earning" })
        all = await entries(c.customer.id)
        const redeems = all.filter((e) => e.kind === "redeem")
        expect(redeems.map((e) => e.idempotency_key)).toEqual([`redeem:cart:${cartId}:0`, `redeem:cart:${cartId}:1`])
        const summary = (await api.get(`/admin/backoffice/orders/${done.data.order.id}/points`, { headers: admin })).data.points
        expect(summary).toEqual(expect.objectContaining({ earned: 55, redeemed: 500, redeemed_restored: 0 }))
        // the failed attempt's timeline line was rolled back with it
        expect((await timelineKinds(c.customer.id)).sort()).toEqual(["points.earned", "points.redeemed"])
      })

      it("refuses to place the order when the balance no longer covers the points; nothing is debited", async () => {
        const c = await newCustomer({ points: 1000 })
        const cartId = await createReadyCart(api, shop, c.headers)
        expect((await api.post(ROUTE, { cart_id: cartId, points: 1000 }, { headers: c.headers })).status).toBe(200)
        await ledger().debit({
          customer_id: c.id,
          points: 500,
          kind: "manual_remove",
          reason: "test",
          actor_type: "user",
          actor_id: "user_test",
          idempotency_key: `test-remove-${Math.random()}`,
        })
        const res = await payAndComplete(api, cartId, c.headers)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/Not enough loyalty points: this cart uses 1000 points and your balance is 500/)
        expect(await balance(c.id)).toBe(500)
        expect((await entries(c.id)).filter((e) => e.kind === "redeem")).toHaveLength(0)

        // with fewer points the same cart completes
        expect((await api.post(ROUTE, { cart_id: cartId, points: 500 }, { headers: c.headers })).status).toBe(200)
        const pc = (await api.post("/store/payment-collections", { cart_id: cartId }, { headers: c.headers })).data
          .payment_collection
        await api.post(`/store/payment-collections/${pc.id}/payment-sessions`, { provider_id: "pp_system_default" }, { headers: c.headers })
        const done = await api.post(`/store/carts/${cartId}/complete`, {}, { headers: c.headers, ...ok })
        expect(done.data.type).toBe("order")
        expect(Number(done.data.order.total)).toBeCloseTo(104.99, 2)
        await waitFor(async () => (await balance(c.id)) === 104, { what: "redeem + earn" })
      })
    })
  },
})
