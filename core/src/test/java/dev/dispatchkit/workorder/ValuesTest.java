package dev.dispatchkit.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void aDispatchStateCopiesWhatTheFlagsReadAndRefusesANegativeRescheduleCount() {
    WorkOrder order = Fixtures.dispatched();
    assertThat(DispatchState.of(order))
        .isEqualTo(
            new DispatchState(
                Status.OPEN, order.priority(), Fixtures.T0, Fixtures.EXPECTED, 0, false));
    assertThatThrownBy(
            () ->
                new DispatchState(
                    Status.OPEN, Priority.URGENT, Fixtures.T0, Fixtures.EXPECTED, -1, false))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly("rescheduleCount must be 0 or more, was -1"));
  }

  @Test
  void identifiersMustBeNonBlankBoundedAndFreeOfControlCharacters() {
    assertThat(SubscriberId.of("client-1").value()).isEqualTo("client-1");
    assertThat(ProviderId.of("acme").toString()).isEqualTo("acme");
    for (String bad : List.of("", "  ", "a\nb", "x".repeat(65), " padded", "tab\there")) {
      assertThatThrownBy(() -> SubscriberId.of(bad)).isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> ProviderId.of(bad)).isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void siteTextsRefuseLineBreaksThatWouldInjectMailHeaders() {
    assertThatThrownBy(
            () -> new Site("Store\r\nBcc: evil@example.com", "1 rue X", "+33 1 00 00 00 00", PARIS))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly("name contains a line break or another control character"));
  }

  @Test
  void siteListsEveryBrokenConstraintAtOnce() {
    assertThatThrownBy(() -> new Site(" ", "a\u2028b", "phone", PARIS))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.subject()).isEqualTo("Site");
              assertThat(e.violations()).hasSize(3);
            });
  }

  @Test
  void problemDetailsMayHoldSeveralLinesButTheDescriptionMayNot() {
    assertThat(new Problem("HVAC", "No heating", "Line 1\r\nLine 2\tindented").details())
        .contains("\n");
    assertThat(new Problem("HVAC", "No heating", "").details()).isEmpty();
    assertThatThrownBy(() -> new Problem("HVAC", "No\nheating", ""))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new Problem("HVAC", "No heating", "bell\u0007"))
        .isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice@client.example",
        "a.b+tag@sub.client.example",
        "o'brien@example.ie",
        "x@a-b.co"
      })
  void plainAddressesAreAccepted(String address) {
    assertThat(ContactPerson.isPlainAddress(address)).isTrue();
    assertThat(new ContactPerson("Someone", address).email()).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "alice",
        "alice@",
        "@client.example",
        "alice@localhost",
        "a@@client.example",
        ".alice@client.example",
        "al..ice@client.example",
        "alice@client.example\r\nBcc: x@y.example",
        "alice smith@client.example",
        "\"alice\"@client.example",
        "alice@-client.example",
        "alice@client..example",
        "alice@10.0.0.1",
        "élise@client.example",
        "Alice <alice@client.example>"
      })
  void otherAddressesAreRefused(String address) {
    assertThat(ContactPerson.isPlainAddress(address)).isFalse();
    assertThatThrownBy(() -> new ContactPerson("Someone", address))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aNoteMayHoldLinesButNotOtherControlCharacters() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(new Note("line 1\nline 2", NoteAuthor.SYSTEM, at).text()).contains("\n");
    assertThatThrownBy(() -> new Note(" \n ", NoteAuthor.CLIENT, at))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new Note("nul\u0000", NoteAuthor.CLIENT, at))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new Note("x".repeat(Note.MAX_TEXT + 1), NoteAuthor.CLIENT, at))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void fileNamesAreMadeSafe() {
    assertThat(AttachmentRef.safeFileName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(AttachmentRef.safeFileName("C:\\Users\\bob\\invoice.pdf")).isEqualTo("invoice.pdf");
    assertThat(AttachmentRef.safeFileName("..")).isEqualTo("attachment");
    assertThat(AttachmentRef.safeFileName(".htaccess")).isEqualTo("htaccess");
    assertThat(AttachmentRef.safeFileName("a\r\nb?.txt")).isEqualTo("a__b_.txt");
    assertThat(AttachmentRef.safeFileName("CON.txt")).isEqualTo("_CON.txt");
    assertThat(AttachmentRef.safeFileName("report\u202Efdp.exe")).isEqualTo("report_fdp.exe");
    String longName = "x".repeat(300) + ".pdf";
    assertThat(AttachmentRef.safeFileName(longName))
        .hasSize(AttachmentRef.MAX_FILE_NAME)
        .endsWith(".pdf");
  }

  @Property(tries = 500)
  void safeFileNamesAreStableAndSafe(@ForAll String raw) {
    String safe = AttachmentRef.safeFileName(raw);
    assertThat(AttachmentRef.safeFileName(safe)).isEqualTo(safe);
    assertThat(safe)
        .isNotEmpty()
        .doesNotContain("/", "\\", "\n", "\r", "\u0000")
        .doesNotStartWith(".");
    assertThat(safe.length()).isLessThanOrEqualTo(AttachmentRef.MAX_FILE_NAME);
    assertThat(new AttachmentRef("id", safe, "application/pdf", 0, "0".repeat(64)).fileName())
        .isEqualTo(safe);
  }

  @Test
  void anAttachmentRefRefusesUnsafeOrMalformedParts() {
    assertThatThrownBy(() -> new AttachmentRef(" ", "../x.pdf", "Application/PDF; q=1", -1, "ABC"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.violations()).hasSize(5));
  }

  @Test
  void onlyTheNineStatusesOfTheArchitectureExist() {
    List<String> legal = new ArrayList<>();
    for (PrimaryStatus primary : PrimaryStatus.values()) {
      for (ExtendedStatus extended : ExtendedStatus.values()) {
        if (Status.isLegal(primary, extended)) {
          legal.add(Status.of(primary, extended).toString());
        } else {
          assertThatThrownBy(() -> Status.of(primary, extended))
              .isInstanceOf(ValidationException.class);
        }
      }
    }
    assertThat(legal)
        .containsExactlyInAnyOrder(
            "OPEN",
            "OPEN/DECLINED",
            "IN_PROGRESS/DISPATCH_CONFIRMED",
            "IN_PROGRESS/ON_SITE",
            "IN_PROGRESS/PARTS_ON_ORDER",
            "IN_PROGRESS/INCOMPLETE",
            "COMPLETED/PENDING_CONFIRMATION",
            "COMPLETED/CONFIRMED",
            "CANCELLED");
    assertThat(Status.all()).hasSize(9);
    assertThat(Status.all())
        .filteredOn(Status::isTerminal)
        .containsExactly(Status.CONFIRMED, Status.CANCELLED);
  }

  @Test
  void messageIdsAreVisibleAsciiWithoutAngleBrackets() {
    assertThat(WorkOrder.isValidMessageId("abc.123@dispatch.example")).isTrue();
    assertThat(WorkOrder.isValidMessageId("")).isFalse();
    assertThat(WorkOrder.isValidMessageId("<abc@x>")).isFalse();
    assertThat(WorkOrder.isValidMessageId("a b@x")).isFalse();
    assertThat(WorkOrder.isValidMessageId("a\r\n@x")).isFalse();
    assertThat(WorkOrder.isValidMessageId("x".repeat(WorkOrder.MAX_MESSAGE_ID + 1))).isFalse();
  }
}
