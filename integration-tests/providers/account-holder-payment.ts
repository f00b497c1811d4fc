import fs from "fs"
import path from "path"
import { randomUUID } from "crypto"
import { AbstractPaymentProvider, ModuleProvider, Modules, PaymentSessionStatus } from "@medusajs/framework/utils"

/**
 * A payment provider for the HTTP specs (host/medusa-config.ts registers it
 * when CBO_TEST_PROVIDER_DIR is set): it keeps "its copy" of each account
 * holder as a file in that folder, the way a real provider keeps a customer
 * record, and deletes it in `deleteAccountHolder`. While the environment
 * variable CBO_TEST_PROVIDER_FAIL is "delete_account_holder" the deletion
 * fails, as a provider that cannot be reached would.
 */
class AccountHolderTestProvider extends AbstractPaymentProvider {
  static identifier = "test-holder"

  private file(id: string) {
    return path.join(process.env.CBO_TEST_PROVIDER_DIR!, `${id}.json`)
  }

  async createAccountHolder(input: any) {
    const customer = input.context.customer
    const id = `tah_${customer.id}`
    fs.writeFileSync(this.file(id), JSON.stringify({ id, email: customer.email }))
    return { id, data: { provider_customer: id } }
  }

  async deleteAccountHolder(input: any) {
    if (process.env.CBO_TEST_PROVIDER_FAIL === "delete_account_holder") {
      throw new Error("the test provider is unreachable")
    }
    fs.rmSync(this.file(input.context.account_holder.external_id), { force: true })
    return { data: {} }
  }

  async initiatePayment() {
    return { id: randomUUID(), data: {} }
  }
  async authorizePayment() {
    return { status: PaymentSessionStatus.AUTHORIZED, data: {} }
  }
  async capturePayment() {
    return { data: {} }
  }
  async cancelPayment() {
    return { data: {} }
  }
  async deletePayment() {
    return { data: {} }
  }
  async getPaymentStatus() {
    return { status: PaymentSessionStatus.AUTHORIZED }
  }
  async refundPayment() {
    return { data: {} }
  }
  async retrievePayment() {
    return { data: {} }
  }
  async updatePayment() {
    return { data: {} }
  }
  async getWebhookActionAndData() {
    return { action: "not_supported" as any }
  }
}

export default ModuleProvider(Modules.PAYMENT, { services: [AccountHolderTestProvider] })
