package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.dispatchkit.mail.internal.FolderScan;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The walk of {@link ImapMailSource}'s folder: windows of UIDs, never the folder whole, from a
 * checkpoint. GreenMail's {@code FETCH} costs time in the square of the folder's size, so the
 * folders here are a little over one window, not large.
 */
class FolderScanTest {

  @RegisterExtension static final GreenMailExtension greenMail = ImapMailbox.server();

  @RegisterExtension final ImapMailbox mailbox = new ImapMailbox(greenMail);

  private final FolderScan scan =
      new FolderScan(ImapMailSource.PROCESSED_KEYWORD, ImapMailSource.QUARANTINED_KEYWORD);

  private IMAPFolder inbox() throws Exception {
    Store client = mailbox.client();
    IMAPFolder folder = (IMAPFolder) client.getFolder("INBOX");
    folder.open(Folder.READ_WRITE);
    return folder;
  }

  private static Flags processed() {
    return new Flags(ImapMailSource.PROCESSED_KEYWORD);
  }

  @Test
  void aFolderLargerThanAWindowIsListedOneWindowAtATime() throws Exception {
    int size = FolderScan.WINDOW + 200;
    mailbox.append(ImapMailbox.message("reply", "OK"), size, new Flags());
    IMAPFolder folder = inbox();
    List<Long> seen = new ArrayList<>();

    FolderScan.Pass pass = scan.pass(40);
    pass.run(folder, () -> folder, (f, m) -> visit(seen, m.uid()));

    assertThat(seen).hasSize(40).startsWith(1L, 2L).endsWith(40L);
    assertThat(pass.windows()).isEqualTo(1);
    assertThat(pass.widestListing()).isEqualTo(FolderScan.WINDOW);
    assertThat(pass.complete()).isFalse();
    // Nothing acknowledged: the next walk starts again at the oldest.
    assertThat(scan.checkpoint()).isEqualTo(1);
  }

  @Test
  void setAsideMessagesAreLeftOutByTheServerAndEmptyStretchesWidenTheWindow() throws Exception {
    int setAside = 3 * FolderScan.WINDOW;
    mailbox.append(ImapMailbox.message("done", "OK"), setAside, processed());
    mailbox.append(ImapMailbox.message("new", "OK"), 5, new Flags());
    IMAPFolder folder = inbox();
    List<Long> seen = new ArrayList<>();

    FolderScan.Pass pass = scan.pass(100);
    pass.run(folder, () -> folder, (f, m) -> visit(seen, m.uid()));

    long first = setAside + 1;
    assertThat(seen).containsExactly(first, first + 1, first + 2, first + 3, first + 4);
    // 1,024 empty, then 2,048 empty reaching past the set-aside ones, then the rest.
    assertThat(pass.windows()).isEqualTo(3);
    assertThat(pass.widestListing()).isEqualTo(5);
    assertThat(pass.complete()).isTrue();
    assertThat(scan.checkpoint()).isEqualTo(first);
    assertThat(scan.lastSeenUid()).isEqualTo(first + 4);
  }

  @Test
  void theCheckpointPassesWhatLeftTheFolderAndKeepsWhatWasHandedOver() throws Exception {
    mailbox.append(ImapMailbox.message("reply", "OK"), 10, new Flags());
    IMAPFolder folder = inbox();
    List<Long> seen = new ArrayList<>();
    // The first three are quarantined (left), the rest handed over.
    scan.pass(4)
        .run(
            folder,
            () -> folder,
            (f, m) -> m.uid() <= 3 ? FolderScan.Visit.LEFT : visit(seen, m.uid()));
    assertThat(seen).containsExactly(4L, 5L, 6L, 7L);
    assertThat(scan.checkpoint()).isEqualTo(4);

    seen.clear();
    scan.reset();
    assertThat(scan.checkpoint()).isEqualTo(1);
    scan.pass(2).run(folder, () -> folder, (f, m) -> visit(seen, m.uid()));
    assertThat(seen).containsExactly(1L, 2L);
  }

  @Test
  void hasNewerLooksOnlyAboveTheLastUidSeen() throws Exception {
    mailbox.append(ImapMailbox.message("reply", "OK"), 3, new Flags());
    IMAPFolder folder = inbox();
    assertThat(scan.hasNewer(folder)).isTrue();

    scan.pass(10).run(folder, () -> folder, (f, m) -> FolderScan.Visit.HANDED);
    assertThat(scan.hasNewer(folder)).isFalse();

    mailbox.append(ImapMailbox.message("done elsewhere", "OK"), 1, processed());
    assertThat(scan.hasNewer(folder)).isFalse();
    mailbox.append(ImapMailbox.message("later", "OK"), 1, new Flags());
    assertThat(scan.hasNewer(folder)).isTrue();
  }

  private static FolderScan.Visit visit(List<Long> seen, long uid) {
    seen.add(uid);
    return FolderScan.Visit.HANDED;
  }
}
