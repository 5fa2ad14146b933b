package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.SqlSession.decode;
import static dev.dispatchkit.jdbc.SqlSession.micros;

import dev.dispatchkit.workorder.DeclineDetails;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.NteIncreaseRequest;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** How a work order maps to a row of the work-order table, both ways. */
final class WorkOrderRows {

  private WorkOrderRows() {}

  /**
   * Every work-order column but the key, in table order: its name, the domain value it holds (what
   * {@link JdbcWorkOrders#update} compares, before anything is encoded) and how that value is
   * bound.
   */
  static final List<OrderColumn> ORDER_COLUMNS =
      List.of(
          text("provider", o -> o.provider().value()),
          text("site_name", o -> o.site().name()),
          text("site_address", o -> o.site().address()),
          text("site_phone", o -> o.site().phone()),
          text("site_zone", o -> o.site().zone().getId()),
          text("problem_trade", o -> o.problem().trade()),
          text("problem_description", o -> o.problem().description()),
          text("problem_details", o -> o.problem().details()),
          text("priority", o -> o.priority().name()),
          decimal("nte_amount", o -> o.nte().amount()),
          text("nte_currency", o -> o.nte().currency().getCurrencyCode()),
          new OrderColumn(
              "expected_local",
              o -> o.expectedDate().localDateTime(),
              (sql, s, i, o) -> s.setObject(i, o.expectedDate().localDateTime())),
          integer("expected_offset", o -> o.expectedDate().offset().getTotalSeconds()),
          new OrderColumn(
              "expected_at",
              o -> o.expectedDate().instant(),
              (sql, s, i, o) -> sql.dialect.setInstant(s, i, o.expectedDate().instant())),
          text("status_primary", o -> o.status().primary().name()),
          text("status_extended", o -> o.status().extended().name()),
          encoded("contacts", WorkOrder::contacts, Codec::contacts),
          encoded("notes", WorkOrder::notes, Codec::notes),
          // Compared by the notes' file ids, not by their encoding: a reply encodes nothing here.
          new OrderColumn(
              "note_files",
              o -> Codec.noteFileIds(o.notes()),
              (sql, s, i, o) -> s.setString(i, Codec.noteFiles(o.notes()))),
          encoded("attachments", WorkOrder::attachments, Codec::attachments),
          integer("reschedule_count", WorkOrder::rescheduleCount),
          text("dispatch_message_id", WorkOrder::dispatchMessageId),
          new OrderColumn(
              "version", WorkOrder::version, (sql, s, i, o) -> s.setLong(i, o.version())),
          instant("dispatched_at", WorkOrder::dispatchedAt),
          instant("accepted_at", WorkOrder::acceptedAt),
          instant("checked_in_at", WorkOrder::checkedInAt),
          text(
              "decline_reason",
              o ->
                  o.decline() == null || o.decline().reason() == null
                      ? null
                      : o.decline().reason().name()),
          text("decline_text", o -> o.decline() == null ? null : o.decline().text()),
          instant("decline_at", o -> o.decline() == null ? null : o.decline().at()),
          decimal(
              "nte_request_amount",
              o ->
                  o.pendingNteIncrease() == null
                      ? null
                      : o.pendingNteIncrease().requested().amount()),
          text(
              "nte_request_currency",
              o ->
                  o.pendingNteIncrease() == null
                      ? null
                      : o.pendingNteIncrease().requested().currency().getCurrencyCode()),
          text(
              "nte_request_reason",
              o -> o.pendingNteIncrease() == null ? null : o.pendingNteIncrease().reason()),
          instant(
              "nte_request_at",
              o -> o.pendingNteIncrease() == null ? null : o.pendingNteIncrease().at()),
          new OrderColumn(
              "undelivered",
              WorkOrder::undelivered,
              (sql, s, i, o) -> s.setBoolean(i, o.undelivered())));

  /**
   * The columns that {@link #readOrder} reads, by position: an explicit list rather than {@code *},
   * so that reading does not depend on the table's column order nor look names up per row.
   */
  static final List<String> ORDER_SELECT =
      Stream.concat(
              Stream.of("subscriber", "tracking_number"),
              ORDER_COLUMNS.stream().map(OrderColumn::name))
          .toList();

