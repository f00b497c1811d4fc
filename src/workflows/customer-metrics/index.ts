export * from "./workflows/send-receipt"
export { RECEIPT_TEMPLATE, RECEIPT_TRIGGER } from "./steps/send-receipt"
export type { ReceiptTemplateData } from "./steps/send-receipt"
