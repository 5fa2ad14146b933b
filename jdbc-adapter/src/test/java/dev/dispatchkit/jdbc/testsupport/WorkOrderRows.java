package dev.dispatchkit.jdbc.testsupport;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Generated work orders for a PostgreSQL plan or load: one INSERT that writes {@code rows} rows
 * straight into the adapter's work-order table, copying the encoded lists of a template row
 * (subscriber {@code template}) that the store wrote. Tracking numbers are {@code 000000001}
 * upwards. Subscribers are {@code client-<n>}, a few large (the square of a uniform draw); sites
 * {@code Store <n>}; providers {@code provider-<n>}, uniform or, when {@code skewedProviders}, a
 * few large as the subscribers are (with 5,000 providers on 10,000,000 rows, {@code provider-0} has
 * about 140,000 work orders and the median one about 1,400); a fifth urgent; expected dates whole
 * minutes, uniform over {@code days} from {@code firstDay}; work orders due before 2026 mostly
 * confirmed (85 %), cancelled (10 %) or awaiting confirmation; later ones open (35 %), declined (5
 * %), confirmed by the provider (25 %), on site (10 %), completed (20 %) or cancelled.
 *
 * @param rows how many rows
 * @param subscribers how many subscribers
 * @param providers how many providers
 * @param sites how many site names
 * @param firstDay the first expected day (UTC)
 * @param days how many days the expected dates spread over
 * @param skewedProviders whether the providers' sizes are skewed (the square of a uniform draw)
 *     rather than uniform
 */
public record WorkOrderRows(
    int rows,
    int subscribers,
    int providers,
    int sites,
    LocalDate firstDay,
    int days,
    boolean skewedProviders) {

  /** Rows with uniform providers. */
  public WorkOrderRows(
      int rows, int subscribers, int providers, int sites, LocalDate firstDay, int days) {
    this(rows, subscribers, providers, sites, firstDay, days, false);
  }

  /** Checks that every count is positive. */
  public WorkOrderRows {
    Objects.requireNonNull(firstDay, "firstDay");
    if (rows < 1 || subscribers < 1 || providers < 1 || sites < 1 || days < 1) {
      throw new IllegalArgumentException("counts must be positive: " + rows + ", " + days);
    }
  }

  /** The INSERT into {@code table}, the adapter's work-order table (prefix included). */
  public String insertInto(String table) {
    return "INSERT INTO "
        + table
        + " (subscriber, tracking_number, provider, site_name, site_address, site_phone,"
        + " site_zone, problem_trade, problem_description, problem_details, priority, nte_amount,"
        + " nte_currency, expected_local, expected_offset, expected_at, status_primary,"
        + " status_extended, contacts, notes, attachments, reschedule_count, dispatch_message_id,"
        + " version, dispatched_at, accepted_at, checked_in_at, decline_reason, decline_text,"
        + " decline_at)"
        + " SELECT 'client-' || floor(power(g.r1, 2) * "
        + subscribers
        + ")::int, lpad(g.i::text, 9, '0'), 'provider-' || floor("
        + (skewedProviders ? "power(g.r2, 2)" : "g.r2")
        + " * "
        + providers
        + ")::int, 'Store ' || floor(g.r3 * "
        + sites
        + ")::int, t.site_address, t.site_phone, t.site_zone, t.problem_trade,"
        + " t.problem_description, t.problem_details,"
        + " CASE WHEN g.r4 < 0.2 THEN 'URGENT' ELSE 'NON_URGENT' END,"
        + " t.nte_amount, t.nte_currency, g.expected AT TIME ZONE t.site_zone,"
        + " EXTRACT(EPOCH FROM ((g.expected AT TIME ZONE t.site_zone)"
        + " - (g.expected AT TIME ZONE 'UTC')))::int, g.expected, s.p, s.e, t.contacts, t.notes,"
        + " t.attachments, 0, NULL, 3, g.expected - interval '2 days',"
        + " CASE WHEN s.p IN ('IN_PROGRESS', 'COMPLETED') THEN g.expected - interval '1 day' END,"
        + " CASE WHEN s.e = 'ON_SITE' THEN g.expected END, NULL,"
        + " CASE WHEN s.e = 'DECLINED' THEN 'Non' END,"
        + " CASE WHEN s.e = 'DECLINED' THEN g.expected - interval '1 day' END"
        + " FROM (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4,"
        + " random() AS r5, date_trunc('minute', TIMESTAMPTZ '"
        + firstDay
        + " 00:00:00+00' + random() * interval '"
        + days
        + " days') AS expected FROM generate_series(1, "
        + rows
        + ") AS i) g"
        + " CROSS JOIN LATERAL (SELECT CASE"
        + " WHEN g.expected < TIMESTAMPTZ '2026-01-01 00:00:00+00' THEN CASE"
        + "   WHEN g.r5 < 0.85 THEN 'COMPLETED' WHEN g.r5 < 0.95 THEN 'CANCELLED'"
        + "   ELSE 'COMPLETED' END"
        + " ELSE CASE WHEN g.r5 < 0.40 THEN 'OPEN' WHEN g.r5 < 0.75 THEN 'IN_PROGRESS'"
        + "   WHEN g.r5 < 0.95 THEN 'COMPLETED' ELSE 'CANCELLED' END END AS p,"
        + " CASE"
        + " WHEN g.expected < TIMESTAMPTZ '2026-01-01 00:00:00+00' THEN CASE"
        + "   WHEN g.r5 < 0.85 THEN 'CONFIRMED' WHEN g.r5 < 0.95 THEN 'NONE'"
        + "   ELSE 'PENDING_CONFIRMATION' END"
        + " ELSE CASE WHEN g.r5 < 0.35 THEN 'NONE' WHEN g.r5 < 0.40 THEN 'DECLINED'"
        + "   WHEN g.r5 < 0.65 THEN 'DISPATCH_CONFIRMED' WHEN g.r5 < 0.75 THEN 'ON_SITE'"
        + "   WHEN g.r5 < 0.95 THEN 'PENDING_CONFIRMATION' ELSE 'NONE' END END AS e) s"
        + " CROSS JOIN (SELECT * FROM "
        + table
        + " WHERE subscriber = 'template') t";
  }
}
