package dev.dispatchkit.benchmarks.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.reply.InboundMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated replies have the mix the soak's checks expect. */
class ReplyPlanTest {
  private final ReplyPlan plan = new ReplyPlan(12, 4);

  @Test
  void everyOrderGetsOneAnswerAndTheSameDeliveriesForASeed() {
    for (int o = 0; o < 200; o++) {
      int order = o;
      List<ReplyPlan.Delivery> deliveries = plan.deliveries(order);
      long answers =
          deliveries.stream()
              .map(ReplyPlan.Delivery::message)
              .distinct()
              .filter(m -> m.kind() == ReplyPlan.Kind.OK || m.kind() == ReplyPlan.Kind.NON)
              .count();
      assertThat(answers).isEqualTo(1);
      assertThat(deliveries).isEqualTo(new ReplyPlan(12, 4).deliveries(order));
      assertThat(deliveries).allSatisfy(d -> assertThat(d.message().order()).isEqualTo(order));
    }
  }

  @Test
  void theMixHasUnclearRepliesAutoRepliesAndDuplicatesOnAnotherInstance() {
    List<ReplyPlan.Delivery> all = new ArrayList<>();
    for (int order = 0; order < 1_000; order++) {
      all.addAll(plan.deliveries(order));
    }
    long messages = all.stream().map(ReplyPlan.Delivery::message).distinct().count();
    assertThat(messages).isEqualTo(1_000 + 250 + 200);
    // One message in ten, give or take the draw.
    assertThat(all.size() - messages).isBetween(100L, 190L);
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i).message().equals(all.get(i - 1).message())) {
        assertThat(all.get(i).instance()).isNotEqualTo(all.get(i - 1).instance());
      }
    }
  }

  @Test
  void anAutoReplySaysSoInItsHeadersAndAnswersTheRequest() {
    DispatchedOrder request =
        new DispatchedOrder(
            "1000000",
            "dispatch@provider-0.example",
            "dispatch+token@host.example",
            "request-1@host.example",
            "Work order #1000000");
    ReplyPlan.Message away = new ReplyPlan.Message("x@soak.example", 0, ReplyPlan.Kind.AWAY);

    InboundMessage inbound = plan.inbound(away, request);

    assertThat(inbound.headers().first("Auto-Submitted")).hasValue("auto-replied");
    assertThat(inbound.inReplyTo()).isEqualTo("request-1@host.example");
    assertThat(inbound.recipients()).contains("dispatch+token@host.example");
    assertThat(inbound.from()).isEqualTo("dispatch@provider-0.example");
  }
}
