import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  generateJwtToken,
} from "@medusajs/framework/utils"

/** Creates an admin user with an auth identity and returns request headers. */
export async function createAdminHeaders(
  container: MedusaContainer,
  email = `admin-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`
) {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const user = await userModule.createUsers({ email, first_name: "Ada", last_name: "Admin" })
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { user_id: user.id },
  })
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const token = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: authIdentity.id,
      app_metadata: { user_id: user.id },
    },
    {
      secret: config.projectConfig.http.jwtSecret!,
      expiresIn: "1d",
    }
  )
  return { user, headers: { authorization: `Bearer ${token}` } }
}

/**
 * Creates a registered customer with an email/password identity and returns
 * storefront headers (customer bearer token + a publishable API key).
 */
export async function createCustomerHeaders(
  container: MedusaContainer,
  data: { email?: string; first_name?: string; last_name?: string } = {},
  publishableKey?: string
) {
  const email =
    data.email ?? `shopper-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`
  const customerModule = container.resolve(Modules.CUSTOMER)
  const authModule = container.resolve(Modules.AUTH)
  const customer = await customerModule.createCustomers({
    email,
    first_name: data.first_name ?? "Sam",
    last_name: data.last_name ?? "Shopper",
    has_account: true,
  })
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { customer_id: customer.id },
  })
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const token = generateJwtToken(
    {
      actor_id: customer.id,
      actor_type: "customer",
      auth_identity_id: authIdentity.id,
      app_metadata: { customer_id: customer.id },
    },
    { secret: config.projectConfig.http.jwtSecret!, expiresIn: "1d" }
  )
  const key = publishableKey ?? (await createPublishableKey(container))
  return {
    customer,
    publishableKey: key,
    headers: {
      authorization: `Bearer ${token}`,
      "x-publishable-api-key": key,
    },
  }
}

/** A publishable API key for /store requests. */
export async function createPublishableKey(container: MedusaContainer) {
  const apiKeys = container.resolve(Modules.API_KEY)
  const key = await apiKeys.createApiKeys({
    title: `test-${Date.now()}`,
    type: "publishable",
    created_by: "test",
  })
  return key.token
}

/** A publishable API key header: Medusa requires one on every /store route. */
export async function createPublishableKeyHeader(container: MedusaContainer) {
  return { "x-publishable-api-key": await createPublishableKey(container) }
}
