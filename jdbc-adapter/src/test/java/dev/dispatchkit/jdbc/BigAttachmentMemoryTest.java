package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.jdbc.testsupport.TestSchema;
import dev.dispatchkit.mail.MimeParser;
import dev.dispatchkit.mail.ParsedMessage;
import dev.dispatchkit.reply.InboundAttachment;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.testkit.ChildJvm;
import dev.dispatchkit.workorder.AttachmentRef;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reply with a 50 MiB photo, parsed, stored through the JDBC attachment store and read back, in a
 * child JVM under {@value #HEAP} of heap: every step must stream. The child writes the message to a
 * file as it generates it (the photo in base64, 68 MB in all), parses it with {@link
 * MimeParser#open}, which spills it to a file, stores the photo, reads it back and compares SHA-256
 * digests; then it checks that closing the parsed message deleted the spill file.
 *
 * <p>Runs on H2 (a file database: an in-memory one would be the heap under test) and, when {@code
 * DISPATCHKIT_TEST_POSTGRES_URL} is set, on PostgreSQL. A third run parses the same message whole
 * in memory, as {@link MimeParser#parse(InputStream)} does, and must run out of heap: proof that
 * the limit bites, so the streaming runs pass because they stream.
 */
class BigAttachmentMemoryTest {
  static final String HEAP = "64m";
  static final int PHOTO_BYTES = 50 * 1024 * 1024;
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private Path work;

  @BeforeEach
  void createWorkDirectory() throws IOException {
    work = Files.createDirectories(Path.of("target", "big-attachment")).toAbsolutePath();
    work = Files.createTempDirectory(work, "run-");
  }

  @AfterEach
  void deleteWorkDirectory() throws IOException {
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  @Test
  void aFiftyMegabytePhotoRoundTripsThroughH2InASmallHeap() throws Exception {
    String url = "jdbc:h2:file:" + work.resolve("db") + ";CACHE_SIZE=4096";
    assertStreams(run("stream", "h2", url, "t_big_"));
  }

  @Test
  void aFiftyMegabytePhotoRoundTripsThroughPostgresInASmallHeap() throws Exception {
    // Skipped without the variable; with it, a database that cannot be reached fails here.
    assumeTrue(TestDatabase.POSTGRESQL.configured(), "DISPATCHKIT_TEST_POSTGRES_URL is not set");
    TestSchema schema = new TestSchema(TestDatabase.POSTGRESQL);
    try {
      assertStreams(run("stream", "postgresql", "", schema.prefix));
    } finally {
      schema.drop();
    }
  }

  @Test
  void theSameMessageParsedWholeInMemoryDoesNotFit() throws Exception {
    ChildJvm.Result run = run("whole", "none", "", "");

    assertThat(run.outOfMemory()).as(run.output()).isTrue();
  }

  private ChildJvm.Result run(String mode, String database, String url, String prefix)
      throws Exception {
    ChildJvm.Result run =
        ChildJvm.run(
            HEAP, List.of(), TIMEOUT, Child.class, mode, database, url, prefix, work.toString());
    System.out.printf(
        Locale.ROOT,
        "%s on %s under -Xmx%s: exit %d in %d s%n%s%n",
        mode,
        database,
        HEAP,
        run.exitCode(),
        run.elapsed().toSeconds(),
        run.output().strip());
    return run;
  }

  private static void assertStreams(ChildJvm.Result run) {
    assertThat(run.outOfMemory()).as(run.output()).isFalse();
    assertThat(run.exitCode()).as(run.output()).isZero();
    String sent = figure(run.output(), "photo sha256 ");
    assertThat(figure(run.output(), "parsed sha256 ")).isEqualTo(sent);
    assertThat(figure(run.output(), "stored sha256 ")).isEqualTo(sent);
    assertThat(figure(run.output(), "read back sha256 ")).isEqualTo(sent);
    assertThat(figure(run.output(), "stored size ")).isEqualTo(String.valueOf(PHOTO_BYTES));
    assertThat(figure(run.output(), "spilled ")).isEqualTo("true");
    assertThat(figure(run.output(), "spill files left ")).isEqualTo("0");
  }

  /** The word after {@code label} on the line that has it. */
  private static String figure(String output, String label) {
    int at = output.indexOf(label);
    assertThat(at).as("'%s' in %s", label, output).isNotNegative();
    String rest = output.substring(at + label.length());
    return rest.split("[\\s;]", 2)[0];
  }

  /**
   * The child: {@code mode database url prefix work}. Prints each figure on a line of its own;
   * exits 0 when it got through, whatever the digests say (the parent compares them).
   */
  static final class Child {
    public static void main(String[] args) throws Exception {
      String mode = args[0];
      Path work = Path.of(args[4]);
      HeapSampler heap = new HeapSampler();
      heap.start();
      Path eml = work.resolve("reply.eml");
      long start = System.nanoTime();
      String photoSha = writeReply(eml);
      long written = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "message bytes %d; written in %d ms%nphoto sha256 %s%n",
          Files.size(eml),
          ms(written - start),
          photoSha);
      Path spill = Files.createDirectories(work.resolve("spill"));
      MimeParser parser =
          MimeParser.builder().maxMessageBytes(100L * 1024 * 1024).spillDirectory(spill).build();
      if (mode.equals("whole")) {
        try (InputStream in = Files.newInputStream(eml)) {
          System.out.println("parsed whole: " + parser.parse(in).attachments().size());
        }
        return;
      }
      AttachmentStore store = store(args[1], args[2], args[3]);
      try (InputStream in = Files.newInputStream(eml);
          ParsedMessage parsed = parser.open(in)) {
        long parsedAt = System.nanoTime();
        InboundAttachment photo =
            parsed.message().attachments().stream()
                .filter(a -> a.contentType().equals("image/jpeg"))
                .findFirst()
                .orElseThrow();
        System.out.printf(
            Locale.ROOT,
            "spilled %s; parsed in %d ms%nparsed size %d%nparsed sha256 %s%n",
            parsed.spilled(),
            ms(parsedAt - written),
            photo.size(),
            sha256(photo.content().open()));
        long digested = System.nanoTime();
        AttachmentRef ref;
        try (InputStream content = photo.content().open()) {
          ref = store.put("photo.jpg", "image/jpeg", content, 60L * 1024 * 1024);
        }
        long stored = System.nanoTime();
        String back = sha256(store.open(ref.id()));
        long read = System.nanoTime();
        System.out.printf(
            Locale.ROOT,
            "stored size %d; stored in %d ms%nstored sha256 %s%nread back sha256 %s%n"
                + "read back in %d ms%n",
            ref.size(),
            ms(stored - digested),
            ref.sha256(),
            back,
            ms(read - stored));
        store.delete(ref.id());
      }
      try (Stream<Path> left = Files.list(spill)) {
        System.out.printf(Locale.ROOT, "spill files left %d%n", left.count());
      }
      System.out.printf(
          Locale.ROOT,
          "peak heap in use (sampled) %d MB of %d MB; total %d ms%n",
          heap.peak >> 20,
          Runtime.getRuntime().maxMemory() >> 20,
          ms(System.nanoTime() - start));
    }

    private static AttachmentStore store(String database, String url, String prefix) {
      DataSource ds;
      if (database.equals("h2")) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        ds = h2;
      } else {
        ds = TestDatabase.valueOf(database.toUpperCase(Locale.ROOT)).dataSource(prefix);
      }
      return JdbcStore.builder(ds).tablePrefix(prefix).buildAttachmentStore();
    }

    /**
     * A provider's reply accepting the work order, with a JPEG-typed photo of {@link #PHOTO_BYTES}
     * attached in base64, written as it is generated; returns the photo's SHA-256.
     */
    private static String writeReply(Path eml) throws IOException {
      MessageDigest digest = sha256();
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(eml), 1 << 16);
          Writer text = new java.io.OutputStreamWriter(file, StandardCharsets.US_ASCII)) {
        text.write(
            String.join(
                "\r\n",
                "From: Acme Plumbing <dispatch@acme-plumbing.example>",
                "To: dispatch+wo@host.example",
                "Subject: RE: Service request #100200",
                "Message-ID: <big-photo@acme-plumbing.example>",
                "In-Reply-To: <sr-100200@host.example>",
                "Date: Tue, 03 Mar 2026 08:00:00 +0000",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "OK, we take it. Photo of the site attached.",
                "--b1",
                "Content-Type: image/jpeg; name=\"photo.jpg\"",
                "Content-Disposition: attachment; filename=\"photo.jpg\"",
                "Content-Transfer-Encoding: base64",
                "",
                ""));
        text.flush();
        Random random = new Random(20260303);
        byte[] block = new byte[64 * 1024];
        // The MIME encoder writes 76-character lines; closing it writes the last one, not the file.
        try (OutputStream base64 = Base64.getMimeEncoder().wrap(new Unclosed(file))) {
          for (int left = PHOTO_BYTES; left > 0; left -= block.length) {
            random.nextBytes(block);
            if (left == PHOTO_BYTES) {
              // A JPEG's start of image and JFIF marker, for whoever looks at the bytes.
              block[0] = (byte) 0xFF;
              block[1] = (byte) 0xD8;
              block[2] = (byte) 0xFF;
              block[3] = (byte) 0xE0;
            }
            int n = Math.min(left, block.length);
            digest.update(block, 0, n);
            base64.write(block, 0, n);
          }
        }
        text.write("\r\n--b1--\r\n");
      }
      return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(InputStream in) throws IOException {
      try (DigestInputStream digesting = new DigestInputStream(in, sha256())) {
        digesting.transferTo(OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
      }
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Samples the heap in use every 5 ms, garbage included, on a daemon thread; the jdbc module
     * does not read java.management, whose pool peaks would say it exactly.
     */
    private static final class HeapSampler extends Thread {
      private volatile long peak;

      HeapSampler() {
        super("heap-sampler");
        setDaemon(true);
      }

      @Override
      public void run() {
        Runtime runtime = Runtime.getRuntime();
        while (true) {
          peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    private static long ms(long nanos) {
      return nanos / 1_000_000;
    }
  }

  /** Passes writes through and leaves the stream under it open when closed. */
  private static final class Unclosed extends java.io.FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
