package dev.dispatchkit.testkit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Hostile raw messages for parser and classifier tests: structural monsters built to a size, and
 * seed messages with the mutations a fuzzer applies (byte flips, truncation, duplicated headers,
 * broken boundaries, bogus charsets and encoded words, CR-only line ends, NUL bytes). Every method
 * is deterministic: the same arguments, or the same {@link Random} seed, give the same bytes.
 */
public final class HostileMail {

  private static final String HEAD =
      "From: Plomberie Martin <martin@plomberie.example>\r\n"
          + "To: dispatch@dk.example\r\n"
          + "Subject: Re: Intervention #123456\r\n"
          + "Date: Mon, 10 Mar 2025 09:00:00 +0100\r\n"
          + "Message-ID: <hostile@plomberie.example>\r\n"
          + "In-Reply-To: <order-123456@dk.example>\r\n"
          + "MIME-Version: 1.0\r\n";

  private HostileMail() {}

  /** A {@code text/html} message of {@code count} nested {@code <div>} elements, never closed. */
  public static byte[] nestedDivs(int count) {
    return html("OK demain" + "<div>".repeat(count) + "x");
  }

  /** A {@code text/html} message of {@code count} unclosed tags of varied kinds. */
  public static byte[] unclosedTags(int count) {
    String[] tags = {"<b>", "<i>", "<a href=x>", "<font>", "<span>"};
    StringBuilder body = new StringBuilder("OK<p>");
    for (int i = 0; i < count; i++) {
      body.append(tags[i % tags.length]);
    }
    return html(body.toString());
  }

  /** A {@code text/plain} message whose body is one line of {@code bytes} bytes. */
  public static byte[] longLine(int bytes) {
    byte[] head =
        (HEAD + "Content-Type: text/plain; charset=utf-8\r\n\r\nOK ").getBytes(ISO_8859_1);
    byte[] out = new byte[head.length + bytes];
    System.arraycopy(head, 0, out, 0, head.length);
    for (int i = head.length; i < out.length; i++) {
      out[i] = (byte) ('a' + i % 26);
    }
    return out;
  }

  /** A message whose {@code X-Long} header field is one line of {@code bytes} bytes. */
  public static byte[] longHeaderLine(int bytes) {
    return (HEAD + "X-Long: " + "h".repeat(bytes) + "\r\nContent-Type: text/plain\r\n\r\nOK\r\n")
        .getBytes(ISO_8859_1);
  }

  /** Multiparts nested {@code depth} deep, a text part at the bottom. */
  public static byte[] nestedMultiparts(int depth) {
    StringBuilder out = new StringBuilder(HEAD);
    for (int i = 0; i < depth; i++) {
      out.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n");
      out.append("--b").append(i).append("\r\n");
    }
    out.append("Content-Type: text/plain\r\n\r\nOK\r\n");
    for (int i = depth - 1; i >= 0; i--) {
      out.append("--b").append(i).append("--\r\n");
    }
    return out.toString().getBytes(ISO_8859_1);
  }

