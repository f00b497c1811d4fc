export * from "./backoffice-jobs/workflows"
export * from "./customer-engagement/workflows"
export * from "./timeline"
