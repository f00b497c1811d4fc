import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** How many customers carry a first name or a surname (a short name's one-letter slip is told from a real name). */
export class Migration20261208004500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_subject_first_key" ON "customer_duplicate_subject" ("first_key") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_subject_last_key" ON "customer_duplicate_subject" ("last_key") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_customer_duplicate_subject_first_key";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_customer_duplicate_subject_last_key";`)
  }
}
