package dev.dispatchkit.jdbc;

import dev.dispatchkit.ConcurrentUpdateException;
import dev.dispatchkit.DuplicateWorkOrderException;
import dev.dispatchkit.OutboxState;
import dev.dispatchkit.StoreException;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.rules.Money;
import dev.dispatchkit.rules.Nte;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderPage;
import dev.dispatchkit.spi.WorkOrderQuery;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.DeclineDetails;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.NteIncreaseRequest;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.Transitions;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** One unit of work on one JDBC connection; used by one thread, until its work returns. */
final class JdbcTransaction implements StoreTransaction {

  /**
   * Every work-order column but the key, in table order: its name, the domain value it holds (what
   * {@link #update} compares, before anything is encoded) and how that value is bound.
   */
  private static final List<OrderColumn> ORDER_COLUMNS =
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
              (tx, s, i, o) -> s.setObject(i, o.expectedDate().localDateTime())),
          integer("expected_offset", o -> o.expectedDate().offset().getTotalSeconds()),
          new OrderColumn(
              "expected_at",
              o -> o.expectedDate().instant(),
              (tx, s, i, o) -> tx.dialect.setInstant(s, i, o.expectedDate().instant())),
          text("status_primary", o -> o.status().primary().name()),
          text("status_extended", o -> o.status().extended().name()),
          encoded("contacts", WorkOrder::contacts, Codec::contacts),
          encoded("notes", WorkOrder::notes, Codec::notes),
          encoded("attachments", WorkOrder::attachments, Codec::attachments),
          integer("reschedule_count", WorkOrder::rescheduleCount),
          text("dispatch_message_id", WorkOrder::dispatchMessageId),
          new OrderColumn(
              "version", WorkOrder::version, (tx, s, i, o) -> s.setLong(i, o.version())),
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
              o -> o.pendingNteIncrease() == null ? null : o.pendingNteIncrease().at()));

  /**
   * The columns that {@link #readOrder} reads, by position: an explicit list rather than {@code *},
   * so that reading does not depend on the table's column order nor look names up per row.
   */
  private static final List<String> ORDER_SELECT =
      Stream.concat(
              Stream.of("subscriber", "tracking_number"),
              ORDER_COLUMNS.stream().map(OrderColumn::name))
          .toList();

  private static final String ORDER_SELECT_LIST = String.join(", ", ORDER_SELECT);

  private static final List<String> PREFERENCE_COLUMNS =
      List.of(
          "subscriber",
          "provider",
          "dispatch_address",
          "allowed_senders",
          "language",
          "client_address",
          "address_failing");

  /** The statuses from which the transition table allows a reassignment. */
  private static final List<Status> REASSIGNABLE_STATUSES =
      Status.all().stream()
          .filter(s -> Transitions.target(s, CommandKind.REASSIGN).isPresent())
          .toList();

  private final Connection connection;
  private final SqlDialect dialect;
  private final Tables tables;

  /**
   * The work orders as this transaction last read or wrote them, by key: what {@link #update}
   * compares with to write only the columns that changed.
   */
  private final Map<WorkOrderKey, WorkOrder> seen = new HashMap<>();

  private boolean open = true;

  JdbcTransaction(Connection connection, SqlDialect dialect, Tables tables) {
    this.connection = connection;
    this.dialect = dialect;
    this.tables = tables;
  }

  void close() {
    open = false;
  }

  // --- work orders -------------------------------------------------------------------------------

  @Override
  public Optional<WorkOrder> find(WorkOrderKey key) {
    return call(
        "find work order",
        key,
        () ->
            queryOne(
                findSql(),
                s -> {
                  s.setString(1, key.subscriber().value());
                  s.setString(2, key.trackingNumber().value());
                },
                this::readOrder));
  }

  private static final int MAX_CACHED_FIND_SQL = 64;
  private static final ConcurrentMap<String, String> FIND_SQL = new ConcurrentHashMap<>();

  /**
   * The statement of {@link #find}, one string per table prefix: built anew for each call, its text
   * would be concatenated and then hashed again by the driver's statement cache.
   */
  private String findSql() {
    String sql = FIND_SQL.get(tables.prefix());
    if (sql == null) {
      sql =
          "SELECT "
              + ORDER_SELECT_LIST
              + " FROM "
              + tables.workOrder()
              + " WHERE subscriber = ? AND tracking_number = ?";
      if (FIND_SQL.size() < MAX_CACHED_FIND_SQL) {
        FIND_SQL.putIfAbsent(tables.prefix(), sql);
      }
    }
    return sql;
  }

  @Override
  public List<WorkOrder> findByTrackingNumber(TrackingNumber trackingNumber) {
    return call(
        "find work orders",
        trackingNumber,
        () -> {
          BoundSql lookup = trackingNumberLookup(trackingNumber);
          return query(lookup.sql(), lookup.binder(), this::readOrder);
        });
  }

  /**
   * A statement with its parameters. Package-private so that the plan test explains exactly what
   * the store runs.
   */
  record BoundSql(String sql, SqlDialect.Binder binder) {}

  /** The statement of {@link #findByTrackingNumber}. */
  BoundSql trackingNumberLookup(TrackingNumber trackingNumber) {
    return new BoundSql(
        "SELECT "
            + ORDER_SELECT_LIST
            + " FROM "
            + tables.workOrder()
            + " WHERE tracking_number = ? ORDER BY subscriber",
        s -> s.setString(1, trackingNumber.value()));
  }

  @Override
  public void insert(WorkOrder order) {
    boolean inserted =
        call(
            "insert work order",
            order.key(),
            () ->
                dialect.insertUnlessDuplicate(
                    connection,
                    "INSERT INTO "
                        + tables.workOrder()
                        + " ("
                        + ORDER_SELECT_LIST
                        + ") VALUES ("
                        + placeholders(ORDER_SELECT.size())
                        + ")",
                    s -> {
                      s.setString(1, order.subscriber().value());
                      s.setString(2, order.trackingNumber().value());
                      int index = 3;
                      for (OrderColumn column : ORDER_COLUMNS) {
                        column.binder().bind(this, s, index++, order);
                      }
                    }));
    if (!inserted) {
      throw new DuplicateWorkOrderException(order.key());
    }
    seen.put(order.key(), order);
  }

  /**
   * Writes the columns whose value differs from the work order as this transaction read it (all of
   * them when it did not read it, or read another version), and always the version. The version
   * check makes that safe: the row still holds what was read, since every write moves the version.
   * A reply thus rewrites its note list and version instead of some thirty columns, and nothing
   * unchanged is encoded again.
   */
  @Override
  public void update(WorkOrder order, long expectedVersion) {
    WorkOrder before = seen.get(order.key());
    List<OrderColumn> changed =
        before == null || before.version() != expectedVersion
            ? ORDER_COLUMNS
            : ORDER_COLUMNS.stream()
                .filter(c -> c.name().equals("version") || c.changed(before, order))
                .toList();
    int updated =
        call(
            "update work order",
            order.key(),
            () ->
                update(
                    "UPDATE "
                        + tables.workOrder()
                        + " SET "
                        + changed.stream()
                            .map(c -> c.name() + " = ?")
                            .collect(Collectors.joining(", "))
                        + " WHERE subscriber = ? AND tracking_number = ? AND version = ?",
                    s -> {
                      int index = 1;
                      for (OrderColumn column : changed) {
                        column.binder().bind(this, s, index++, order);
                      }
                      s.setString(index, order.subscriber().value());
                      s.setString(index + 1, order.trackingNumber().value());
                      s.setLong(index + 2, expectedVersion);
                    }));
    if (updated != 1) {
      seen.remove(order.key());
      throw new ConcurrentUpdateException(order.key(), expectedVersion);
    }
    seen.put(order.key(), order);
  }

  @Override
  public WorkOrderPage list(WorkOrderQuery query) {
    return call(
        "list work orders",
        () -> {
          BoundSql count = listCount(query);
          long total = queryOne(count.sql(), count.binder(), rows -> rows.getLong(1)).orElse(0L);
          BoundSql page = listPage(query);
          List<WorkOrder> items = query(page.sql(), page.binder(), this::readOrder);
          return new WorkOrderPage(items, Math.max(total, items.size()));
        });
  }

  /** The statement that counts the matches of {@link #list}. */
  BoundSql listCount(WorkOrderQuery query) {
    List<Param> values = new ArrayList<>();
    String where = where(query, values);
    return new BoundSql(
        "SELECT COUNT(*) FROM " + tables.workOrder() + where, s -> bindAll(s, values));
  }

  /** The statement that reads the page of {@link #list}. */
  BoundSql listPage(WorkOrderQuery query) {
    List<Param> values = new ArrayList<>();
    String where = where(query, values);
    String order =
        query.sort() == WorkOrderQuery.Sort.EXPECTED_DATE_ASC
            ? "expected_at ASC"
            : "expected_at DESC";
    return new BoundSql(
        "SELECT "
            + ORDER_SELECT_LIST
            + " FROM "
            + tables.workOrder()
            + where
            + " ORDER BY "
            + order
            + ", subscriber, CHAR_LENGTH(tracking_number), tracking_number"
            + " LIMIT ? OFFSET ?",
        s -> {
          int next = bindAll(s, values);
          s.setInt(next, query.limit());
          s.setInt(next + 1, query.offset());
        });
  }

  /** A parameter of a generated WHERE clause. */
  @FunctionalInterface
  private interface Param {
    void set(PreparedStatement statement, int index) throws SQLException;
  }

  private String where(WorkOrderQuery query, List<Param> values) {
    List<String> conditions = new ArrayList<>();
    if (query.subscriber() != null) {
      String subscriber = query.subscriber().value();
      conditions.add("subscriber = ?");
      values.add((s, i) -> s.setString(i, subscriber));
    }
    if (query.provider() != null) {
      String provider = query.provider().value();
      conditions.add("provider = ?");
      values.add((s, i) -> s.setString(i, provider));
    }
    if (query.siteName() != null) {
      String siteName = query.siteName();
      conditions.add("site_name = ?");
      values.add((s, i) -> s.setString(i, siteName));
    }
    in("priority", query.priorities(), conditions, values);
    in("status_primary", query.primaryStatuses(), conditions, values);
    in("status_extended", query.extendedStatuses(), conditions, values);
    for (WorkOrderQuery.Flag flag : query.flags()) {
      conditions.add(flag(flag, query.asOf(), query.policies(), values));
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static void in(
      String column, Set<? extends Enum<?>> set, List<String> conditions, List<Param> values) {
    if (set.isEmpty()) {
      return;
    }
    conditions.add(column + " IN (" + placeholders(set.size()) + ")");
    for (Enum<?> value : set) {
      String name = value.name();
      values.add((s, i) -> s.setString(i, name));
    }
  }

  /**
   * The SQL of a flag, exactly as {@link DispatchPolicies#flags} computes it. Stored instants are
   * whole microseconds, so "stored &lt; t" is tested as "stored &lt; t rounded up to a
   * microsecond": the database never rounds a bound instant the other way.
   */
  private String flag(
      WorkOrderQuery.Flag flag, Instant asOf, DispatchPolicies policies, List<Param> values) {
    return switch (flag) {
      case LATE -> late(asOf, values);
      case RESPONSE_OVERDUE -> overdue(asOf, policies, values);
      case RESCHEDULED_TOO_OFTEN -> tooOften(policies, values);
      case REASSIGNABLE -> {
        StringBuilder sql = new StringBuilder("(");
        List<String> statuses = new ArrayList<>();
        for (Status status : REASSIGNABLE_STATUSES) {
          statuses.add("(status_primary = ? AND status_extended = ?)");
          values.add((s, i) -> s.setString(i, status.primary().name()));
          values.add((s, i) -> s.setString(i, status.extended().name()));
        }
        sql.append(statuses.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", statuses) + ")");
        sql.append(" AND ((status_primary = 'OPEN' AND status_extended = 'DECLINED') OR ");
        sql.append(overdue(asOf, policies, values)).append(" OR ");
        sql.append(late(asOf, values)).append(" OR ");
        sql.append(tooOften(policies, values)).append("))");
        yield sql.toString();
      }
    };
  }

  private String late(Instant asOf, List<Param> values) {
    Instant bound = ceilMicros(asOf);
    values.add((s, i) -> dialect.setInstant(s, i, bound));
    return "(expected_at < ? AND status_primary IN ('OPEN', 'IN_PROGRESS')"
        + " AND status_extended <> 'ON_SITE')";
  }

  private String overdue(Instant asOf, DispatchPolicies policies, List<Param> values) {
    List<String> windows = new ArrayList<>();
    for (Priority priority : Priority.values()) {
      Instant bound = ceilMicros(asOf.minus(policies.responseWindow(priority)));
      windows.add("(priority = ? AND dispatched_at < ?)");
      values.add((s, i) -> s.setString(i, priority.name()));
      values.add((s, i) -> dialect.setInstant(s, i, bound));
    }
    return "(status_primary = 'OPEN' AND status_extended = 'NONE' AND ("
        + String.join(" OR ", windows)
        + "))";
  }

  private static String tooOften(DispatchPolicies policies, List<Param> values) {
    int limit = policies.rescheduleLimit();
    values.add((s, i) -> s.setInt(i, limit));
    return "(reschedule_count > ?)";
  }

  private static int bindAll(PreparedStatement statement, List<Param> values) throws SQLException {
    int index = 1;
    for (Param value : values) {
      value.set(statement, index++);
    }
    return index;
  }

  // --- timeline ----------------------------------------------------------------------------------

  @Override
  public void append(WorkOrderKey key, WorkOrderEvent event) {
    String payload = Codec.event(event);
    call(
        "append to the timeline of",
        key,
        () ->
            update(
                "INSERT INTO "
                    + tables.event()
                    + " (subscriber, tracking_number, version, kind, occurred_at, payload)"
                    + " VALUES (?, ?, ?, ?, ?, ?)",
                s -> {
                  s.setString(1, key.subscriber().value());
                  s.setString(2, key.trackingNumber().value());
                  s.setLong(3, event.version());
                  s.setString(4, Codec.tag(event));
                  dialect.setInstant(s, 5, micros(event.at()));
                  s.setString(6, payload);
                }));
  }

  @Override
  public List<WorkOrderEvent> timeline(WorkOrderKey key) {
    return call(
        "read the timeline of",
        key,
        () ->
            query(
                "SELECT payload FROM "
                    + tables.event()
                    + " WHERE subscriber = ? AND tracking_number = ? ORDER BY seq",
                s -> {
                  s.setString(1, key.subscriber().value());
                  s.setString(2, key.trackingNumber().value());
                },
                rows -> decode("event", () -> Codec.event(rows.getString("payload")))));
  }

  // --- dispatches --------------------------------------------------------------------------------

  @Override
  public void recordDispatch(DispatchRecord dispatch) {
    boolean inserted =
        call(
            "record dispatch",
            dispatch.dispatchId(),
            () ->
                dialect.insertUnlessDuplicate(
                    connection,
                    "INSERT INTO "
                        + tables.dispatch()
                        + " (dispatch_id, subscriber, tracking_number, provider, message_id,"
                        + " queued_at) VALUES (?, ?, ?, ?, ?, ?)",
                    s -> {
                      s.setLong(1, dispatch.dispatchId());
                      s.setString(2, dispatch.key().subscriber().value());
                      s.setString(3, dispatch.key().trackingNumber().value());
                      s.setString(4, dispatch.provider().value());
                      s.setString(5, dispatch.messageId());
                      dialect.setInstant(s, 6, micros(dispatch.at()));
                    }));
    if (!inserted) {
      throw new StoreException(
          "dispatch id "
              + dispatch.dispatchId()
              + " or message id "
              + dispatch.messageId()
              + " is already recorded",
          null);
    }
  }

  @Override
  public Optional<DispatchRecord> dispatch(long dispatchId) {
    return call(
        "read dispatch",
        dispatchId,
        () ->
            queryOne(
                "SELECT * FROM " + tables.dispatch() + " WHERE dispatch_id = ?",
                s -> s.setLong(1, dispatchId),
                this::readDispatch));
  }

  @Override
  public Optional<DispatchRecord> dispatchByMessageId(String messageId) {
    return call(
        "read dispatch by message id",
        () ->
            queryOne(
                "SELECT * FROM " + tables.dispatch() + " WHERE message_id = ?",
                s -> s.setString(1, messageId),
                this::readDispatch));
  }

  private DispatchRecord readDispatch(ResultSet rows) throws SQLException {
    return decode(
        "dispatch",
        () ->
            new DispatchRecord(
                rows.getLong("dispatch_id"),
                new WorkOrderKey(
                    new SubscriberId(rows.getString("subscriber")),
                    new TrackingNumber(rows.getString("tracking_number"))),
                new ProviderId(rows.getString("provider")),
                rows.getString("message_id"),
                instant(rows, "queued_at")));
  }

  // --- inbox -------------------------------------------------------------------------------------

  @Override
  public boolean recordInbound(InboxRecord record) {
    return call(
        "record inbound message",
        () ->
            dialect.insertUnlessDuplicate(
                connection,
                "INSERT INTO "
                    + tables.inbox()
                    + " (dedup_hash, dedup_key, message_id, sender, received_at, intent, reason,"
                    + " subscriber, tracking_number, outcome, needs_review)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                  s.setString(1, sha256(record.dedupKey()));
                  s.setString(2, record.dedupKey());
                  s.setString(3, record.messageId());
                  s.setString(4, record.from());
                  dialect.setInstant(s, 5, micros(record.receivedAt()));
                  s.setString(6, record.intent().name());
                  s.setString(7, record.reason());
                  WorkOrderKey key = record.key();
                  s.setString(8, key == null ? null : key.subscriber().value());
                  s.setString(9, key == null ? null : key.trackingNumber().value());
                  s.setString(10, record.outcome());
                  s.setBoolean(11, record.needsReview());
                }));
  }

  @Override
  public Optional<InboxRecord> inbound(String dedupKey) {
    return call(
        "read inbound message",
        () ->
            queryOne(
                    "SELECT * FROM " + tables.inbox() + " WHERE dedup_hash = ?",
                    s -> s.setString(1, sha256(dedupKey)),
                    this::readInbound)
                .filter(r -> r.dedupKey().equals(dedupKey)));
  }

  @Override
  public List<InboxRecord> needingReview(int max) {
    if (max < 1) {
      return List.of();
    }
    return call(
        "list inbound messages needing review",
        () ->
            query(
                "SELECT * FROM "
                    + tables.inbox()
                    + " WHERE needs_review = ? ORDER BY received_at, seq LIMIT ?",
                s -> {
                  s.setBoolean(1, true);
                  s.setInt(2, max);
                },
                this::readInbound));
  }

  private InboxRecord readInbound(ResultSet rows) throws SQLException {
    String subscriber = rows.getString("subscriber");
    String tracking = rows.getString("tracking_number");
    return decode(
        "inbound message",
        () ->
            new InboxRecord(
                rows.getString("dedup_key"),
                rows.getString("message_id"),
                rows.getString("sender"),
                instant(rows, "received_at"),
                Intent.valueOf(rows.getString("intent")),
                rows.getString("reason"),
                subscriber == null || tracking == null
                    ? null
                    : new WorkOrderKey(new SubscriberId(subscriber), new TrackingNumber(tracking)),
                rows.getString("outcome"),
                rows.getBoolean("needs_review")));
  }

  // --- outbox ------------------------------------------------------------------------------------

  @Override
  public void enqueue(OutboundMail mail, Instant dueAt) {
    boolean inserted =
        call(
            "enqueue mail",
            mail.id(),
            () ->
                dialect.insertUnlessDuplicate(
                    connection,
                    "INSERT INTO "
                        + tables.outbox()
                        + " (id, message_id, kind, mail_from, reply_to, recipients, subject,"
                        + " text_body, html_body, envelope_from, in_reply_to, headers, state,"
                        + " attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, 'PENDING', 0, ?)",
                    s -> {
                      s.setString(1, mail.id());
                      s.setString(2, mail.messageId());
                      s.setString(3, mail.kind().name());
                      s.setString(4, mail.from());
                      s.setString(5, mail.replyTo());
                      s.setString(6, Fields.strings(mail.to()));
                      s.setString(7, mail.subject());
                      s.setString(8, mail.textBody());
                      s.setString(9, mail.htmlBody());
                      s.setString(10, mail.envelopeFrom());
                      s.setString(11, mail.inReplyTo());
                      s.setString(12, Codec.headers(mail.headers()));
                      dialect.setInstant(s, 13, micros(dueAt));
                    }));
    if (!inserted) {
      throw new StoreException("outbox id " + mail.id() + " is already queued", null);
    }
  }

  @Override
  public List<OutboxEntry> claimDue(Instant now, Duration lease, int max) {
    if (max < 1) {
      return List.of();
    }
    Instant until = micros(now.plus(lease));
    return call(
        "claim due mail",
        () -> {
          List<String> ids = dialect.claim(connection, tables, floorMicros(now), until, max);
          if (ids.isEmpty()) {
            return List.of();
          }
          Map<String, OutboxEntry> byId = new HashMap<>();
          for (OutboxEntry entry :
              query(
                  "SELECT * FROM "
                      + tables.outbox()
                      + " WHERE id IN ("
                      + placeholders(ids.size())
                      + ")",
                  s -> {
                    for (int i = 0; i < ids.size(); i++) {
                      s.setString(i + 1, ids.get(i));
                    }
                  },
                  this::readOutbox)) {
            byId.put(entry.id(), entry);
          }
          return ids.stream().map(byId::get).toList();
        });
  }

  @Override
  public void markSent(String outboxId, Instant at) {
    changeOutbox(
        "mark mail " + outboxId + " sent",
        "UPDATE " + tables.outbox() + " SET state = 'SENT', sent_at = ? WHERE id = ?",
        s -> {
          dialect.setInstant(s, 1, micros(at));
          s.setString(2, outboxId);
        });
  }

  @Override
  public void markFailed(String outboxId, String error, @Nullable Instant nextAttemptAt) {
    changeOutbox(
        "mark mail " + outboxId + " failed",
        "UPDATE "
            + tables.outbox()
            + " SET attempts = attempts + 1, last_error = ?, state = ?,"
            + " next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?",
        s -> {
          s.setString(1, error);
          s.setString(2, nextAttemptAt == null ? "BLOCKED" : "PENDING");
          if (nextAttemptAt == null) {
            s.setNull(3, timestampType());
          } else {
            dialect.setInstant(s, 3, micros(nextAttemptAt));
          }
          s.setString(4, outboxId);
        });
  }

  private int timestampType() {
    return dialect.kind() == Dialect.MARIADB ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE;
  }

  private void changeOutbox(String what, String sql, SqlDialect.Binder binder) {
    int updated = call(what, () -> update(sql, binder));
    if (updated != 1) {
      throw new StoreException(what + ": no such outbox entry", null);
    }
  }

  @Override
  public Optional<OutboxEntry> outboxEntry(String outboxId) {
    return call(
        "read outbox entry",
        outboxId,
        () ->
            queryOne(
                "SELECT * FROM " + tables.outbox() + " WHERE id = ?",
                s -> s.setString(1, outboxId),
                this::readOutbox));
  }

  @Override
  public OutboxState outboxState() {
    // One pass over the (state, next_attempt_at, seq) index: a range per state, no mail read.
    return call(
        "read the outbox state",
        () -> {
          long pending = 0;
          long blocked = 0;
          Instant oldest = null;
          for (Object[] row :
              query(
                  "SELECT state, COUNT(*), MIN(next_attempt_at) FROM "
                      + tables.outbox()
                      + " WHERE state IN ('PENDING', 'BLOCKED') GROUP BY state",
                  s -> {},
                  rows ->
                      new Object[] {
                        rows.getString(1), rows.getLong(2), dialect.getInstant(rows, 3)
                      })) {
            if ("PENDING".equals(row[0])) {
              pending = (Long) row[1];
              oldest = (Instant) row[2];
            } else {
              blocked = (Long) row[1];
            }
          }
          return new OutboxState(pending, oldest, blocked);
        });
  }

  @Override
  public List<OutboxEntry> blocked(int max) {
    if (max < 1) {
      return List.of();
    }
    return call(
        "list blocked mail",
        () ->
            query(
                "SELECT * FROM "
                    + tables.outbox()
                    + " WHERE state = 'BLOCKED' ORDER BY next_attempt_at, seq LIMIT ?",
                s -> s.setInt(1, max),
                this::readOutbox));
  }

  @Override
  public boolean release(String outboxId, Instant now) {
    return call(
        "release mail",
        outboxId,
        () ->
            update(
                    "UPDATE "
                        + tables.outbox()
                        + " SET state = 'PENDING', attempts = 0, next_attempt_at = ?"
                        + " WHERE id = ? AND state = 'BLOCKED'",
                    s -> {
                      dialect.setInstant(s, 1, micros(now));
                      s.setString(2, outboxId);
                    })
                == 1);
  }

  private OutboxEntry readOutbox(ResultSet rows) throws SQLException {
    return decode(
        "outbox entry",
        () ->
            new OutboxEntry(
                new OutboundMail(
                    rows.getString("id"),
                    rows.getString("message_id"),
                    MailKind.valueOf(rows.getString("kind")),
                    rows.getString("mail_from"),
                    rows.getString("reply_to"),
                    Fields.strings(rows.getString("recipients")),
                    rows.getString("subject"),
                    rows.getString("text_body"),
                    rows.getString("html_body"),
                    rows.getString("envelope_from"),
                    rows.getString("in_reply_to"),
                    Codec.headers(rows.getString("headers"))),
                OutboxEntry.State.valueOf(rows.getString("state")),
                rows.getInt("attempts"),
                instant(rows, "next_attempt_at"),
                rows.getString("last_error"),
                dialect.getInstant(rows, "sent_at")));
  }

  // --- dispatch preferences ----------------------------------------------------------------------

  @Override
  public Optional<DispatchPreference> preference(SubscriberId subscriber, ProviderId provider) {
    return call(
        "read preference " + subscriber + "/" + provider,
        () ->
            queryOne(
                "SELECT * FROM " + tables.preference() + " WHERE subscriber = ? AND provider = ?",
                s -> {
                  s.setString(1, subscriber.value());
                  s.setString(2, provider.value());
                },
                rows ->
                    decode(
                        "preference",
                        () ->
                            new DispatchPreference(
                                new SubscriberId(rows.getString("subscriber")),
                                new ProviderId(rows.getString("provider")),
                                rows.getString("dispatch_address"),
                                Fields.strings(rows.getString("allowed_senders")),
                                Locale.forLanguageTag(rows.getString("language")),
                                rows.getString("client_address"),
                                rows.getBoolean("address_failing")))));
  }

  @Override
  public void savePreference(DispatchPreference preference) {
    call(
        "save preference",
        () ->
            update(
                dialect.upsert(
                    tables.preference(), List.of("subscriber", "provider"), PREFERENCE_COLUMNS),
                s -> {
                  s.setString(1, preference.subscriber().value());
                  s.setString(2, preference.provider().value());
                  s.setString(3, preference.dispatchAddress());
                  s.setString(4, Fields.strings(preference.allowedSenders()));
                  s.setString(5, preference.language().toLanguageTag());
                  s.setString(6, preference.clientAddress());
                  s.setBoolean(7, preference.addressFailing());
                }));
  }

  // --- once-only marks ---------------------------------------------------------------------------

  @Override
  public boolean markOnce(String scope, String key, Instant at) {
    // Scope and key may be long: the primary key is the digest of both, written unambiguously.
    String hash = sha256(new Fields.Writer().text(scope).text(key).toString());
    return call(
        "mark " + scope + " once",
        () ->
            dialect.insertUnlessDuplicate(
                connection,
                "INSERT INTO "
                    + tables.onceMark()
                    + " (mark_hash, scope, mark_key, marked_at) VALUES (?, ?, ?, ?)",
                s -> {
                  s.setString(1, hash);
                  s.setString(2, scope);
                  s.setString(3, key);
                  dialect.setInstant(s, 4, micros(at));
                }));
  }

  // --- rows <-> work orders ----------------------------------------------------------------------

  /** Binds one work-order column of a work order. */
  @FunctionalInterface
  private interface OrderBinder {
    void bind(JdbcTransaction tx, PreparedStatement statement, int index, WorkOrder order)
        throws SQLException;
  }

  /** A work-order column; {@code value} is cheap (nothing encoded) and only compared. */
  private record OrderColumn(
      String name, Function<WorkOrder, @Nullable Object> value, OrderBinder binder) {

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
    return new OrderColumn(name, value::apply, (tx, s, i, o) -> s.setString(i, value.apply(o)));
  }

  private static OrderColumn integer(String name, ToIntFunction<WorkOrder> value) {
    return new OrderColumn(
        name, value::applyAsInt, (tx, s, i, o) -> s.setInt(i, value.applyAsInt(o)));
  }

  private static OrderColumn decimal(String name, Function<WorkOrder, @Nullable BigDecimal> value) {
    return new OrderColumn(name, value::apply, (tx, s, i, o) -> s.setBigDecimal(i, value.apply(o)));
  }

  /** An instant column, kept to the microsecond (and compared so). */
  private static OrderColumn instant(String name, Function<WorkOrder, @Nullable Instant> value) {
    Function<WorkOrder, @Nullable Instant> stored =
        o -> {
          Instant instant = value.apply(o);
          return instant == null ? null : micros(instant);
        };
    return new OrderColumn(
        name, stored::apply, (tx, s, i, o) -> tx.setNullableInstant(s, i, stored.apply(o)));
  }

  /** A list column: compared as domain values, encoded only when written. */
  private static <T> OrderColumn encoded(
      String name, Function<WorkOrder, T> value, Function<T, String> codec) {
    return new OrderColumn(
        name, value::apply, (tx, s, i, o) -> s.setString(i, codec.apply(value.apply(o))));
  }

  private void setNullableInstant(PreparedStatement s, int index, @Nullable Instant instant)
      throws SQLException {
    if (instant == null) {
      s.setNull(index, timestampType());
    } else {
      dialect.setInstant(s, index, micros(instant));
    }
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

  /** Reads a row of {@link #ORDER_SELECT} and remembers it as what this transaction saw. */
  private WorkOrder readOrder(ResultSet rows) throws SQLException {
    WorkOrder order =
        decode(
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
                          PrimaryStatus.class,
                          Codec.PRIMARY_STATUSES,
                          rows.getString(STATUS_PRIMARY)),
                      Codec.constant(
                          ExtendedStatus.class,
                          Codec.EXTENDED_STATUSES,
                          rows.getString(STATUS_EXTENDED))),
                  Codec.contacts(rows.getString(CONTACTS)),
                  Codec.notes(rows.getString(NOTES)),
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
                          requestAt));
            });
    seen.put(order.key(), order);
    return order;
  }

  // --- plumbing ----------------------------------------------------------------------------------

  /** A JDBC call. */
  @FunctionalInterface
  interface SqlCall<T> {
    T run() throws SQLException;
  }

  /** Reads one row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private <T> T call(String what, SqlCall<T> work) {
    return call(what, null, work);
  }

  /**
   * Runs a JDBC call; {@code what} and {@code subject} name it in a failure. They are joined only
   * then: labels built on every call cost a reply more than one might think.
   */
  private <T> T call(String what, @Nullable Object subject, SqlCall<T> work) {
    if (!open) {
      throw new IllegalStateException("the transaction is over: " + label(what, subject));
    }
    try {
      return work.run();
    } catch (SQLException e) {
      throw new StoreException(
          "could not "
              + label(what, subject)
              + ": "
              + e.getMessage()
              + " [SQLState "
              + e.getSQLState()
              + "]",
          e);
    }
  }

  private static String label(String what, @Nullable Object subject) {
    return subject == null ? what : what + " " + subject;
  }

  private int update(String sql, SqlDialect.Binder binder) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    }
  }

  private <T> List<T> query(String sql, SqlDialect.Binder binder, RowReader<T> reader)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(reader.read(rows));
        }
        return result;
      }
    }
  }

  private <T> Optional<T> queryOne(String sql, SqlDialect.Binder binder, RowReader<T> reader)
      throws SQLException {
    List<T> rows = query(sql, binder, reader);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Rebuilds a value from a row; a row the domain refuses is corrupt, and reported as such. */
  private static <T> T decode(String what, SqlCall<T> decoder) throws SQLException {
    try {
      return decoder.run();
    } catch (SQLException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException("a stored " + what + " cannot be read back: " + e.getMessage(), e);
    }
  }

  private Instant instant(ResultSet rows, String column) throws SQLException {
    Instant value = dialect.getInstant(rows, column);
    if (value == null) {
      throw new SQLException("column " + column + " is null");
    }
    return value;
  }

  private static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static Instant floorMicros(Instant instant) {
    return micros(instant);
  }

  private static Instant ceilMicros(Instant instant) {
    Instant floor = micros(instant);
    return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MICROS);
  }

  /** A SHA-256 digest to clone: cloning is much cheaper than looking the algorithm up. */
  private static final MessageDigest SHA_256 = newSha256();

  static String sha256(String text) {
    MessageDigest digest;
    try {
      digest = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      digest = newSha256();
    }
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
