package dev.dispatchkit.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The header value readers behind {@code MimeParser}, checked on their own. */
class HeaderValuesTest {

  @Test
  void sloppyDatesAreReadWhenUnambiguous() {
    assertThat(MailDates.parse("4 Mar 25 09:15 EST"))
        .isEqualTo(OffsetDateTime.of(2025, 3, 4, 9, 15, 0, 0, ZoneOffset.ofHours(-5)));
    assertThat(MailDates.parse("Tue,  4 Mar 2025 09:15:02 -0000"))
        .isEqualTo(OffsetDateTime.of(2025, 3, 4, 9, 15, 2, 0, ZoneOffset.UTC));
  }

  @Test
  void aBadDateGivesNoDate() {
    assertThat(MailDates.parse("Tue, 31 Feb 2025 09:15:02 +0100")).isNull();
    assertThat(MailDates.parse("Tue, 4 Mar 2025 09:15:02")).isNull();
    assertThat(MailDates.parse("Tue, 4 Mar 2025 25:15:02 +0100")).isNull();
  }

  @Test
  void aCharacterSplitAcrossEncodedWordsIsJoined() {
    // "é" is C3 A9: the first word ends with C3, the second starts with A9.
    assertThat(HeaderDecoder.decode("=?UTF-8?B?UsM=?= =?UTF-8?B?qXBvbnNl?=")).isEqualTo("Réponse");
    assertThat(HeaderDecoder.decode("Re: =?iso-8859-1?q?d=E9j=E0?= vu")).isEqualTo("Re: déjà vu");
  }
}
