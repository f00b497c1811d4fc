import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import { createShop, payAndComplete, type Shop } from "../helpers/commerce"
import { subscribersDone } from "../helpers/events"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

const ok = { validateStatus: () => true }
const PASSWORD = "Secret-pass-123"

/**
 * A store with inviteInStoreCustomers "on_first_order" that also requires
 * Medusa's email verification for shoppers (projectConfig.http
 * .authVerificationsPerActor.customer = emailpass/email): a staff-created
 * customer is invited when their first order is placed, not at creation nor
 * on the second order; a shopper who verifies the email gets the in-store
 * customer's history joined to their account, in either order of sign-up
 * and verification; before the verification nothing moves.
 */
useTestHost({
  prefix: "cbo-http-invitations-first-order",
  env: { CBO_INVITE_IN_STORE_CUSTOMERS: "on_first_order", CBO_CUSTOMER_EMAIL_VERIFICATION: "true" },
  testSuite: ({ api, getContainer, session }) => {
    const admin = session.headers
    let shop: Shop
    let pk: Record<string, string>
    beforeAll(async () => {
      shop = await createShop(getContainer())
      pk = { "x-publishable-api-key": shop.publishableKey }
    })
    const rows = async (sql: string, b: unknown[] = []) =>
      (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(sql, b)).rows
    const email = () => `first-order-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`
    const invitations = (customerId: string) =>
      rows(`select trigger, status from customer_invitation where customer_id = ? and deleted_at is null`, [customerId])
    const messages = async (customerId: string) =>
      getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ receiver_id: customerId, template: "customer-backoffice-invitation" } as any)

    /** A staff-created customer (admin route): created_by set, no account. */
    const inStore = async (address: string) => {
      const created = subscribersDone(getContainer(), "customer.created")
      const res = await api.post("/admin/customers", { email: address, first_name: "Olive", last_name: "Order" }, { headers: admin })
      expect(res.status).toBe(200)
      await created
      return res.data.customer.id as string
    }

    /** A guest checkout with the in-store customer's email (Medusa links the cart to that customer). */
    const guestOrder = async (address: string) => {
      const placed = subscribersDone(getContainer(), "order.placed")
      const cart = await api.post(
        "/store/carts",
        {
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          email: address,
          items: [{ variant_id: shop.variantId, quantity: 1 }],
          shipping_address: { first_name: "Olive", last_name: "Order", address_1: "1 Main St", city: "Springfield", postal_code: "12345", country_code: shop.country },
        },
        { headers: pk }
      )
      await api.post(`/store/carts/${cart.data.cart.id}/shipping-methods`, { option_id: shop.shippingOptionId }, { headers: pk })
      const done = await payAndComplete(api, cart.data.cart.id, pk)
      expect(done.data.type).toBe("order")
      await placed
      const [order] = await rows(`select id, customer_id from "order" where id = ?`, [done.data.order.id])
      return order as { id: string; customer_id: string }
    }

    it("on_first_order: nothing when staff create the customer, one invitation when the first order is placed, none on the second", async () => {
      const address = email()
      const id = await inStore(address)
      expect(await invitations(id)).toEqual([])
      expect(await messages(id)).toEqual([])

      const first = await guestOrder(address)
      expect(first.customer_id).toBe(id)
      await waitFor(async () => (await messages(id)).length === 1, { timeoutMs: 30_000, what: "the invitation" })
      expect(await invitations(id)).toEqual([{ trigger: "on_first_order", status: "sent" }])
      const [message] = await messages(id)
      expect(message).toMatchObject({ to: address, channel: "feed" })
      expect((message.data as { url: string }).url).toMatch(/^http:\/\/localhost:8000\/account\/register\?invitation=[A-Za-z0-9_-]{43}$/)

      const second = await guestOrder(address)
      expect(second.customer_id).toBe(id)
      expect(await messages(id)).toHaveLength(1)
      expect(await invitations(id)).toEqual([{ trigger: "on_first_order", status: "sent" }])
      const timeline = await rows(`select kind from timeline_entry where customer_id = ? and kind = 'customer.invited'`, [id])
      expect(timeline).toHaveLength(1)
    })

    /** Listens for Medusa's auth.verification_requested (its data carries the code the store would e-mail). */
    const nextVerificationCode = () => {
      const emitter = (getContainer().resolve(Modules.EVENT_BUS) as unknown as { eventEmitter_: NodeJS.EventEmitter })
        .eventEmitter_
      return new Promise<string>((resolve) => {
        const fn = (e: { data: { code: string } }) => {
          emitter.removeListener("auth.verification_requested", fn)
          resolve(e.data.code)
        }
        emitter.on("auth.verification_requested", fn)
      })
    }
    const requestAndConfirm = async (address: string, token: string) => {
      const code = nextVerificationCode()
      const requested = await api.post(
        "/auth/verification/request",
        { entity_id: address, entity_type: "email" },
        { headers: { authorization: `Bearer ${token}` }, ...ok }
      )
      expect(requested.status).toBe(201)
      const confirmed = await api.post("/auth/verification/confirm", { code: await code }, { headers: { authorization: `Bearer ${token}` }, ...ok })
      expect(confirmed.status).toBe(200)
      expect(confirmed.data.verified_at).toBeTruthy()
    }
    const createAccount = async (address: string, token: string) => {
      const created = await api.post("/store/customers", { email: address, first_name: "Olive" }, { headers: { authorization: `Bearer ${token}`, ...pk } })
      expect(created.status).toBe(200)
      return created.data.customer.id as string
    }
    const login = async (address: string) => (await api.post("/auth/customer/emailpass", { email: address, password: PASSWORD })).data
    const orderOwners = async (ids: string[]) => (await rows(`select customer_id from "order" where id = any(?)`, [ids])).map((r: any) => r.customer_id)
    /** The join's last write: the accounts_joined line on the account's timeline. */
    const joined = (me: string) =>
      waitFor(
        async () =>
          (await rows(`select 1 from timeline_entry where customer_id = ? and kind = 'customer.accounts_joined'`, [me])).length > 0,
        { timeoutMs: 30_000, what: "the join" }
      )
    const liveCustomers = async (address: string) =>
      (await rows(`select id from customer where lower(email) = lower(?) and deleted_at is null order by has_account`, [address])).map((r: any) => r.id)

    it("Medusa's email verification is the proof: the account created first joins the in-store history once the email is verified, not before", async () => {
      const address = email()
      const id = await inStore(address)
      const order = await guestOrder(address)
      const reg = await api.post("/auth/customer/emailpass/register", { email: address, password: PASSWORD })
      const me = await createAccount(address, reg.data.token)

      // not verified yet: two customers, a likely duplicate for staff, nothing moved, and Medusa asks to verify
      await waitFor(
        async () =>
          (
            await rows(
              `select 1 from customer_duplicate_pair where confidence = 'likely' and deleted_at is null
                 and ((customer_a_id = ? and customer_b_id = ?) or (customer_a_id = ? and customer_b_id = ?))`,
              [id, me, me, id]
            )
          ).length === 1,
        { timeoutMs: 30_000, what: "the likely-duplicate pair" }
      )
      expect(await liveCustomers(address)).toEqual([id, me])
      expect(await orderOwners([order.id])).toEqual([id])
      const pending = await login(address)
      expect(pending.verification_required).toBe(true)

      await requestAndConfirm(address, pending.token)
      await joined(me)
      expect(await liveCustomers(address)).toEqual([me])
      expect(await orderOwners([order.id])).toEqual([me])
      const [merge] = await rows(`select id, source, primary_id from customer_merge where primary_id = ?`, [me])
      expect(merge).toMatchObject({ source: "email_verification", primary_id: me })
      const merges = await api.get(`/admin/backoffice/merges?customer_id=${me}`, { headers: admin })
      expect(merges.data.merges.find((m: any) => m.id === merge.id)).toMatchObject({ source: "email_verification", secondary_ids: [id], can_undo: true })

      // the shopper logs in and sees the in-store order through Medusa's own route
      const { token } = await login(address)
      const orders = await api.get("/store/orders", { headers: { authorization: `Bearer ${token}`, ...pk } })
      expect(orders.data.orders.map((o: any) => o.id)).toEqual([order.id])
    })

    it("verified before the account is created: the account joins the in-store history as it is created", async () => {
      const address = email()
      const id = await inStore(address)
      const order = await guestOrder(address)
      const reg = await api.post("/auth/customer/emailpass/register", { email: address, password: PASSWORD })
      await requestAndConfirm(address, reg.data.token)
      expect(await liveCustomers(address)).toEqual([id])
      const me = await createAccount(address, reg.data.token)
      await joined(me)
      expect(await liveCustomers(address)).toEqual([me])
      expect(await orderOwners([order.id])).toEqual([me])
      const [merge] = await rows(`select source, secondary_ids from customer_merge where primary_id = ?`, [me])
      expect(merge).toEqual({ source: "email_verification", secondary_ids: [id] })
    })
  },
})
