package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.MARIADB)
class MariaDbChunkedAttachmentTest extends ChunkedAttachmentBehaviour {
  MariaDbChunkedAttachmentTest() {
    super(TestDatabase.MARIADB);
  }
}
