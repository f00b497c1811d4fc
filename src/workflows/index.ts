export * from "./backoffice-jobs/workflows"
export * from "./customer-records/workflows"
export * from "./customer-categories/workflows"
export * from "./customer-stores/workflows"
