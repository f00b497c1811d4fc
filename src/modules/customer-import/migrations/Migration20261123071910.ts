import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123071910 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "import_run" add column if not exists "backup_expired_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "import_run" drop column if exists "backup_expired_at";`);
  }

}
