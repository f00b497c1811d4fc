/** The Account card's account code rule (the admin route and the import use it). */
export const ACCOUNT_CODE_RE = /^[A-Z0-9][A-Z0-9._\/-]{0,39}$/
export const ACCOUNT_CODE_MESSAGE = "1 to 40 letters, digits, . _ / or -"
