import { Tooltip } from "@medusajs/ui"
import type { ReactNode } from "react"
import { NOT_PERMITTED } from "../lib/permissions"

/**
 * Wraps an action that the admin's role may not perform (the action itself is
 * rendered disabled) with a tooltip saying why. Allowed: renders the action.
 */
export const PermissionTooltip = ({ allowed, children }: { allowed: boolean; children: ReactNode }) =>
  allowed ? (
    <>{children}</>
  ) : (
    <Tooltip content={NOT_PERMITTED}>
      <span className="inline-flex">{children}</span>
    </Tooltip>
  )
