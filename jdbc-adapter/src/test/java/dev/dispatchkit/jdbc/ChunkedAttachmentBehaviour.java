package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.workorder.AttachmentRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attachment store's chunks, on every database by the subclasses: content is written as chunks
 * of {@link JdbcAttachmentStore#CHUNK_BYTES} and read back one at a time, and content stored in the
 * one-value column before V5 stays readable.
 */
abstract class ChunkedAttachmentBehaviour extends DatabaseTest {
  private static final int CHUNK = JdbcAttachmentStore.CHUNK_BYTES;

  private AttachmentStore attachments;

  ChunkedAttachmentBehaviour(TestDatabase database) {
    super(database);
  }

  @BeforeAll
  void createStore() {
    attachments = schema.attachments();
  }

  @Test
  void contentOfSeveralChunksComesBackWholeAChunkAtATime() throws Exception {
    byte[] content = random(2 * CHUNK + CHUNK / 2, 1);

    AttachmentRef ref = attachments.put("photo.jpg", "image/jpeg", stream(content), 3L * CHUNK);

    assertThat(ref.size()).isEqualTo(content.length);
    assertThat(ref.sha256()).isEqualTo(sha256(content));
    assertThat(chunkLengths(ref.id())).containsExactly(CHUNK, CHUNK, CHUNK / 2);
    try (InputStream in = attachments.open(ref.id())) {
      byte[] first = in.readNBytes(10);
      // One chunk in hand, not the whole content.
      assertThat(in.available()).isEqualTo(CHUNK - 10);
      byte[] rest = in.readAllBytes();
      byte[] all = new byte[first.length + rest.length];
      System.arraycopy(first, 0, all, 0, first.length);
      System.arraycopy(rest, 0, all, first.length, rest.length);
      assertThat(sha256(all)).isEqualTo(sha256(content));
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void contentOfExactlyTwoChunksHasTwo() throws Exception {
    byte[] content = random(2 * CHUNK, 2);

    AttachmentRef ref =
        attachments.put("report.pdf", "application/pdf", stream(content), 2L * CHUNK);

    assertThat(chunkLengths(ref.id())).containsExactly(CHUNK, CHUNK);
    try (InputStream in = attachments.open(ref.id())) {
      assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
    }
  }

  @Test
  void contentPastTheLimitInALaterChunkLeavesNoChunkBehind() throws Exception {
    byte[] content = random(CHUNK + 100, 3);

    assertThatThrownBy(
            () -> attachments.put("photo.jpg", "image/jpeg", stream(content), CHUNK + 99L))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e -> assertThat(e.reason()).isEqualTo(AttachmentException.Reason.TOO_LARGE));
    assertThat(count("SELECT COUNT(*) FROM " + prefix + "attachment_chunk")).isZero();
    assertThat(count("SELECT COUNT(*) FROM " + prefix + "attachment")).isZero();
  }

  @Test
  void deletingAnAttachmentDeletesItsChunks() throws Exception {
    AttachmentRef kept =
        attachments.put("a.jpg", "image/jpeg", stream(random(CHUNK + 1, 4)), CHUNK * 2L);
    AttachmentRef gone =
        attachments.put("b.jpg", "image/jpeg", stream(random(CHUNK + 1, 5)), CHUNK * 2L);

    attachments.delete(gone.id());

    assertThat(chunkLengths(gone.id())).isEmpty();
    assertThat(chunkLengths(kept.id())).containsExactly(CHUNK, 1);
  }

  @Test
  void aChunkDeletedWhileReadingFailsTheReadInsteadOfEndingIt() throws Exception {
    AttachmentRef ref =
        attachments.put("a.jpg", "image/jpeg", stream(random(CHUNK + 1, 6)), CHUNK * 2L);
    try (InputStream in = attachments.open(ref.id())) {
      in.readNBytes(CHUNK);
      attachments.delete(ref.id());

      assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("chunk 1");
    }
  }

  @Test
  void contentStoredBeforeV5IsReadableAfterIt() throws Exception {
    String before = TestDatabase.uniquePrefix();
    javax.sql.DataSource ds =
        database == TestDatabase.H2 ? database.dataSource(before) : dataSource;
    Tables tables = new Tables(before);
    try {
      Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(ds)
          .locations(database.dialect().migrationLocation())
          .table(tables.history())
          .placeholders(Map.of("prefix", before))
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .target("3")
          .load()
          .migrate();
      byte[] content = random(CHUNK + CHUNK / 3, 7);
      try (Connection c = ds.getConnection();
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO "
                      + tables.attachment()
                      + " (id, file_name, content_type, size_bytes, sha256, content)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
        for (String id : new String[] {"old", "empty"}) {
          byte[] bytes = id.equals("old") ? content : new byte[0];
          insert.setString(1, id);
          insert.setString(2, id + ".jpg");
          insert.setString(3, "image/jpeg");
          insert.setLong(4, bytes.length);
          insert.setString(5, sha256(bytes));
          insert.setBytes(6, bytes);
          insert.executeUpdate();
        }
      }

      AttachmentStore migrated = JdbcStore.builder(ds).tablePrefix(before).buildAttachmentStore();

      try (InputStream in = migrated.open("old")) {
        assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
      }
      try (InputStream in = migrated.open("empty")) {
        assertThat(in.read()).isEqualTo(-1);
      }
    } finally {
      database.dropTables(ds, before);
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rows = s.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private java.util.List<Integer> chunkLengths(String id) throws SQLException {
    java.util.List<Integer> lengths = new java.util.ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT data FROM "
                    + prefix
                    + "attachment_chunk WHERE attachment_id = ? ORDER BY seq")) {
      s.setString(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          lengths.add(rows.getBytes(1).length);
        }
      }
    }
    return lengths;
  }

  private static InputStream stream(byte[] content) {
    return new ByteArrayInputStream(content);
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
