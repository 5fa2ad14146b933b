package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresChunkedAttachmentTest extends ChunkedAttachmentBehaviour {
  PostgresChunkedAttachmentTest() {
    super(TestDatabase.POSTGRESQL);
  }
}
