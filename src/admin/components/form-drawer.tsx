import { Button, Drawer, Label, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/**
 * The layout every small form of the back office shares: a drawer with a
 * title, the fields, the server's error under them, and Cancel + one action.
 */
export const FormDrawer = ({
  open,
  onOpenChange,
  title,
  description,
  children,
  error,
  submitText,
  onSubmit,
  canSubmit = true,
  pending = false,
  danger = false,
  bodyClassName = "flex flex-col gap-y-4",
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: ReactNode
  /** What the drawer is for, read by screen readers (not shown). Defaults to the title. */
  description?: string
  children: ReactNode
  /** The last failed save's message, shown under the fields. */
  error?: string | null
  submitText: ReactNode
  onSubmit: () => void
  canSubmit?: boolean
  pending?: boolean
  /** A destructive action (red button). */
  danger?: boolean
  bodyClassName?: string
}) => (
  <Drawer open={open} onOpenChange={onOpenChange}>
    <Drawer.Content>
      <Drawer.Header>
        <Drawer.Title>{title}</Drawer.Title>
        <Drawer.Description className="sr-only">
          {description ?? (typeof title === "string" ? title : "Form")}
        </Drawer.Description>
      </Drawer.Header>
      <Drawer.Body className={bodyClassName}>
        {children}
        {error && (
          <Text size="small" className="text-ui-fg-error" role="alert">
            {error}
          </Text>
        )}
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button variant="secondary" size="small">
            Cancel
          </Button>
        </Drawer.Close>
        <Button
          {...(danger ? { variant: "danger" as const } : {})}
          size="small"
          disabled={!canSubmit}
          isLoading={pending}
          onClick={onSubmit}
        >
          {submitText}
        </Button>
      </Drawer.Footer>
    </Drawer.Content>
  </Drawer>
)

/** A labelled field of a FormDrawer, with an optional hint and the field's own error. */
export const FormField = ({
  id,
  label,
  hint,
  error,
  errorRole,
  children,
}: {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string | null
  /** "alert" when the error comes from a save (read out at once). */
  errorRole?: "alert"
  children: ReactNode
}) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id}>{label}</Label>
    {children}
    {hint && (
      <Text size="small" className="text-ui-fg-subtle">
        {hint}
      </Text>
    )}
    {error && (
      <Text size="small" className="text-ui-fg-error" role={errorRole}>
        {error}
      </Text>
    )}
  </div>
)
