package dev.dispatchkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.WorkOrder;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

  @TempDir Path dir;

  @Test
  void aProviderReplySentOverSmtpIsPolledOverImapAndAccepts() throws Exception {
    SettableClock clock = SettableClock.at(Fixtures.T0);
    try (LocalStack stack =
        LocalStack.start(dir, clock, List.of(Fixtures.PROVIDER_ADDRESS, Fixtures.CLIENT_ADDRESS))) {
      stack
          .store()
          .inTransaction(
              tx -> {
                tx.savePreference(Fixtures.preference());
                return null;
              });
      DispatchKit kit = stack.kit();
      WorkOrder order = kit.dispatch(Fixtures.dispatch().build());
      assertThat(kit.relayOutbox()).isEqualTo(1);

      List<MimeMessage> received = stack.newMail(Fixtures.PROVIDER_ADDRESS);
      assertThat(received).hasSize(1);
      MimeMessage request = received.get(0);
      assertThat(request.getReplyTo()[0].toString()).startsWith("dispatch+");
      assertThat(stack.newMail(Fixtures.PROVIDER_ADDRESS)).isEmpty();

      MimeMessage reply = stack.reply(request).text("OK").signature("Envoyé de mon iPhone").send();
      assertThat(LocalStack.header(reply, "In-Reply-To")).isEqualTo(request.getMessageID());
      assertThat(LocalStack.text(reply)).contains("> ").contains("a écrit :");

      assertThat(kit.pollOnce(stack.mailSource(), 10).handled()).isEqualTo(1);
      assertThat(
              kit.find(order.subscriber(), order.trackingNumber())
                  .orElseThrow()
                  .status()
                  .extended())
          .isEqualTo(ExtendedStatus.DISPATCH_CONFIRMED);
      assertThat(stack.quarantined()).isEmpty();
    }
  }

  @Test
  void startingAgainOnTheSameDirectoryStartsFromAnEmptyDatabase() {
    SettableClock clock = SettableClock.at(Fixtures.T0);
    for (int run = 0; run < 2; run++) {
      try (LocalStack stack = LocalStack.start(dir, clock, List.of(Fixtures.PROVIDER_ADDRESS))) {
        stack
            .store()
            .inTransaction(
                tx -> {
                  tx.savePreference(Fixtures.preference());
                  return null;
                });
        stack.kit().dispatch(Fixtures.dispatch().build());
      }
    }
  }

  @Test
  void baseAddressDropsThePlusTag() {
    assertThat(LocalStack.baseAddress("dispatch+abc@x.example")).isEqualTo("dispatch@x.example");
    assertThat(LocalStack.baseAddress("dispatch@x.example")).isEqualTo("dispatch@x.example");
  }
}
