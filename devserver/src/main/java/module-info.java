/**
 * DispatchKit's development mail server: an embedded SMTP and IMAP server with plus addressing, and
 * the mail adapter's settings that match it, for local development and host tests.
 */
module dev.dispatchkit.devserver {
  requires transitive dev.dispatchkit.mail;
  requires transitive jakarta.mail;
  requires static org.jspecify;
  requires greenmail;

  exports dev.dispatchkit.devserver;
}
