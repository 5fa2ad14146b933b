package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.SqlSession.ceilMicros;

import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.Transitions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The WHERE clause of a {@link WorkOrderQuery}, with its parameters. */
final class WorkOrderConditions {
  private final SqlDialect dialect;

  WorkOrderConditions(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** The statuses from which the transition table allows a reassignment. */
  private static final List<Status> REASSIGNABLE_STATUSES =
      Status.all().stream()
          .filter(s -> Transitions.target(s, CommandKind.REASSIGN).isPresent())
          .toList();

  /** A parameter of a generated WHERE clause. */
  @FunctionalInterface
  interface Param {
    void set(PreparedStatement statement, int index) throws SQLException;
  }

  String where(WorkOrderQuery query, List<Param> values) {
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
    in("priority", query.priorities(), conditions);
    in("status_primary", query.primaryStatuses(), conditions);
    in("status_extended", query.extendedStatuses(), conditions);
    for (WorkOrderQuery.Flag flag : query.flags()) {
      conditions.add(flag(flag, query.asOf(), query.policies(), values));
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /**
   * {@code column IN ('A', 'B')} with the enum names written into the statement, not bound: they
   * are constants of the code (upper-case letters and underscores, checked), and a planner that
   * sees them can prove a partial index's condition (the active work orders' index on PostgreSQL)
   * and use the column's statistics for each value, in every plan it caches.
   */
  private static void in(String column, Set<? extends Enum<?>> set, List<String> conditions) {
    if (set.isEmpty()) {
      return;
    }
    conditions.add(
        column
            + " IN ("
            + set.stream()
                .map(value -> literal(value.name()))
                .sorted()
                .collect(Collectors.joining(", "))
            + ")");
  }

  /** An enum name as an SQL string literal; refuses anything but upper-case letters and "_". */
  static String literal(String name) {
    if (!ENUM_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an enum name: " + name);
    }
    return "'" + name + "'";
  }

  private static final Pattern ENUM_NAME = Pattern.compile("[A-Z][A-Z_]*");

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
      case UNDELIVERED -> "(undelivered = TRUE)";
      case REASSIGNABLE -> {
        StringBuilder sql = new StringBuilder("(");
        List<String> statuses = new ArrayList<>();
        for (Status status : REASSIGNABLE_STATUSES) {
          statuses.add(
              "(status_primary = "
                  + literal(status.primary().name())
                  + " AND status_extended = "
                  + literal(status.extended().name())
                  + ")");
        }
        sql.append(statuses.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", statuses) + ")");
        sql.append(" AND ((status_primary = 'OPEN' AND status_extended = 'DECLINED') OR ");
        sql.append(overdue(asOf, policies, values)).append(" OR ");
        sql.append(late(asOf, values)).append(" OR ");
        sql.append(tooOften(policies, values)).append(" OR (undelivered = TRUE)))");
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
    // The deadline is max(dispatched, min(dispatched + window, expected - lead)); asOf is past it
    // when it is past the dispatch and past either of the two bounds.
    Instant now = ceilMicros(asOf);
    Instant lead = ceilMicros(asOf.plus(policies.responseLeadTime()));
    values.add((s, i) -> dialect.setInstant(s, i, now));
    values.add((s, i) -> dialect.setInstant(s, i, lead));
    List<String> windows = new ArrayList<>();
    for (Priority priority : Priority.values()) {
      Instant bound = ceilMicros(asOf.minus(policies.responseWindow(priority)));
      windows.add("(priority = " + literal(priority.name()) + " AND dispatched_at < ?)");
      values.add((s, i) -> dialect.setInstant(s, i, bound));
    }
    return "(status_primary = 'OPEN' AND status_extended = 'NONE' AND dispatched_at < ?"
        + " AND (expected_at < ? OR "
        + String.join(" OR ", windows)
        + "))";
  }

  private static String tooOften(DispatchPolicies policies, List<Param> values) {
    int limit = policies.rescheduleLimit();
    values.add((s, i) -> s.setInt(i, limit));
    return "(reschedule_count > ?)";
  }

  static int bindAll(PreparedStatement statement, List<Param> values) throws SQLException {
    int index = 1;
    for (Param value : values) {
      value.set(statement, index++);
    }
    return index;
  }
}
