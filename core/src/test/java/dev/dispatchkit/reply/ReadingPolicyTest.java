package dev.dispatchkit.reply;

import static dev.dispatchkit.reply.Replies.classify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.workorder.DeclineReason;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Step 5 of REPLIES.md, "Read the new text", and "What follows the decision word". */
class ReadingPolicyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ok",
        "OK",
        "okay",
        "o.k.",
        "O.K.",
        "oui",
        "Oui",
        "yes",
        "d'accord",
        "D’accord",
        "accepté",
        "acceptée",
        "ACCEPTÉ",
        "j'accepte",
        "accepte",
        "accept",
        "accepted",
        "confirmé",
        "confirmée",
        "confirmed",
        "confirm",
        "OK.",
        "Oui !",
        "ok 👍",
        "ＯＫ",
        "\u200bOK",
        "*OK*"
      })
  void everyAcceptWordAccepts(String body) {
    ReplyDecision decision = classify(body);
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.reason()).isEqualTo(ReplyReason.ACCEPT_WORD);
    assertThat(decision.note()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "non",
        "Non",
        "NON",
        "no",
        "No.",
        "refusé",
        "refusée",
        "je refuse",
        "refuse",
        "decline",
        "declined",
        "je décline",
        "décliné",
        "déclinée",
        "Non !"
      })
  void everyDeclineWordDeclines(String body) {
    ReplyDecision decision = classify(body);
    assertThat(decision.intent()).isEqualTo(Intent.DECLINE);
    assertThat(decision.reason()).isEqualTo(ReplyReason.DECLINE_WORD);
    assertThat(decision.declineReason()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bonjour,\nOK", "Bonjour Marie,\nOK", "Hello,\n\nOK", "Hi team,\nOK",
        "Madame, Monsieur,\nOK", "Bonjour, OK pour nous", "Bonjour Marie, OK", "Hi team, ok"
      })
  void greetingsAreSkipped(String body) {
    assertThat(classify(body).intent()).isEqualTo(Intent.ACCEPT);
  }

  @Test
  void bonjourOkPourNousKeepsTheRestAsNote() {
    assertThat(classify("Bonjour, OK pour nous").note()).isEqualTo("pour nous");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Cordialement",
        "Merci",
        "Merci d'avance",
        "Regards",
        "Best regards",
        "Bien à vous",
        "Bonne journée"
      })
  void closingAndEverythingAfterItIsNotPartOfTheNote(String closing) {
    ReplyDecision decision =
        classify("OK, technicien demain\n\n" + closing + "\nJean Dupont\nPlomberie SA\nNon");
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.note()).isEqualTo("technicien demain");
  }

  @Test
  void merciDeMeRappelerIsASentenceNotAClosing() {
    ReplyDecision decision = classify("OK\nMerci de me rappeler");
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.note()).isEqualTo("Merci de me rappeler");
  }

  @Test
  void freeTextAfterTheWordBecomesTheNote() {
    ReplyDecision decision = classify("OK, technicien sur place demain 10h");
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.note()).isEqualTo("technicien sur place demain 10h");
  }

  @Test
  void emptyNewTextIsUnclear() {
    assertThat(classify("").reason()).isEqualTo(ReplyReason.EMPTY_TEXT);
    assertThat(classify("\n\n> OK\n").reason()).isEqualTo(ReplyReason.EMPTY_TEXT);
    assertThat(classify("Bonjour,\n\nCordialement").reason()).isEqualTo(ReplyReason.EMPTY_TEXT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Merci pour votre demande, c'est OK",
        "ce n'est pas non plus urgent",
        "Je vous confirme notre passage",
        "Le technicien passera demain",
        "👍"
      })
  void noDecisionWordOnTheFirstLineIsUnclear(String body) {
    ReplyDecision decision = classify(body);
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.reason()).isIn(ReplyReason.NO_DECISION_WORD, ReplyReason.EMPTY_TEXT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "pas OK|negated",
        "not ok|negated",
        "no problem|negated",
        "no worries|negated",
        "pas de problème|negated",
        "OK ?|questioned",
        "ok?|questioned",
        "non-urgent?|part-of-word",
        "OK. En fait non, désolé|conflicting-words",
        "Oui / Non|conflicting-words",
        "Oui mais non|conflicting-words",
        "Yes no|conflicting-words",
        "Oui, non|conflicting-words",
        "Non, OK|conflicting-words",
        "OK\\nNon finalement|conflicting-words",
        "Okay-ish|part-of-word",
        "Nonobstant|part-of-word",
        "Nothing|part-of-word",
        "Non-urgent|part-of-word"
      })
  void ambiguousWordsAreUnclear(String body, String reason) {
    ReplyDecision decision = classify(body.replace("\\n", "\n"));
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.reason().code()).isEqualTo(reason);
  }

  @Test
  void aDecisionWordInsideASentenceDoesNotDecide() {
    assertThat(classify("Le chantier n'est pas non plus urgent").reason())
        .isEqualTo(ReplyReason.NO_DECISION_WORD);
  }

  @Test
  void aSecondDecisionWordInsideASentenceIsNoConflict() {
    ReplyDecision decision = classify("OK, ce n'est pas non plus urgent");
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.note()).isEqualTo("ce n'est pas non plus urgent");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Non, pas disponible cette semaine|CANT_MAKE_DATE",
        "Non pas dispo|CANT_MAKE_DATE",
        "Non, indisponible|CANT_MAKE_DATE",
        "Non, pas avant le 20|CANT_MAKE_DATE",
        "Non, complet|CANT_MAKE_DATE",
        "Non, pas de technicien|CANT_MAKE_DATE",
        "No, not available|CANT_MAKE_DATE",
        "No, unavailable|CANT_MAKE_DATE",
        "No, we can't make it|CANT_MAKE_DATE",
        "No, cannot make that date|CANT_MAKE_DATE",
        "No, fully booked|CANT_MAKE_DATE",
        "No, no technician available|CANT_MAKE_DATE",
        "Non, pas notre métier|TRADE_NOT_SERVICED",
        "Non, nous ne faisons pas la climatisation|TRADE_NOT_SERVICED",
        "Non, hors de notre domaine|TRADE_NOT_SERVICED",
        "Non, pas notre spécialité|TRADE_NOT_SERVICED",
        "No, not our trade|TRADE_NOT_SERVICED",
        "No, we don't do roofs|TRADE_NOT_SERVICED",
        "No, we do not do roofs|TRADE_NOT_SERVICED",
        "No, outside our expertise|TRADE_NOT_SERVICED",
        "Non, hors zone|LOCATION_NOT_SERVICED",
        "Non, trop loin|LOCATION_NOT_SERVICED",
        "Non, zone non couverte|LOCATION_NOT_SERVICED",
        "Non, secteur non couvert|LOCATION_NOT_SERVICED",
        "No, outside our area|LOCATION_NOT_SERVICED",
        "No, too far|LOCATION_NOT_SERVICED",
        "No, we don't cover that area|LOCATION_NOT_SERVICED",
        "No, not in our area|LOCATION_NOT_SERVICED",
        "Non, NTE trop bas|NTE_TOO_LOW",
        "Non, nte insuffisant|NTE_TOO_LOW",
        "Non, montant trop bas|NTE_TOO_LOW",
        "Non, montant insuffisant|NTE_TOO_LOW",
        "Non, budget insuffisant|NTE_TOO_LOW",
        "No, NTE too low|NTE_TOO_LOW",
        "No, the NTE is too low|NTE_TOO_LOW",
        "No, not enough budget|NTE_TOO_LOW",
        "No, budget too low|NTE_TOO_LOW",
        "Non, trop loin et pas disponible|CANT_MAKE_DATE",
        "Non, PAS DISPONIBLE|CANT_MAKE_DATE",
        "Non, nous sommes en congés|OTHER"
      })
  void declineReasonsFollowTheTableFirstRowWins(String body, DeclineReason reason) {
    ReplyDecision decision = classify(body);
    assertThat(decision.intent()).isEqualTo(Intent.DECLINE);
    assertThat(decision.declineReason()).isEqualTo(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Non, désolé", "Non, sorry", "Non merci", "No, thanks", "Non."})
  void courtesyAloneIsNoNote(String body) {
    ReplyDecision decision = classify(body);
    assertThat(decision.intent()).isEqualTo(Intent.DECLINE);
    assertThat(decision.note()).isEmpty();
    assertThat(decision.declineReason()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Sent Monday 10 March 2025, 09:00, Paris.
        "OK, sur place demain 10h|2025-03-11T10:00",
        "OK jeudi 9h|2025-03-13T09:00",
        "OK 14/03 à 10:00|2025-03-14T10:00",
        "OK, tomorrow 10am|2025-03-11T10:00",
        "Yes, Monday 2pm|2025-03-17T14:00",
        "OK aujourd'hui 14h30|2025-03-10T14:30",
        "Yes, today 2 pm|2025-03-10T14:00",
        "Oui, le 14 mars à 10h|2025-03-14T10:00",
        "Oui 02/01 à 8h|2026-01-02T08:00",
        "Oui, demain à 10:00|2025-03-11T10:00",
        // "OK" is French and English; "à 10h" and "le" show the note is written the French way.
        "OK 03/04 à 10h|2025-04-03T10:00",
        "OK le 05/01 à 8h|2026-01-05T08:00",
        "OK 01/03 à 10h|2026-03-01T10:00"
      })
  void acceptWithAClearDateProposesIt(String body, LocalDateTime expected) {
    ReplyDecision decision = classify(body);
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.proposedDate()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "OK, vers 10h demain",
        "OK around 10 tomorrow",
        "OK demain",
        "OK jeudi",
        "OK entre 9h et 11h demain",
        "OK dans la semaine",
        "OK aujourd'hui 8h",
        "Yes, 03/14 10am",
        "OK 03/04 10:00",
        "OK 03/04 10am",
        "OK demain 10h ou jeudi 14h",
        "OK 10h",
        "OK, tomorrow around 10am"
      })
  void uncertainDatesProposeNothingButStillDecide(String body) {
    ReplyDecision decision = classify(body);
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.proposedDate()).isNull();
    assertThat(decision.note()).isNotEmpty();
  }

  @Test
  void aWeekdaySentOnThatDayIsAWeekLater() {
    ReplyDecision decision = classify(Replies.reply("OK lundi 9h"));
    assertThat(decision.proposedDate()).isEqualTo(LocalDateTime.parse("2025-03-17T09:00"));
  }

  @Test
  void datesAreReadInTheSiteZone() {
    // 23:30 UTC on Monday is already Tuesday in Paris: "demain" is Wednesday.
    ReplyDecision decision =
        classify(
            Replies.reply("OK demain 10h")
                .date(java.time.OffsetDateTime.parse("2025-03-10T23:30:00Z")));
    assertThat(decision.proposedDate()).isEqualTo(LocalDateTime.parse("2025-03-12T10:00"));
  }

  @Test
  void withoutAStoreDatesAreReadInTheDateOffset() {
    ReplyDecision decision =
        Replies.classifyWithoutStore(
            Replies.reply("OK demain 10h")
                .date(java.time.OffsetDateTime.parse("2025-03-10T23:30:00Z"))
                .build());
    assertThat(decision.proposedDate()).isEqualTo(LocalDateTime.parse("2025-03-11T10:00"));
  }

  @Test
  void noDateHeaderMeansNoProposedDate() {
    ReplyDecision decision = classify(Replies.reply("OK demain 10h").date(null));
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.proposedDate()).isNull();
  }

  @Test
  void declinesNeverProposeADate() {
    ReplyDecision decision = classify("Non, demain 10h impossible");
    assertThat(decision.intent()).isEqualTo(Intent.DECLINE);
    assertThat(decision.proposedDate()).isNull();
    assertThat(decision.declineReason()).isEqualTo(DeclineReason.OTHER);
  }
}
