export * from "./cart-points"
export * from "./order-points"
