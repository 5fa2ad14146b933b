package dev.dispatchkit.benchmarks.soak;

import dev.dispatchkit.reply.InboundResult.Outcome;
import dev.dispatchkit.workorder.CommandKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checks at the end of a soak run, each on what the run recorded and what the database holds.
 * They collect every failure (the first {@value #LISTED} in words, then only how many) instead of
 * stopping at the first, so that one run tells how widespread a fault is.
 */
final class SoakChecks {
  /** Failures described one by one; the rest are counted. */
  static final int LISTED = 20;

  /** The kinds of event a work order has before any reply. */
  private static final Set<CommandKind> BEFORE_REPLIES =
      Set.of(CommandKind.DISPATCH, CommandKind.RECORD_DISPATCH_MESSAGE);

  private final List<String> failures = new ArrayList<>();
  private int total;

  /** Notes a failure. */
  synchronized void fail(String what) {
    total++;
    if (failures.size() < LISTED) {
      failures.add(what);
    }
  }

  /** The failures described, and a last line with how many more there were. */
  synchronized List<String> failures() {
    List<String> all = new ArrayList<>(failures);
    if (total > failures.size()) {
      all.add("... and " + (total - failures.size()) + " more failures");
    }
    return all;
  }

  /** How many failures there were. */
  synchronized int count() {
    return total;
  }

  /**
   * Every delivered message was applied by exactly one delivery, with the outcome its kind calls
   * for; every other delivery of it found it a duplicate; no delivery was lost.
   *
   * @param planned the kind of each message delivered, by Message-ID
   * @param deliveries how many times each was delivered
   * @param seen the outcomes its deliveries returned
   */
  void outcomes(
      Map<String, ReplyPlan.Kind> planned,
      Map<String, Integer> deliveries,
      Map<String, ? extends Collection<Outcome>> seen) {
    for (Map.Entry<String, ReplyPlan.Kind> message : planned.entrySet()) {
      String id = message.getKey();
      Collection<Outcome> outcomes = seen.containsKey(id) ? seen.get(id) : List.of();
      int expected = deliveries.getOrDefault(id, 0);
      long duplicates = outcomes.stream().filter(o -> o == Outcome.DUPLICATE).count();
      List<Outcome> handled = outcomes.stream().filter(o -> o != Outcome.DUPLICATE).toList();
      if (outcomes.size() != expected) {
        fail(id + ": delivered " + expected + " times, " + outcomes.size() + " results");
      }
      if (handled.size() != 1 || duplicates != outcomes.size() - 1) {
        fail(id + ": applied " + handled.size() + " times (outcomes " + outcomes + ")");
      } else if (handled.get(0) != message.getValue().outcome) {
        fail(
            id
                + ": "
                + handled.get(0)
                + " where a "
                + message.getValue()
                + " reply is "
                + message.getValue().outcome);
      }
    }
    for (String id : seen.keySet()) {
      if (!planned.containsKey(id)) {
        fail(id + ": a result for a message never delivered");
      }
    }
  }

  /**
   * The inbox holds one record per delivered message and nothing else.
   *
   * @param planned the Message-IDs delivered
   * @param recorded the Message-IDs of the inbox's rows
   */
  void inbox(Set<String> planned, List<String> recorded) {
    Set<String> distinct = new HashSet<>(recorded);
    if (distinct.size() != recorded.size()) {
      fail("inbox: " + (recorded.size() - distinct.size()) + " messages recorded twice");
    }
    for (String id : planned) {
      if (!distinct.contains(id)) {
        fail("inbox: no record of " + id);
      }
    }
    for (String id : distinct) {
      if (!planned.contains(id)) {
        fail("inbox: a record of " + id + ", never delivered");
      }
    }
  }

  /**
   * A work order's timeline holds its answer once, its notes once each, and nothing half-written:
   * the stored version is the number of events, and replaying them gives the stored work order.
   *
   * @param order the work order's index
   * @param answered whether its messages were delivered (the run may end before the last orders)
   * @param kinds its timeline's event kinds
   * @param version its stored version
   * @param replays whether replaying its timeline gives the stored work order
   */
  void timeline(
      int order, boolean answered, List<CommandKind> kinds, long version, boolean replays) {
    String what = "work order " + order;
    long accepts = kinds.stream().filter(k -> k == CommandKind.ACCEPT).count();
    long declines = kinds.stream().filter(k -> k == CommandKind.DECLINE).count();
    long notes = kinds.stream().filter(k -> k == CommandKind.ADD_NOTE).count();
    boolean ok = ReplyPlan.accepts(order);
    long wantAccepts = answered && ok ? 1 : 0;
    long wantDeclines = answered && !ok ? 1 : 0;
    long wantNotes = answered ? ReplyPlan.expectedNotes(order) : 0;
    if (accepts != wantAccepts || declines != wantDeclines || notes != wantNotes) {
      fail(
          what
              + ": "
              + accepts
              + " accepts, "
              + declines
              + " declines, "
              + notes
              + " notes; expected "
              + wantAccepts
              + ", "
              + wantDeclines
              + ", "
              + wantNotes);
    }
    for (CommandKind kind : kinds) {
      if (!BEFORE_REPLIES.contains(kind)
          && kind != CommandKind.ACCEPT
          && kind != CommandKind.DECLINE
          && kind != CommandKind.ADD_NOTE) {
        fail(what + ": unexpected " + kind + " event in " + kinds);
        break;
      }
    }
    if (version != kinds.size()) {
      fail(what + ": version " + version + " but " + kinds.size() + " events");
    }
    if (!replays) {
      fail(what + ": its timeline does not replay to the stored work order");
    }
  }

  /**
   * Every mail the outbox holds was sent, and handed to the sender exactly once; the sender got
   * nothing the outbox does not hold.
   *
   * @param states each outbox row's state, by outbox id
   * @param sends how often the sender got each outbox id
   */
  void outbox(Map<String, String> states, Map<String, AtomicInteger> sends) {
    for (Map.Entry<String, String> row : states.entrySet()) {
      AtomicInteger sent = sends.get(row.getKey());
      if (!"SENT".equals(row.getValue())) {
        fail("outbox " + row.getKey() + ": " + row.getValue() + ", not sent");
      }
      if (sent == null) {
        fail("outbox " + row.getKey() + ": never handed to the sender");
      } else if (sent.get() != 1) {
        fail("outbox " + row.getKey() + ": handed to the sender " + sent.get() + " times");
      }
    }
    for (String id : sends.keySet()) {
      if (!states.containsKey(id)) {
        fail("sender got " + id + ", which the outbox does not hold");
      }
    }
  }

  /**
   * The database rolled back no transaction as a deadlock victim or a serialization failure: the
   * store would have run it again, but the target is none.
   *
   * @param rollbacks the class-40 rollbacks by SQLState
   */
  void noRollbacks(Map<String, Long> rollbacks) {
    long total = rollbacks.values().stream().mapToLong(Long::longValue).sum();
    if (total > 0) {
      fail("the database rolled back " + total + " transactions: " + rollbacks);
    }
  }
}
