package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.jdbc.testsupport.TestSchema;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.WorkOrderStoreContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The testkit's store contract on H2. */
@TestDatabase.On(TestDatabase.H2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2StoreContractTest extends WorkOrderStoreContract {
  private final TestSchema schema = new TestSchema(TestDatabase.H2);

  @Override
  protected WorkOrderStore createStore() {
    schema.empty();
    return schema.store();
  }

  @AfterAll
  void drop() throws SQLException {
    schema.drop();
  }
}
