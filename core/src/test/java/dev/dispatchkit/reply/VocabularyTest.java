package dev.dispatchkit.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.reply.Vocabulary.WordList;
import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void theDefaultsHoldFrenchAndEnglish() {
    Vocabulary defaults = Vocabulary.defaults();
    assertThat(defaults.languages()).contains("fr", "en");
    assertThat(defaults.words(WordList.ACCEPT, "fr")).contains("ok", "oui", "d'accord");
    assertThat(defaults.words(WordList.DECLINE, "en")).contains("no", "decline");
    assertThat(defaults.words(WordList.WEEKDAY, "fr")).hasSize(7).startsWith("lundi");
    assertThat(defaults.words(WordList.MONTH, "en")).hasSize(12).endsWith("december");
  }

  @Test
  void aHostAddsALanguageByProperties() {
    Vocabulary german =
        Vocabulary.defaults().toBuilder()
            .load(
                new StringReader(
                    "accept.de = ja | einverstanden\n"
                        + "decline.de = nein\n"
                        + "greeting.de = hallo | guten tag\n"
                        + "closing.de = mit freundlichen grüßen\n"))
            .build();
    ReplyClassifier classifier = ReplyClassifier.builder().vocabulary(german).build();
    assertThat(classify(classifier, "Guten Tag,\nJa, morgen").intent()).isEqualTo(Intent.ACCEPT);
    assertThat(classify(classifier, "Nein\n\nMit freundlichen Grüßen\nOK").intent())
        .isEqualTo(Intent.DECLINE);
    assertThat(classify(ReplyClassifier.standard(), "Nein").intent()).isEqualTo(Intent.UNCLEAR);
  }

  @Test
  void aHostAddsWordsInCode() {
    Vocabulary more = Vocabulary.defaults().withWords(WordList.ACCEPT, "fr", "ça marche");
    assertThat(classify(ReplyClassifier.builder().vocabulary(more).build(), "Ça marche !").intent())
        .isEqualTo(Intent.ACCEPT);
  }

  @Test
  void anAddedAutoReplyMarkerIsRecognised() {
    Properties properties = new Properties();
    properties.setProperty("auto-reply-subject.pl", "Automatyczna odpowiedź");
    Vocabulary polish = Vocabulary.defaults().toBuilder().load(properties).build();
    InboundMessage message = Replies.reply("OK").subject("Automatyczna odpowiedź: #123456").build();
    assertThat(
            Replies.classifyInStore(ReplyClassifier.builder().vocabulary(polish).build(), message)
                .intent())
        .isEqualTo(Intent.AUTO_REPLY);
  }

  @Test
  void badKeysAreRefusedByName() {
    Properties properties = new Properties();
    properties.setProperty("acept.fr", "ok");
    assertThatThrownBy(() -> Vocabulary.builder().load(properties))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("acept");
    Properties noLanguage = new Properties();
    noLanguage.setProperty("accept", "ok");
    assertThatThrownBy(() -> Vocabulary.builder().load(noLanguage))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> Vocabulary.builder().withWords(WordList.ACCEPT, "FR x", "ok"))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void anEmptyVocabularyDecidesNothing() {
    ReplyClassifier classifier =
        ReplyClassifier.builder().vocabulary(Vocabulary.builder().build()).build();
    assertThat(classify(classifier, "OK").intent()).isEqualTo(Intent.UNCLEAR);
  }

  private static ReplyDecision classify(ReplyClassifier classifier, String body) {
    return Replies.classifyInStore(classifier, Replies.reply(body).build());
  }
}
