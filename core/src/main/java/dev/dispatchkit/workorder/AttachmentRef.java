package dev.dispatchkit.workorder;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reference to a file kept by an {@code AttachmentStore}; the work order holds the reference,
 * never the bytes.
 *
 * @param id the store's opaque identifier, unique within a work order
 * @param fileName a safe file name, as {@link #safeFileName(String)} returns it
 * @param contentType a media type such as {@code application/pdf}, in lower case, without
 *     parameters
 * @param size the size in bytes
 * @param sha256 the SHA-256 digest of the bytes, as 64 lower-case hexadecimal digits
 */
public record AttachmentRef(
    String id, String fileName, String contentType, long size, String sha256) {

  /** The longest file name accepted. */
  public static final int MAX_FILE_NAME = 200;

  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> WINDOWS_DEVICES =
      Set.of(
          "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
          "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

  /**
   * @throws dev.dispatchkit.error.ValidationException if the id is blank or too long, the file name
   *     is not already safe, the media type or digest is malformed, or the size is negative
   */
  public AttachmentRef {
    Texts.check("AttachmentRef")
        .identifier("id", id, 200)
        .require(
            fileName != null && !fileName.isEmpty() && safeFileName(fileName).equals(fileName),
            "fileName is not a safe file name (use AttachmentRef.safeFileName): " + fileName)
        .require(
            contentType != null && MEDIA_TYPE.matcher(contentType).matches(),
            "contentType is not a lower-case type/subtype: " + contentType)
        .require(size >= 0, "size is negative: " + size)
        .require(
            sha256 != null && SHA256.matcher(sha256).matches(),
            "sha256 is not 64 lower-case hexadecimal digits")
        .orThrow();
  }

  /**
   * Turns a file name received from outside (an email, a browser) into one that is safe to store
   * and to offer for download: no directory part, no control or reserved character, no leading dot,
   * no Windows device name, at most {@value #MAX_FILE_NAME} characters, never empty. Applying it
   * twice changes nothing.
   */
  public static String safeFileName(String raw) {
    Objects.requireNonNull(raw, "raw");
    String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            cp -> {
              boolean bad =
                  Character.isISOControl(cp)
                      || cp == 0x2028
                      || cp == 0x2029
                      || "<>:\"|?*".indexOf(cp) >= 0
                      || Character.getType(cp) == Character.FORMAT;
              out.appendCodePoint(bad ? '_' : cp);
            });
    String cleaned = strip(out.toString());
    if (cleaned.isEmpty()) {
      return "attachment";
    }
    int firstDot = cleaned.indexOf('.');
    String base =
        (firstDot < 0 ? cleaned : cleaned.substring(0, firstDot)).toLowerCase(Locale.ROOT);
    if (WINDOWS_DEVICES.contains(base)) {
      cleaned = "_" + cleaned;
    }
    if (cleaned.length() > MAX_FILE_NAME) {
      int dot = cleaned.lastIndexOf('.');
      String extension = dot > 0 && cleaned.length() - dot <= 16 ? cleaned.substring(dot) : "";
      int keep = MAX_FILE_NAME - extension.length();
      if (Character.isHighSurrogate(cleaned.charAt(keep - 1))) {
        keep--;
      }
      cleaned = strip(cleaned.substring(0, keep) + extension);
    }
    return cleaned;
  }

  // Leading dots hide files and ".." climbs directories; trailing dots and spaces vanish on
  // Windows.
  private static String strip(String name) {
    int start = 0;
    int end = name.length();
    while (start < end
        && (name.charAt(start) == '.' || Character.isWhitespace(name.charAt(start)))) {
      start++;
    }
    while (end > start
        && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) {
      end--;
    }
    return name.substring(start, end);
  }
}
