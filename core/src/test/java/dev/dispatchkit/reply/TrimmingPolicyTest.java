package dev.dispatchkit.reply;

import static dev.dispatchkit.reply.Replies.classify;
import static dev.dispatchkit.reply.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Step 4 of REPLIES.md: new text only. */
class TrimmingPolicyTest {

  private static final ReplyTrimmer TRIMMER = ReplyTrimmer.standard();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "OK\n\n> Pouvez-vous intervenir ? Répondez OK ou Non\n> Non",
        "OK\n\nOn Mon, 10 Mar 2025 at 09:00, DispatchKit <dispatch@dk.example> wrote:\n> Non",
        "OK\n\nLe lun. 10 mars 2025 à 09:00, DispatchKit <dispatch@dk.example> a écrit :\n> Non",
        "OK\n\nLe lun. 10 mars 2025 à 09:00, DispatchKit <\ndispatch@dk.example> a écrit :\n\nNon",
        "OK\n\nOn Mon, 10 Mar 2025 at 09:00, DispatchKit <\ndispatch@dk.example> wrote:\n\nNon",
        "OK\n\nFrom: DispatchKit\nSent: Monday, March 10, 2025 9:00 AM\nTo: Plombier\nSubject: Demande\n\nNon",
        "OK\n\nDe : DispatchKit\nEnvoyé : lundi 10 mars 2025 09:00\nÀ : Plombier\nObjet : Demande\n\nNon",
        "OK\n\n*De :* DispatchKit\n*Envoyé :* lundi 10 mars 2025 09:00\n*À :* Plombier\n\nNon",
        "OK\n\nVon: DispatchKit\nGesendet: Montag, 10. März 2025\nAn: Plombier\nBetreff: Demande\n\nNon",
        "OK\n\nDa: DispatchKit\nInviato: lunedì 10 marzo 2025\nA: Plombier\nOggetto: Demande\n\nNon",
        "OK\n\nVan: DispatchKit\nVerzonden: maandag 10 maart 2025\nAan: Plombier\n\nNon",
        "OK\n\n-----Original Message-----\nNon",
        "OK\n\n-----Message d'origine-----\nNon",
        "OK\n\n________________________________\nDe : DispatchKit\nNon",
        "OK\n-- \nJean Dupont\nNon",
        "OK\n\nSent from my iPhone\n\nNon",
        "OK\n\nEnvoyé de mon iPhone\n\nNon",
        "OK\n\nEnvoyé depuis mon mobile\nNon",
        "OK\n\nGet Outlook for Android\nNon",
        "OK\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\nNon",
        "OK\n\nSent from my Galaxy\nNon",
        "OK\n\nEnvoyé à partir de Outlook pour Android\nNon",
        "OK\n\n---------- Forwarded message ---------\nNon"
      })
  void theQuotedOriginalAndEverythingAfterItIsRemoved(String body) {
    assertThat(TRIMMER.extract(body)).isEqualTo("OK");
    ReplyDecision decision = classify(body);
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.replyText()).isEqualTo("OK");
  }

  @Test
  void bottomPostingReadsTheTextRightAfterTheQuoteBlock() {
    String body = "> Pouvez-vous intervenir ?\n> Répondez OK ou Non\n\nNon, trop loin\n";
    assertThat(TRIMMER.extract(body)).isEqualTo("Non, trop loin");
    assertThat(classify(body).intent()).isEqualTo(Intent.DECLINE);
  }

  @Test
  void aGreetingAloneAboveTheQuoteIsNothingNew() {
    String body = "Bonjour,\n\n> Répondez OK ou Non\n\nOK pour jeudi\n";
    assertThat(TRIMMER.extract(body)).isEqualTo("OK pour jeudi");
    assertThat(classify(body).intent()).isEqualTo(Intent.ACCEPT);
  }

  @Test
  void aHeaderAboveABottomPostedQuoteBelongsToTheQuote() {
    String body = "Le lun. 10 mars 2025 à 09:00, DK <d@dk.example> a écrit :\n> Répondez\n\nNon\n";
    assertThat(classify(body).intent()).isEqualTo(Intent.DECLINE);
  }

  @Test
  void textInterleavedBetweenQuotedLinesIsUnclear() {
    String body = "> Pouvez-vous venir lundi ?\nOK\n> Le montant convient-il ?\nNon\n";
    ReplyDecision decision = classify(body);
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.reason()).isEqualTo(ReplyReason.INTERLEAVED_QUOTE);
    assertThat(decision.replyText()).contains("OK").contains("Non");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"TR : Demande #123456", "Fwd: Demande #123456", "FW: #123456", "WG: #123456"})
  void aForwardWithoutOwnTextHasNoNewText(String subject) {
    String body =
        "De : DispatchKit\nEnvoyé : lundi\nÀ : Plombier\nObjet : Demande\n\nRépondez OK ou Non";
    ReplyDecision decision = classify(reply(body).subject(subject));
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.reason()).isEqualTo(ReplyReason.FORWARD_WITHOUT_TEXT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "---------- Forwarded message ---------\nFrom: DK\n\nOK",
        "Début du message réexpédié :\n\nDe: DK\nOK",
        "-----Message transféré-----\nOK"
      })
  void aForwardMarkerWithNothingAboveIsNeverReadAsTheReply(String body) {
    ReplyDecision decision = classify(body);
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.reason()).isEqualTo(ReplyReason.FORWARD_WITHOUT_TEXT);
  }

  @Test
  void aForwardSubjectWithoutAnyMarkerIsUnclear() {
    ReplyDecision decision = classify(reply("OK").subject("Fwd: Demande #123456"));
    assertThat(decision.reason()).isEqualTo(ReplyReason.FORWARD_WITHOUT_TEXT);
  }

  @Test
  void aForwardWithItsOwnTextAboveIsRead() {
    ReplyDecision decision =
        classify(
            reply("Non, pas notre métier\n\n---------- Forwarded message ---------\nOK")
                .subject("Fwd: Demande #123456"));
    assertThat(decision.intent()).isEqualTo(Intent.DECLINE);
  }

  @Test
  void anHtmlOnlyMessageIsConvertedToText() {
    ReplyDecision decision =
        classify(
            reply(null)
                .htmlBody(
                    "<div>Non&nbsp;merci</div><blockquote><p>R&eacute;pondez OK</p></blockquote>"));
    assertThat(decision.intent()).isEqualTo(Intent.DECLINE);
    assertThat(decision.replyText()).isEqualTo("Non merci");
  }

  @Test
  void lineEndingsAndSurroundingBlankLinesDoNotMatter() {
    assertThat(TRIMMER.extract("\r\n\r\nOK\r\nmerci\r\n\r\n> Non\r\n")).isEqualTo("OK\nmerci");
  }

  @Test
  void textAboveAOneLineHeaderIsKept() {
    assertThat(
            TRIMMER.extract(
                "Le 14/03 c'est bon\nLe 13 mars 2025, DK <d@dk.example> a écrit :\n> x"))
        .isEqualTo("Le 14/03 c'est bon");
  }
}
