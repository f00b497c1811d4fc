import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, AdminCustomer } from "@medusajs/framework/types"
import { Clock, PencilSquare, Star, StarSolid, Trash } from "@medusajs/icons"
import {
  Badge,
  Button,
  Container,
  Drawer,
  Heading,
  IconButton,
  Text,
  Textarea,
  Tooltip,
  usePrompt,
} from "@medusajs/ui"
import { toast } from "../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import {
  type CustomerNote,
  NOTE_MAX_LENGTH,
  engagementApi,
  engagementKeys,
} from "../lib/engagement"
import { formatDateTime, formatNumber, formatRelative } from "../lib/format"
import { errorMessage } from "../lib/sdk"

const LengthHint = ({ length }: { length: number }) =>
  length > NOTE_MAX_LENGTH * 0.9 ? (
    <Text size="xsmall" className={length > NOTE_MAX_LENGTH ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
      {formatNumber(length)} / {formatNumber(NOTE_MAX_LENGTH)} characters
    </Text>
  ) : null

const When = ({ value }: { value: string }) => (
  <Tooltip content={formatDateTime(value)}>
    <span>{formatRelative(value)}</span>
  </Tooltip>
)

function NoteHistory({
  customerId,
  note,
  onClose,
}: {
  customerId: string
  note: CustomerNote | null
  onClose: () => void
}) {
  const { data, isLoading } = useQuery({
    queryKey: engagementKeys.revisions(customerId, note?.id ?? ""),
    queryFn: () => engagementApi.revisions(customerId, note!.id),
    enabled: !!note,
  })
  return (
    <Drawer open={!!note} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Note history</Drawer.Title>
          <Drawer.Description className="sr-only">Earlier versions of this note</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          {note && (
            <div className="flex flex-col gap-y-1">
              <Text size="small" weight="plus">Current text</Text>
              <Text size="small" className="whitespace-pre-wrap break-words">{note.body}</Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {note.updated_by_name ?? note.author_name ?? "Unknown user"} · {formatDateTime(note.updated_at)}
              </Text>
            </div>
          )}
          {isLoading && <Text size="small" className="text-ui-fg-subtle">Loading…</Text>}
          {data && data.count === 0 && (
            <Text size="small" className="text-ui-fg-subtle">This note was never edited.</Text>
          )}
          {data?.revisions.map((r) => (
            <div key={r.id} className="flex flex-col gap-y-1 border-t border-ui-border-base pt-4">
              <Text size="small" weight="plus">Replaced {formatDateTime(r.created_at)}</Text>
              <Text size="small" className="whitespace-pre-wrap break-words text-ui-fg-subtle">{r.body}</Text>
              <Text size="xsmall" className="text-ui-fg-muted">
                Written by {r.written_by_name ?? "unknown user"} · replaced by {r.replaced_by_name ?? "unknown user"}
              </Text>
            </div>
          ))}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}

function NoteRow({
  note,
  customerId,
  onHistory,
}: {
  note: CustomerNote
  customerId: string
  onHistory: (n: CustomerNote) => void
}) {
  const qc = useQueryClient()
  const prompt = usePrompt()
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(note.body)
  const invalidate = () => {
    qc.invalidateQueries({ queryKey: engagementKeys.notes(customerId) })
    qc.invalidateQueries({ queryKey: engagementKeys.timeline(customerId) })
  }
  const update = useMutation({
    mutationFn: (body: { body?: string; pinned?: boolean }) =>
      engagementApi.updateNote(customerId, note.id, body),
    onSuccess: () => {
      setEditing(false)
      invalidate()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const remove = useMutation({
    mutationFn: () => engagementApi.deleteNote(customerId, note.id),
    onSuccess: () => {
      toast.success("Note deleted")
      invalidate()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const edited = note.updated_by && note.updated_at !== note.created_at

  const confirmDelete = async () => {
    const ok = await prompt({
      title: "Delete this note?",
      description: "The note disappears from the customer's page. The timeline keeps a record that it was deleted.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (ok) remove.mutate()
  }

  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="customer-note">
      <div className="flex items-start justify-between gap-x-4">
        <div className="flex min-w-0 flex-1 flex-col gap-y-1">
          {editing ? (
            <>
              <Textarea
                value={text}
                rows={4}
                onChange={(e) => setText(e.target.value)}
                aria-label="Note text"
                autoFocus
              />
              <LengthHint length={text.length} />
              <div className="flex gap-x-2">
                <Button
                  size="small"
                  isLoading={update.isPending}
                  disabled={!text.trim() || text.length > NOTE_MAX_LENGTH}
                  onClick={() => update.mutate({ body: text })}
                >
                  Save
                </Button>
                <Button
                  size="small"
                  variant="secondary"
                  onClick={() => {
                    setText(note.body)
                    setEditing(false)
                  }}
                >
                  Cancel
                </Button>
              </div>
            </>
          ) : (
            <Text size="small" className="whitespace-pre-wrap break-words">{note.body}</Text>
          )}
          <Text size="xsmall" className="text-ui-fg-subtle">
            {note.pinned && <Badge size="2xsmall" color="orange" className="mr-2">Pinned</Badge>}
            {note.author_name ?? "Unknown user"} · <When value={note.created_at} />
            {edited && (
              <>
                {" "}· edited by {note.updated_by_name ?? "unknown user"} <When value={note.updated_at} />
              </>
            )}
          </Text>
        </div>
        {!editing && (
          <div className="flex shrink-0 gap-x-1">
            <Tooltip content={note.pinned ? "Unpin" : "Pin to top"}>
              <IconButton
                size="small"
                variant="transparent"
                aria-label={note.pinned ? "Unpin note" : "Pin note"}
                onClick={() => update.mutate({ pinned: !note.pinned })}
              >
                {note.pinned ? <StarSolid className="text-ui-tag-orange-icon" /> : <Star />}
              </IconButton>
            </Tooltip>
            <Tooltip content="Edit">
              <IconButton size="small" variant="transparent" aria-label="Edit note" onClick={() => setEditing(true)}>
                <PencilSquare />
              </IconButton>
            </Tooltip>
            <Tooltip content="History">
              <IconButton size="small" variant="transparent" aria-label="Note history" onClick={() => onHistory(note)}>
                <Clock />
              </IconButton>
            </Tooltip>
            <Tooltip content="Delete">
              <IconButton size="small" variant="transparent" aria-label="Delete note" onClick={confirmDelete}>
                <Trash />
              </IconButton>
            </Tooltip>
          </div>
        )}
      </div>
    </div>
  )
}

const CustomerNotesWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const qc = useQueryClient()
  const [draft, setDraft] = useState("")
  const [pinNew, setPinNew] = useState(false)
  const [historyOf, setHistoryOf] = useState<CustomerNote | null>(null)
  const { data, isLoading, error } = useQuery({
    queryKey: engagementKeys.notes(customer.id),
    queryFn: () => engagementApi.notes(customer.id),
  })
  const add = useMutation({
    mutationFn: (note: { body: string; pinned: boolean }) => engagementApi.addNote(customer.id, note),
    // text typed while the note was saving stays: only the saved text leaves the box
    onSuccess: (_r, saved) => {
      setDraft((current) =>
        current === saved.body ? "" : current.startsWith(saved.body) ? current.slice(saved.body.length).trimStart() : current
      )
      setPinNew(false)
      qc.invalidateQueries({ queryKey: engagementKeys.notes(customer.id) })
      qc.invalidateQueries({ queryKey: engagementKeys.timeline(customer.id) })
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading level="h2">Notes</Heading>
          <Badge size="2xsmall" rounded="full">{data?.count ?? 0}</Badge>
        </div>
      </div>
      {isLoading && <Text size="small" className="px-6 py-4 text-ui-fg-subtle">Loading notes…</Text>}
      {error && <Text size="small" className="px-6 py-4 text-ui-fg-error">{errorMessage(error)}</Text>}
      {data && data.count === 0 && (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          No notes yet. Notes are for your team: shipping instructions, birthdays, reminders.
        </Text>
      )}
      {data?.notes.map((n) => (
        <NoteRow key={`${n.id}-${n.updated_at}`} note={n} customerId={customer.id} onHistory={setHistoryOf} />
      ))}
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Textarea
          placeholder="Add a note about this customer…"
          value={draft}
          rows={3}
          onChange={(e) => setDraft(e.target.value)}
          aria-label="New note"
        />
        <LengthHint length={draft.length} />
        <div className="flex items-center justify-end gap-x-2">
          <label className="flex items-center gap-x-2 text-ui-fg-subtle" style={{ fontSize: 13 }}>
            <input type="checkbox" checked={pinNew} onChange={(e) => setPinNew(e.target.checked)} />
            Pin to top
          </label>
          <Button
            size="small"
            variant="secondary"
            isLoading={add.isPending}
            disabled={!draft.trim() || draft.length > NOTE_MAX_LENGTH}
            onClick={() => add.mutate({ body: draft, pinned: pinNew })}
          >
            Add note
          </Button>
        </div>
      </div>
      <NoteHistory customerId={customer.id} note={historyOf} onClose={() => setHistoryOf(null)} />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details",
  id: "customer-backoffice-notes",
})

export default CustomerNotesWidget
