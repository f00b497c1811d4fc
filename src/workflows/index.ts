export * from "./backoffice-jobs/workflows"
export * from "./customer-list/workflows"
