package dev.dispatchkit.mail.internal;

import jakarta.mail.Flags;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.Status;

/**
 * Walks the waiting messages of one IMAP folder, oldest first, in bounded batches: it never lists
 * the folder whole. Each {@code UID SEARCH} covers a window of {@value #WINDOW} UIDs and asks the
 * server to leave out the messages already set aside ({@code \Deleted} or one of the keywords), so
 * one window lists at most that many UIDs; across a stretch where it finds nothing the window
 * doubles, up to {@value #MAX_WINDOW} UIDs, so a sparse folder costs few round trips. The metadata
 * of the messages found is fetched {@value #FETCH_CHUNK} at a time.
 *
 * <p>A walk starts at a checkpoint, the lowest UID that may still be waiting: every message below
 * it was found set aside or gone, or taken by the source, and a message that arrives later gets a
 * higher UID. A message handed over and then left waiting (its handling failed) keeps the
 * checkpoint at or below its UID, so the next walk meets it again. It ends at the folder's {@code
 * UIDNEXT}, asked with {@code STATUS} at the start of each walk.
 *
 * <p>Held in memory and so reset by a restart, and by {@link #reset()} when the folder's
 * UIDVALIDITY changes: the checkpoint and the last UID seen. Not thread-safe: the source calls it
 * under its own lock.
 */
public final class FolderScan {

  /** UIDs that one {@code UID SEARCH} covers. */
  public static final int WINDOW = 1024;

  /** The widest window, across stretches of UIDs where no message waits. */
  public static final int MAX_WINDOW = 64 * WINDOW;

  /** Messages whose metadata is fetched in one round trip. */
  public static final int FETCH_CHUNK = 32;

  /** UIDs are 32-bit unsigned (RFC 3501). */
  private static final long MAX_UID = 0xFFFF_FFFFL;

  private final String[] setAsideKeywords;
  private final String waiting;

  private long checkpoint = 1;
  private long lastSeenUid;
  private int generation;

  /** What the source did with a waiting message. */
  public enum Visit {
    /** Handed over to the caller; it counts against the walk's maximum. */
    HANDED,
    /** Set aside (quarantined) or found gone: no longer waiting. */
    LEFT
  }

