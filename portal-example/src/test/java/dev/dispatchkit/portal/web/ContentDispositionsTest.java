package dev.dispatchkit.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.workorder.AttachmentRef;
import org.junit.jupiter.api.Test;

class ContentDispositionsTest {

  @Test
  void aPlainNameIsTheSameInBothParameters() {
    assertThat(ContentDispositions.attachment("photo-1.png"))
        .isEqualTo("attachment; filename=\"photo-1.png\"; filename*=UTF-8''photo-1.png");
  }

  @Test
  void anythingOutsidePlainAsciiIsReplacedInTheFallbackAndEncodedInTheUtf8Name() {
    assertThat(ContentDispositions.attachment("évier 100%.jpg"))
        .isEqualTo(
            "attachment; filename=\"_vier 100_.jpg\"; filename*=UTF-8''%C3%A9vier%20100%25.jpg");
  }

  @Test
  void quotesBackslashesAndLineBreaksCannotLeaveTheHeaderValue() {
    String hostile = "a\"; filename=evil.html\r\nX-Injected: 1\\b.pdf";
    String header = ContentDispositions.attachment(hostile);
    assertThat(header).doesNotContain("\r").doesNotContain("\n");
    // One quoted fallback name, without a quote of its own inside.
    String fallback = header.substring("attachment; filename=\"".length(), header.indexOf("\";"));
    assertThat(fallback).doesNotContain("\"").doesNotContain("\\");
    assertThat(header.substring(header.indexOf("filename*=UTF-8''") + 17))
        .matches("[A-Za-z0-9!#$&+.^_`|~%-]+");
  }

  @Test
  void aNameMadeSafeForStorageKeepsItsLettersInTheUtf8Name() {
    String stored = AttachmentRef.safeFileName("../../Relevé compteur?.pdf");
    assertThat(stored).isEqualTo("Relevé compteur_.pdf");
    assertThat(ContentDispositions.attachment(stored)).endsWith("Relev%C3%A9%20compteur_.pdf");
  }
}
