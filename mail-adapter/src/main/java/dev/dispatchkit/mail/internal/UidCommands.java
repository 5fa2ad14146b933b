package dev.dispatchkit.mail.internal;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.jspecify.annotations.Nullable;

/**
 * The IMAP commands of {@link dev.dispatchkit.mail.ImapMailSource}, every one addressed by UID.
 *
 * <p>Jakarta Mail's {@code Message} objects, and its fetch, copy, move and store calls, address
 * messages by sequence number. A sequence number names a position in the folder, and another
 * session that moves or expunges a message shifts the positions after it; a server may tell this
 * session only later (GreenMail numbers by the live folder at once, while the {@code EXPUNGE} that
 * explains it waits for the next command's end). A command by sequence number may then read or move
 * another message than the one meant. A UID names one message for the life of the folder's
 * UIDVALIDITY, and a {@code UID} command on a UID that is gone affects nothing: so every command
 * here is a {@code UID} command, and a message another session took is simply not there.
 */
public final class UidCommands {

  private UidCommands() {}

  /** What a poll needs to know of a message before fetching its content. */
  public record Metadata(
      long uid,
      long size,
      Flags flags,
      @Nullable String messageId,
      @Nullable String from,
      String subject) {}

  /** What the server says a {@code UID MOVE} or {@code UID COPY} did. */
  public enum Transfer {
    /** It moved or copied the message ({@code COPYUID}). */
    DONE,
    /** No message had the UID: nothing moved or copied. */
    NOTHING_THERE,
    /** The server does not say (no UIDPLUS). */
    UNREPORTED
  }

  /** The UIDs of the messages in the folder, ascending; {@code criteria} as in RFC 3501. */
  public static long[] search(IMAPFolder folder, String criteria) throws MessagingException {
    return (long[])
        folder.doCommand(
            p -> {
              Response[] responses = p.command("UID SEARCH " + criteria, null);
              Response status = responses[responses.length - 1];
              List<Long> uids = new ArrayList<>();
              if (status.isOK()) {
                for (int i = 0; i < responses.length - 1; i++) {
                  if (responses[i] instanceof IMAPResponse r && r.keyEquals("SEARCH")) {
                    for (long uid; (uid = r.readLong()) != -1; ) {
                      uids.add(uid);
                    }
                    responses[i] = null;
                  }
                }
              }
              finish(p, responses);
              return uids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
            });
  }

  /**
   * The metadata of those of the messages that are still in the folder, by UID. A message another
   * session took has none; so have all of them when the server refuses the fetch with {@code NO},
   * which RFC 2180 allows for a message another session expunged.
   */
  public static Map<Long, Metadata> metadata(IMAPFolder folder, long[] uids)
      throws MessagingException {
    @SuppressWarnings("unchecked")
    Map<Long, Metadata> found =
        (Map<Long, Metadata>)
            folder.doCommand(
                p -> {
                  Response[] responses =
                      p.command(
                          "UID FETCH " + uidSet(uids) + " (UID RFC822.SIZE FLAGS ENVELOPE)", null);
                  Map<Long, Metadata> byUid = new LinkedHashMap<>();
                  for (int i = 0; i < responses.length - 1; i++) {
                    if (responses[i] instanceof FetchResponse f) {
                      UID uid = f.getItem(UID.class);
                      RFC822SIZE size = f.getItem(RFC822SIZE.class);
                      FLAGS flags = f.getItem(FLAGS.class);
                      ENVELOPE envelope = f.getItem(ENVELOPE.class);
                      // An unsolicited FETCH (a flag change) carries the UID but not the rest.
                      if (uid != null && size != null && flags != null && envelope != null) {
                        byUid.put(uid.uid, metadataOf(uid.uid, size.size, flags, envelope));
                      }
                      responses[i] = null;
                    }
                  }
                  if (!refused(p, responses)) {
                    return byUid;
                  }
                  return Map.of();
                });
    return found;
  }