  /** Reads one waiting message. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * Reads the message the metadata names, on the folder given.
     *
     * @return whether it was handed over
     * @throws MessagingException when the connection fails; the walk may run again from it
     * @throws IOException likewise
     */
    Visit visit(IMAPFolder folder, UidCommands.Metadata metadata)
        throws MessagingException, IOException;
  }

  /**
   * A scan of a folder whose set-aside messages carry one of the keywords.
   *
   * @param setAsideKeywords the keywords of messages set aside by flagging
   */
  public FolderScan(String... setAsideKeywords) {
    this.setAsideKeywords = setAsideKeywords.clone();
    StringBuilder criteria = new StringBuilder(" UNDELETED");
    for (String keyword : setAsideKeywords) {
      criteria.append(" UNKEYWORD ").append(keyword);
    }
    this.waiting = criteria.toString();
  }

  /** Forgets the checkpoint and the last UID seen: the folder's UIDs now name other messages. */
  public void reset() {
    checkpoint = 1;
    lastSeenUid = 0;
    generation++;
  }

  /** The highest UID a walk has met waiting, or 0. */
  public long lastSeenUid() {
    return lastSeenUid;
  }

  /** The lowest UID that may still be waiting. */
  public long checkpoint() {
    return checkpoint;
  }

  /**
   * Whether a message newer than the last one seen waits in the folder. It looks window by window
   * above that UID, so many new messages are never listed whole either.
   */
  public boolean hasNewer(IMAPFolder folder) throws MessagingException {
    noop(folder);
    long top = top(folder);
    long width = WINDOW;
    for (long from = lastSeenUid + 1; from <= top; ) {
      long last = Math.min(top, from + width - 1);
      if (UidCommands.search(folder, "UID " + from + ":" + last + waiting).length > 0) {
        return true;
      }
      from = last + 1;
      width = Math.min(2 * width, MAX_WINDOW);
    }
    return false;
  }

  /** A {@code NOOP}: hands the folder what changed on the server since the last command. */
  public static void noop(IMAPFolder folder) throws MessagingException {
    folder.doCommand(
        protocol -> {
          protocol.simpleCommand("NOOP", null);
          return null;
        });
  }

  /** Whether the flags mark a message set aside: deleted, or flagged with one of the keywords. */
  public boolean isSetAside(Flags flags) {
    if (flags.contains(Flags.Flag.DELETED)) {
      return true;
    }
    for (String keyword : setAsideKeywords) {
      if (flags.contains(keyword)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Starts a walk that hands over at most {@code max} messages.
   *
   * @param max the most messages to hand over, at least 1
   * @return the walk; {@linkplain Pass#run run} it on the open folder
   */
  public Pass pass(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, was " + max);
    }
    return new Pass(max);
  }

  /**
   * One walk. When the connection fails during {@link #run}, running it again on the reopened
   * folder goes on from the message it stopped at, with the same maximum; it starts over from the
   * checkpoint when the UIDVALIDITY changed in between.
   */
  public final class Pass {
    private final int max;
    private int passGeneration = -1;
    private long cursor;
    private long lowestHanded;
    private int width;
    private int handed;
    private boolean stoppedEarly;
    private int windows;
    private int widestListing;

    private Pass(int max) {
      this.max = max;
    }

    /**
     * Runs, or goes on with, the walk on the open folder. When a visit closed the folder (its
     * handler acknowledged a message and had to reconnect), the walk goes on on the folder {@code
     * reopened} gives.
     */
    public void run(IMAPFolder folder, Supplier<IMAPFolder> reopened, Visitor visitor)
        throws MessagingException, IOException {
      IMAPFolder current = folder;
      while (true) {
        try {
          walk(current, visitor);
          return;
        } catch (Closed e) {
          current = reopened.get();
        }
      }
    }

    private void walk(IMAPFolder folder, Visitor visitor) throws MessagingException, IOException {
      if (passGeneration != generation) {
        passGeneration = generation;
        cursor = checkpoint;
        lowestHanded = Long.MAX_VALUE;
        width = WINDOW;
        stoppedEarly = false;
      }
      try {
        // A NOOP hands the folder what changed since the last command; the search then asks the
        // server, never a count cached from an earlier command.
        noop(folder);
        long top = top(folder);
        walk:
        while (cursor <= top) {
          if (handed == max) {
            stoppedEarly = true;
            break;
          }
          long last = Math.min(top, cursor + width - 1);
          checkOpen(folder);
          long[] uids = UidCommands.search(folder, "UID " + cursor + ":" + last + waiting);
          windows++;
          widestListing = Math.max(widestListing, uids.length);
          width = uids.length == 0 ? Math.min(2 * width, MAX_WINDOW) : WINDOW;
          for (int i = 0; i < uids.length; i += FETCH_CHUNK) {
            if (handed == max) {
              stoppedEarly = true;
              break walk;
            }
            long[] chunk = Arrays.copyOfRange(uids, i, Math.min(uids.length, i + FETCH_CHUNK));
            checkOpen(folder);
            // Metadata only: the content of an oversized message must never be fetched.
            Map<Long, UidCommands.Metadata> found = UidCommands.metadata(folder, chunk);
            for (long uid : chunk) {
              if (handed == max) {
                stoppedEarly = true;
                break walk;
              }
              cursor = uid;
              UidCommands.Metadata metadata = found.get(uid);
              // No metadata: another session took it. Flags set since the search: set aside.
              if (metadata != null && !isSetAside(metadata.flags())) {
                checkOpen(folder);
                lastSeenUid = Math.max(lastSeenUid, uid);
                if (visitor.visit(folder, metadata) == Visit.HANDED) {
                  handed++;
                  lowestHanded = Math.min(lowestHanded, uid);
                }
              }
              cursor = uid + 1;
            }
          }
          cursor = last + 1;
        }
      } finally {
        if (passGeneration == generation) {
          // Below this, nothing waits but what was handed over, which may still come back.
          checkpoint = Math.min(lowestHanded, cursor);
        }
      }
    }

    /** How many messages the walk handed over. */
    public int handed() {
      return handed;
    }

    /**
     * Whether the walk went over every waiting message up to the folder's end, without stopping at
     * its maximum.
     */
    public boolean complete() {
      return !stoppedEarly;
    }

    /** How many {@code UID SEARCH} windows the walk asked for. */
    public int windows() {
      return windows;
    }

    /** The most UIDs one window listed. */
    public int widestListing() {
      return widestListing;
    }
  }

  /**
   * The folder was closed under the walk: a visit that acknowledged a message may have reconnected,
   * and a closed folder would run its commands on another connection. The walk goes on where it
   * stopped, on the folder the source has open now.
   */
  private static final class Closed extends FolderClosedException {
    private static final long serialVersionUID = 1L;

    Closed(IMAPFolder folder) {
      super(folder, "the folder was closed during the walk");
    }
  }

  private static void checkOpen(IMAPFolder folder) throws Closed {
    if (!folder.isOpen()) {
      throw new Closed(folder);
    }
  }

  /**
   * The highest UID the folder may hold: its {@code UIDNEXT} less one, asked with {@code STATUS}
   * (the one the folder kept from {@code SELECT} is not kept up to date).
   */
  private static long top(IMAPFolder folder) throws MessagingException {
    String name = folder.getFullName();
    long uidNext =
        (long)
            folder.doCommand(
                p -> {
                  Status status = p.status(name, new String[] {"UIDNEXT"});
                  return status.uidnext;
                });
    if (uidNext < 1) {
      // A server that leaves it out of STATUS (it must not): the value from SELECT.
      uidNext = folder.getUIDNext();
    }
    return Math.min(uidNext - 1, MAX_UID);
  }
}
