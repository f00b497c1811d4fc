/**
 * What the demo shows, counted in its database: the summary `npm run demo`
 * prints, and what the browser tour (integration-tests/browser/tour.spec.ts)
 * expects to be more than zero.
 */
const FEATURE_COUNTS = [
  ["customers", `select count(*) from customer where deleted_at is null`],
  ["orders", `select count(*) from "order" where deleted_at is null and status <> 'draft'`],
  ["orders fulfilled", `select count(distinct order_id) from order_fulfillment where deleted_at is null`],
  ["birthdays this month", `select count(*) from customer_profile where deleted_at is null and date_of_birth is not null
      and extract(month from date_of_birth) = extract(month from now() at time zone 'utc')`],
  ["customer ID numbers", `select count(*) from customer_profile where deleted_at is null and customer_number is not null`],
  ["invalid (bounced) e-mails", `select count(*) from customer_profile where deleted_at is null and email_invalid_at is not null`],
  ["photos", `select count(*) from customer_profile where deleted_at is null and photo_file_id is not null`],
  ['"How did you find us?" choices', `select count(*) from referral_source where deleted_at is null`],
  ["notes (pinned)", `select count(*) || ' (' || count(*) filter (where pinned) || ')' from customer_note where deleted_at is null`],
  ["loyalty members", `select count(*) from points_account where deleted_at is null and enrolled`],
  ["house accounts", `select count(*) from house_account where deleted_at is null`],
  ["trade applications pending", `select count(*) from trade_application where deleted_at is null and status = 'pending'`],
  ["categories with a description", `select count(*) from category_detail where deleted_at is null and coalesce(description, '') <> ''`],
]

module.exports = { FEATURE_COUNTS }
