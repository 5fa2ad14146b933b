package dev.dispatchkit.mail;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * An IMAP account a memory test polls: GreenMail's in the build, or a real server's named by {@code
 * -Dimap.host}, {@code -Dimap.port}, {@code -Dimap.user} and {@code -Dimap.password} (the
 * 100,000-message benchmark on Dovecot, which fills the folder itself).
 *
 * @param host the server's host
 * @param port its IMAP port, plain text
 * @param user the login
 * @param password the password
 */
record ImapAccount(String host, int port, String user, String password) {

  ImapAccount {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** The server named by the {@code imap.*} system properties, if {@code imap.host} is set. */
  static Optional<ImapAccount> fromSystemProperties() {
    String host = System.getProperty("imap.host");
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new ImapAccount(
            host,
            Integer.parseInt(required("imap.port")),
            required("imap.user"),
            required("imap.password")));
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("-Dimap.host is set, so -D" + name + " must be too");
    }
    return value;
  }

  /** How many messages {@code folder} holds. */
  int count(String folder) throws MessagingException {
    try (Store store = connect()) {
      Folder open = store.getFolder(folder);
      open.open(Folder.READ_ONLY);
      try {
        return open.getMessageCount();
      } finally {
        open.close(false);
      }
    }
  }

  /** Moves every message of {@code from} to {@code to} in one {@code MOVE}, flags as they are. */
  void moveAll(String from, String to) throws MessagingException {
    try (Store store = connect()) {
      IMAPFolder source = (IMAPFolder) store.getFolder(from);
      source.open(Folder.READ_WRITE);
      try {
        Message[] all = source.getMessages();
        source.moveMessages(all, store.getFolder(to));
      } finally {
        source.close(false);
      }
    }
  }

  private Store connect() throws MessagingException {
    Properties props = new Properties();
    props.setProperty("mail.imap.peek", "true");
    Store store = Session.getInstance(props).getStore("imap");
    store.connect(host, port, user, password);
    return store;
  }
}
