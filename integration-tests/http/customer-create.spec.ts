import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { useTestHost } from "../helpers/test-host"
import { subscribersDone } from "../helpers/events"
import { CUSTOMER_STORES_TABLE } from "../../src/lib/core-sql/tables"

jest.setTimeout(180_000)

const ROUTE = "/admin/backoffice/customers"

/**
 * "+ New customer" (POST /admin/backoffice/customers) and the phone country
 * taken from the store's default region. No `defaultCountry` option here: the
 * region decides (customer-records.spec.ts sets the option, which wins).
 */
useTestHost({
  prefix: "cbo-http-create",
  admin: "once",
  testSuite: ({ api, getContainer, session }) => {
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex
    const post = (body: object, headers = session.headers) =>
      api.post(ROUTE, body, { headers, validateStatus: () => true })

    let web: string
    let shop: string
    let vip: string
    beforeAll(async () => {
      const channels = await getContainer()
        .resolve(Modules.SALES_CHANNEL)
        .createSalesChannels([{ name: "Web Store" }, { name: "High Street Shop" }])
      web = channels[0].id
      shop = channels[1].id
      const [group] = await getContainer().resolve(Modules.CUSTOMER).createCustomerGroups([{ name: "VIP" }])
      vip = group.id
    })

    /** What the customer tables hold: any write shows in these counts. */
    const counts = async () => {
      const one = async (table: string) => Number((await knex()(table).count({ n: "*" }))[0].n)
      return {
        customers: await one("customer"),
        addresses: await one("customer_address"),
        groups: await one("customer_group"),
        notes: await one("customer_note"),
        points: await one("points_account"),
        profiles: await one("customer_profile"),
      }
    }

    /** Makes a region of these countries the store's default (one region, its countries replaced on each call). */
    let regionId: string | null = null
    const setDefaultRegion = async (countries: string[]) => {
      const regions = getContainer().resolve(Modules.REGION)
      if (regionId) await regions.updateRegions(regionId, { countries })
      else [{ id: regionId }] = await regions.createRegions([{ name: "Default region", currency_code: "eur", countries }])
      const stores = getContainer().resolve(Modules.STORE)
      let [store] = await stores.listStores({}, { take: 1 })
      if (!store) [store] = await stores.createStores([{ name: "Test store" }])
      await stores.updateStores(store.id, { default_region_id: regionId })
    }
    beforeEach(() => {
      // every test starts from the same database (the runner restores it): no region yet
      regionId = null
    })

    it("answers 401 without an admin session", async () => {
      const res = await api.post(ROUTE, { email: "x@example.com" }, { validateStatus: () => true })
      expect(res.status).toBe(401)
    })

    it("creates the customer with address, stores, a new category, opt-out, note and loyalty in one go", async () => {
      const created = subscribersDone(getContainer(), "customer.created")
      const res = await post({
        first_name: "Ada",
        last_name: "Lovelace",
        email: "Ada.Lovelace@Example.COM",
        phone: "+44 20 7946 0958",
        address: {
          address_1: "12 St James's Square",
          city: "London",
          postal_code: "SW1Y 4JH",
          country_code: "gb",
        },
        stores: [shop],
        categories: [vip],
        new_category: "Founding members",
        marketing_opt_out: true,
        note: "Met at the trade fair",
        loyalty: true,
      })
      expect(res.status).toBe(201)
      const id = res.data.customer.id as string
      await created

      const customer = await knex()("customer").where({ id }).first()
      expect(customer).toMatchObject({
        email: "Ada.Lovelace@example.com",
        first_name: "Ada",
        last_name: "Lovelace",
        phone: "+442079460958",
        has_account: false,
        created_by: session.id,
      })
      expect(await knex()("customer_profile").where({ customer_id: id }).first()).toMatchObject({
        origin: "admin",
        phone_original: "+44 20 7946 0958",
      })
      expect(await knex()("customer_address").where({ customer_id: id })).toEqual([
        expect.objectContaining({
          address_1: "12 St James's Square",
          city: "London",
          country_code: "gb",
          first_name: "Ada",
          is_default_shipping: true,
          is_default_billing: true,
        }),
      ])
      // only the chosen store: the default-store subscriber leaves a customer with a store alone
      const stores = await knex()(CUSTOMER_STORES_TABLE).where({ customer_id: id }).whereNull("deleted_at")
      expect(stores.map((s: { sales_channel_id: string }) => s.sales_channel_id)).toEqual([shop])
      const groups = await knex()("customer_group_customer as cgc")
        .join("customer_group as cg", "cg.id", "cgc.customer_group_id")
        .where("cgc.customer_id", id)
        .whereNull("cgc.deleted_at")
        .orderBy("cg.name")
        .pluck("cg.name")
      expect(groups).toEqual(["Founding members", "VIP"])
      expect(await knex()("customer_consent").where({ customer_id: id }).first()).toMatchObject({
        marketing_opt_out: true,
      })
      expect(await knex()("customer_note").where({ customer_id: id })).toEqual([
        expect.objectContaining({ body: "Met at the trade fair", author_id: session.id }),
      ])
      expect(await knex()("points_account").where({ customer_id: id }).first()).toMatchObject({
        enrolled: true,
        balance: 0,
      })
      const kinds = await knex()("timeline_entry").where({ customer_id: id }).pluck("kind")
      expect(kinds).toEqual(expect.arrayContaining(["note.created", "loyalty.updated", "consent.changed"]))
    })

    it("gives every store when none is chosen, and needs nothing but a name or an email", async () => {
      const created = subscribersDone(getContainer(), "customer.created")
      const res = await post({ email: "grace@example.com" })
      expect(res.status).toBe(201)
      await created
      const id = res.data.customer.id
      const all = await knex()("sales_channel").whereNull("deleted_at").pluck("id")
      const stores = await knex()(CUSTOMER_STORES_TABLE).where({ customer_id: id }).whereNull("deleted_at")
      expect(stores.map((s: { sales_channel_id: string }) => s.sales_channel_id).sort()).toEqual([...all].sort())
      expect(all).toEqual(expect.arrayContaining([web, shop]))
      expect(await knex()("points_account").where({ customer_id: id }).first()).toBeUndefined()
      expect(await knex()("customer_note").where({ customer_id: id }).first()).toBeUndefined()
    })

    it.each([
      ["email", { email: "ada at example.com" }, /not a valid email address/],
      ["email", { first_name: "No", last_name: "Email" }, /Email is required/],
      ["phone", { email: "p@example.com", phone: "12345" }, /not a valid phone number/],
      ["address.country_code", { email: "c@example.com", address: { country_code: "XX" } }, /not a country code/],
      ["address.phone", { email: "c@example.com", address: { phone: "call me" } }, /not a valid phone number/],
      ["stores.0", { email: "s@example.com", stores: [""] }, /store/],
      ["marketing_opt_out", { email: "m@example.com", marketing_opt_out: "yes" }, /true or false/],
      ["(body)", { email: "u@example.com", color: "red" }, /Unrecognized key: "color"/],
    ])("answers 400 naming %s and writes nothing", async (field, body, message) => {
      const before = await counts()
      const res = await post(body)
      expect(res.status).toBe(400)
      expect(res.data.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining(field) })]))
      expect(res.data.message).toMatch(message)
      expect(await counts()).toEqual(before)
    })

    it.each([
      ["stores", { email: "s2@example.com", stores: ["sc_missing"] }, 400, /unknown stores sc_missing/],
      ["categories", { email: "c2@example.com", categories: ["cusgroup_missing"] }, 400, /unknown categories/],
      ["new_category", { email: "n2@example.com", new_category: "vip" }, 400, /already exists/],
    ])("refuses %s the store does not allow (%s) and writes nothing", async (field, body, status, message) => {
      const before = await counts()
      const res = await post(body)
      expect(res.status).toBe(status)
      expect(res.data.errors).toEqual([expect.objectContaining({ field, message: expect.stringMatching(message) })])
      expect(await counts()).toEqual(before)
    })

    it("answers 409 naming the customer that already has the email (any case) and writes nothing", async () => {
      const first = await post({ email: "Ada.Lovelace@example.com" })
      expect(first.status).toBe(201)
      const before = await counts()
      const res = await post({ email: "ADA.LOVELACE@example.com", note: "a second Ada", loyalty: true })
      expect(res.status).toBe(409)
      expect(res.data.errors).toEqual([
        { field: "email", message: `customer ${first.data.customer.id} already has this email — open that customer instead` },
      ])
      expect(await counts()).toEqual(before)
    })

    describe("phone country from the store's default region", () => {
      it("reads national numbers as British in a store whose default region is the UK", async () => {
        await setDefaultRegion(["gb"])
        const res = await post({ email: "uk@example.com", phone: "07949 802957" })
        expect(res.status).toBe(201)
        expect(await knex()("customer").where({ id: res.data.customer.id }).first("phone")).toEqual({
          phone: "+447949802957",
        })
        // Medusa's own customer route follows the same rule
        const core = await api.post(
          "/admin/customers",
          { email: "uk-core@example.com", phone: "020 7946 0958" },
          { headers: session.headers, validateStatus: () => true }
        )
        expect(core.status).toBe(200)
        expect(core.data.customer.phone).toBe("+442079460958")
        // a US national number is not a British one
        const us = await post({ email: "us@example.com", phone: "(415) 555-2671" })
        expect(us.status).toBe(400)
        expect(us.data.errors[0]).toEqual({ field: "phone", message: expect.stringContaining("for GB") })
      })

      it("reads them as German with a German default region, and asks for the code when several countries fit", async () => {
        await setDefaultRegion(["de"])
        const de = await post({ email: "de@example.com", phone: "030 12345678" })
        expect(de.status).toBe(201)
        expect(await knex()("customer").where({ id: de.data.customer.id }).first("phone")).toEqual({
          phone: "+493012345678",
        })
        await setDefaultRegion(["de", "fr", "gb"])
        const fr = await post({ email: "fr@example.com", phone: "01 42 68 53 00" })
        expect(fr.status).toBe(201)
        const both = await post({ email: "both@example.com", phone: "07949 802957" })
        expect(both.status).toBe(400)
        expect(both.data.errors[0]).toEqual({
          field: "phone",
          message: expect.stringContaining("could be a number in DE or GB"),
        })
      })
    })
  },
})
