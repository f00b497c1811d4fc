import Medusa, { FetchError } from "@medusajs/js-sdk"

// Replaced by the host's admin build (Vite `define`) with the values the
// dashboard itself uses (`admin.backendUrl`, `admin.authType`…). They are
// absent from the plugin's own build, hence the `typeof` guards.
declare const __BACKEND_URL__: string | undefined
declare const __AUTH_TYPE__: "session" | "jwt" | undefined
declare const __JWT_TOKEN_STORAGE_KEY__: string | undefined

const hostBackendUrl = typeof __BACKEND_URL__ !== "undefined" ? __BACKEND_URL__ : undefined
const hostAuthType = typeof __AUTH_TYPE__ !== "undefined" ? __AUTH_TYPE__ : undefined
const hostJwtKey =
  typeof __JWT_TOKEN_STORAGE_KEY__ !== "undefined" ? __JWT_TOKEN_STORAGE_KEY__ : undefined

/**
 * The JS SDK client used by every admin extension of the plugin. Like the
 * dashboard, it talks to the same backend and authenticates with the admin
 * session cookie (or the dashboard's JWT when the host uses `authType: "jwt"`).
 */
export const sdk = new Medusa({
  baseUrl: hostBackendUrl || import.meta.env.VITE_BACKEND_URL || "/",
  debug: false,
  auth: {
    type: hostAuthType ?? "session",
    jwtTokenStorageKey: hostJwtKey || undefined,
  },
})

/** Query-string values: arrays are sent comma-separated (`?status=a,b`). */
export type QueryParams = Record<
  string,
  string | number | boolean | readonly string[] | null | undefined
>

function encodeQuery(query?: QueryParams): Record<string, string> | undefined {
  if (!query) return undefined
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.join(",")
      continue
    }
    out[key] = String(value)
  }
  return out
}

/** GET a JSON admin endpoint. Non-2xx answers throw a `FetchError`. */
export function apiGet<T>(path: string, query?: QueryParams): Promise<T> {
  return sdk.client.fetch<T>(path, { method: "GET", query: encodeQuery(query) })
}

/** POST a JSON body to an admin endpoint. */
export function apiPost<T>(path: string, body?: object): Promise<T> {
  return sdk.client.fetch<T>(path, { method: "POST", body: body ?? {} })
}

/** DELETE an admin resource. */
export function apiDelete<T>(path: string): Promise<T> {
  return sdk.client.fetch<T>(path, { method: "DELETE" })
}

/** HTTP status of a failed request, when the server answered at all. */
export function errorStatus(error: unknown): number | undefined {
  if (error instanceof FetchError) return error.status
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === "number" ? status : undefined
}

/** 503: the plugin's background-job runtime (Redis) is unreachable. */
export function isUnavailableError(error: unknown): boolean {
  return errorStatus(error) === 503
}

/** A message fit for a toast or an inline error. */
export function errorMessage(error: unknown, fallback = "Something went wrong"): string {
  if (error instanceof Error && error.message) return error.message
  if (typeof error === "string" && error) return error
  return fallback
}