  /** A {@code multipart/mixed} of {@code parts} small text parts, the first one the reply. */
  public static byte[] manyParts(int parts) {
    StringBuilder out =
        new StringBuilder(HEAD).append("Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
    for (int i = 0; i < parts; i++) {
      out.append("--p\r\nContent-Type: text/plain\r\n\r\n")
          .append(i == 0 ? "OK" : "part " + i)
          .append("\r\n");
    }
    return out.append("--p--\r\n").toString().getBytes(ISO_8859_1);
  }

  /**
   * Writes a reply "OK" with a base64 attachment of {@code bytes} decoded bytes, without holding
   * the attachment in memory.
   */
  public static void writeWithAttachment(OutputStream out, long bytes) throws IOException {
    out.write(
        (HEAD
                + "Content-Type: multipart/mixed; boundary=\"a\"\r\n\r\n"
                + "--a\r\nContent-Type: text/plain\r\n\r\nOK\r\n"
                + "--a\r\nContent-Type: application/octet-stream; name=\"big.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"big.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n")
            .getBytes(ISO_8859_1));
    byte[] line = new byte[57]; // 57 bytes make one 76-character base64 line
    Base64.Encoder encoder = Base64.getEncoder();
    for (long written = 0; written < bytes; written += line.length) {
      int n = (int) Math.min(line.length, bytes - written);
      for (int i = 0; i < n; i++) {
        line[i] = (byte) (written + i);
      }
      out.write(encoder.encode(n == line.length ? line : java.util.Arrays.copyOf(line, n)));
      out.write('\r');
      out.write('\n');
    }
    out.write("--a--\r\n".getBytes(ISO_8859_1));
  }

  /** {@link #writeWithAttachment} into an array: only for small sizes. */
  public static byte[] withAttachment(int bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes * 4 / 3 + 1024);
    try {
      writeWithAttachment(out, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Small well-formed messages of the shapes replies come in, to mutate. */
  public static List<byte[]> seeds() {
    return List.of(
        (HEAD
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nOK pour demain 10h\r\n\r\n"
                + "Le 10 mars, Dispatch a écrit :\r\n> Intervention #123456\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
        (HEAD
                + "Content-Type: text/html; charset=windows-1252\r\n\r\n"
                + "<div>Non, pas dispo</div><blockquote>Intervention</blockquote>\r\n")
            .getBytes(ISO_8859_1),
        (HEAD
                + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nOK =E0 10h\r\n"
                + "--alt\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getEncoder().encodeToString("<p>OK &agrave; 10h</p>".getBytes(ISO_8859_1))
                + "\r\n--alt--\r\n")
            .getBytes(ISO_8859_1),
        (HEAD
                + "Subject: =?utf-8?B?UmU6ICMxMjM0NTY=?=\r\n"
                + "Content-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n"
                + "--mix\r\nContent-Type: text/plain\r\n\r\nNon merci\r\n"
                + "--mix\r\nContent-Type: image/png; name=\"p.png\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
                + "--mix\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 a\r\n#86)C\r\n`\r\nend\r\n"
                + "--mix--\r\n")
            .getBytes(ISO_8859_1));
  }

  /** The kinds of mutation {@link #mutate} applies. */
  public enum Mutation {
    /** Random bytes replaced by random values. */
    BYTE_FLIPS,
    /** The message cut at a random length. */
    TRUNCATION,
    /** A header line repeated. */
    HEADER_DUPLICATION,
    /** A boundary line damaged or removed. */
    BROKEN_BOUNDARY,
    /** Every charset name replaced by a bogus one. */
    BOGUS_CHARSET,
    /** A broken encoded word put into the subject. */
    BROKEN_ENCODED_WORD,
    /** Every CRLF and LF turned into a bare CR. */
    CR_LINE_ENDS,
    /** NUL bytes put in at random places. */
    NUL_BYTES
  }

  /**
   * One mutation of a seed, drawn from {@code random}.
   *
   * @return the mutated bytes; the seed is not changed
   */
  public static byte[] mutate(byte[] seed, Random random) {
    Mutation[] kinds = Mutation.values();
    return mutate(seed, kinds[random.nextInt(kinds.length)], random);
  }

  /** The given mutation of a seed; the seed is not changed. */
  public static byte[] mutate(byte[] seed, Mutation mutation, Random random) {
    String text = new String(seed, ISO_8859_1);
    switch (mutation) {
      case BYTE_FLIPS -> {
        byte[] out = seed.clone();
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
      }
      case TRUNCATION -> {
        return java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
      }
      case HEADER_DUPLICATION -> {
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, Math.max(0, end)).split("\r\n");
        String line = lines[random.nextInt(lines.length)];
        String copies = (line + "\r\n").repeat(1 + random.nextInt(50));
        return (copies + text).getBytes(ISO_8859_1);
      }
      case BROKEN_BOUNDARY -> {
        String[] damage = {"", "--", "-", "--x", "--alt-", "--mix--"};
        String out = text;
        int at = out.indexOf("\r\n--", random.nextInt(Math.max(1, out.length())));
        if (at < 0) {
          at = out.indexOf("\r\n--");
        }
        if (at >= 0) {
          int lineEnd = out.indexOf("\r\n", at + 2);
          out =
              out.substring(0, at + 2)
                  + damage[random.nextInt(damage.length)]
                  + (lineEnd < 0 ? "" : out.substring(lineEnd));
        } else {
          out = out.replace("boundary=", "boundary=\"\"; x=");
        }
        return out.getBytes(ISO_8859_1);
      }
      case BOGUS_CHARSET -> {
        String[] bogus = {"x-unknown", "\"\"", "utf-7", "utf-16", "iso-2022-jp", "ks_c_5601-1987"};
        return text.replaceAll("(?i)charset=[^;\\r\\n]*", "charset=" + bogus[random.nextInt(6)])
            .getBytes(ISO_8859_1);
      }
      case BROKEN_ENCODED_WORD -> {
        String[] words = {
          "=?utf-8?B?####?=",
          "=?x-bogus?Q?caf=E9?=",
          "=?utf-8?Q?=FF=FE?=",
          "=?utf-8?B?",
          "=??B?QQ==?="
        };
        return ("Subject: " + words[random.nextInt(words.length)] + "\r\n" + text)
            .getBytes(ISO_8859_1);
      }
      case CR_LINE_ENDS -> {
        return text.replace("\r\n", "\n").replace('\n', '\r').getBytes(ISO_8859_1);
      }
      case NUL_BYTES -> {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
          out.insert(random.nextInt(out.length() + 1), '\0');
        }
        return out.toString().getBytes(ISO_8859_1);
      }
      default -> throw new IllegalArgumentException(mutation.name());
    }
  }

  private static byte[] html(String body) {
    return (HEAD + "Content-Type: text/html; charset=utf-8\r\n\r\n" + body + "\r\n")
        .getBytes(ISO_8859_1);
  }
}
