package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.jdbc.testsupport.TestSchema;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.testkit.AttachmentStoreContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The testkit's attachment contract on POSTGRESQL. */
@TestDatabase.On(TestDatabase.POSTGRESQL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresAttachmentContractTest extends AttachmentStoreContract {
  private final TestSchema schema = new TestSchema(TestDatabase.POSTGRESQL);

  @Override
  protected AttachmentStore createStore() {
    schema.empty();
    return schema.attachments();
  }

  @AfterAll
  void drop() throws SQLException {
    schema.drop();
  }
}
