package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.spi.ReceivedMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two sources, as two instances of a host would have, on one mailbox: each reads and moves what it
 * means to, and a message the other took is neither lost, nor mistaken for another, nor
 * quarantined.
 */
class ImapMailSourceTwoSessionsTest {

  @RegisterExtension static final GreenMailExtension greenMail = ImapMailbox.server();

  @RegisterExtension final ImapMailbox mailbox = new ImapMailbox(greenMail);

  private final List<QuarantinedMessage> quarantined = mailbox.quarantined();

  private void deliver(String... subjects) throws MessagingException {
    Folder inbox = mailbox.client().getFolder("INBOX");
    List<Message> messages = new ArrayList<>();
    for (String subject : subjects) {
      messages.add(ImapMailbox.message(subject, "OK for " + subject));
    }
    inbox.appendMessages(messages.toArray(Message[]::new));
  }

  private List<String> subjectsIn(String folderName) throws MessagingException {
    Folder folder = mailbox.client().getFolder(folderName);
    if (!folder.exists()) {
      return List.of();
    }
    folder.open(Folder.READ_ONLY);
    try {
      List<String> subjects = new ArrayList<>();
      for (Message m : folder.getMessages()) {
        subjects.add(m.getSubject());
      }
      return subjects;
    } finally {
      folder.close(false);
    }
  }

  private List<String> flaggedProcessedIn(String folderName) throws MessagingException {
    Folder folder = mailbox.client().getFolder(folderName);
    folder.open(Folder.READ_ONLY);
    try {
      List<String> subjects = new ArrayList<>();
      for (Message m : folder.getMessages()) {
        Flags flags = m.getFlags();
        if (flags.contains(ImapMailSource.PROCESSED_KEYWORD)) {
          subjects.add(m.getSubject());
        }
      }
      return subjects;
    } finally {
      folder.close(false);
    }
  }

  private static List<String> subjects(List<ReceivedMail> mail) {
    return mail.stream().map(m -> m.message().subject()).toList();
  }

  @Test
  void acknowledgingAfterAnotherSessionMovedAnEarlierMessageMovesTheRightOne() throws Exception {
    deliver("one", "two", "three");
    ImapMailSource first = mailbox.open(mailbox.builder());
    ImapMailSource second = mailbox.open(mailbox.builder());
    List<ReceivedMail> seenByFirst = first.poll(10);
    List<ReceivedMail> seenBySecond = second.poll(10);
    assertThat(subjects(seenByFirst)).containsExactly("one", "two", "three");

    // "one" leaves the folder: the positions of "two" and "three" shift by one.
    second.acknowledge(seenBySecond.get(0));
    first.acknowledge(seenByFirst.get(2));

    assertThat(subjectsIn("Processed")).containsExactlyInAnyOrder("one", "three");
    assertThat(subjectsIn("INBOX")).containsExactly("two");
    assertThat(subjects(first.poll(10))).containsExactly("two");
    assertThat(subjects(second.poll(10))).containsExactly("two");
  }

  @Test
  void aMessageAnotherSessionTookIsAcknowledgedWithoutTouchingAnyOther() throws Exception {
    deliver("one", "two");
    ImapMailSource first = mailbox.open(mailbox.builder());
    ImapMailSource second = mailbox.open(mailbox.builder());
    ReceivedMail one = first.poll(10).get(0);
    second.acknowledge(second.poll(10).get(0));

    first.acknowledge(one);
    first.acknowledge(one);

    assertThat(subjectsIn("Processed")).containsExactly("one");
    assertThat(subjectsIn("INBOX")).containsExactly("two");
  }

  @Test
  void aFailureOfAMessageAnotherSessionTookQuarantinesNothing() throws Exception {
    deliver("one", "two");
    ImapMailSource first = mailbox.open(mailbox.builder().maxFailures(1));
    ImapMailSource second = mailbox.open(mailbox.builder());
    ReceivedMail one = first.poll(10).get(0);
    second.acknowledge(second.poll(10).get(0));

    first.failed(one, new IllegalStateException("lost the race"));

    assertThat(quarantined).isEmpty();
    assertThat(subjectsIn("Quarantine")).isEmpty();
    assertThat(subjectsIn("Processed")).containsExactly("one");
    assertThat(subjectsIn("INBOX")).containsExactly("two");
  }

  @Test
  void aPollRightAfterAnotherSeesMailThatCameInBetween() throws Exception {
    ImapMailSource source = mailbox.open(mailbox.builder());
    assertThat(source.poll(10)).isEmpty();

    deliver("new");

    assertThat(subjects(source.poll(10))).containsExactly("new");
  }

