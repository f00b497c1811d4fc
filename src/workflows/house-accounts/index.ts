export * from "./workflows"
export * from "./statements"
