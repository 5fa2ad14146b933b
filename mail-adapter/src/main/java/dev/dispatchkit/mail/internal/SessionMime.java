package dev.dispatchkit.mail.internal;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.LineInputStream;
import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.io.InputStream;

/**
 * Jakarta Mail's message, multipart and body part, reading header sections with the session's
 * stream provider.
 *
 * <p>Why: {@link InternetHeaders#load(InputStream, boolean)} calls {@code
 * StreamProvider.provider()}, which runs a {@code ServiceLoader} lookup and a file check on every
 * call, once per header section: a quarter of the parse time of a small message. The session looks
 * the provider up once. The subclasses use only the extension points Jakarta Mail documents for
 * this ({@code createInternetHeaders}, {@code createMimeBodyPart} and the protected fields).
 */
final class SessionMime {

  private SessionMime() {}

  /** A header section read with a given stream provider; same rules as {@code load}. */
  static final class Headers extends InternetHeaders {
    Headers(InputStream in, StreamProvider streams) throws MessagingException {
      super();
      headers.clear(); // the no-argument constructor adds ordering placeholders
      LineInputStream lines = streams.inputLineStream(in, false);
      String previous = null;
      StringBuilder buffer = new StringBuilder();
      try {
        boolean first = true;
        String line;
        do {
          line = lines.readLine();
          if (line != null && (line.startsWith(" ") || line.startsWith("\t"))) {
            if (previous != null) {
              buffer.append(previous);
              previous = null;
            }
            if (first) {
              String trimmed = line.trim();
              if (!trimmed.isEmpty()) {
                buffer.append(trimmed);
              }
            } else {
              if (buffer.length() > 0) {
                buffer.append("\r\n");
              }
              buffer.append(line);
            }
          } else {
            if (previous != null) {
              addHeaderLine(previous);
            } else if (buffer.length() > 0) {
              addHeaderLine(buffer.toString());
              buffer.setLength(0);
            }
            previous = line;
          }
          first = false;
        } while (line != null && !line.isEmpty());
      } catch (IOException e) {
        throw new MessagingException("Error in input stream", e);
      }
    }
  }

  /** A message whose header section is read with the session's provider. */
  static final class Message extends MimeMessage {
    Message(Session session, InputStream in) throws MessagingException {
      super(session, in);
    }

    @Override
    protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
      // Called from the superclass constructor: only the session, set before parsing, is usable.
      return new Headers(in, session.getStreamProvider());
    }
  }

  /** A multipart whose body parts read their header sections with the given provider. */
  static final class Multipart extends MimeMultipart {
    private final StreamProvider streams;

    Multipart(DataSource source, StreamProvider streams) throws MessagingException {
      super(source);
      this.streams = streams;
    }

    @Override
    protected MimeBodyPart createMimeBodyPart(InputStream in) throws MessagingException {
      return in instanceof SharedInputStream shared
          ? new BodyPart(shared, streams)
          : super.createMimeBodyPart(in);
    }
  }

  /** A body part over a shared stream: its content stays in the shared bytes, not copied. */
  static final class BodyPart extends MimeBodyPart {
    BodyPart(SharedInputStream in, StreamProvider streams) throws MessagingException {
      super();
      headers = new Headers((InputStream) in, streams);
      contentStream = in.newStream(in.getPosition(), -1);
    }
  }
}
