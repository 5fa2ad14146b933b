package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.dispatchkit.reply.InboundAttachment;
import dev.dispatchkit.spi.ReceivedMail;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message bigger than the spill threshold and than one fetch: the IMAP source fetches it by UID
 * in pieces into a spill file, from which its attachment reads whole; closing the mail, or the
 * source, deletes the file.
 */
class ImapBigMessageTest {

  @RegisterExtension static final GreenMailExtension greenMail = ImapMailbox.server();

  @RegisterExtension final ImapMailbox mailbox = new ImapMailbox(greenMail);

  @TempDir Path spill;

  // Three fetches of 1 MiB and a short one.
  private final byte[] photo = MimeParserSpillTest.random(2_400_000, 7);

  private ImapMailSource source() throws Exception {
    Store client = mailbox.client();
    Folder inbox = client.getFolder("INBOX");
    inbox.open(Folder.READ_WRITE);
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(MimeParserSpillTest.withPhoto(photo)));
    inbox.appendMessages(new Message[] {message});
    inbox.close(false);
    return mailbox.open(
        mailbox.builder().parser(MimeParser.builder().spillDirectory(spill).build()));
  }

  @Test
  void aBigMessageIsFetchedInPiecesIntoAFileThatClosingTheMailDeletes() throws Exception {
    ImapMailSource source = source();

    List<ReceivedMail> mails = source.poll(10);

    assertThat(mails).hasSize(1);
    ReceivedMail mail = mails.get(0);
    InboundAttachment attachment = mail.message().attachments().get(0);
    assertThat(attachment.size()).isEqualTo(photo.length);
    try (InputStream in = attachment.content().open()) {
      assertThat(in.readAllBytes()).isEqualTo(photo);
    }
    assertThat(files()).hasSize(1);
    assertThat(Files.size(files().get(0))).isGreaterThan(3L * 1024 * 1024);

    mail.close();

    assertThat(files()).isEmpty();
    assertThatThrownBy(() -> attachment.content().open().read()).isInstanceOf(IOException.class);
    // Polled again, not acknowledged: fetched again into a new file.
    try (ReceivedMail again = source.poll(10).get(0)) {
      assertThat(again.message().attachments().get(0).size()).isEqualTo(photo.length);
      assertThat(files()).hasSize(1);
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void closingTheSourceDeletesTheFilesOfMailsNobodyClosed() throws Exception {
    ImapMailSource source = source();
    source.poll(10);
    source.poll(10);
    assertThat(files()).hasSize(2);

    source.close();

    assertThat(files()).isEmpty();
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(spill)) {
      return files.toList();
    }
  }
}
