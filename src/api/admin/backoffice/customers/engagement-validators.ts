import { z } from "@medusajs/framework/zod"
import { NOTE_MAX_LENGTH } from "../../../../modules/customer-engagement/models/customer-note"

const noteBody = z
  .string({ error: "Write the note's text" })
  .refine((s) => s.trim().length > 0, "The note is empty")
  .refine(
    (s) => s.length <= NOTE_MAX_LENGTH,
    `A note can have at most ${NOTE_MAX_LENGTH.toLocaleString("en-US")} characters`
  )

export const CreateNoteBody = z
  .object({ body: noteBody, pinned: z.boolean().optional() })
  .strict()
export type CreateNoteBodyType = z.infer<typeof CreateNoteBody>

export const UpdateNoteBody = z
  .object({ body: noteBody.optional(), pinned: z.boolean().optional() })
  .strict()
  .refine((b) => b.body !== undefined || b.pinned !== undefined, {
    message: "Send body or pinned",
  })
export type UpdateNoteBodyType = z.infer<typeof UpdateNoteBody>

export const ConsentBody = z
  .object({ marketing_opt_out: z.boolean({ error: "Must be true or false" }) })
  .strict()
export type ConsentBodyType = z.infer<typeof ConsentBody>

export const EmptyBody = z.object({}).strict()

export const AdminSubscriptionBody = z
  .object({
    customer_group_id: z.string({ error: "Choose a category" }).min(1, "Choose a category"),
    /** confirmed: subscribe now; pending: email a confirmation; unsubscribed */
    status: z.enum(["confirmed", "pending", "unsubscribed"], {
      error: "Must be confirmed, pending or unsubscribed",
    }),
  })
  .strict()
export type AdminSubscriptionBodyType = z.infer<typeof AdminSubscriptionBody>

const csvOrArray = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z.array(item)
  )

export const TimelineQuery = z
  .object({
    kind: csvOrArray(z.string().min(1).max(100)).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type TimelineQueryType = z.infer<typeof TimelineQuery>

export const NOTE_ORDERS = ["pinned", "created_at", "-created_at"] as const

/** pinned (default): pinned first, then oldest → newest; created_at / -created_at: by date only. */
export const NotesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(200),
    offset: z.coerce.number().int().min(0).default(0),
    order: z
      .enum([...NOTE_ORDERS], { error: `Must be one of ${NOTE_ORDERS.join(", ")}` })
      .default("pinned"),
  })
  .strict()
export type NotesQueryType = z.infer<typeof NotesQuery>

export const PageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type PageQueryType = z.infer<typeof PageQuery>

export const SubscribersQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    offset: z.coerce.number().int().min(0).default(0),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict()
export type SubscribersQueryType = z.infer<typeof SubscribersQuery>

export const StoreSubscribeBody = z
  .object({
    customer_group_id: z.string({ error: "Choose a category" }).min(1, "Choose a category"),
  })
  .strict()
export type StoreSubscribeBodyType = z.infer<typeof StoreSubscribeBody>

export const ConfirmBody = z
  .object({
    token: z.string({ error: "The confirmation token is missing" }).min(1, "The confirmation token is missing").max(200),
  })
  .strict()
export type ConfirmBodyType = z.infer<typeof ConfirmBody>
