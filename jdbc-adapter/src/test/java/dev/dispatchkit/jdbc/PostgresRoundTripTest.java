package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.jdbc.testsupport.RoundTripCounter;
import dev.dispatchkit.jdbc.testsupport.RoundTripSockets;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.jdbc.testsupport.TestPool;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.Note;
import java.util.List;
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

  @Test
  void anAppliedReplyTakesThreeNetworkRoundTrips() throws Exception {
    PGSimpleDataSource direct = (PGSimpleDataSource) TestDatabase.POSTGRESQL.dataSource("wire");
    String counter = RoundTripSockets.newCounter();
    direct.setSocketFactory(RoundTripSockets.class.getName());
    direct.setSocketFactoryArg(counter);
    try (TestPool pool = new TestPool(direct, 1)) {
      WorkOrderStore wired = JdbcStore.builder(pool).tablePrefix(prefix).migrate(false).build();
      // Past pgjdbc's prepare threshold (5), so that the figure is a warm connection's.
      for (int i = 0; i < 6; i++) {
        assertThat(apply(wired, "<warm-" + i + "@x>", "warm " + i)).isTrue();
      }
      RoundTripSockets.reset(counter);
      assertThat(apply(wired, "<counted@x>", "counted")).isTrue();
      // The inbox insert (after pgjdbc's BEGIN), the read, the writes with the commit.
      assertThat(RoundTripSockets.roundTrips(counter)).isEqualTo(3);
    } finally {
      RoundTripSockets.remove(counter);
    }
    assertThat(read().notes()).extracting(Note::text).endsWith("counted");
  }
}