  static final String ORDER_SELECT_LIST = String.join(", ", ORDER_SELECT);

  /** Binds one work-order column of a work order. */
  @FunctionalInterface
  interface OrderBinder {
    void bind(SqlSession sql, PreparedStatement statement, int index, WorkOrder order)
        throws SQLException;
  }

  /** A work-order column; {@code value} is cheap (nothing encoded) and only compared. */
  record OrderColumn(String name, Function<WorkOrder, @Nullable Object> value, OrderBinder binder) {

    /** Whether {@code after} stores another value in this column than {@code before}. */
    boolean changed(WorkOrder before, WorkOrder after) {
      Object was = value.apply(before);
      Object is = value.apply(after);
      if (was instanceof BigDecimal a && is instanceof BigDecimal b) {
        // NUMERIC keeps the value, not the scale: 12.5 and 12.5000 are the same column value.
        return a.compareTo(b) != 0;
      }
      return !Objects.equals(was, is);
    }
  }

  private static OrderColumn text(String name, Function<WorkOrder, @Nullable String> value) {
    return new OrderColumn(name, value::apply, (sql, s, i, o) -> s.setString(i, value.apply(o)));
  }

  private static OrderColumn integer(String name, ToIntFunction<WorkOrder> value) {
    return new OrderColumn(
        name, value::applyAsInt, (sql, s, i, o) -> s.setInt(i, value.applyAsInt(o)));
  }

  private static OrderColumn decimal(String name, Function<WorkOrder, @Nullable BigDecimal> value) {
    return new OrderColumn(
        name, value::apply, (sql, s, i, o) -> s.setBigDecimal(i, value.apply(o)));
  }

  /** An instant column, kept to the microsecond (and compared so). */
  private static OrderColumn instant(String name, Function<WorkOrder, @Nullable Instant> value) {
    Function<WorkOrder, @Nullable Instant> stored =
        o -> {
          Instant instant = value.apply(o);
          return instant == null ? null : micros(instant);
        };
    return new OrderColumn(
        name, stored::apply, (sql, s, i, o) -> sql.setNullableInstant(s, i, stored.apply(o)));
  }

  /** A list column: compared as domain values, encoded only when written. */
  private static <T> OrderColumn encoded(
      String name, Function<WorkOrder, T> value, Function<T, String> codec) {
    return new OrderColumn(
        name, value::apply, (sql, s, i, o) -> s.setString(i, codec.apply(value.apply(o))));
  }

  /** The position of a column of {@link #ORDER_SELECT} in a result row. */
  private static int at(String column) {
    return ORDER_SELECT.indexOf(column) + 1;
  }

  private static final int SUBSCRIBER = at("subscriber");
  private static final int TRACKING_NUMBER = at("tracking_number");
  private static final int PROVIDER = at("provider");
  private static final int SITE_NAME = at("site_name");
  private static final int SITE_ADDRESS = at("site_address");
  private static final int SITE_PHONE = at("site_phone");
  private static final int SITE_ZONE = at("site_zone");
  private static final int PROBLEM_TRADE = at("problem_trade");
  private static final int PROBLEM_DESCRIPTION = at("problem_description");
  private static final int PROBLEM_DETAILS = at("problem_details");
  private static final int PRIORITY = at("priority");
  private static final int NTE_AMOUNT = at("nte_amount");
  private static final int NTE_CURRENCY = at("nte_currency");
  private static final int EXPECTED_LOCAL = at("expected_local");
  private static final int EXPECTED_OFFSET = at("expected_offset");
  private static final int STATUS_PRIMARY = at("status_primary");
  private static final int STATUS_EXTENDED = at("status_extended");
  private static final int CONTACTS = at("contacts");
  private static final int NOTES = at("notes");
  private static final int NOTE_FILES = at("note_files");
  private static final int ATTACHMENTS = at("attachments");
  private static final int RESCHEDULE_COUNT = at("reschedule_count");
  private static final int DISPATCH_MESSAGE_ID = at("dispatch_message_id");
  private static final int VERSION = at("version");
  private static final int DISPATCHED_AT = at("dispatched_at");
  private static final int ACCEPTED_AT = at("accepted_at");
  private static final int CHECKED_IN_AT = at("checked_in_at");
  private static final int DECLINE_REASON = at("decline_reason");
  private static final int DECLINE_TEXT = at("decline_text");
  private static final int DECLINE_AT = at("decline_at");
  private static final int NTE_REQUEST_AMOUNT = at("nte_request_amount");
  private static final int NTE_REQUEST_CURRENCY = at("nte_request_currency");
  private static final int NTE_REQUEST_REASON = at("nte_request_reason");
  private static final int NTE_REQUEST_AT = at("nte_request_at");
  private static final int UNDELIVERED = at("undelivered");

