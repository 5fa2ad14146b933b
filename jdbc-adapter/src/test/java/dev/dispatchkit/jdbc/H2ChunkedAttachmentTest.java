package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.H2)
class H2ChunkedAttachmentTest extends ChunkedAttachmentBehaviour {
  H2ChunkedAttachmentTest() {
    super(TestDatabase.H2);
  }
}