  /** Whether a message with the UID is in the folder. */
  public static boolean exists(IMAPFolder folder, long uid) throws MessagingException {
    return (boolean)
        folder.doCommand(
            p -> {
              Response[] responses = p.command("UID FETCH " + uid + " (UID)", null);
              boolean found = false;
              for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof FetchResponse f) {
                  UID item = f.getItem(UID.class);
                  found |= item != null && item.uid == uid;
                  responses[i] = null;
                }
              }
              return !refused(p, responses) && found;
            });
  }

  /** {@code UID MOVE}; moves nothing when no message has the UID. */
  public static Transfer move(IMAPFolder folder, long uid, String target)
      throws MessagingException {
    return transfer(folder, "UID MOVE " + uid, target);
  }

  /** {@code UID COPY}; copies nothing when no message has the UID. */
  public static Transfer copy(IMAPFolder folder, long uid, String target)
      throws MessagingException {
    return transfer(folder, "UID COPY " + uid, target);
  }

  /** Adds the flags with {@code UID STORE +FLAGS.SILENT}. */
  public static void addFlags(IMAPFolder folder, long uid, Flags flags) throws MessagingException {
    StringJoiner list = new StringJoiner(" ", "(", ")");
    for (Flags.Flag flag : flags.getSystemFlags()) {
      if (flag == Flags.Flag.SEEN) {
        list.add("\\Seen");
      } else if (flag == Flags.Flag.DELETED) {
        list.add("\\Deleted");
      } else {
        throw new IllegalArgumentException("unexpected flag " + flag);
      }
    }
    for (String keyword : flags.getUserFlags()) {
      list.add(keyword);
    }
    simple(folder, "UID STORE " + uid + " +FLAGS.SILENT " + list);
  }

  /** {@code UID EXPUNGE} (UIDPLUS): removes the message if it is flagged {@code \Deleted}. */
  public static void expunge(IMAPFolder folder, long uid) throws MessagingException {
    simple(folder, "UID EXPUNGE " + uid);
  }

  /** {@code EXPUNGE}: removes every message flagged {@code \Deleted}. */
  public static void expungeAll(IMAPFolder folder) throws MessagingException {
    simple(folder, "EXPUNGE");
  }

  private static void simple(IMAPFolder folder, String command) throws MessagingException {
    folder.doCommand(
        p -> {
          finish(p, p.command(command, null));
          return null;
        });
  }

  private static Transfer transfer(IMAPFolder folder, String command, String target)
      throws MessagingException {
    return (Transfer)
        folder.doCommand(
            p -> {
              Argument args = new Argument();
              if (p.supportsUtf8()) {
                args.writeString(target, StandardCharsets.UTF_8);
              } else {
                args.writeString(BASE64MailboxEncoder.encode(target));
              }
              Response[] responses = p.command(command, args);
              // RFC 4315: COPYUID names the messages copied, none copied, none named. After UID
              // MOVE it comes in an untagged OK (RFC 6851), after UID COPY in the tagged one.
              boolean named = false;
              for (Response r : responses) {
                String rest = r.isOK() ? r.getRest() : null;
                named |= rest != null && rest.toUpperCase(Locale.ROOT).startsWith("[COPYUID");
              }
              finish(p, responses);
              if (!p.hasCapability("UIDPLUS")) {
                return Transfer.UNREPORTED;
              }
              return named ? Transfer.DONE : Transfer.NOTHING_THERE;
            });
  }

  /**
   * Hands the responses not consumed to the folder (EXISTS, EXPUNGE...), and throws for a failed
   * command.
   */
  private static void finish(IMAPProtocol p, Response[] responses) throws ProtocolException {
    Response status = responses[responses.length - 1];
    p.notifyResponseHandlers(responses);
    p.handleResult(status);
  }

  /** Like {@link #finish}, but returns true instead of throwing when the server says NO. */
  static boolean refused(IMAPProtocol p, Response[] responses) throws ProtocolException {
    try {
      finish(p, responses);
      return false;
    } catch (CommandFailedException e) {
      return true;
    }
  }

  private static Metadata metadataOf(long uid, long size, Flags flags, ENVELOPE envelope) {
    String messageId = envelope.messageId;
    if (messageId != null) {
      messageId = messageId.strip();
      if (messageId.startsWith("<") && messageId.endsWith(">")) {
        messageId = messageId.substring(1, messageId.length() - 1);
      }
    }
    InternetAddress[] from = envelope.from;
    String sender = from != null && from.length > 0 ? from[0].getAddress() : null;
    String subject = "";
    if (envelope.subject != null) {
      try {
        subject = MimeUtility.decodeText(envelope.subject);
      } catch (UnsupportedEncodingException e) {
        subject = envelope.subject;
      }
    }
    return new Metadata(uid, size, new Flags(flags), messageId, sender, subject);
  }

  /** The UIDs as an IMAP sequence set; consecutive ones as ranges. */
  static String uidSet(long[] uids) {
    StringJoiner set = new StringJoiner(",");
    for (int i = 0; i < uids.length; ) {
      int j = i;
      while (j + 1 < uids.length && uids[j + 1] == uids[j] + 1) {
        j++;
      }
      set.add(j == i ? Long.toString(uids[i]) : uids[i] + ":" + uids[j]);
      i = j + 1;
    }
    return set.toString();
  }
}
