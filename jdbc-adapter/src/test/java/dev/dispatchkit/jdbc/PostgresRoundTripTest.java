package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.jdbc.testsupport.RoundTripCounter;
import dev.dispatchkit.jdbc.testsupport.RoundTripSockets;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.jdbc.testsupport.TestPool;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.Change;
import dev.dispatchkit.workorder.Note;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import java.util.List;
import java.util.function.ObjIntConsumer;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL: the inbox insert, the read, and the held-back writes with the commit as one
 * statement.
 */
@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresRoundTripTest extends RoundTripBehaviour {
  PostgresRoundTripTest() {
    super(TestDatabase.POSTGRESQL, 5, 3, 2);
  }

  @Test
  void theLastWritesCarryTheCommit() {
    assertThat(apply(counted, "<commit@x>", "with the commit")).isTrue();

    List<String> statements = counter.statements();
    assertThat(statements.get(statements.size() - 1))
        .as("%s", counter.calls())
        .startsWith("WITH w AS (UPDATE ")
        .endsWith("; COMMIT");
    assertThat(counter.count(RoundTripCounter.Kind.TRANSACTION_END)).isZero();
    // Committed: another connection reads it.
    assertThat(read().notes()).extracting(Note::text).endsWith("with the commit");
  }

  /**
   * The facade's order (read, write, record last): the read, then the writes, the record and the
   * commit together.
   */
  @Test
  void aReplyRecordedLastTakesTwoNetworkRoundTrips() throws Exception {
    long trips =
        networkRoundTrips(
            (on, i) ->
                on.inTransaction(
                    (StoreTransaction tx) -> {
                      WorkOrder current = tx.workOrders().find(KEY).orElseThrow();
                      Change change =
                          current.handle(
                              new WorkOrderCommand.AddNote("last " + i, NoteAuthor.PROVIDER),
                              Orders.T0.plusSeconds(60));
                      tx.workOrders().update(change.after(), current.version());
                      tx.timeline().append(KEY, change.event());
                      tx.outbox().enqueue(notice("notice-last-" + i), Orders.T0);
                      tx.inbox().recordLast(inbound("<last-" + i + "@x>"));
                      return null;
                    }));
    assertThat(trips).isEqualTo(2);
    assertThat(read().notes()).extracting(Note::text).endsWith("last 6");
  }

  @Test
  void anAppliedReplyTakesThreeNetworkRoundTrips() throws Exception {
    long trips = networkRoundTrips((on, i) -> apply(on, "<reply-" + i + "@x>", "reply " + i));
    // The inbox insert (after pgjdbc's BEGIN), the read, the writes with the commit.
    assertThat(trips).isEqualTo(3);
    assertThat(read().notes()).extracting(Note::text).endsWith("reply 6");
  }

  /**
   * Runs {@code unit} seven times on a pooled connection whose socket counts the network round
   * trips (six to pass pgjdbc's prepare threshold, so that the figure is a warm connection's) and
   * returns those of the last.
   */
  private long networkRoundTrips(ObjIntConsumer<WorkOrderStore> unit) throws Exception {
    PGSimpleDataSource direct = (PGSimpleDataSource) TestDatabase.POSTGRESQL.dataSource("wire");
    String counter = RoundTripSockets.newCounter();
    direct.setSocketFactory(RoundTripSockets.class.getName());
    direct.setSocketFactoryArg(counter);
    try (TestPool pool = new TestPool(direct, 1)) {
      WorkOrderStore wired = JdbcStore.builder(pool).tablePrefix(prefix).migrate(false).build();
      for (int i = 0; i < 6; i++) {
        unit.accept(wired, i);
      }
      RoundTripSockets.reset(counter);
      unit.accept(wired, 6);
      return RoundTripSockets.roundTrips(counter);
    } finally {
      RoundTripSockets.remove(counter);
    }
  }
}