  /** Reads a row of {@link #ORDER_SELECT}. */
  static WorkOrder read(SqlDialect dialect, ResultSet rows) throws SQLException {
    return decode(
        "work order",
        () -> {
          ZoneId zone = Codec.zone(rows.getString(SITE_ZONE));
          String declineReason = rows.getString(DECLINE_REASON);
          Instant declineAt = dialect.getInstant(rows, DECLINE_AT);
          BigDecimal requestAmount = rows.getBigDecimal(NTE_REQUEST_AMOUNT);
          Instant requestAt = dialect.getInstant(rows, NTE_REQUEST_AT);
          Instant dispatchedAt = dialect.getInstant(rows, DISPATCHED_AT);
          if (dispatchedAt == null) {
            throw new SQLException("column dispatched_at is null");
          }
          return new WorkOrder(
              new TrackingNumber(rows.getString(TRACKING_NUMBER)),
              new SubscriberId(rows.getString(SUBSCRIBER)),
              new ProviderId(rows.getString(PROVIDER)),
              new Site(
                  rows.getString(SITE_NAME),
                  rows.getString(SITE_ADDRESS),
                  rows.getString(SITE_PHONE),
                  zone),
              new Problem(
                  rows.getString(PROBLEM_TRADE),
                  rows.getString(PROBLEM_DESCRIPTION),
                  rows.getString(PROBLEM_DETAILS)),
              Codec.constant(Priority.class, Codec.PRIORITIES, rows.getString(PRIORITY)),
              new Nte(
                  Money.of(
                      rows.getBigDecimal(NTE_AMOUNT),
                      Currency.getInstance(rows.getString(NTE_CURRENCY)))),
              new ExpectedDate(
                  rows.getObject(EXPECTED_LOCAL, LocalDateTime.class),
                  zone,
                  ZoneOffset.ofTotalSeconds(rows.getInt(EXPECTED_OFFSET))),
              Status.of(
                  Codec.constant(
                      PrimaryStatus.class, Codec.PRIMARY_STATUSES, rows.getString(STATUS_PRIMARY)),
                  Codec.constant(
                      ExtendedStatus.class,
                      Codec.EXTENDED_STATUSES,
                      rows.getString(STATUS_EXTENDED))),
              Codec.contacts(rows.getString(CONTACTS)),
              Codec.notes(rows.getString(NOTES), rows.getString(NOTE_FILES)),
              Codec.attachments(rows.getString(ATTACHMENTS)),
              rows.getInt(RESCHEDULE_COUNT),
              rows.getString(DISPATCH_MESSAGE_ID),
              rows.getLong(VERSION),
              dispatchedAt,
              dialect.getInstant(rows, ACCEPTED_AT),
              dialect.getInstant(rows, CHECKED_IN_AT),
              declineAt == null
                  ? null
                  : new DeclineDetails(
                      declineReason == null ? null : DeclineReason.valueOf(declineReason),
                      rows.getString(DECLINE_TEXT),
                      declineAt),
              requestAmount == null || requestAt == null
                  ? null
                  : new NteIncreaseRequest(
                      new Nte(
                          Money.of(
                              requestAmount,
                              Currency.getInstance(rows.getString(NTE_REQUEST_CURRENCY)))),
                      rows.getString(NTE_REQUEST_REASON),
                      requestAt),
              rows.getBoolean(UNDELIVERED));
        });
  }
}
