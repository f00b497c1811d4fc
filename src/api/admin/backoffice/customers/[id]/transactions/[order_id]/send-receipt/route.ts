import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { actorId, body, engagementService, requireCustomer } from "../../../../../../../utils/engagement"
import { customerReceipt } from "../../../../../../../utils/customer-metrics"
import { sendCustomerReceiptWorkflow } from "../../../../../../../../workflows/customer-metrics"
import { formatMinor } from "../../../../../../../../modules/house-accounts/money"
import type { SendReceiptBodyType } from "../../../../../customers/metrics-validators"

/**
 * POST /admin/backoffice/customers/:id/transactions/:order_id/send-receipt { email? }
 * Sends the receipt through the Notification module to `email`, else the
 * customer's address, else the order's. 404 when the order is not this customer's.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const customer = await requireCustomer(req)
  const receipt = await customerReceipt(req, customer.id, req.params.order_id)
  const input = body<SendReceiptBodyType>(req)
  const to = input.email ?? customer.email ?? receipt.email
  if (!to) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "email: the customer has no email address; give one")
  }
  const fmt = (n: number) => formatMinor(n, receipt.currency_code)
  const { result } = await sendCustomerReceiptWorkflow(req.scope).run({
    input: {
      to,
      channel: engagementService(req).options.confirmationChannel,
      order_id: receipt.order_id,
      customer_id: customer.id,
      actor_id: actorId(req),
      data: {
        receipt,
        customer: {
          id: customer.id,
          first_name: customer.first_name ?? null,
          last_name: customer.last_name ?? null,
          email: customer.email ?? null,
        },
        to,
        formatted: {
          total: fmt(receipt.totals.total),
          net_total: fmt(receipt.totals.net_total),
          paid_total: fmt(receipt.totals.paid_total),
          refunded_total: fmt(receipt.totals.refunded_total),
        },
      },
    },
  })
  res.json({ notification_id: result.id, to, order_id: receipt.order_id })
}
