import { AbstractNotificationProviderService, ModuleProvider, Modules } from "@medusajs/framework/utils"

/**
 * The "feed" channel's provider for the HTTP specs (host/medusa-config.ts
 * registers it when CBO_TEST_PROVIDER_DIR is set, in place of Medusa's
 * local provider): it accepts every message, except while the environment
 * variable CBO_TEST_PROVIDER_FAIL is "notification", when it fails like a
 * mail service that is down.
 */
class FeedTestNotificationProvider extends AbstractNotificationProviderService {
  static identifier = "test-feed"

  async send(notification: { to: string }) {
    if (process.env.CBO_TEST_PROVIDER_FAIL === "notification") {
      throw new Error("the mail service is down")
    }
    return { id: `test-${Date.now()}` }
  }
}

export default ModuleProvider(Modules.NOTIFICATION, { services: [FeedTestNotificationProvider] })
