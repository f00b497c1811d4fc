import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Written by hand: what the data-model language cannot say.
 * - Amounts are bigint minor units (the model says number = integer, 32 bits).
 * - The database itself refuses a negative limit, an entry of 0, a charge that
 *   lowers or a payment/refund that raises the balance, and amounts a
 *   JavaScript number cannot hold exactly.
 * - Entries and assignments point at their account.
 */
export class Migration20261207150000 extends Migration {
  override async up(): Promise<void> {
    const max = "9007199254740991"
    this.addSql(`alter table "house_account"
      alter column "credit_limit" type bigint,
      alter column "order_limit" type bigint,
      alter column "balance" type bigint;`)
    this.addSql(`alter table "house_account_entry"
      alter column "amount" type bigint,
      alter column "balance_after" type bigint;`)
    this.addSql(`alter table "house_account"
      add constraint "house_account_credit_limit_check" check ("credit_limit" >= 0 and "credit_limit" <= ${max}),
      add constraint "house_account_order_limit_check" check ("order_limit" is null or ("order_limit" > 0 and "order_limit" <= ${max})),
      add constraint "house_account_balance_check" check (abs("balance") <= ${max}),
      add constraint "house_account_currency_code_check" check ("currency_code" ~ '^[a-z]{3}$'),
      add constraint "house_account_account_number_check" check (length("account_number") between 3 and 32);`)
    this.addSql(`alter table "house_account_entry"
      add constraint "house_account_entry_amount_check" check (
        "amount" <> 0 and abs("amount") <= ${max}
        and ("kind" <> 'charge' or "amount" > 0)
        and ("kind" not in ('payment', 'refund') or "amount" < 0)),
      add constraint "house_account_entry_reason_check" check ("kind" <> 'adjustment' or length(trim("reason")) > 0),
      add constraint "house_account_entry_balance_after_check" check (abs("balance_after") <= ${max}),
      add constraint "house_account_entry_account_fk" foreign key ("account_id") references "house_account" ("id");`)
    this.addSql(`alter table "house_account_customer"
      add constraint "house_account_customer_account_fk" foreign key ("account_id") references "house_account" ("id") on delete cascade;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "house_account_customer" drop constraint if exists "house_account_customer_account_fk";`)
    this.addSql(`alter table "house_account_entry"
      drop constraint if exists "house_account_entry_account_fk",
      drop constraint if exists "house_account_entry_balance_after_check",
      drop constraint if exists "house_account_entry_reason_check",
      drop constraint if exists "house_account_entry_amount_check";`)
    this.addSql(`alter table "house_account"
      drop constraint if exists "house_account_account_number_check",
      drop constraint if exists "house_account_currency_code_check",
      drop constraint if exists "house_account_balance_check",
      drop constraint if exists "house_account_order_limit_check",
      drop constraint if exists "house_account_credit_limit_check";`)
  }
}
