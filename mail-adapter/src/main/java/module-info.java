/** DispatchKit mail adapter: Jakarta Mail SMTP sending, IMAP receiving and MIME parsing. */
module dev.dispatchkit.mail {
  requires transitive dev.dispatchkit.core;
  requires static org.jspecify;
  requires jakarta.mail;
  // SMTPMessage (envelope sender), SMTP reply codes, IMAPFolder (MOVE, IDLE, UIDs).
  requires org.eclipse.angus.mail;
  requires org.slf4j;
  requires org.jsoup;

  exports dev.dispatchkit.mail;
}
