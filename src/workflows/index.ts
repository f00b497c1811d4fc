export * from "./backoffice-jobs/workflows"
