export * from "./backoffice-jobs/workflows"
export * from "./customer-records/workflows"
