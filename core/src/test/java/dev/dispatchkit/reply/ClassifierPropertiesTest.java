package dev.dispatchkit.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.reply.Vocabulary.WordList;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the classifier and the trimmer over generated replies. */
class ClassifierPropertiesTest {

  private static final Vocabulary VOCABULARY = Vocabulary.defaults();

  /** A decision word and the intent it stands for. */
  record Word(String word, Intent intent) {}

  @Provide
  Arbitrary<Word> decisionWords() {
    List<Word> words = new ArrayList<>();
    VOCABULARY
        .words(WordList.ACCEPT)
        .values()
        .forEach(l -> l.forEach(w -> words.add(new Word(w, Intent.ACCEPT))));
    VOCABULARY
        .words(WordList.DECLINE)
        .values()
        .forEach(l -> l.forEach(w -> words.add(new Word(w, Intent.DECLINE))));
    return Arbitraries.of(words);
  }

  private static final List<String> INSTRUCTIONS =
      List.of(
          "Répondez OK pour accepter ou Non pour refuser.",
          "OK",
          "Non",
          "Reply OK or No.",
          "Oui / Non",
          "ok? non?",
          "Demande d'intervention #123456");

  @Provide
  Arbitrary<String> quotes() {
    Arbitrary<String> instruction = Arbitraries.of(INSTRUCTIONS);
    Arbitrary<String> angle =
        instruction.list().ofMinSize(1).ofMaxSize(4).map(l -> "> " + String.join("\n> ", l));
    Arbitrary<String> gmailFr =
        angle.map(q -> "Le lun. 10 mars 2025 à 09:00, DispatchKit <d@dk.example> a écrit :\n" + q);
    Arbitrary<String> gmailWrapped =
        angle.map(q -> "On Mon, 10 Mar 2025 at 09:00, DispatchKit <\nd@dk.example> wrote:\n\n" + q);
    Arbitrary<String> outlook =
        instruction
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(
                l ->
                    "________________________________\nDe : DispatchKit <d@dk.example>\n"
                        + "Envoyé : lundi 10 mars 2025 09:00\nÀ : Plombier\nObjet : RE: #123456\n\n"
                        + String.join("\n", l));
    Arbitrary<String> outlookEn =
        instruction
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(
                l ->
                    "From: DispatchKit\nSent: Monday, March 10, 2025 9:00 AM\nTo: Plombier\n"
                        + "Subject: #123456\n\n"
                        + String.join("\n", l));
    Arbitrary<String> original =
        instruction
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(l -> "-----Original Message-----\n" + String.join("\n", l));
    return Arbitraries.oneOf(angle, gmailFr, gmailWrapped, outlook, outlookEn, original);
  }

  @Provide
  Arbitrary<String> signatures() {
    return Arbitraries.of(
        "",
        "\n\nCordialement\nJean Dupont\nNon",
        "\n-- \nJean Dupont\nPlomberie SA - OK depuis 1990",
        "\n\nEnvoyé de mon iPhone",
        "\n\nSent from my iPhone",
        "\n\nGet Outlook for Android",
        "\n\nBien à vous,\nMarie");
  }

  @Provide
  Arbitrary<String> greetings() {
    return Arbitraries.of("", "Bonjour,\n", "Hello,\n\n", "Bonjour Marie,\n", "Hi team, ");
  }

  @Property(tries = 500)
  void aDecisionWordAboveAnyQuoteAndSignatureDecides(
      @ForAll("greetings") String greeting,
      @ForAll("decisionWords") Word word,
      @ForAll("signatures") String signature,
      @ForAll("quotes") String quote) {
    String body = greeting + word.word() + signature + "\n\n" + quote;
    ReplyDecision decision = Replies.classify(body);
    assertThat(decision.intent()).as(body).isEqualTo(word.intent());
    assertThat(decision.note()).as(body).isEmpty();
  }

  @Property(tries = 500)
  void decisionWordsOnlyInTheQuoteNeverDecide(
      @ForAll("greetings") String greeting,
      @ForAll("signatures") String signature,
      @ForAll("quotes") String quote,
      @ForAll("decisionWords") Word quoted) {
    String body =
        greeting
            + "Je regarde et je reviens vers vous"
            + signature
            + "\n\n"
            + quote
            + "\n> "
            + quoted.word();
    ReplyDecision decision = Replies.classify(body);
    assertThat(decision.decides()).as(body).isFalse();
  }

  @Property(tries = 300)
  void aQuoteAloneNeverDecides(@ForAll("quotes") String quote, @ForAll("signatures") String sig) {
    ReplyDecision decision = Replies.classify(quote + sig);
    assertThat(decision.decides()).as(quote + sig).isFalse();
  }

  @Provide
  Arbitrary<String> mailLike() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(
                "> ",
                ">",
                "\n",
                "\r\n",
                "\r",
                "OK",
                "Non",
                "-- \n",
                "wrote:",
                "a écrit :",
                "De :",
                "From:",
                "Sent:",
                "Envoyé :",
                "<",
                ">:",
                "#123456",
                "14/03",
                "10h",
                "demain",
                "\u200b",
                "\u00a0",
                "—",
                "ﬁ",
                "İ",
                "😀",
                "\ud83d",
                "é",
                "ok?",
                "pas",
                "```",
                "-----Original Message-----",
                "________",
                "Sent from my iPhone",
                "Bonjour,",
                "|"),
            Arbitraries.strings().ofMaxLength(20));
    return piece.list().ofMaxSize(60).map(l -> String.join("", l));
  }

  @Property(tries = 1000)
  void randomInputNeverThrows(@ForAll("mailLike") String body, @ForAll("mailLike") String subject) {
    assertThat(ReplyTrimmer.standard().extract(body)).isNotNull();
    InboundMessage message = Replies.reply(body).subject(subject).htmlBody(body).build();
    assertThat(Replies.classifyInStore(Replies.CLASSIFIER, message)).isNotNull();
    assertThat(Replies.classifyWithoutStore(message)).isNotNull();
    assertThat(HtmlToText.simple().toText(body)).isNotNull();
  }

  @Property(tries = 300)
  void anyStringNeverThrows(@ForAll String body) {
    assertThat(ReplyTrimmer.standard().extract(body)).isNotNull();
    assertThat(Replies.classify(body)).isNotNull();
    assertThat(HtmlToText.simple().toText(body)).isNotNull();
  }

  @Property(tries = 300)
  void truncatedRepliesNeverThrow(
      @ForAll("decisionWords") Word word,
      @ForAll("quotes") String quote,
      @ForAll("signatures") String signature,
      @ForAll("cut") double cut) {
    String body = "Bonjour,\n" + word.word() + ", demain 10h" + signature + "\n\n" + quote;
    String truncated = body.substring(0, (int) (body.length() * cut));
    assertThat(ReplyTrimmer.standard().extract(truncated)).isNotNull();
    ReplyDecision decision = Replies.classify(truncated);
    assertThat(decision).isNotNull();
    if (decision.decides()) {
      assertThat(decision.intent()).isEqualTo(word.intent());
    }
  }

  @Provide
  Arbitrary<Double> cut() {
    return Arbitraries.doubles().between(0, 1);
  }

  @Property(tries = 200)
  void extractIsIdempotentOnItsOwnOutputWithoutQuotes(
      @ForAll("decisionWords") Word word, @ForAll("signatures") String signature) {
    String once = ReplyTrimmer.standard().extract(word.word() + signature);
    assertThat(ReplyTrimmer.standard().extract(once)).isEqualTo(once);
  }
}
