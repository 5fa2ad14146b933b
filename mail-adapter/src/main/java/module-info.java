/** DispatchKit mail adapter: Jakarta Mail SMTP sending, IMAP receiving and MIME parsing. */
module dev.dispatchkit.mail {
  requires transitive dev.dispatchkit.core;
  requires static org.jspecify;
  requires jakarta.mail;
  requires org.jsoup;

  exports dev.dispatchkit.mail;
}
