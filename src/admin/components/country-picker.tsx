import { Input, Popover, Text, clx } from "@medusajs/ui"
import { useEffect, useMemo, useRef, useState } from "react"
import { countryName, countryOptions, parseCountry } from "../../lib/validation/country"

const OPTIONS = countryOptions()
const MAX_SHOWN = 50

/** Countries whose name (or code) matches what was typed: names that start with it first. */
function matching(query: string) {
  const q = query.trim().toLowerCase()
  if (!q) return OPTIONS
  const exact = parseCountry(q)
  const starts = OPTIONS.filter((o) => o.name.toLowerCase().startsWith(q) || o.code.toLowerCase() === q)
  const contains = OPTIONS.filter((o) => !starts.includes(o) && o.name.toLowerCase().includes(q))
  const list = [...starts, ...contains]
  // an alias such as "UK" or "Holland" finds its country too
  if (exact && !list.some((o) => o.code === exact)) list.unshift(OPTIONS.find((o) => o.code === exact)!)
  return list
}

/**
 * A searchable country field: type a name ("germ", "United Kingdom", "UK")
 * or a code ("DE"), pick from the list with the mouse or the arrow keys and
 * Enter. The value is the ISO 3166-1 alpha-2 code ("" when empty); text that
 * names no country is dropped when the field is left.
 */
export const CountryPicker = ({
  id,
  value,
  onChange,
  placeholder = "Search for a country",
  invalid,
}: {
  id: string
  value: string
  onChange: (code: string) => void
  placeholder?: string
  invalid?: boolean
}) => {
  const label = (code: string) => (code ? `${countryName(code) ?? code}` : "")
  const [text, setText] = useState(label(value))
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const listRef = useRef<HTMLUListElement>(null)

  useEffect(() => {
    if (!open) setText(label(value))
  }, [value, open])

  const options = useMemo(() => matching(open && text !== label(value) ? text : ""), [text, open, value])
  const shown = options.slice(0, MAX_SHOWN)
  useEffect(() => setActive(0), [text])
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" })
  }, [active])

  const choose = (code: string) => {
    onChange(code)
    setText(label(code))
    setOpen(false)
  }
  const leave = () => {
    const typed = text.trim()
    if (!typed) return choose("")
    const code = typed === label(value) ? value : parseCountry(typed)
    choose(code ?? value)
  }

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <Popover.Anchor asChild>
        <div>
          <Input
            id={id}
            role="combobox"
            aria-expanded={open}
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            autoComplete="off"
            aria-invalid={invalid || undefined}
            placeholder={placeholder}
            value={text}
            onFocus={(e) => {
              setOpen(true)
              e.currentTarget.select()
            }}
            onChange={(e) => {
              setText(e.target.value)
              setOpen(true)
            }}
            onBlur={leave}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault()
                setOpen(true)
                setActive((i) => Math.min(i + 1, shown.length - 1))
              } else if (e.key === "ArrowUp") {
                e.preventDefault()
                setActive((i) => Math.max(i - 1, 0))
              } else if (e.key === "Enter" && open) {
                e.preventDefault()
                if (shown[active]) choose(shown[active].code)
                else leave()
              } else if (e.key === "Escape" && open) {
                e.stopPropagation()
                setText(label(value))
                setOpen(false)
              }
            }}
          />
        </div>
      </Popover.Anchor>
      <Popover.Content
        align="start"
        className="max-h-64 w-[var(--radix-popover-trigger-width)] min-w-[240px] overflow-y-auto p-1"
        onOpenAutoFocus={(e) => e.preventDefault()}
        onCloseAutoFocus={(e) => e.preventDefault()}
        onInteractOutside={(e) => {
          if ((e.target as HTMLElement | null)?.id === id) e.preventDefault()
        }}
      >
        {shown.length ? (
          <ul id={`${id}-list`} role="listbox" ref={listRef}>
            {shown.map((o, i) => (
              <li
                key={o.code}
                role="option"
                data-index={i}
                aria-selected={o.code === value}
                className={clx(
                  "txt-compact-small flex cursor-pointer items-center justify-between gap-x-2 rounded-md px-2 py-1.5",
                  i === active && "bg-ui-bg-base-hover"
                )}
                onMouseEnter={() => setActive(i)}
                // mousedown: before the input's blur would reset the text
                onMouseDown={(e) => {
                  e.preventDefault()
                  choose(o.code)
                }}
              >
                <span>{o.name}</span>
                <span className="text-ui-fg-muted">{o.code}</span>
              </li>
            ))}
          </ul>
        ) : (
          <Text size="small" className="text-ui-fg-subtle px-2 py-1.5">
            No country matches "{text.trim()}"
          </Text>
        )}
      </Popover.Content>
    </Popover>
  )
}
