import { composeTableName, compressName } from "@medusajs/framework/utils"

type LinkableKey = { serviceName: string; linkable: string }
/** One end of a module link: a module's `linkable.<entity>` (as passed to defineLink). */
export type LinkableEnd = LinkableKey | { toJSON(): LinkableKey }

function keyOf(end: LinkableEnd): LinkableKey {
  return "toJSON" in end ? end.toJSON() : end
}

/**
 * The table Medusa's link module creates for a (not read-only) module link
 * between two linkables, named as the link module names it:
 * `<module>_<key>_<module>_<key>` (keys without `_id`), shortened past 58
 * characters. Lets a declaration use the same linkables as the link file in
 * src/links instead of a hand-written name.
 */
export function linkTableName(left: LinkableEnd, right: LinkableEnd): string {
  const [a, b] = [keyOf(left), keyOf(right)]
  return compressName(composeTableName(a.serviceName, a.linkable, b.serviceName, b.linkable).toLowerCase())
}

/** A DML model's table name (`model.define("<table>", …)`). */
export function tableOf(model: { parse(): { tableName: string } }): string {
  return model.parse().tableName
}
