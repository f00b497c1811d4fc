import { container as appContainer } from "@medusajs/framework"
import {
  AbstractPaymentProvider,
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import type HouseAccountsModuleService from "../../modules/house-accounts/service"
import type { HouseAccountJSON, PostEntryInput } from "../../types/house-accounts"
import { postHouseAccountEntryWorkflow } from "../../workflows/house-accounts/workflows"
import { toMinor } from "./amount"
import { formatMinor } from "../../modules/house-accounts/money"

const HOUSE_ACCOUNTS = "house_accounts"

/**
 * What the provider keeps in the payment session / payment `data`. Every
 * field is written by the provider itself (Medusa merges the provider's data
 * over what the storefront sent, so a storefront value never survives).
 */
export type HouseAccountPaymentData = {
  /** The signed-in customer who opened the session (from Medusa's auth, never the client). */
  customer_id: string | null
  /** The account to charge (checked: the customer is assigned to it). */
  account_id: string | null
  session_id: string | null
  currency_code: string | null
  /** After authorization: the charge entry and its amount in minor units. */
  charge_entry_id?: string | null
  charged?: number
  /** Minor units refunded so far (refunds and the release on cancel). */
  refunded?: number
  order_id?: string | null
  cart_id?: string | null
  released_entry_id?: string | null
}

/**
 * Pay on account: a logged-in customer assigned to an active house account
 * in the cart's currency charges the order to the account. The charge is
 * written when Medusa authorizes the payment (at cart completion), in the
 * ledger's single transaction — account row locked, idempotency key
 * `order-charge:<payment session>`, status, per-order maximum and credit
 * limit checked — so a refused charge writes nothing and fails the
 * completion with the reason. Capture moves no money (the order is already on
 * the account); cancel releases what is still charged; refunds credit the
 * account.
 */
class HouseAccountProviderService extends AbstractPaymentProvider<Record<string, unknown>> {
  static identifier = "house-account"

  constructor(cradle: Record<string, unknown>, config: Record<string, unknown> = {}) {
    super(cradle, config)
  }

  // ------------------------------------------------------------ collaborators

  /**
   * The provider runs in the payment module's own container, which holds no
   * other module: the house accounts module and Query come from the
   * application container (registered when the app has loaded its modules).
   */
  protected houseAccounts(): HouseAccountsModuleService {
    const svc = (appContainer.hasRegistration(HOUSE_ACCOUNTS) ? appContainer.resolve(HOUSE_ACCOUNTS) : undefined) as
      | HouseAccountsModuleService
      | undefined
    if (!svc) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "Paying on account needs the medusa-customer-backoffice plugin (house accounts module) loaded"
      )
    }
    return svc
  }

  protected async checkoutOf(sessionId: string) {
    const svc = appContainer.resolve(Modules.PAYMENT) as any
    const session = await svc.retrievePaymentSession(sessionId, {
      select: ["id", "amount", "raw_amount", "currency_code", "payment_collection_id"],
    })
    const query = appContainer.resolve(ContainerRegistrationKeys.QUERY) as any
    const { data } = await query.graph({
      entity: "payment_collection",
      fields: ["id", "cart.id", "cart.customer_id", "cart.customer.has_account", "cart.order.id"],
      filters: { id: session.payment_collection_id },
    })
    const cart = data[0]?.cart ?? null
    return {
      session,
      cart_id: (cart?.id as string | undefined) ?? null,
      // Only a registered customer (one who signs in) pays on account; a
      // guest checkout with the same email never becomes that customer.
      cart_customer_id: cart?.customer?.has_account ? ((cart?.customer_id as string | undefined) ?? null) : null,
      order_id: (cart?.order?.id as string | undefined) ?? null,
    }
  }

  // ------------------------------------------------------------- the account

  /**
   * The account the customer pays with: the one the storefront chose
   * (`data.account_id`) if the customer is assigned to it, otherwise the
   * customer's only active account in the currency.
   */
  protected async chooseAccount(
    customerId: string,
    currencyCode: string,
    chosen: unknown
  ): Promise<HouseAccountJSON> {
    const svc = this.houseAccounts()
    const { accounts } = await svc.listAccounts(
      { customer_id: customerId, status: ["active"] },
      { limit: 100, offset: 0 }
    )
    const usable = accounts.filter((a) => a.currency_code === currencyCode.toLowerCase())
    if (chosen !== undefined && chosen !== null && chosen !== "") {
      const account = usable.find((a) => a.id === chosen)
      if (!account) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `account_id: not an active house account in ${currencyCode.toUpperCase()} this customer may charge`
        )
      }
      return account
    }
    if (!usable.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `This customer has no active house account in ${currencyCode.toUpperCase()} to pay on account`
      )
    }
    if (usable.length > 1) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `account_id: the customer may charge ${usable.length} house accounts in ${currencyCode.toUpperCase()}; choose one`
      )
    }
    return usable[0]
  }

  // ------------------------------------------------------------ the session

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const customerId = input.context?.customer?.id
    if (!customerId) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "Paying on account needs a signed-in customer assigned to a house account"
      )
    }
    const account = await this.chooseAccount(customerId, input.currency_code, input.data?.account_id)
    // Early word for the shopper; the binding check is the charge at completion.
    const amount = toMinor(input.amount, input.currency_code)
    if (account.order_limit !== null && amount > account.order_limit) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Paying on account refused: the order is above the account's per-order maximum of ${formatMinor(account.order_limit, account.currency_code)}`
      )
    }
    if (amount > account.available_credit) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Paying on account refused: the order would cross the credit limit; available credit is ${formatMinor(account.available_credit, account.currency_code)}`
      )
    }
    // Medusa sets data.session_id after the storefront's data: it is the session's own id.
    const sessionId =
      (input.data?.session_id as string | undefined) ?? (input.context?.idempotency_key as string | undefined) ?? null
    const data: HouseAccountPaymentData = {
      customer_id: customerId,
      account_id: account.id,
      session_id: sessionId,
      currency_code: input.currency_code.toLowerCase(),
      charge_entry_id: null,
      charged: 0,
      refunded: 0,
      order_id: null,
      cart_id: null,
      released_entry_id: null,
    }
    return { id: sessionId ?? account.id, status: PaymentSessionStatus.PENDING, data }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    // The amount lives on Medusa's session (read again at authorization);
    // the customer and account stay what initiatePayment decided.
    return { data: input.data ?? {} }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: input.data ?? {} }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data: input.data ?? {} }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const d = (input.data ?? {}) as Partial<HouseAccountPaymentData>
    return {
      status: d.charge_entry_id ? PaymentSessionStatus.AUTHORIZED : PaymentSessionStatus.PENDING,
      data: input.data ?? {},
    }
  }

  // --------------------------------------------------------- money movement

  /**
   * At cart completion: charges the order total (Medusa's session amount) to
   * the account, once per payment session. Refusals throw, so the completion
   * fails with the ledger's message and nothing is written.
   */
  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const d = (input.data ?? {}) as Partial<HouseAccountPaymentData>
    const sessionId = (input.context?.idempotency_key as string | undefined) ?? d.session_id
    if (!sessionId || !d.customer_id || !d.account_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "Paying on account needs a signed-in customer assigned to a house account"
      )
    }
    const { session, cart_id, cart_customer_id, order_id } = await this.checkoutOf(sessionId)
    if (!cart_id || cart_customer_id !== d.customer_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "Paying on account: the cart does not belong to the customer who chose to pay on account"
      )
    }
    const currency = String(session.currency_code).toLowerCase()
    const account = await this.houseAccounts().getAccount(d.account_id)
    if (account.currency_code !== currency) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The house account ${account.account_number} is in ${account.currency_code.toUpperCase()}, the cart in ${currency.toUpperCase()}`
      )
    }
    const amount = toMinor(session.raw_amount ?? session.amount, currency)
    const { entry } = await this.chargeOrRefuse({
      account_id: d.account_id,
      kind: "charge",
      amount,
      customer_id: d.customer_id,
      actor_type: "customer",
      actor_id: d.customer_id,
      source_type: order_id ? "order" : "cart",
      source_id: order_id ?? cart_id,
      reference: order_id ?? cart_id,
      idempotency_key: `order-charge:${sessionId}`,
      metadata: { payment_session_id: sessionId, cart_id, order_id },
    })
    const data: HouseAccountPaymentData = {
      customer_id: d.customer_id,
      account_id: d.account_id,
      session_id: sessionId,
      currency_code: currency,
      charge_entry_id: entry.id,
      charged: entry.amount,
      refunded: d.refunded ?? 0,
      order_id,
      cart_id,
      released_entry_id: null,
    }
    return { status: PaymentSessionStatus.AUTHORIZED, data }
  }

  /**
   * One ledger entry through the house accounts workflow: the ledger's single
   * transaction, and the entry's event (`…house_account.charged` /
   * `.refunded`) unless the idempotency key was a replay.
   */
  protected async post(input: PostEntryInput) {
    this.houseAccounts() // a clear error when the plugin's module is missing
    const { result } = await postHouseAccountEntryWorkflow(appContainer).run({ input })
    return result
  }

  /**
   * Posts the charge. The ledger's refusals (on hold, over the limit or the
   * per-order maximum) are conflicts, which Medusa's error handler answers
   * with a generic "conflicted with another request": the shopper gets the
   * ledger's own reason instead (400).
   */
  protected async chargeOrRefuse(input: PostEntryInput) {
    try {
      return await this.post(input)
    } catch (e) {
      if (MedusaError.isMedusaError(e) && (e as MedusaError).type === MedusaError.Types.CONFLICT) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Paying on account refused: ${(e as Error).message}`)
      }
      throw e
    }
  }

  /** The order is already on the account: capturing moves no money. */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    return { data: input.data ?? {} }
  }

  /**
   * The order is canceled (or its completion failed after the charge): what
   * is still charged (charge − refunds) goes back to the account, once.
   */
  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const d = (input.data ?? {}) as Partial<HouseAccountPaymentData>
    if (!d.charge_entry_id || !d.account_id || !d.session_id) return { data: input.data ?? {} }
    const open = (d.charged ?? 0) - (d.refunded ?? 0)
    if (open <= 0) return { data: input.data ?? {} }
    const { entry } = await this.post({
      account_id: d.account_id,
      kind: "refund",
      amount: -open,
      customer_id: d.customer_id ?? null,
      actor_type: "system",
      source_type: d.order_id ? "order" : "cart",
      source_id: d.order_id ?? d.cart_id ?? null,
      reference: d.order_id ?? d.cart_id ?? null,
      reason: "Order canceled: charge released",
      idempotency_key: `order-release:${d.session_id}`,
      metadata: { payment_session_id: d.session_id, payment_id: input.context?.idempotency_key ?? null },
    })
    return {
      data: { ...d, refunded: (d.refunded ?? 0) + open, released_entry_id: entry.id },
    }
  }

  /**
   * A refund on the order credits the account with the refunded amount,
   * once per Medusa refund (its id is the idempotency key).
   */
  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const d = (input.data ?? {}) as Partial<HouseAccountPaymentData>
    if (!d.charge_entry_id || !d.account_id || !d.session_id || !d.currency_code) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This payment was never charged to a house account")
    }
    const amount = toMinor(input.amount, d.currency_code)
    const refunded = (d.refunded ?? 0) + amount
    if (amount <= 0 || refunded > (d.charged ?? 0)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "amount: a refund cannot exceed what was charged to the house account"
      )
    }
    const refundId = input.context?.idempotency_key as string | undefined
    await this.post({
      account_id: d.account_id,
      kind: "refund",
      amount: -amount,
      customer_id: d.customer_id ?? null,
      actor_type: "system",
      source_type: d.order_id ? "order" : "cart",
      source_id: d.order_id ?? d.cart_id ?? null,
      reference: refundId ?? d.order_id ?? null,
      reason: "Order refunded",
      idempotency_key: refundId
        ? `order-refund:${refundId}`
        : `order-refund:${d.session_id}:${refunded}`,
      metadata: { payment_session_id: d.session_id, refund_id: refundId ?? null },
    })
    return { data: { ...d, refunded } }
  }

  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}

export default HouseAccountProviderService
