package dev.dispatchkit.mail.internal;

import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decodes text bytes: with the declared charset when it is known and fits the bytes, else with the
 * first of UTF-8, windows-1252 and ISO-8859-1 that decodes them without error.
 */
final class TextDecoder {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextDecoder() {}

  /**
   * @param bytes the text's bytes, transfer encoding already undone
   * @param declared the charset the message names; null when it names none
   * @return the text; never fails, since ISO-8859-1 maps every byte
   */
  static String decode(byte[] bytes, @Nullable String declared) {
    int start = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      // A UTF-8 byte order mark outweighs any declared charset.
      start = 3;
      declared = "UTF-8";
    }
    Charset charset = charset(declared);
    if (charset != null) {
      String text = strict(bytes, start, charset);
      if (text != null) {
        return text;
      }
    }
    String text = strict(bytes, start, StandardCharsets.UTF_8);
    if (text == null) {
      text = strict(bytes, start, WINDOWS_1252);
    }
    return text != null
        ? text
        : new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
  }

  /**
   * The bytes without a UTF-8 sequence cut at their end, so that text cut at a byte limit still
   * decodes as UTF-8 rather than falling back to windows-1252.
   */
  static byte[] withoutPartialUtf8(byte[] bytes) {
    int end = bytes.length;
    int back = 0;
    // Step back over continuation bytes (10xxxxxx) to the lead byte, at most three.
    while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
      back++;
    }
    int lead = end - back - 1;
    if (lead < 0) {
      return bytes;
    }
    int b = bytes[lead] & 0xFF;
    int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return length > back + 1 ? java.util.Arrays.copyOf(bytes, lead) : bytes;
  }

  /**
   * The Java charset for a MIME charset name, or null when it is missing or unknown. ISO-8859-1 is
   * read as windows-1252, which only differs in C1 control codes that mail never means: senders
   * that declare Latin-1 routinely send windows-1252 quotes and euro signs.
   */
  static @Nullable Charset charset(@Nullable String name) {
    if (name == null) {
      return null;
    }
    String trimmed = name.trim();
    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1).trim();
    }
    if (trimmed.isEmpty()) {
      return null;
    }
    Charset charset = forName(trimmed);
    if (charset == null) {
      // MIME names Java does not know under that name, such as ks_c_5601-1987.
      charset = forName(MimeUtility.javaCharset(trimmed));
    }
    return StandardCharsets.ISO_8859_1.equals(charset) ? WINDOWS_1252 : charset;
  }

  private static @Nullable Charset forName(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      // IllegalCharsetNameException and UnsupportedCharsetException.
      return null;
    }
  }

  private static @Nullable String strict(byte[] bytes, int start, Charset charset) {
    if (isAscii(bytes, start) && isAsciiCompatible(charset)) {
      return new String(bytes, start, bytes.length - start, StandardCharsets.US_ASCII);
    }
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean isAscii(byte[] bytes, int start) {
    for (int i = start; i < bytes.length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  // ISO-2022-* and UTF-7 are 7-bit but not ASCII: their escape sequences must be decoded.
  private static boolean isAsciiCompatible(Charset charset) {
    String name = charset.name().toUpperCase(Locale.ROOT);
    return name.equals("UTF-8")
        || name.equals("US-ASCII")
        || name.startsWith("ISO-8859-")
        || name.startsWith("WINDOWS-125");
  }
}
