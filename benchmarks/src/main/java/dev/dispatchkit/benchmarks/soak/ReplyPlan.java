package dev.dispatchkit.benchmarks.soak;

import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult.Outcome;
import dev.dispatchkit.reply.MailHeaders;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The replies each work order gets, the same for a seed on every run. Every work order gets one
 * answer, "OK" on even orders and "Non" on odd ones; a quarter also get an unclear reply (a
 * question, kept as a note for a person) and a fifth an out-of-office auto-reply. An order's
 * messages are delivered one after the other, to different instances and in a random order, so that
 * they race on the work order; one message in ten is delivered to a second instance too, as when
 * two pollers read one mailbox.
 */
final class ReplyPlan {

  /** What a generated message says. */
  enum Kind {
    OK(Outcome.APPLIED),
    NON(Outcome.APPLIED),
    UNCLEAR(Outcome.REVIEW),
    AWAY(Outcome.MACHINE_MAIL);

    /** The outcome of the one delivery that is not a duplicate. */
    final Outcome outcome;

    Kind(Outcome outcome) {
      this.outcome = outcome;
    }
  }

  /**
   * One generated message.
   *
   * @param messageId its Message-ID
   * @param order the index of the work order it answers
   * @param kind what it says
   */
  record Message(String messageId, int order, Kind kind) {}

  /**
   * One delivery of a message to an instance.
   *
   * @param message the message
   * @param instance the index of the instance that handles it
   */
  record Delivery(Message message, int instance) {}

  /** Deliveries per work order on average: one answer, a quarter unclear, a fifth away, +10 %. */
  static final double DELIVERIES_PER_ORDER = (1 + 0.25 + 0.2) * 1.1;

  private static final OffsetDateTime DATE =
      OffsetDateTime.of(2026, 3, 2, 9, 30, 0, 0, ZoneOffset.ofHours(1));
  private static final List<String> OK_TEXTS =
      List.of("OK, technicien en route", "OK c'est bon pour nous, merci");
  private static final List<String> NON_TEXTS =
      List.of("Non, pas disponible cette semaine", "Non merci, trop loin pour nous");
  private static final List<String> UNCLEAR_TEXTS =
      List.of(
          "Pouvez-vous m'envoyer une photo de la fuite ?",
          "Qui est le contact sur place pour l'accès au local ?");

  private final long seed;
  private final int instances;

  ReplyPlan(long seed, int instances) {
    this.seed = seed;
    this.instances = instances;
  }

  /** Whether the order's answer is "OK" (else "Non"). */
  static boolean accepts(int order) {
    return order % 2 == 0;
  }

  /** Whether the order gets an unclear reply besides its answer. */
  static boolean unclear(int order) {
    return order % 4 == 1;
  }

  /** Whether the order gets an out-of-office reply. */
  static boolean away(int order) {
    return order % 5 == 0;
  }

  /**
   * The provider notes the order's timeline ends with: the answer's own words (both texts carry
   * some besides the "OK" or "Non") and the unclear reply's text.
   */
  static int expectedNotes(int order) {
    return 1 + (unclear(order) ? 1 : 0);
  }

  /** The deliveries of one order's messages, in the order they are delivered. */
  List<Delivery> deliveries(int order) {
    Random random = new Random(seed * 1_000_003L + order);
    List<Message> messages = new ArrayList<>();
    messages.add(message(order, accepts(order) ? Kind.OK : Kind.NON));
    if (unclear(order)) {
      messages.add(message(order, Kind.UNCLEAR));
    }
    if (away(order)) {
      messages.add(message(order, Kind.AWAY));
    }
    Collections.shuffle(messages, random);
    int base = random.nextInt(instances);
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      int instance = (base + i) % instances;
      deliveries.add(new Delivery(messages.get(i), instance));
      if (random.nextInt(10) == 0) {
        int other = instances == 1 ? 0 : (instance + 1 + random.nextInt(instances - 1)) % instances;
        deliveries.add(new Delivery(messages.get(i), other));
      }
    }
    return deliveries;
  }

  private static Message message(int order, Kind kind) {
    return new Message(
        "soak-" + order + "-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "@soak.example",
        order,
        kind);
  }

  /** The message as the provider's mail client sends it, in answer to the order's request. */
  InboundMessage inbound(Message message, DispatchedOrder to) {
    Random random = new Random(seed + message.messageId().hashCode());
    InboundMessage.Builder b =
        InboundMessage.builder()
            .messageId(message.messageId())
            .from(to.providerAddress())
            .to(to.replyTo())
            .inReplyTo(to.requestMessageId())
            .subject("RE: " + to.subject())
            .date(DATE);
    return switch (message.kind()) {
      case OK -> b.textBody(pick(OK_TEXTS, random)).build();
      case NON -> b.textBody(pick(NON_TEXTS, random)).build();
      case UNCLEAR -> b.textBody(pick(UNCLEAR_TEXTS, random)).build();
      case AWAY ->
          b.subject("Réponse automatique : absent")
              .headers(
                  MailHeaders.of(List.of(new MailHeaders.Field("Auto-Submitted", "auto-replied"))))
              .textBody("Je suis absent du bureau et je lirai votre message à mon retour.")
              .build();
    };
  }

  private static String pick(List<String> texts, Random random) {
    return texts.get(random.nextInt(texts.size()));
  }
}
