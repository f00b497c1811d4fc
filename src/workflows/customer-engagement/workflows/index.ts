export * from "./notes"
export * from "./consent"
