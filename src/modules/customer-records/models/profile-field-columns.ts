import { model } from "@medusajs/framework/utils"
import { PROFILE_FIELD_LIST, PROFILE_FIELDS, type ProfileFieldKey } from "../../../lib/profile-fields/fields"

const textColumn = () => model.text().nullable()
/** A calendar date, stored at 00:00 UTC. */
const dateColumn = () => model.dateTime().nullable()
const choiceColumn = <V extends string>(values: readonly V[]) => model.enum([...values]).nullable()

type Field = (typeof PROFILE_FIELD_LIST)[number]
type ColumnOf<F> = F extends { kind: "date" }
  ? ReturnType<typeof dateColumn>
  : F extends { kind: "choice"; options: readonly (infer V extends string)[] }
    ? ReturnType<typeof choiceColumn<V>>
    : ReturnType<typeof textColumn>

/** The customer_profile columns of the profile fields (src/lib/profile-fields), one per field. */
export function profileFieldColumns() {
  const columns: Record<string, unknown> = {}
  for (const f of PROFILE_FIELDS) {
    columns[f.key] =
      f.kind === "date" ? dateColumn() : f.kind === "choice" ? choiceColumn(f.options ?? []) : textColumn()
  }
  return columns as { [F in Field as F["key"]]: ColumnOf<F> }
}

/** Partial unique indexes of the fields declared unique. */
export function profileFieldIndexes() {
  return PROFILE_FIELDS.filter((f) => f.unique).map((f) => ({
    on: [f.key as ProfileFieldKey],
    unique: true,
    where: `${f.key} IS NOT NULL AND deleted_at IS NULL`,
  }))
}
