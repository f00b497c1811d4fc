const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

process.env.DB_HOST = process.env.DB_HOST || "localhost"
process.env.DB_USERNAME = process.env.DB_USERNAME || "postgres"
process.env.DB_PASSWORD = process.env.DB_PASSWORD || ""
process.env.MEDUSA_DISABLE_TELEMETRY = "true"

const matchers = {
  unit: ["**/src/**/__tests__/**/*.unit.spec.[jt]s"],
  "integration:modules": ["**/src/modules/*/__tests__/**/*.spec.[jt]s"],
  "integration:http": ["**/integration-tests/http/*.spec.[jt]s"],
  "integration:process": ["**/integration-tests/process/*.spec.[jt]s"],
  packaging: ["**/integration-tests/packaging/*.spec.[jt]s"],
  browser: ["**/integration-tests/browser/*.spec.[jt]s"],
}

const type = process.env.TEST_TYPE || "unit"
if (!matchers[type]) {
  throw new Error(`Unknown TEST_TYPE ${type}`)
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          target: "es2021",
        },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/host/"],
  testMatch: matchers[type],
  testPathIgnorePatterns:
    type === "integration:modules"
      ? ["/node_modules/", "\\.unit\\.spec\\.[jt]s$"]
      : ["/node_modules/"],
  setupFiles: ["./integration-tests/setup.js"],
}
