package dev.dispatchkit.examples.e2e;

import java.time.Duration;

/** The host's polling loop, as docs/mail.md shows it, bounded for tests. */
final class Polling {

  private static final Duration GIVE_UP = Duration.ofSeconds(20);

  private Polling() {}

  /**
   * Polls and waits for new mail ({@code awaitNewMail}, which asks the server) until {@code
   * expected} messages were handled; fails with the count reached when they do not come.
   *
   * @return how many messages were handled; at least {@code expected}
   */
  static int pollUntil(Node node, int expected) {
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    int handled = 0;
    while (true) {
      handled += node.kit.pollOnce(node.source, 50).handled();
      if (handled >= expected) {
        return handled;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "gave up after "
                + GIVE_UP
                + ": "
                + handled
                + " of "
                + expected
                + " message(s) handled");
      }
      node.source.awaitNewMail(Duration.ofMillis(500));
    }
  }
}
