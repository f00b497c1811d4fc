import { Button, Input, Label, Select } from "@medusajs/ui"
import { useState } from "react"
import { PERIOD_PRESETS, presetPeriod, type Period, type PeriodPreset } from "../../lib/customer-metrics"

/** Preset periods (30 days, 12 months, year to date, all time) or custom dates applied with a button. */
export const PeriodPicker = ({ value, onChange }: { value: Period; onChange: (p: Period) => void }) => {
  const [from, setFrom] = useState(value.from ?? "")
  const [to, setTo] = useState(value.to ?? "")
  const invalid = !!from && !!to && from > to
  return (
    <div className="flex flex-wrap items-end gap-2" data-testid="cbo-metrics-period">
      <div className="flex flex-col gap-y-1">
        <Label size="xsmall" htmlFor="cbo-period">
          Time period
        </Label>
        <Select
          value={value.preset}
          onValueChange={(v) => {
            const preset = v as PeriodPreset
            if (preset === "custom") onChange({ preset, from: value.from, to: value.to })
            else onChange(presetPeriod(preset))
          }}
        >
          <Select.Trigger id="cbo-period" className="w-[180px]">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {PERIOD_PRESETS.map((p) => (
              <Select.Item key={p.value} value={p.value}>
                {p.label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      {value.preset === "custom" && (
        <>
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall" htmlFor="cbo-period-from">
              From
            </Label>
            <Input id="cbo-period-from" type="date" size="small" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall" htmlFor="cbo-period-to">
              To
            </Label>
            <Input
              id="cbo-period-to"
              type="date"
              size="small"
              value={to}
              aria-invalid={invalid}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <Button
            size="small"
            variant="secondary"
            disabled={invalid}
            onClick={() => onChange({ preset: "custom", from: from || undefined, to: to || undefined })}
          >
            Apply
          </Button>
        </>
      )}
    </div>
  )
}
