import { camelToSnakeCase, composeTableName } from "@medusajs/framework/utils"

type LinkableKey = { serviceName: string; field: string }
/** One end of a module link: a module's `linkable.<entity>` (as passed to defineLink). */
export type LinkableEnd = LinkableKey | { toJSON(): LinkableKey }

function keyOf(end: LinkableEnd): LinkableKey {
  return "toJSON" in end ? end.toJSON() : end
}

/**
 * The table Medusa creates for a (not read-only) module link between two
 * linkables, named as the link module names it: `<module>_<alias>_<module>_<alias>`.
 * Lets a declaration use the same linkables as the link file in src/links
 * instead of a hand-written name.
 */
export function linkTableName(leftEnd: LinkableEnd, rightEnd: LinkableEnd): string {
  const [left, right] = [keyOf(leftEnd), keyOf(rightEnd)]
  return composeTableName(
    left.serviceName,
    camelToSnakeCase(left.field),
    right.serviceName,
    camelToSnakeCase(right.field)
  ).toLowerCase()
}

/** A DML model's table name (`model.define("<table>", …)`). */
export function tableOf(model: { parse(): { tableName: string } }): string {
  return model.parse().tableName
}
