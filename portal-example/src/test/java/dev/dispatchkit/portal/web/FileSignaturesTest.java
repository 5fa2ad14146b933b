package dev.dispatchkit.portal.web;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileSignaturesTest {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0};

  @Test
  void eachKnownTypeFitsItsOwnSignatureOnly() {
    assertThat(FileSignatures.fits("image/png", PNG)).isTrue();
    assertThat(FileSignatures.fits("image/jpeg", JPEG)).isTrue();
    assertThat(FileSignatures.fits("image/gif", "GIF89a....".getBytes(US_ASCII))).isTrue();
    assertThat(FileSignatures.fits("image/webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes(US_ASCII)))
        .isTrue();
    assertThat(FileSignatures.fits("application/pdf", "%PDF-1.7".getBytes(US_ASCII))).isTrue();

    assertThat(FileSignatures.fits("image/png", JPEG)).isFalse();
    assertThat(FileSignatures.fits("image/jpeg", PNG)).isFalse();
    assertThat(FileSignatures.fits("image/webp", "RIFF\0\0\0\0WAVEfmt ".getBytes(US_ASCII)))
        .isFalse();
    assertThat(FileSignatures.fits("application/pdf", "<html>".getBytes(US_ASCII))).isFalse();
  }

  @Test
  void aFileShorterThanTheSignatureDoesNotFit() {
    assertThat(FileSignatures.fits("image/png", new byte[] {(byte) 0x89, 'P'})).isFalse();
    assertThat(FileSignatures.fits("image/jpeg", new byte[0])).isFalse();
  }

  @Test
  void aTypeWithoutAKnownSignatureIsNotJudgedHere() {
    assertThat(FileSignatures.fits("text/csv", "a,b\n".getBytes(US_ASCII))).isTrue();
  }
}
