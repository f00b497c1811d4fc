import { REPLACEMENT_CHAR } from "../customer-io/encodings"

/**
 * One message for U+FFFD in a value: bytes the file's encoding could not read,
 * or a NUL byte (PostgreSQL stores none: staging keeps it as U+FFFD).
 */
export const UNREADABLE_MESSAGE =
  "Has characters the file's encoding could not read, or a NUL byte (shown as �): correct the value, exclude the row, or choose the file's encoding"

/**
 * Errors, by column key, for the values holding U+FFFD — bytes the reader
 * could not decode (see src/lib/customer-io/read.ts). They take precedence
 * over the other checks of the value: an email or name with a hole in it is
 * not imported, and the merchant sees why. Editing the value clears it.
 */
export function unreadableErrors(values: Record<string, string>): Record<string, string> | null {
  let errors: Record<string, string> | null = null
  for (const key in values) {
    if (values[key].includes(REPLACEMENT_CHAR)) (errors ??= {})[key] = UNREADABLE_MESSAGE
  }
  return errors
}