  @Test
  void twoSourcesStartingTogetherBothCreateOrFindTheFoldersAndMove() throws Exception {
    for (int round = 0; round < 5; round++) {
      String processed = "Processed" + round;
      deliver("a" + round, "b" + round);
      ImapMailSource first = mailbox.open(mailbox.builder().processedFolder(processed));
      ImapMailSource second = mailbox.open(mailbox.builder().processedFolder(processed));
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<List<ReceivedMail>>> polls =
            pool.invokeAll(
                List.of(
                    () -> {
                      start.await(10, TimeUnit.SECONDS);
                      return pollAsAHostWould(first);
                    },
                    () -> {
                      start.await(10, TimeUnit.SECONDS);
                      return pollAsAHostWould(second);
                    }));
        List<ReceivedMail> ofFirst = polls.get(0).get(20, TimeUnit.SECONDS);
        List<ReceivedMail> ofSecond = polls.get(1).get(20, TimeUnit.SECONDS);
        // Each acknowledges one: a source that lost the race to create the folder would flag it.
        first.acknowledge(ofFirst.get(0));
        second.acknowledge(ofSecond.get(1));
      } finally {
        pool.shutdownNow();
      }

      assertThat(subjectsIn(processed)).as("round %d", round).hasSize(2);
      assertThat(flaggedProcessedIn("INBOX")).as("round %d", round).isEmpty();
      assertThat(subjectsIn("INBOX")).isEmpty();
    }
  }

  /**
   * Polls until the source answers. GreenMail drops the connection of a session whose CREATE loses
   * a race (its handler throws instead of answering NO, as a real server does); the source then
   * reports the outage, and a host's next poll reconnects and finds the folder, as here.
   */
  private static List<ReceivedMail> pollAsAHostWould(ImapMailSource source)
      throws InterruptedException {
    return pollAsAHostWould(source, 10);
  }

  private static List<ReceivedMail> pollAsAHostWould(ImapMailSource source, int max)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try {
        return source.poll(max);
      } catch (MailTransportException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ImapMailSource.SetAside.class,
      names = {"MOVE", "COPY_AND_EXPUNGE"})
  void twoSourcesPollingOneMailboxAtOnceLoseNothingAndQuarantineNothing(
      ImapMailSource.SetAside mode) throws Exception {
    int count = 100;
    List<String> all = IntStream.range(0, count).mapToObj(i -> "m%03d".formatted(i)).toList();
    deliver(all.toArray(String[]::new));
    ImapMailSource first = mailbox.open(mailbox.builder().setAside(mode));
    ImapMailSource second = mailbox.open(mailbox.builder().setAside(mode));
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> handled;
    try {
      List<Future<List<String>>> runs =
          pool.invokeAll(List.of(poller(first, start), poller(second, start)));
      handled = new ArrayList<>(runs.get(0).get(60, TimeUnit.SECONDS));
      handled.addAll(runs.get(1).get(60, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }

    assertThat(quarantined).isEmpty();
    assertThat(subjectsIn("Quarantine")).isEmpty();
    assertThat(subjectsIn("INBOX")).isEmpty();
    assertThat(handled).as("every message handled at least once").containsAll(all);
    List<String> processed = subjectsIn("Processed");
    if (mode == ImapMailSource.SetAside.MOVE) {
      assertThat(processed).as("each moved exactly once").containsExactlyInAnyOrderElementsOf(all);
    } else {
      // Both sessions may copy a message before either expunges it: never fewer, never another.
      assertThat(processed).containsAll(all).allMatch(all::contains);
    }
  }

  /** Polls and acknowledges until a poll finds nothing; returns the subjects it acknowledged. */
  private static Callable<List<String>> poller(ImapMailSource source, CyclicBarrier start) {
    return () -> {
      start.await(10, TimeUnit.SECONDS);
      List<String> acknowledged = new ArrayList<>();
      // Both connect at once and may race to create the folders, which GreenMail answers by
      // dropping the loser's connection: poll again as a host would (see pollAsAHostWould).
      for (List<ReceivedMail> batch = pollAsAHostWould(source, 7);
          !batch.isEmpty();
          batch = pollAsAHostWould(source, 7)) {
        for (ReceivedMail mail : batch) {
          source.acknowledge(mail);
          acknowledged.add(mail.message().subject());
        }
      }
      return acknowledged;
    };
  }
}
