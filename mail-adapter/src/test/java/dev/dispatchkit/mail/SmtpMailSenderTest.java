package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpMailSenderTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private SmtpMailSender sender() {
    return JakartaMail.smtp()
        .host("127.0.0.1")
        .port(greenMail.getSmtp().getPort())
        .security(MailSecurity.NONE)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static OutboundMail mail(
      MailKind kind, @Nullable String html, @Nullable String envelopeFrom, String from) {
    return new OutboundMail(
        "row-42",
        "row-42.dispatch@dispatchkit.example",
        kind,
        from,
        "reply+tok3n@dispatchkit.example",
        java.util.List.of("plombier@example.com"),
        "Intervention n° 42 – Café Étoile, Genève",
        "Bonjour,\nUne fuite à réparer.\n",
        html,
        envelopeFrom,
        null,
        Map.of("X-DispatchKit-Tracking", "42"));
  }

  private static OutboundMail mail(MailKind kind) {
    return mail(kind, null, null, "dispatch@dispatchkit.example");
  }

  private static MimeMessage onlyReceived() {
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }

  @Test
  void sentMailCarriesTheOutboxMessageIdAndEncodedSubject() throws Exception {
    sender().send(mail(MailKind.NOTIFICATION));

    MimeMessage received = onlyReceived();
    assertThat(received.getHeader("Message-ID"))
        .containsExactly("<row-42.dispatch@dispatchkit.example>");
    assertThat(received.getSubject()).isEqualTo("Intervention n° 42 – Café Étoile, Genève");
    assertThat(received.getHeader("Subject")[0]).startsWith("=?UTF-8?").doesNotContain("é");
    assertThat(received.getHeader("X-DispatchKit-Tracking")).containsExactly("42");
    assertThat(received.getReplyTo())
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("reply+tok3n@dispatchkit.example");
    assertThat(received.getContentType()).startsWith("text/plain").contains("UTF-8");
    assertThat(received.getContent()).asString().contains("Une fuite à réparer.");
    assertThat(received.getHeader("Auto-Submitted")).isNull();
    assertThat(received.getHeader("X-Auto-Response-Suppress")).isNull();
  }

  @Test
  void aRetriedSendCarriesTheSameMessageId() throws Exception {
    SmtpMailSender sender = sender();
    sender.send(mail(MailKind.DISPATCH));
    sender.send(mail(MailKind.DISPATCH));

    assertThat(greenMail.getReceivedMessages())
        .extracting(m -> m.getHeader("Message-ID")[0])
        .containsExactly(
            "<row-42.dispatch@dispatchkit.example>", "<row-42.dispatch@dispatchkit.example>");
  }

  @Test
  void htmlIsSentAsAnAlternativeToText() throws Exception {
    sender()
        .send(mail(MailKind.DISPATCH, "<p>Une fuite à <b>réparer</b></p>", null, "d@x.example"));

    MimeMessage received = onlyReceived();
    assertThat(received.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) received.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(0).getContent()).asString().contains("Une fuite à réparer.");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(parts.getBodyPart(1).getContent())
        .asString()
        .contains("<p>Une fuite à <b>réparer</b></p>");
  }

  @Test
  void dispatchAsksExchangeAutoRespondersToStayQuiet() throws Exception {
    sender().send(mail(MailKind.DISPATCH));

    MimeMessage received = onlyReceived();
    assertThat(received.getHeader("X-Auto-Response-Suppress")).containsExactly("OOF, AutoReply");
    assertThat(received.getHeader("Auto-Submitted")).isNull();
  }

  @Test
  void machineNoticeIsMarkedAutoReplied() throws Exception {
    sender().send(mail(MailKind.MACHINE_NOTICE));

    MimeMessage received = onlyReceived();
    assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-replied");
    assertThat(received.getHeader("X-Auto-Response-Suppress")).containsExactly("All");
  }

  @Test
  void anAnswerReferencesTheMailItAnswers() throws Exception {
    OutboundMail base = mail(MailKind.MACHINE_NOTICE);
    sender()
        .send(
            new OutboundMail(
                base.id(),
                base.messageId(),
                base.kind(),
                base.from(),
                null,
                base.to(),
                base.subject(),
                base.textBody(),
                null,
                null,
                "CAF00@provider.example",
                Map.of()));

    MimeMessage received = onlyReceived();
    assertThat(received.getHeader("In-Reply-To")).containsExactly("<CAF00@provider.example>");
    assertThat(received.getHeader("References")).containsExactly("<CAF00@provider.example>");
    assertThat(received.getHeader("Reply-To")).isNull();
  }

  @Test
  void verpEnvelopeSenderBecomesTheReturnPath() throws Exception {
    String verp = new Verp("bounces", "dispatchkit.example").address("row-42");
    sender().send(mail(MailKind.DISPATCH, null, verp, "dispatch@dispatchkit.example"));

    MimeMessage received = onlyReceived();
    assertThat(received.getHeader("Return-Path"))
        .containsExactly("<bounces+row-42@dispatchkit.example>");
    assertThat(((InternetAddress) received.getFrom()[0]).getAddress())
        .isEqualTo("dispatch@dispatchkit.example");
  }

  @Test
  void aNonAsciiDisplayNameIsEncoded() throws Exception {
    sender().send(mail(MailKind.NOTIFICATION, null, null, "Équipe Dispatch <dispatch@x.example>"));

    MimeMessage received = onlyReceived();
    assertThat(received.getHeader("From")[0]).startsWith("=?UTF-8?").doesNotContain("É");
    InternetAddress from = (InternetAddress) received.getFrom()[0];
    assertThat(from.getPersonal()).isEqualTo("Équipe Dispatch");
    assertThat(from.getAddress()).isEqualTo("dispatch@x.example");
  }

  @Test
  void aLineBreakCannotReachAHeader() {
    assertThatThrownBy(
            () ->
                mail(
                    MailKind.DISPATCH,
                    null,
                    null,
                    "dispatch@x.example\r\nBcc: everyone@example.com"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("from");
  }

  @Test
  void aSecondAddressSmuggledIntoFromIsRefusedPermanently() {
    OutboundMail smuggled =
        mail(MailKind.DISPATCH, null, null, "dispatch@x.example, victim@elsewhere.example");

    assertThatThrownBy(() -> sender().send(smuggled))
        .isInstanceOfSatisfying(
            MailTransportException.class,
            e -> {
              assertThat(e.permanent()).isTrue();
              assertThat(e.messageId()).isEqualTo("row-42.dispatch@dispatchkit.example");
              assertThat(e).hasMessageContaining("from: must hold exactly one address");
            });
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aHeaderTheSenderWritesItselfCannotBeOverridden() {
    OutboundMail base = mail(MailKind.DISPATCH);
    OutboundMail withBcc =
        new OutboundMail(
            base.id(),
            base.messageId(),
            base.kind(),
            base.from(),
            null,
            base.to(),
            base.subject(),
            base.textBody(),
            null,
            null,
            null,
            Map.of("Bcc", "everyone@example.com"));

    assertThatThrownBy(() -> sender().send(withBcc))
        .isInstanceOfSatisfying(
            MailTransportException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("headers[Bcc]");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aServerThatIsDownIsAPassingFailure() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SmtpMailSender sender =
        JakartaMail.smtp()
            .host("127.0.0.1")
            .port(closedPort)
            .security(MailSecurity.NONE)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    assertThatThrownBy(() -> sender.send(mail(MailKind.DISPATCH)))
        .isInstanceOfSatisfying(
            MailTransportException.class,
            e -> {
              assertThat(e.permanent()).isFalse();
              assertThat(e.messageId()).isEqualTo("row-42.dispatch@dispatchkit.example");
              assertThat(e.getCause()).isInstanceOf(MessagingException.class);
            });
  }

  @Test
  void aRecipientRefusedWith5xxIsPermanent() throws IOException {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 no such user")) {
      assertThatThrownBy(() -> senderFor(server).send(mail(MailKind.DISPATCH)))
          .isInstanceOfSatisfying(
              MailTransportException.class, e -> assertThat(e.permanent()).isTrue())
          .hasMessageContaining("550");
    }
  }

  @Test
  void aRecipientDeferredWith4xxIsPassing() throws IOException {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("451 4.7.1 greylisted, try later")) {
      assertThatThrownBy(() -> senderFor(server).send(mail(MailKind.DISPATCH)))
          .isInstanceOfSatisfying(
              MailTransportException.class, e -> assertThat(e.permanent()).isFalse())
          .hasMessageContaining("451");
    }
  }

  private static SmtpMailSender senderFor(ScriptedSmtpServer server) {
    return JakartaMail.smtp()
        .host("127.0.0.1")
        .port(server.port())
        .security(MailSecurity.NONE)
        .readTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Test
  void replyCodesDecideWhetherAFailureIsPermanent() throws Exception {
    InternetAddress to = new InternetAddress("a@example.com");
    SendFailedException mixed = new SendFailedException("Invalid Addresses");
    mixed.setNextException(new SMTPAddressFailedException(to, "RCPT TO", 550, "550 unknown"));
    ((MessagingException) mixed.getNextException())
        .setNextException(new SMTPAddressFailedException(to, "RCPT TO", 452, "452 full"));

    assertThat(
            translated(
                new SMTPSendFailedException("DATA", 552, "552 too big", null, null, null, null)))
        .isTrue();
    assertThat(
            translated(
                new SMTPSendFailedException("DATA", 421, "421 closing", null, null, null, null)))
        .isFalse();
    assertThat(translated(mixed)).isFalse();
    assertThat(translated(new AuthenticationFailedException("535 bad credentials"))).isFalse();
    assertThat(
            translated(
                new MailConnectException(
                    new org.eclipse.angus.mail.util.SocketConnectException(
                        "refused", new IOException(), "h", 25, 1000))))
        .isFalse();
  }

  private static boolean translated(MessagingException e) {
    MailTransportException t = SmtpMailSender.translate(e, "id@x");
    assertThat(t.getCause()).isSameAs(e);
    assertThat(t.messageId()).isEqualTo("id@x");
    return t.permanent();
  }

  @Test
  void buildNamesAMissingHost() {
    assertThatThrownBy(() -> JakartaMail.smtp().build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.settings()).containsExactly("host"));
  }

  @Test
  void settersRejectBadValuesAtOnce() {
    assertThat(
            Arrays.asList(
                settingOf(() -> JakartaMail.smtp().port(0)),
                settingOf(() -> JakartaMail.smtp().port(70_000)),
                settingOf(() -> JakartaMail.smtp().host("smtp example.com")),
                settingOf(() -> JakartaMail.smtp().credentials(" ", "x")),
                settingOf(() -> JakartaMail.smtp().readTimeout(Duration.ZERO)),
                settingOf(() -> JakartaMail.smtp().connectTimeout(Duration.ofSeconds(-1))),
                settingOf(
                    () ->
                        JakartaMail.smtp()
                            .host("h")
                            .security(MailSecurity.NONE)
                            .sslSocketFactory(
                                (javax.net.ssl.SSLSocketFactory)
                                    javax.net.ssl.SSLSocketFactory.getDefault())
                            .build())))
        .containsExactly(
            "port",
            "port",
            "host",
            "username",
            "readTimeout",
            "connectTimeout",
            "sslSocketFactory");
  }

  @Test
  void thePortFollowsTheSecurityUnlessSet() {
    ServerSettings.Draft draft = new ServerSettings.Draft("smtp");
    draft.host("smtp.example.com");
    assertThat(draft.build(25, 587, 465).port()).isEqualTo(587);
    draft.security(MailSecurity.IMPLICIT_TLS);
    assertThat(draft.build(25, 587, 465).port()).isEqualTo(465);
    assertThat(draft.build(25, 587, 465).toProperties())
        .containsEntry("mail.smtp.ssl.enable", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
    draft.security(MailSecurity.STARTTLS);
    assertThat(draft.build(25, 587, 465).toProperties())
        .containsEntry("mail.smtp.starttls.required", "true");
    draft.port(2525);
    assertThat(draft.build(25, 587, 465).port()).isEqualTo(2525);
  }

  @Test
  void settingsNeverPrintThePassword() {
    ServerSettings.Draft draft = new ServerSettings.Draft("smtp");
    draft.host("smtp.example.com");
    draft.credentials("dispatch", "s3cret-pa55");
    assertThat(draft.build(25, 587, 465).toString()).doesNotContain("s3cret-pa55");
  }

  @Test
  void sendsWithAuthentication() throws Exception {
    greenMail.setUser("dispatch@dispatchkit.example", "dispatch", "s3cret");
    JakartaMail.smtp()
        .host("127.0.0.1")
        .port(greenMail.getSmtp().getPort())
        .security(MailSecurity.NONE)
        .credentials("dispatch", "s3cret")
        .clock(
            java.time.Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), java.time.ZoneOffset.UTC))
        .build()
        .send(mail(MailKind.DISPATCH));

    MimeMessage received = onlyReceived();
    assertThat(received.getSentDate().toInstant()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
  }

  private static String settingOf(Runnable action) {
    try {
      action.run();
    } catch (ConfigurationException e) {
      return String.join(",", e.settings());
    }
    return "(accepted)";
  }
}
