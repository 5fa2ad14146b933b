package dev.dispatchkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.runtime.DispatchKitRunner;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippets of docs/operations.md, compiled and run. */
class OperationsDocsSnippetsTest {

  @TempDir Path dir;

  @Test
  void keyRotationVerifiesTokensOfTheRetiredKey() {
    byte[] oldSecret = "the retired key, 32 bytes or more....".getBytes(UTF_8);
    byte[] newSecret = "the new signing key, 32 bytes or more".getBytes(UTF_8);
    ReplyTokens before = ReplyTokens.builder().signingKey(1, oldSecret).build();
    String issuedBefore = before.issue(42);

    // snippet: rotation
    ReplyTokens tokens =
        ReplyTokens.builder()
            .signingKey(2, newSecret) // signs every new service request
            .verifyingKey(1, oldSecret) // still accepts replies to older ones
            .build();
    // end snippet

    assertThat(tokens.verify(issuedBefore)).hasValue(42);
    assertThat(tokens.verify(tokens.issue(7))).hasValue(7);
    assertThat(ReplyTokens.builder().signingKey(2, newSecret).build().verify(issuedBefore))
        .isEmpty();
  }

  @Test
  void monitoringQueriesRunOnTheJdbcStore() {
    try (LocalStack stack =
        LocalStack.start(dir, SettableClock.at(Fixtures.T0), List.of(Fixtures.PROVIDER_ADDRESS))) {
      DispatchKit kit = stack.kit();
      var store = stack.store();

      // snippet: monitoring
      List<OutboxEntry> blocked = store.inTransaction(tx -> tx.outbox().blocked(100));
      List<InboxRecord> toReview = store.inTransaction(tx -> tx.inbox().needingReview(100));
      long late = kit.list(kit.query().flags(Set.of(WorkOrderQuery.Flag.LATE)).build()).total();
      long overdue =
          kit.list(kit.query().flags(Set.of(WorkOrderQuery.Flag.RESPONSE_OVERDUE)).build()).total();
      // end snippet

      assertThat(blocked).isEmpty();
      assertThat(toReview).isEmpty();
      assertThat(late).isZero();
      assertThat(overdue).isZero();
    }
  }

  @Test
  void theRunnerStartsAndStopsOnTheLocalStack() throws Exception {
    try (LocalStack stack =
        LocalStack.start(dir, SettableClock.at(Fixtures.T0), List.of(Fixtures.PROVIDER_ADDRESS))) {
      DispatchKit kit = stack.kit();
      ImapMailSource imapSource = stack.mailSource();

      // snippet: runner
      DispatchKitRunner runner =
          DispatchKitRunner.builder(kit)
              .mailSource(imapSource) // optional: no poll loop without one
              .build();
      runner.start();
      // end snippet

      assertThat(runner.isRunning()).isTrue();
      runner.close();
      assertThat(runner.isRunning()).isFalse();
      assertThat(runner.status().relay().failures()).isZero();
    }
    String doc = Files.readString(Path.of("../docs/operations.md"), UTF_8);
    assertThat(doc)
        .contains(
            "DispatchKitRunner runner =\n"
                + "    DispatchKitRunner.builder(kit)\n"
                + "        .mailSource(imapSource) // optional: no poll loop without one\n"
                + "        .build();\n"
                + "runner.start();");
  }
}
