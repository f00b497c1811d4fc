import { Button, Drawer, Input, Label, Text, Textarea } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import {
  type CustomerCategory,
  categoriesApi,
  categoryQueryKeys,
  fieldErrorsOf,
} from "../../lib/categories"
import { errorMessage } from "../../lib/sdk"

type Props = {
  /** null: closed; "new": create; a category: edit it. */
  target: CustomerCategory | "new" | null
  onClose: () => void
  onSaved?: (category: CustomerCategory) => void
}

const NAME_MAX = 100
const DESCRIPTION_MAX = 1000

/** Create or edit a customer category: name and description, with field errors. */
export const CategoryFormDrawer = ({ target, onClose, onSaved }: Props) => {
  const queryClient = useQueryClient()
  const editing = target && target !== "new" ? target : null
  const [name, setName] = useState("")
  const [description, setDescription] = useState("")
  const [errors, setErrors] = useState<Record<string, string>>({})

  useEffect(() => {
    if (!target) return
    setName(editing?.name ?? "")
    setDescription(editing?.description ?? "")
    setErrors({})
  }, [target, editing])

  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), description: description.trim() || null }
      return editing ? categoriesApi.update(editing.id, body) : categoriesApi.create(body)
    },
    onSuccess: ({ category }) => {
      toast.success(editing ? "Category saved" : "Category created", {
        description: category.name,
      })
      void queryClient.invalidateQueries({ queryKey: categoryQueryKeys.all })
      onSaved?.(category)
      onClose()
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error)
      if (Object.keys(fields).length) setErrors(fields)
      else toast.error("Could not save the category", { description: errorMessage(error) })
    },
  })

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const local: Record<string, string> = {}
    if (!name.trim()) local.name = "Name is required"
    else if (name.trim().length > NAME_MAX) local.name = `Name must be at most ${NAME_MAX} characters`
    if (description.trim().length > DESCRIPTION_MAX) {
      local.description = `Description must be at most ${DESCRIPTION_MAX} characters`
    }
    setErrors(local)
    if (Object.keys(local).length === 0) save.mutate()
  }

  return (
    <Drawer open={!!target} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content aria-describedby={undefined}>
        <form onSubmit={submit} className="flex h-full flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>{editing ? "Edit category" : "Add a category"}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
            <Text size="small" className="text-ui-fg-subtle">
              A category is a customer group: price lists and promotions that target the group
              apply to every customer in it.
            </Text>
            <div className="flex flex-col gap-y-2">
              <Label htmlFor="category-name" size="small" weight="plus">
                Category name
              </Label>
              <Input
                id="category-name"
                autoFocus
                value={name}
                maxLength={NAME_MAX + 20}
                aria-invalid={!!errors.name}
                placeholder="e.g. VIP"
                onChange={(e) => {
                  setName(e.target.value)
                  if (errors.name) setErrors((x) => ({ ...x, name: "" }))
                }}
              />
              {errors.name && (
                <Text size="xsmall" className="text-ui-fg-error">
                  {errors.name}
                </Text>
              )}
            </div>
            <div className="flex flex-col gap-y-2">
              <Label htmlFor="category-description" size="small" weight="plus">
                Description <span className="text-ui-fg-muted font-normal">(optional)</span>
              </Label>
              <Textarea
                id="category-description"
                rows={4}
                value={description}
                aria-invalid={!!errors.description}
                placeholder="Who belongs here and why"
                onChange={(e) => {
                  setDescription(e.target.value)
                  if (errors.description) setErrors((x) => ({ ...x, description: "" }))
                }}
              />
              <div className="flex justify-between">
                <Text size="xsmall" className="text-ui-fg-error">
                  {errors.description ?? ""}
                </Text>
                <Text size="xsmall" className="text-ui-fg-muted">
                  {description.trim().length}/{DESCRIPTION_MAX}
                </Text>
              </div>
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={save.isPending}>
              Save changes
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
