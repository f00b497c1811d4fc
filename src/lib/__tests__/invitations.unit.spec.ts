import {
  hashInvitationToken,
  INVITATION_TOKEN_PATTERN,
  invitationLink,
  newInvitationToken,
  serializeInvitation,
} from "../invitations"

describe("invitation tokens and links", () => {
  it("makes a fresh 256-bit token each time and stores only its hash", () => {
    const a = newInvitationToken()
    const b = newInvitationToken()
    expect(a.token).toMatch(INVITATION_TOKEN_PATTERN)
    expect(a.token).not.toBe(b.token)
    expect(a.hash).toBe(hashInvitationToken(a.token))
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(a.hash).not.toContain(a.token)
  })

  it("refuses malformed tokens by their shape", () => {
    expect(INVITATION_TOKEN_PATTERN.test("a".repeat(43))).toBe(true)
    for (const bad of ["", "short", "a".repeat(44), `${"a".repeat(42)}=`, `${"a".repeat(42)}/`]) {
      expect([bad, INVITATION_TOKEN_PATTERN.test(bad)]).toEqual([bad, false])
    }
  })

  it("puts the token into every {token} of the registration URL, encoded", () => {
    expect(invitationLink("https://shop.example.com/register?invitation={token}", "abc-_9")).toBe(
      "https://shop.example.com/register?invitation=abc-_9"
    )
    expect(invitationLink("https://x.example/{token}?again={token}", "a b")).toBe("https://x.example/a%20b?again=a%20b")
  })

  it("shows an unused invitation past its date as expired, never its token hash", () => {
    const row = {
      id: "cinv_1",
      customer_id: "cus_1",
      email: "a@example.com",
      status: "opened",
      token_hash: "secret",
      trigger: "on_create",
      created_at: new Date("2026-01-01T00:00:00Z"),
      expires_at: new Date(Date.now() - 1000),
      opened_at: new Date("2026-01-02T00:00:00Z"),
    }
    const out = serializeInvitation(row)
    expect(out).toMatchObject({ status: "opened", expired: true, trigger: "on_create", registered_at: null })
    expect(JSON.stringify(out)).not.toContain("secret")
    expect(serializeInvitation({ ...row, status: "registered" }).expired).toBe(false)
  })
})
