import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { EllipsisHorizontal, ExclamationCircle, PencilSquare, Trash, ArrowUpTray, Key } from "@medusajs/icons"
import type { DetailWidgetProps } from "@medusajs/framework/types"
import {
  Avatar,
  Badge,
  Container,
  DropdownMenu,
  Heading,
  IconButton,
  Text,
  usePrompt,
} from "@medusajs/ui"
import { toast } from "../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useRef, useState } from "react"
import { ProfileEditDrawer } from "../components/customer-records/profile-edit-drawer"
import { PROFILE_FIELDS } from "../../lib/profile-fields/fields"
import {
  ORIGIN_LABELS,
  STATUS_META,
  customerRecordsApi,
  initials,
  profileFieldText,
  profileKeys,
} from "../lib/customer-records"
import { formatDateTime, formatPhone } from "../lib/format"
import { usePhotoSrc } from "../lib/customer-photo"
import { errorMessage } from "../lib/sdk"

const ACCEPT = "image/jpeg,image/png,image/webp"

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="text-ui-fg-subtle grid grid-cols-2 items-start px-6 py-2.5">
      <Text size="small" leading="compact" weight="plus">
        {label}
      </Text>
      <Text size="small" leading="compact" className="break-words">
        {value === null || value === undefined || value === "" ? "-" : value}
      </Text>
    </div>
  )
}

/** Customer page → "Profile" (top of the side column): photo, statuses, the extended fields, actions. */
const CustomerProfileWidget = ({ data }: DetailWidgetProps<{ id: string }>) => {
  const id = data.id
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const fileInput = useRef<HTMLInputElement>(null)
  const [editing, setEditing] = useState(false)
  const { data: view, isLoading, error } = useQuery({
    queryKey: profileKeys.profile(id),
    queryFn: () => customerRecordsApi.profile(id),
  })
  const photoSrc = usePhotoSrc(view?.profile?.photo_url)
  const onView = (v: Awaited<ReturnType<typeof customerRecordsApi.profile>>) =>
    queryClient.setQueryData(profileKeys.profile(id), v)

  const upload = useMutation({
    mutationFn: (file: File) => customerRecordsApi.uploadPhoto(id, file),
    onSuccess: (v) => {
      onView(v)
      toast.success("Photo updated")
    },
    onError: (e) => toast.error(errorMessage(e).replace(/^file: /, "")),
  })
  const removePhoto = useMutation({
    mutationFn: () => customerRecordsApi.removePhoto(id),
    onSuccess: (v) => {
      onView(v)
      toast.success("Photo removed")
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const reset = useMutation({
    mutationFn: () => customerRecordsApi.passwordReset(id),
    onSuccess: (r) => toast.success(`Password reset email requested for ${r.email}`),
    onError: (e) => toast.error(errorMessage(e)),
  })

  if (isLoading) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          Loading profile…
        </Text>
      </Container>
    )
  }
  if (error || !view) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-error">
          Could not load the profile: {errorMessage(error)}
        </Text>
      </Container>
    )
  }

  const { customer, profile, statuses } = view
  const registered = customer.has_account

  const confirmReset = async () => {
    const ok = await prompt({
      title: "Send password reset?",
      description: `${customer.email} will receive a link to choose a new password. Their current password keeps working until they do.`,
      confirmText: "Send",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (ok) reset.mutate()
  }
  const confirmRemovePhoto = async () => {
    const ok = await prompt({
      title: "Remove photo?",
      description: "The photo is deleted from storage.",
      confirmText: "Remove",
      cancelText: "Cancel",
    })
    if (ok) removePhoto.mutate()
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div className="flex items-center gap-x-4">
          <button
            type="button"
            title="Change photo"
            className="rounded-full"
            onClick={() => fileInput.current?.click()}
          >
            <Avatar
              size="xlarge"
              variant="rounded"
              src={photoSrc}
              fallback={initials(customer)}
            />
          </button>
          <div className="flex flex-col gap-y-1">
            <Heading level="h2">Profile</Heading>
            {profile?.customer_number && (
              <Text size="small" className="text-ui-fg-subtle">
                Customer ID {profile.customer_number}
              </Text>
            )}
            <div className="flex flex-wrap gap-1">
              {statuses.map((s) => (
                <Badge key={s} size="2xsmall" color={STATUS_META[s].color}>
                  {STATUS_META[s].label}
                </Badge>
              ))}
            </div>
          </div>
        </div>
        <DropdownMenu>
          <DropdownMenu.Trigger asChild>
            <IconButton size="small" variant="transparent" aria-label="Profile actions">
              <EllipsisHorizontal />
            </IconButton>
          </DropdownMenu.Trigger>
          <DropdownMenu.Content align="end">
            <DropdownMenu.Item className="gap-x-2" onClick={() => setEditing(true)}>
              <PencilSquare className="text-ui-fg-subtle" />
              Edit
            </DropdownMenu.Item>
            <DropdownMenu.Item className="gap-x-2" onClick={() => fileInput.current?.click()}>
              <ArrowUpTray className="text-ui-fg-subtle" />
              {profile?.photo_url ? "Change photo" : "Upload photo"}
            </DropdownMenu.Item>
            {profile?.photo_url && (
              <DropdownMenu.Item className="gap-x-2" onClick={confirmRemovePhoto}>
                <Trash className="text-ui-fg-subtle" />
                Remove photo
              </DropdownMenu.Item>
            )}
            {registered && (
              <>
                <DropdownMenu.Separator />
                <DropdownMenu.Item className="gap-x-2" onClick={confirmReset}>
                  <Key className="text-ui-fg-subtle" />
                  Send password reset
                </DropdownMenu.Item>
              </>
            )}
          </DropdownMenu.Content>
        </DropdownMenu>
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          className="hidden"
          data-testid="cbo-photo-input"
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (file) upload.mutate(file)
            e.target.value = ""
          }}
        />
      </div>

      {profile?.email_invalid_at && (
        <div className="flex items-start gap-x-2 px-6 py-3 bg-ui-tag-red-bg">
          <ExclamationCircle className="text-ui-fg-error mt-0.5" />
          <Text size="small" className="text-ui-fg-error">
            Invalid email: messages to {customer.email} bounced (invalid since{" "}
            {formatDateTime(profile.email_invalid_at)}
            {profile.email_last_attempt_at
              ? `, last attempt ${formatDateTime(profile.email_last_attempt_at)}`
              : ""}
            ). Edit the email to clear this.
          </Text>
        </div>
      )}

      {/* name, email and phone are on Medusa's own customer card: only what it does not show is here */}
      {profile?.phone_original && customer.phone && profile.phone_original !== customer.phone && (
        <Row label="Phone as typed" value={profile.phone_original} />
      )}
      <Row label="Alternate phone" value={profile?.alt_phone ? formatPhone(profile.alt_phone) : null} />
      {PROFILE_FIELDS.map((f) => (
        <Row key={f.key} label={f.label} value={profileFieldText(f, profile)} />
      ))}
      <Row label="How did you find us?" value={profile?.referral_source?.name} />
      <Row label="Source" value={profile ? ORIGIN_LABELS[profile.origin] ?? profile.origin : null} />

      <ProfileEditDrawer view={view} open={editing} onOpenChange={setEditing} />
    </Container>
  )
}

// Medusa 2.21 places widgets after its own cards of the same column, in file-name order: the side column is where
// the profile is seen first (after the addresses); "0-" keeps it, then the wallet ("1-"), at the column's top.
export const config = defineWidgetConfig({
  zone: "customer.details.side.before",
  id: "customer-backoffice-profile",
})

export default CustomerProfileWidget
