package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The replica is the same database in sessions that refuse writes ({@code
 * default_transaction_read_only}), as a hot standby does.
 */
@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresReadReplicaTest extends ReadReplicaBehaviour {
  PostgresReadReplicaTest() {
    super(TestDatabase.POSTGRESQL);
  }

  @Override
  DataSource readOnlyDataSource() {
    PGSimpleDataSource replica = new PGSimpleDataSource();
    replica.setURL(System.getenv("DISPATCHKIT_TEST_POSTGRES_URL"));
    replica.setOptions("-c default_transaction_read_only=on");
    return replica;
  }
}
