package dev.dispatchkit.internal;

import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.workorder.WorkOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when dispatches wait for answers but the inbox stays empty: the sign of replies that never
 * reach it, most often a mail server without plus addressing dropping {@code dispatch+<token>@}. An
 * empty poll warns when a work order is still OPEN past its response deadline and this instance has
 * received no message since that work order was dispatched; at most once an hour.
 */
final class QuietInbox {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  /** How often the warning may repeat per instance. */
  static final Duration REPEAT = Duration.ofHours(1);

  private static final int CHECKED = 50;

  private final Settings s;
  private @Nullable Instant lastMessageAt;
  private @Nullable Instant lastWarnedAt;

  QuietInbox(Settings settings) {
    this.s = settings;
  }

  /** A poll received messages. */
  synchronized void received() {
    lastMessageAt = s.clock().instant();
  }

  /** A poll received nothing: warn if overdue work orders suggest the replies go astray. */
  synchronized void empty() {
    Instant now = s.clock().instant();
    if (lastWarnedAt != null && now.isBefore(lastWarnedAt.plus(REPEAT))) {
      return;
    }
    WorkOrderQuery overdue =
        WorkOrderQuery.builder(now, s.policies())
            .flags(Set.of(WorkOrderQuery.Flag.RESPONSE_OVERDUE))
            .page(0, CHECKED)
            .build();
    Instant since = lastMessageAt;
    long waiting =
        s.store().inTransaction(tx -> tx.workOrders().list(overdue)).items().stream()
            .map(WorkOrder::dispatchedAt)
            .filter(dispatched -> since == null || dispatched.isAfter(since))
            .count();
    if (waiting > 0) {
      lastWarnedAt = now;
      LOG.warn(
          "the inbox is empty, but {} work order(s) are past their response deadline with no"
              + " message received since their dispatch: check that replies to"
              + " {}+<token>@{} reach the polled mailbox (plus addressing, see docs/mail.md)",
          waiting,
          s.replyLocalPart(),
          s.replyDomain());
    }
  }
}
