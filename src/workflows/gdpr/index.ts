export * from "./workflows/send-data-export"
