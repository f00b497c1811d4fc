import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261208003000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "customer_merge" drop constraint if exists "customer_merge_source_check";`);
    this.addSql(`alter table if exists "customer_merge" add constraint "customer_merge_source_check" check("source" in ('staff', 'invitation', 'email_verification'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "customer_merge" drop constraint if exists "customer_merge_source_check";`);
    this.addSql(`alter table if exists "customer_merge" add constraint "customer_merge_source_check" check("source" in ('staff', 'invitation'));`);
  }

}
