import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"

export type Shop = {
  regionId: string
  salesChannelId: string
  publishableKey: string
  variantId: string
  shippingOptionId: string
  locationId: string
  country: string
  /** price of the variant and of shipping, USD */
  price: number
  shipping: number
}

/**
 * A minimal store a real cart can be completed in: a USD region with the
 * system payment provider, a sales channel with a publishable key, a stock
 * location with a manual fulfillment set, a flat-rate shipping option and one
 * product variant (no inventory management) at `price`.
 */
export async function createShop(
  container: MedusaContainer,
  {
    price = 100,
    shipping = 10,
    stock,
    country = "us",
  }: {
    price?: number
    shipping?: number
    /** manage inventory with this stock */
    stock?: number
    /** a country no other region of the test has */
    country?: string
  } = {}
): Promise<Shop> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const tag = Math.random().toString(36).slice(2, 8)

  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: `US ${tag}`,
          currency_code: "usd",
          countries: [country],
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })
  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: `Web ${tag}` }] },
  })
  const {
    result: [key],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: `pk ${tag}`, type: "publishable", created_by: "test" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: key.id, add: [channel.id] },
  })

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: `Warehouse ${tag}` }] },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [channel.id] },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  const fset = await fulfillment.createFulfillmentSets({
    name: `Delivery ${tag}`,
    type: "shipping",
    service_zones: [{ name: `Zone ${tag}`, geo_zones: [{ type: "country", country_code: country }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fset.id },
  })
  const [zone] = (
    await fulfillment.listFulfillmentSets({ id: fset.id }, { relations: ["service_zones"] })
  )[0].service_zones

  let [profile] = await fulfillment.listShippingProfiles({ type: "default" })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default", type: "default" }] },
    })
    profile = result[0]
  }
  const {
    result: [option],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: `Standard ${tag}`,
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: zone.id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "2–5 days", code: "standard" },
        prices: [{ currency_code: "usd", amount: shipping }],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: `Teapot ${tag}`,
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: profile.id,
          options: [{ title: "Size", values: ["One"] }],
          variants: [
            {
              title: "One",
              options: { Size: "One" },
              manage_inventory: stock !== undefined,
              prices: [{ currency_code: "usd", amount: price }],
            },
          ],
          sales_channels: [{ id: channel.id }],
        },
      ],
    },
  })

  if (stock !== undefined) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "product_variant",
      fields: ["inventory_items.inventory_item_id"],
      filters: { id: product.variants[0].id },
    })
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: [
          {
            location_id: location.id,
            inventory_item_id: data[0].inventory_items[0].inventory_item_id,
            stocked_quantity: stock,
          },
        ],
      },
    })
  }

  return {
    regionId: region.id,
    salesChannelId: channel.id,
    publishableKey: key.token,
    variantId: product.variants[0].id,
    shippingOptionId: option.id,
    locationId: location.id,
    country,
    price,
    shipping,
  }
}

type Api = {
  post: (url: string, body?: unknown, config?: any) => Promise<any>
  get: (url: string, config?: any) => Promise<any>
}

/** A cart of the logged-in customer (headers) with one item, an address and shipping. */
export async function createReadyCart(
  api: Api,
  shop: Shop,
  headers: Record<string, string>,
  quantity = 1
) {
  const cart = (
    await api.post(
      "/store/carts",
      {
        region_id: shop.regionId,
        sales_channel_id: shop.salesChannelId,
        items: [{ variant_id: shop.variantId, quantity }],
        shipping_address: {
          first_name: "Sam",
          last_name: "Shopper",
          address_1: "1 Main St",
          city: "Springfield",
          postal_code: "12345",
          country_code: shop.country,
        },
      },
      { headers }
    )
  ).data.cart
  await api.post(
    `/store/carts/${cart.id}/shipping-methods`,
    { option_id: shop.shippingOptionId },
    { headers }
  )
  return cart.id as string
}

/** Payment collection + system payment session, then completion. Returns the API response. */
export async function payAndComplete(api: Api, cartId: string, headers: Record<string, string>) {
  const pc = (await api.post("/store/payment-collections", { cart_id: cartId }, { headers })).data
    .payment_collection
  await api.post(
    `/store/payment-collections/${pc.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    { headers }
  )
  return await api.post(`/store/carts/${cartId}/complete`, {}, { headers, validateStatus: () => true })
}
