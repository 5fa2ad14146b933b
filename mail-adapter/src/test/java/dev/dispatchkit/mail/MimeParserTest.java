package dev.dispatchkit.mail;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.error.MalformedMessageException.Reason;
import dev.dispatchkit.reply.InboundAttachment;
import dev.dispatchkit.reply.InboundMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MimeParserTest {

  private final MimeParser parser = MimeParser.create();

  private InboundMessage parse(String raw) {
    return parser.parse(raw.replace("\n", "\r\n").getBytes(UTF_8));
  }

  private InboundMessage parse(String raw, Charset charset) {
    return parser.parse(raw.replace("\n", "\r\n").getBytes(charset));
  }

  @Nested
  class Headers {
    private static final String MESSAGE =
        """
        Return-Path: <jo@plomberie-martin.fr>
        Delivered-To: dispatch+abc@client.example
        X-Original-To: dispatch@client.example
        Message-ID: <CAF=abc123@mail.gmail.com>
        In-Reply-To: <wo-123456.dispatch@dispatchkit.example>
        References: <first@x.example>
         <wo-123456.dispatch@dispatchkit.example>
        From: =?UTF-8?Q?J=C3=A9r=C3=B4me_Martin?= <jo@plomberie-martin.fr>
        To: "Dispatch, Client" <dispatch@client.example>, other@client.example
        Cc: not an address, cc@client.example
        Subject: =?UTF-8?B?UkU6IEJvbiBkZSBjb21tYW5kZSDDoCB2YWxpZGVy?=
        Date: Tue, 4 Mar 2025 09:15:02 +0100 (CET)
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        OK
        """;

    @Test
    void messageIdsLoseTheirAngleBrackets() {
      InboundMessage message = parse(MESSAGE);
      assertThat(message.messageId()).isEqualTo("CAF=abc123@mail.gmail.com");
      assertThat(message.inReplyTo()).isEqualTo("wo-123456.dispatch@dispatchkit.example");
      assertThat(message.references())
          .containsExactly("first@x.example", "wo-123456.dispatch@dispatchkit.example");
    }

    @Test
    void addressesAreBareAddrSpecs() {
      InboundMessage message = parse(MESSAGE);
      assertThat(message.from()).isEqualTo("jo@plomberie-martin.fr");
      assertThat(message.to()).containsExactly("dispatch@client.example", "other@client.example");
      assertThat(message.deliveredTo()).containsExactly("dispatch+abc@client.example");
      assertThat(message.originalTo()).containsExactly("dispatch@client.example");
    }

    @Test
    void anUnreadableAddressIsSkippedAndTheOthersKept() {
      assertThat(parse(MESSAGE).cc()).containsExactly("cc@client.example");
    }

    @Test
    void encodedWordsAreDecodedInEveryHeader() {
      InboundMessage message = parse(MESSAGE);
      assertThat(message.subject()).isEqualTo("RE: Bon de commande à valider");
      assertThat(message.headers().first("From"))
          .hasValue("Jérôme Martin <jo@plomberie-martin.fr>");
      assertThat(message.headers().all("References"))
          .containsExactly("<first@x.example> <wo-123456.dispatch@dispatchkit.example>");
    }

    @Test
    void theDateKeepsTheSendersOffset() {
      assertThat(parse(MESSAGE).date())
          .isEqualTo(OffsetDateTime.of(2025, 3, 4, 9, 15, 2, 0, ZoneOffset.ofHours(1)));
    }

    @Test
    void aBadDateGivesNoDate() {
      InboundMessage message =
          parse(MESSAGE.replace("Tue, 4 Mar 2025 09:15:02 +0100 (CET)", "mardi 4 mars, 9h"));
      assertThat(message.date()).isNull();
    }

    @Test
    void rawUtf8AndLatin1HeadersAreRead() {
      String raw = "Subject: Réponse à votre demande\nFrom: a@b.example\n\nOK\n";
      assertThat(parse(raw, UTF_8).subject()).isEqualTo("Réponse à votre demande");
      assertThat(parse(raw, ISO_8859_1).subject()).isEqualTo("Réponse à votre demande");
    }

    @Test
    void aMissingMessageIdIsNull() {
      InboundMessage message = parse("From: a@b.example\nSubject: hi\n\nbody\n");
      assertThat(message.messageId()).isNull();
      assertThat(message.inReplyTo()).isNull();
      assertThat(message.references()).isEmpty();
      assertThat(message.date()).isNull();
    }

    @Test
    void mailerDaemonWithoutDomainIsKept() {
      assertThat(parse("From: MAILER-DAEMON (Mail Delivery System)\n\nx\n").from())
          .isEqualTo("MAILER-DAEMON");
    }
  }

  @Nested
  class Charsets {
    private String body(String charsetParameter, byte[] bytes) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(
          ("From: a@b.example\r\nContent-Type: text/plain"
                  + charsetParameter
                  + "\r\n"
                  + "Content-Transfer-Encoding: 8bit\r\n\r\n")
              .getBytes(ISO_8859_1));
      out.writeBytes(bytes);
      return parser.parse(out.toByteArray()).textBody();
    }

    @Test
    void theDeclaredCharsetIsUsed() {
      assertThat(body("; charset=ISO-8859-1", "Déjà vu".getBytes(ISO_8859_1))).isEqualTo("Déjà vu");
      assertThat(body("; charset=\"utf-8\"", "Déjà vu".getBytes(UTF_8))).isEqualTo("Déjà vu");
    }

    @Test
    void latin1IsReadAsWindows1252ForTheEuroSignAndQuotes() {
      byte[] bytes = {(byte) 0x80, ' ', (byte) 0x92, 'a'};
      assertThat(body("; charset=iso-8859-1", bytes)).isEqualTo("€ ’a");
    }

    @Test
    void aMissingCharsetFallsBackThroughUtf8ThenWindows1252() {
      assertThat(body("", "Déjà vu".getBytes(UTF_8))).isEqualTo("Déjà vu");
      assertThat(body("", "Déjà vu".getBytes(ISO_8859_1))).isEqualTo("Déjà vu");
    }

    @Test
    void aWrongCharsetFallsBack() {
      assertThat(body("; charset=utf-8", "Déjà vu".getBytes(ISO_8859_1))).isEqualTo("Déjà vu");
      assertThat(body("; charset=us-ascii", "Déjà vu".getBytes(UTF_8))).isEqualTo("Déjà vu");
    }

    @Test
    void anUnknownCharsetFallsBack() {
      assertThat(body("; charset=x-unknown-42", "Déjà vu".getBytes(UTF_8))).isEqualTo("Déjà vu");
    }

    @Test
    void bytesNoCharsetAcceptsEndInLatin1() {
      // 0x81 is undefined in windows-1252 and invalid alone in UTF-8: only ISO-8859-1 reads it.
      assertThat(body("", new byte[] {'a', (byte) 0x81})).isEqualTo("a\u0081");
    }

    @Test
    void aUtf8ByteOrderMarkWins() {
      byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'O', 'K'};
      assertThat(body("; charset=windows-1252", bom)).isEqualTo("OK");
    }
  }

  @Nested
  class TransferEncodings {
    @Test
    void quotedPrintableIsDecodedWithSoftLineBreaks() {
      InboundMessage message =
          parse(
              """
              From: a@b.example
              Content-Type: text/plain; charset=utf-8
              Content-Transfer-Encoding: quoted-printable

              OK, technicien sur place demain =C3=A0 10h, merci de pr=C3=A9venir le gard=
              ien.
              """);
      assertThat(message.textBody())
          .isEqualTo("OK, technicien sur place demain à 10h, merci de prévenir le gardien.\r\n");
    }

    @Test
    void base64IsDecoded() {
      String encoded = Base64.getMimeEncoder().encodeToString("Non, désolé.".getBytes(UTF_8));
      InboundMessage message =
          parse(
              "From: a@b.example\nContent-Type: text/plain; charset=utf-8\n"
                  + "Content-Transfer-Encoding: base64\n\n"
                  + encoded
                  + "\n");
      assertThat(message.textBody()).isEqualTo("Non, désolé.");
    }

    @Test
    void anUnknownTransferEncodingIsReadAsIs() {
      InboundMessage message =
          parse("From: a@b.example\nContent-Transfer-Encoding: x-gzip64\n\nOK\n");
      assertThat(message.textBody()).isEqualTo("OK\r\n");
    }
  }

  @Nested
  class Structure {
    private static final String NESTED =
        """
        From: a@b.example
        Subject: nested
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="mixed"

        --mixed
        Content-Type: multipart/related; boundary="related"

        --related
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: text/plain; charset=utf-8

        Oui, c'est noté.
        --alt
        Content-Type: text/html; charset=utf-8

        <p>Oui, c'est not&eacute;.</p><img src="cid:logo">
        --alt--
        --related
        Content-Type: image/png
        Content-ID: <logo>
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --related--
        --mixed
        Content-Type: application/pdf; name="devis.pdf"
        Content-Disposition: attachment; filename="=?UTF-8?Q?devis_n=C2=B01.pdf?="
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --mixed
        Content-Type: message/rfc822
        Content-Disposition: attachment

        From: c@d.example
        Subject: the original

        body
        --mixed--
        """;

    @Test
    void alternativeBodiesAreBothKept() {
      InboundMessage message = parse(NESTED);
      assertThat(message.textBody()).isEqualTo("Oui, c'est noté.");
      assertThat(message.htmlBody())
          .isEqualTo("<p>Oui, c'est not&eacute;.</p><img src=\"cid:logo\">");
    }

    @Test
    void attachmentsCarryTheirMetadataAndDecodedContent() throws IOException {
      InboundMessage message = parse(NESTED);
      assertThat(message.attachments()).hasSize(3);
      InboundAttachment image = message.attachments().get(0);
      assertThat(image.contentType()).isEqualTo("image/png");
      assertThat(image.inline()).isTrue();
      assertThat(image.fileName()).isNull();
      assertThat(image.size()).isEqualTo(8);
      InboundAttachment pdf = message.attachments().get(1);
      assertThat(pdf.fileName()).isEqualTo("devis n°1.pdf");
      assertThat(pdf.contentType()).isEqualTo("application/pdf");
      assertThat(pdf.inline()).isFalse();
      assertThat(pdf.size()).isEqualTo(9);
      try (InputStream in = pdf.content().open()) {
        assertThat(new String(in.readAllBytes(), ISO_8859_1)).isEqualTo("%PDF-1.4\n");
      }
      try (InputStream again = pdf.content().open()) {
        assertThat(again.readAllBytes()).hasSize(9);
      }
    }

    @Test
    void anAttachedMessageIsAnAttachmentNotTheBody() throws IOException {
      InboundAttachment original = parse(NESTED).attachments().get(2);
      assertThat(original.contentType()).isEqualTo("message/rfc822");
      try (InputStream in = original.content().open()) {
        assertThat(new String(in.readAllBytes(), UTF_8)).contains("Subject: the original");
      }
    }

    @Test
    void appleMailTextSplitAroundAnImageIsJoined() {
      InboundMessage message =
          parse(
              """
              From: a@b.example
              Content-Type: multipart/mixed; boundary=b

              --b
              Content-Type: text/plain; charset=us-ascii

              OK, see the photo:
              --b
              Content-Type: image/jpeg
              Content-Disposition: inline; filename=IMG_0001.jpg

              xx
              --b
              Content-Type: text/plain; charset=us-ascii

              Regards
              --b--
              """);
      assertThat(message.textBody()).isEqualTo("OK, see the photo:\nRegards");
      assertThat(message.attachments())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.fileName()).isEqualTo("IMG_0001.jpg");
                assertThat(a.inline()).isTrue();
              });
    }

    @Test
    void aDeliveryReportKeepsItsReportTypeAndParts() {
      InboundMessage message =
          parse(
              """
              From: MAILER-DAEMON@mx.example (Mail Delivery System)
              Subject: Undelivered Mail Returned to Sender
              Content-Type: multipart/report; report-type=delivery-status;
              \tboundary="rep"

              --rep
              Content-Type: text/plain; charset=us-ascii

              I'm sorry to have to inform you that your message could not be delivered.
              --rep
              Content-Type: message/delivery-status

              Reporting-MTA: dns; mx.example
              Final-Recipient: rfc822; nobody@nowhere.example
              Action: failed
              Status: 5.1.1
              --rep
              Content-Type: text/rfc822-headers

              Subject: Work order 123456
              --rep--
              """);
      assertThat(message.headers().first("Content-Type").orElseThrow())
          .contains("multipart/report")
          .contains("report-type=delivery-status");
      assertThat(message.textBody()).startsWith("I'm sorry");
      assertThat(message.attachments())
          .extracting(InboundAttachment::contentType)
          .containsExactly("message/delivery-status", "text/rfc822-headers");
    }

    @Test
    void aTextAttachmentIsNotTheBody() {
      InboundMessage message =
          parse(
              """
              From: a@b.example
              Content-Type: multipart/mixed; boundary=b

              --b
              Content-Type: text/plain

              OK
              --b
              Content-Type: text/plain; name=log.txt
              Content-Disposition: attachment; filename=log.txt

              Non
              --b--
              """);
      assertThat(message.textBody()).isEqualTo("OK");
      assertThat(message.attachments())
          .extracting(InboundAttachment::fileName)
          .containsExactly("log.txt");
    }

    @Test
    void aMissingEndBoundaryIsTolerated() {
      InboundMessage message =
          parse(
              "From: a@b.example\nContent-Type: multipart/alternative; boundary=b\n\n"
                  + "--b\nContent-Type: text/plain\n\nOK merci\n");
      assertThat(message.textBody()).startsWith("OK merci");
    }
  }

  @Nested
  class Limits {
    @Test
    void aMessageOverTheByteLimitIsRejected() {
      MimeParser small = MimeParser.builder().maxMessageBytes(100).build();
      byte[] raw = ("From: a@b.example\r\n\r\n" + "x".repeat(100)).getBytes(UTF_8);
      assertThatThrownBy(() -> small.parse(raw))
          .isInstanceOfSatisfying(
              MalformedMessageException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
      assertThatThrownBy(() -> small.parse(new ByteArrayInputStream(raw)))
          .isInstanceOfSatisfying(
              MalformedMessageException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void anEndlessStreamIsReadOnlyUpToTheLimit() {
      MimeParser small = MimeParser.builder().maxMessageBytes(1000).build();
      long[] read = {0};
      InputStream endless =
          new InputStream() {
            @Override
            public int read() {
              read[0]++;
              return 'x';
            }
          };
      assertThatThrownBy(() -> small.parse(endless))
          .isInstanceOfSatisfying(
              MalformedMessageException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
      assertThat(read[0]).isEqualTo(1001);
    }

    @Test
    void aMessageAtTheByteLimitIsAccepted() {
      byte[] raw = "From: a@b.example\r\n\r\nOK".getBytes(UTF_8);
      MimeParser exact = MimeParser.builder().maxMessageBytes(raw.length).build();
      assertThat(exact.parse(raw).textBody()).isEqualTo("OK");
    }

    @Test
    void tooManyPartsAreRejected() {
      StringBuilder raw =
          new StringBuilder("From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n");
      for (int i = 0; i < 6; i++) {
        raw.append("--b\nContent-Type: text/plain\n\npart ").append(i).append('\n');
      }
      raw.append("--b--\n");
      MimeParser five = MimeParser.builder().maxParts(5).build();
      MimeParser six = MimeParser.builder().maxParts(6).build();
      byte[] bytes = raw.toString().replace("\n", "\r\n").getBytes(UTF_8);
      assertThat(six.parse(bytes).textBody()).startsWith("part 0");
      assertThatThrownBy(() -> five.parse(bytes))
          .isInstanceOfSatisfying(
              MalformedMessageException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PARTS));
    }

    @Test
    void nestingDeeperThanTheLimitIsRejected() {
      byte[] three = nested(3).getBytes(UTF_8);
      assertThat(MimeParser.builder().maxDepth(3).build().parse(three).textBody())
          .startsWith("deep");
      assertThatThrownBy(() -> MimeParser.builder().maxDepth(2).build().parse(three))
          .isInstanceOfSatisfying(
              MalformedMessageException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TOO_DEEP));
    }

    private String nested(int depth) {
      StringBuilder head = new StringBuilder("From: a@b.example\r\n");
      StringBuilder tail = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        head.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n");
        head.append("--b").append(i).append("\r\n");
        tail.insert(0, "\r\n--b" + i + "--\r\n");
      }
      head.append("Content-Type: text/plain\r\n\r\ndeep");
      return head.append(tail).toString();
    }

    @Test
    void emptyInputIsNotAMessage() {
      assertThatThrownBy(() -> parser.parse(new byte[0]))
          .isInstanceOfSatisfying(
              MalformedMessageException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_MESSAGE));
    }

    @Test
    void aFailingStreamIsUnreadableWithItsCause() {
      IOException failure = new IOException("disk gone");
      InputStream broken =
          new InputStream() {
            @Override
            public int read() throws IOException {
              throw failure;
            }
          };
      assertThatThrownBy(() -> parser.parse(broken))
          .isInstanceOfSatisfying(
              MalformedMessageException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
                assertThat(e.getCause()).isSameAs(failure);
              });
    }

    @Test
    void badBase64InTheBodyIsSkippedAndListedNotTheWholeMessage() {
      // Issue 14: one undecodable part is skipped and named; it no longer costs the message.
      byte[] raw =
          ("From: a@b.example\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                  + "T0s=\r\n!!!!====AAAA\r\n")
              .getBytes(UTF_8);
      var message = parser.parse(raw);
      assertThat(message.textBody()).isNull();
      assertThat(message.attachments())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.contentType()).isEqualTo("text/plain");
                assertThat(a.size()).isEqualTo(-1);
                assertThatThrownBy(() -> a.content().open().readAllBytes())
                    .isInstanceOf(java.io.IOException.class);
              });
    }
  }

  @Nested
  class Builder {
    @Test
    void defaultsAreSane() {
      MimeParser defaults = MimeParser.create();
      assertThat(defaults.maxMessageBytes()).isEqualTo(25L * 1024 * 1024);
      assertThat(defaults.maxParts()).isEqualTo(200);
      assertThat(defaults.maxDepth()).isEqualTo(10);
    }

    @Test
    void badSettingsAreRejectedAtOnceNamingTheSetting() {
      assertThatThrownBy(() -> MimeParser.builder().maxMessageBytes(0))
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> assertThat(e.settings()).containsExactly("maxMessageBytes"));
      assertThatThrownBy(() -> MimeParser.builder().maxMessageBytes(Long.MAX_VALUE))
          .isInstanceOf(ConfigurationException.class);
      assertThatThrownBy(() -> MimeParser.builder().maxParts(0))
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> assertThat(e.settings()).containsExactly("maxParts"));
      assertThatThrownBy(() -> MimeParser.builder().maxDepth(0))
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> assertThat(e.settings()).containsExactly("maxDepth"));
    }
  }
}
