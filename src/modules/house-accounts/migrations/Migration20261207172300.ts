import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Written by hand (as Migration20261207150000 for the ledger): statement
 * amounts are bigint minor units, and a statement points at its account.
 */
export class Migration20261207172300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "house_account_statement"
      alter column "opening_balance" type bigint,
      alter column "charges" type bigint,
      alter column "credits" type bigint,
      alter column "adjustments" type bigint,
      alter column "closing_balance" type bigint,
      alter column "amount_due" type bigint;`)
    this.addSql(`alter table "house_account_statement"
      add constraint "house_account_statement_period_check" check ("period_start" <= "period_end"),
      add constraint "house_account_statement_account_fk" foreign key ("account_id") references "house_account" ("id");`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "house_account_statement" drop constraint if exists "house_account_statement_account_fk";`)
    this.addSql(`alter table "house_account_statement" drop constraint if exists "house_account_statement_period_check";`)
  }
}
