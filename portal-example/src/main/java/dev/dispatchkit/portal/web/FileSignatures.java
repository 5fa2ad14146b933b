package dev.dispatchkit.portal.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Whether a file's first bytes fit its declared type, for the types whose signature is known. A
 * browser declares what the file's name suggests; this keeps a page or a script renamed {@code
 * .png} out of the store. Types without a known signature are not judged here.
 */
final class FileSignatures {

  /** How many leading bytes {@link #fits} needs at most. */
  static final int PREFIX = 12;

  private FileSignatures() {}

  /** Whether {@code head}, the first bytes of the file, fits {@code contentType}. */
  static boolean fits(String contentType, byte[] head) {
    return switch (contentType) {
      case "image/jpeg" -> startsWith(head, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
      case "image/png" ->
          startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
      case "image/gif" ->
          startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"));
      case "image/webp" -> startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"));
      case "application/pdf" -> startsWith(head, 0, ascii("%PDF-"));
      default -> true;
    };
  }

  private static boolean startsWith(byte[] head, int at, byte[] signature) {
    return head.length >= at + signature.length
        && Arrays.equals(head, at, at + signature.length, signature, 0, signature.length);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
