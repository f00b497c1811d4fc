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
