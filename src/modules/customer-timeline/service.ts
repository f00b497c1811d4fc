import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import TimelineEntry from "./models/timeline-entry"
import CustomerSnapshot from "./models/customer-snapshot"
import {
  SNAPSHOT_FIELDS,
  type TimelineChange,
  type TimelineEntryInput,
} from "./types"

type SnapshotValues = Record<string, unknown>

function snapshotValues(customer: Record<string, unknown>): SnapshotValues {
  const values: SnapshotValues = {}
  for (const f of SNAPSHOT_FIELDS) values[f] = customer[f] ?? null
  return values
}

/** How long a pending actor (set before a core edit) stays valid. */
const PENDING_ACTOR_MS = 2 * 60 * 1000

/**
 * The customer timeline. Entries are append-only: the service refuses to
 * update them; deleting is reserved to workflow compensation (an entry of a
 * rolled-back change) and to the GDPR forget feature.
 */
class CustomerTimelineModuleService extends MedusaService({
  TimelineEntry,
  CustomerSnapshot,
}) {
  // @ts-expect-error timeline entries are append-only
  async updateTimelineEntries(): Promise<never> {
    throw new Error("Timeline entries are append-only")
  }

  /** Appends entries (the only way features write to the timeline). */
  async appendEntries(entries: TimelineEntryInput[]) {
    if (!entries.length) return []
    return await this.createTimelineEntries(
      entries.map((e) => ({
        customer_id: e.customer_id,
        kind: e.kind,
        summary: e.summary,
        data: e.data ?? null,
        actor_type: e.actor_type ?? "system",
        actor_id: e.actor_id ?? null,
      }))
    )
  }

  /**
   * Remembers who is about to change a customer's core fields (called by a
   * middleware before Medusa's own customer routes run). A customer without a
   * snapshot gets one first, so the change that follows has its old values.
   */
  @InjectTransactionManager()
  async markPendingActor(
    customer: Record<string, unknown>,
    actor: { type: string; id: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const customerId = customer.id as string
    const [existing] = await this.listCustomerSnapshots(
      { customer_id: customerId },
      {},
      sharedContext
    )
    const pending = {
      pending_actor_type: actor.type,
      pending_actor_id: actor.id,
      pending_at: new Date(),
    }
    if (existing) {
      await this.updateCustomerSnapshots({ id: existing.id, ...pending }, sharedContext)
    } else {
      await this.createCustomerSnapshots(
        { customer_id: customerId, values: snapshotValues(customer), ...pending },
        sharedContext
      )
    }
  }

  /** The actor set by `markPendingActor` if it is recent, else the system. */
  @InjectManager()
  async pendingActor(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ actor_type: string; actor_id: string | null }> {
    const [snap] = await this.listCustomerSnapshots(
      { customer_id: customerId },
      {},
      sharedContext
    )
    if (
      snap?.pending_at &&
      snap.pending_actor_type &&
      Date.now() - new Date(snap.pending_at).getTime() < PENDING_ACTOR_MS
    ) {
      return { actor_type: snap.pending_actor_type, actor_id: snap.pending_actor_id }
    }
    return { actor_type: "system", actor_id: null }
  }

  /**
   * Compares a customer's current core fields with the last snapshot, appends
   * a `profile.updated` entry with the changes (if any) and stores the new
   * snapshot, all in one transaction with the snapshot row locked.
   */
  @InjectTransactionManager()
  async recordCustomerSnapshot(
    customer: Record<string, unknown>,
    options: { baselineKind?: string | null } = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as {
      execute: (sql: string, params: unknown[]) => Promise<unknown[]>
    }
    const customerId = customer.id as string
    const values = snapshotValues(customer)

    // one writer per customer at a time: two deliveries of customer.created (or created and updated) arriving
    // together would both find no snapshot, and the first row's lock cannot be taken on a row not yet there
    await manager.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`cbo-timeline-snapshot:${customerId}`])
    const rows = (await manager.execute(
      `select id, "values", pending_actor_type, pending_actor_id, pending_at
         from timeline_customer_snapshot
        where customer_id = ? and deleted_at is null
        for update`,
      [customerId]
    )) as {
      id: string
      values: SnapshotValues
      pending_actor_type: string | null
      pending_actor_id: string | null
      pending_at: Date | null
    }[]
    const existing = rows[0]

    if (!existing) {
      await this.createCustomerSnapshots(
        { customer_id: customerId, values },
        sharedContext
      )
      if (options.baselineKind) {
        await this.createTimelineEntries(
          {
            customer_id: customerId,
            kind: options.baselineKind,
            summary: "Customer created",
            data: null,
            actor_type: "system",
            actor_id: null,
          },
          sharedContext
        )
      }
      return []
    }

    const changes: TimelineChange[] = []
    for (const f of SNAPSHOT_FIELDS) {
      const before = existing.values?.[f] ?? null
      const after = values[f] ?? null
      if (before !== after) changes.push({ field: f, old: before, new: after })
    }
    const pendingFresh =
      existing.pending_at &&
      Date.now() - new Date(existing.pending_at).getTime() < PENDING_ACTOR_MS
    await this.updateCustomerSnapshots(
      {
        id: existing.id,
        values,
        pending_actor_type: null,
        pending_actor_id: null,
        pending_at: null,
      },
      sharedContext
    )
    if (!changes.length) return []
    return await this.createTimelineEntries(
      [
        {
          customer_id: customerId,
          kind: "profile.updated",
          summary: `Changed ${changes.map((c) => c.field.replace(/_/g, " ")).join(", ")}`,
          data: { changes },
          actor_type: pendingFresh ? existing.pending_actor_type! : "system",
          actor_id: pendingFresh ? existing.pending_actor_id : null,
        },
      ],
      sharedContext
    )
  }

  /** A customer's timeline, newest first. */
  @InjectManager()
  async listTimeline(
    customerId: string,
    q: { kinds?: string[]; limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const filters: Record<string, unknown> = { customer_id: customerId }
    if (q.kinds?.length) filters.kind = q.kinds
    return await this.listAndCountTimelineEntries(
      filters,
      {
        skip: q.offset,
        take: q.limit,
        order: { created_at: "DESC", id: "DESC" },
      },
      sharedContext
    )
  }
}

export default CustomerTimelineModuleService
