package dev.dispatchkit.mail.internal;

import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.error.MalformedMessageException.Reason;
import dev.dispatchkit.reply.InboundAttachment;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.MailHeaders;
import jakarta.activation.DataSource;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads one message. Holds the state of a single parse: not shared, not thread-safe. */
public final class MessageReader {

  private final StreamProvider streams;
  private final Session session;
  private final int maxParts;
  private final int maxDepth;
  private final int maxBodyBytes;

  private int parts;
  private @Nullable StringBuilder text;
  private @Nullable StringBuilder html;
  private final List<InboundAttachment> attachments = new ArrayList<>();

  /** A reader for one message, within the given part count, nesting depth and body size. */
  public MessageReader(Session session, int maxParts, int maxDepth, int maxBodyBytes) {
    this.session = session;
    // The session caches its provider; StreamProvider.provider(), which MimeUtility.decode and
    // MimePartDataSource call, runs a ServiceLoader lookup every time.
    this.streams = session.getStreamProvider();
    this.maxParts = maxParts;
    this.maxDepth = maxDepth;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Reads the message; call once per reader.
   *
   * @throws dev.dispatchkit.error.MalformedMessageException when the message breaks a limit or
   *     cannot be read
   */
  public InboundMessage read(InputStream raw) {
    MimeMessage message;
    List<MailHeaders.Field> fields = new ArrayList<>();
    try {
      message = new SessionMime.Message(session, raw);
      Enumeration<Header> headers = message.getAllHeaders();
      while (headers.hasMoreElements()) {
        Header header = headers.nextElement();
        String name = header.getName();
        String value = header.getValue();
        if (isFieldName(name) && value != null) {
          fields.add(new MailHeaders.Field(name.trim(), HeaderDecoder.decode(value)));
        }
      }
    } catch (MessagingException e) {
      throw new MalformedMessageException(Reason.UNREADABLE, "unreadable header section", e);
    }
    if (fields.isEmpty()) {
      throw new MalformedMessageException(Reason.NOT_A_MESSAGE, "no header field");
    }
    try {
      visit(message, 0, "", "1");
    } catch (MessagingException | IOException e) {
      // Own words only: Jakarta Mail's messages carry class names and "nested exception" chains.
      throw new MalformedMessageException(
          Reason.UNREADABLE, "the body structure could not be read", e);
    }

    MailHeaders headers = MailHeaders.of(fields);
    List<String> references = new ArrayList<>();
    for (String value : rawValues(message, "References")) {
      references.addAll(messageIds(value));
    }
    List<String> from = addresses(message, "From");
    String date = firstRaw(message, "Date");
    return new InboundMessage(
        firstId(message, "Message-ID"),
        firstId(message, "In-Reply-To"),
        references,
        from.isEmpty() ? null : from.get(0),
        addresses(message, "To"),
        addresses(message, "Cc"),
        addresses(message, "Delivered-To"),
        addresses(message, "X-Original-To"),
        headers.first("Subject").orElse(""),
        date == null ? null : MailDates.parse(date),
        headers,
        text == null ? null : text.toString(),
        html == null ? null : html.toString(),
        attachments);
  }

  /**
   * @param path the part's number, as IMAP numbers parts ({@code 1}, {@code 1.2}); names it in
   *     errors
   */
  private void visit(MimePart part, int depth, String parentSubtype, String path)
      throws MessagingException, IOException {
    ContentType type = contentType(part);
    String primary = type.getPrimaryType().toLowerCase(Locale.ROOT);
    String subtype = type.getSubType().toLowerCase(Locale.ROOT);
    if (primary.equals("multipart")) {
      if (depth + 1 > maxDepth) {
        throw new MalformedMessageException(
            Reason.TOO_DEEP, "multiparts nest deeper than " + maxDepth);
      }
      // Built directly, not through getContent(): no activation lookup, which the shaded jars of
      // hosts often break.
      MimeMultipart multipart =
          new SessionMime.Multipart(new PartSource(part, streams, type.toString()), streams);
      int count;
      try {
        count = multipart.getCount();
      } catch (MessagingException e) {
        // No start boundary (or no closing one in a way Jakarta Mail refuses): mail clients show
        // such a body as text, and so does the parser.
        leaf(part, new ContentType("text", "plain", type.getParameterList()), parentSubtype, path);
        return;
      }
      parts += count;
      if (parts > maxParts) {
        throw new MalformedMessageException(
            Reason.TOO_MANY_PARTS, "the message has more than " + maxParts + " parts");
      }
      for (int i = 0; i < count; i++) {
        visit((MimeBodyPart) multipart.getBodyPart(i), depth + 1, subtype, path + "." + (i + 1));
      }
      return;
    }
    leaf(part, type, parentSubtype, path);
  }

  /** A part that is not a multipart: a body, or an attachment. */
  private void leaf(MimePart part, ContentType type, String parentSubtype, String path)
      throws MessagingException {
    String primary = type.getPrimaryType().toLowerCase(Locale.ROOT);
    String subtype = type.getSubType().toLowerCase(Locale.ROOT);
    String disposition = disposition(part);
    String fileName = fileName(part);
    boolean attached = "attachment".equals(disposition) || fileName != null;
    if (primary.equals("text")
        && !attached
        && (subtype.equals("plain") || subtype.equals("html"))) {
      boolean plain = subtype.equals("plain");
      StringBuilder body = plain ? text : html;
      String read;
      try {
        read = bodyText(part, type, body == null ? 0 : body.length());
      } catch (IOException e) {
        // One undecodable body part (bad base64, uuencode without begin) is skipped, not the
        // whole message: it stays listed, as an attachment of unknown size.
        attachments.add(unreadable(part, type, disposition, fileName, parentSubtype));
        return;
      }
      if (body == null) {
        body = new StringBuilder(read);
        if (plain) {
          text = body;
        } else {
          html = body;
        }
        return;
      }
      if (parentSubtype.equals("mixed")) {
        // Apple Mail splits a body around inline images into several text parts of a mixed.
        body.append('\n').append(read);
        return;
      }
      // A second body of the same kind elsewhere (an alternative's duplicate): keep it reachable.
    }
    try {
      attachments.add(attachment(part, type, disposition, fileName, parentSubtype));
    } catch (IOException e) {
      attachments.add(unreadable(part, type, disposition, fileName, parentSubtype));
    }
  }

  /** A part whose content cannot be decoded: listed with an unknown size; opening it fails. */
  private InboundAttachment unreadable(
      MimePart part,
      ContentType type,
      @Nullable String disposition,
      @Nullable String fileName,
      String parentSubtype) {
    boolean inline =
        "inline".equals(disposition) || (disposition == null && parentSubtype.equals("related"));
    return new InboundAttachment(
        fileName,
        type.getBaseType().toLowerCase(Locale.ROOT),
        -1,
        inline,
        () -> open(part, streams));
  }

  private InboundAttachment attachment(
      MimePart part,
      ContentType type,
      @Nullable String disposition,
      @Nullable String fileName,
      String parentSubtype)
      throws MessagingException, IOException {
    boolean inline =
        "inline".equals(disposition) || (disposition == null && parentSubtype.equals("related"));
    String baseType = type.getBaseType().toLowerCase(Locale.ROOT);
    long size;
    try (InputStream in = decoded(part, streams)) {
      size = in.transferTo(OutputStream.nullOutputStream());
    }
    return new InboundAttachment(fileName, baseType, size, inline, () -> open(part, streams));
  }

  private static InputStream open(MimePart part, StreamProvider streams) throws IOException {
    try {
      return decoded(part, streams);
    } catch (MessagingException e) {
      throw new IOException("the attachment could not be opened", e);
    }
  }

  /**
   * A text body, at most {@code maxBodyBytes} less what the body already holds: the rest is not
   * read. Why: a 20 MiB line must not become a 40 MB String; the classifier reads less anyway.
   */
  private String bodyText(MimePart part, ContentType type, int already)
      throws MessagingException, IOException {
    int limit = Math.max(0, maxBodyBytes - already);
    byte[] bytes;
    boolean cut;
    try (InputStream in = decoded(part, streams)) {
      bytes = in.readNBytes(limit);
      cut = in.read() >= 0;
    }
    if (cut) {
      bytes = TextDecoder.withoutPartialUtf8(bytes);
    }
    return TextDecoder.decode(bytes, type.getParameter("charset"));
  }

  /**
   * The part's content with its transfer encoding undone. An unknown encoding is read as it stands,
   * as if it were 8bit: a wrong label must not cost a readable body.
   */
  private static InputStream decoded(MimePart part, StreamProvider streams)
      throws MessagingException {
    InputStream raw =
        part instanceof MimeMessage message
            ? message.getRawInputStream()
            : ((MimeBodyPart) part).getRawInputStream();
    String encoding = encoding(part);
    if (encoding == null) {
      return raw;
    }
    return switch (encoding) {
      case "base64" -> streams.inputBase64(raw);
      case "quoted-printable" -> streams.inputQP(raw);
      case "uuencode", "x-uuencode", "x-uue" -> streams.inputUU(raw);
      default -> raw;
    };
  }

  /** A part's content for {@link MimeMultipart}, decoded with the session's stream provider. */
  private static final class PartSource implements DataSource {
    private final MimePart part;
    private final StreamProvider streams;
    private final String contentType;

    PartSource(MimePart part, StreamProvider streams, String contentType) {
      this.part = part;
      this.streams = streams;
      this.contentType = contentType;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      try {
        return decoded(part, streams);
      } catch (MessagingException e) {
        throw new IOException(e);
      }
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      throw new IOException("read-only");
    }

    @Override
    public String getContentType() {
      return contentType;
    }

    @Override
    public String getName() {
      return "";
    }
  }

  private static @Nullable String encoding(MimePart part) throws MessagingException {
    String[] values = part.getHeader("Content-Transfer-Encoding");
    if (values == null || values.length == 0) {
      return null;
    }
    String value = HeaderDecoder.unfold(values[0]);
    int semicolon = value.indexOf(';'); // some senders add parameters here
    if (semicolon >= 0) {
      value = value.substring(0, semicolon);
    }
    value = value.trim().toLowerCase(Locale.ROOT);
    if (value.length() > 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static ContentType contentType(MimePart part) throws MessagingException {
    String[] values = part.getHeader("Content-Type");
    if (values != null && values.length > 0) {
      try {
        return new ContentType(HeaderDecoder.unfold(values[0]));
      } catch (ParseException e) {
        // RFC 2045 section 5.2: an unreadable Content-Type means text/plain; charset=us-ascii.
        // Without the charset the fallback chain decides, which is kinder to 8-bit text.
      }
    }
    return new ContentType("text", "plain", null);
  }

  private static @Nullable String disposition(MimePart part) {
    try {
      String disposition = part.getDisposition();
      return disposition == null ? null : disposition.trim().toLowerCase(Locale.ROOT);
    } catch (MessagingException e) {
      return null;
    }
  }

  private static @Nullable String fileName(MimePart part) {
    String name;
    try {
      name = part.getFileName();
    } catch (MessagingException e) {
      return null;
    }
    if (name == null) {
      return null;
    }
    String decoded = HeaderDecoder.decode(name);
    return decoded.isEmpty() ? null : decoded;
  }

  private static boolean isFieldName(@Nullable String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 33 || c > 126 || c == ':') {
        return false;
      }
    }
    return true;
  }

  private static List<String> rawValues(MimeMessage message, String name)
      throws MalformedMessageException {
    try {
      String[] values = message.getHeader(name);
      if (values == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>(values.length);
      for (String value : values) {
        out.add(HeaderDecoder.fixEightBit(HeaderDecoder.unfold(value)));
      }
      return out;
    } catch (MessagingException e) {
      throw new MalformedMessageException(Reason.UNREADABLE, "unreadable header " + name, e);
    }
  }

  private static @Nullable String firstRaw(MimeMessage message, String name) {
    List<String> values = rawValues(message, name);
    return values.isEmpty() ? null : values.get(0);
  }

  private static @Nullable String firstId(MimeMessage message, String name) {
    String value = firstRaw(message, name);
    if (value == null) {
      return null;
    }
    List<String> ids = messageIds(value);
    return ids.isEmpty() ? null : ids.get(0);
  }

  /**
   * The message ids of a header, without angle brackets. Ids in brackets win; a value without any
   * bracket is read as white-space separated ids, as some agents write them.
   */
  static List<String> messageIds(String value) {
    List<String> ids = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = value.indexOf('<', from);
      if (open < 0) {
        break;
      }
      int close = value.indexOf('>', open + 1);
      if (close < 0) {
        break;
      }
      String id = value.substring(open + 1, close).trim();
      if (!id.isEmpty() && !containsSpace(id)) {
        ids.add(id);
      }
      from = close + 1;
    }
    if (ids.isEmpty() && value.indexOf('<') < 0) {
      for (String token : value.trim().split("[\\s,]+")) {
        if (!token.isEmpty() && token.indexOf('@') > 0) {
          ids.add(token);
        }
      }
    }
    return ids;
  }

  private static boolean containsSpace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The bare addresses of an address header; what cannot be read is skipped. */
  private static List<String> addresses(MimeMessage message, String name) {
    List<String> out = new ArrayList<>();
    for (String value : rawValues(message, name)) {
      try {
        addAll(out, InternetAddress.parseHeader(value, false));
      } catch (AddressException e) {
        // One bad address must not cost the others: read them one by one.
        for (String piece : splitAddresses(value)) {
          try {
            addAll(out, InternetAddress.parseHeader(piece, false));
          } catch (AddressException ignored) {
            // skipped, as the parser promises
          }
        }
      }
    }
    return out;
  }

  private static void addAll(List<String> out, InternetAddress[] addresses)
      throws AddressException {
    for (InternetAddress address : addresses) {
      if (address.isGroup()) {
        addAll(out, address.getGroup(false));
        continue;
      }
      String bare = address.getAddress();
      if (bare != null) {
        bare = bare.trim();
        if (!bare.isEmpty() && !containsSpace(bare)) {
          out.add(bare);
        }
      }
    }
  }

  /** Splits on commas outside quotes, comments and angle brackets. */
  private static List<String> splitAddresses(String value) {
    List<String> pieces = new ArrayList<>();
    boolean quoted = false;
    int angle = 0;
    int comment = 0;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        comment++;
      } else if (!quoted && c == ')' && comment > 0) {
        comment--;
      } else if (!quoted && comment == 0 && c == '<') {
        angle++;
      } else if (!quoted && comment == 0 && c == '>' && angle > 0) {
        angle--;
      } else if (!quoted && comment == 0 && angle == 0 && (c == ',' || c == ';')) {
        pieces.add(value.substring(start, i));
        start = i + 1;
      }
    }
    pieces.add(value.substring(start));
    return pieces;
  }
}
