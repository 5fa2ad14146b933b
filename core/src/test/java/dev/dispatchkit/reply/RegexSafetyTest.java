package dev.dispatchkit.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps every regular expression of the reply package free of nested unbounded quantifiers, the
 * shape that backtracks exponentially on hostile input ({@code (a+)+}, {@code (.*)*}).
 */
class RegexSafetyTest {

  @Test
  void noPatternInTheReplyPackageNestsUnboundedQuantifiers() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Class<?> type : replyClasses()) {
      for (Field field : type.getDeclaredFields()) {
        int mods = field.getModifiers();
        if (Modifier.isStatic(mods) && Modifier.isFinal(mods) && field.getType() == Pattern.class) {
          field.setAccessible(true);
          Pattern pattern = (Pattern) field.get(null);
          assertThat(hasNestedUnboundedQuantifier(pattern.pattern()))
              .as("%s.%s = %s", type.getSimpleName(), field.getName(), pattern.pattern())
              .isFalse();
          checked.add(type.getSimpleName() + "." + field.getName());
        }
      }
    }
    // The date patterns exist, so the scan found the classes.
    assertThat(checked).contains("ProposedDates.HOUR_H", "ProposedDates.NUMERIC_DATE");
  }

  @Test
  void theDetectorFindsTheDangerousShapes() {
    for (String bad :
        List.of("(a+)+", "(.*)*", "(\\s*x\\s*)+", "(?:a|b+){2,}", "((ab)*c)+", "([a-z]+\\.)*")) {
      assertThat(hasNestedUnboundedQuantifier(bad)).as(bad).isTrue();
    }
    for (String fine :
        List.of(
            "(a+)", "(\\d{1,2}) ?h(?: ?(\\d{2}))?", "[(+*)]+", "\\(a+\\)+", "(ab)+c*", "a{2}")) {
      assertThat(hasNestedUnboundedQuantifier(fine)).as(fine).isFalse();
    }
  }

  /**
   * Whether a group that carries an unbounded quantifier ({@code *}, {@code +}, {@code {n,}})
   * contains one itself. Escapes and character classes are skipped.
   */
  static boolean hasNestedUnboundedQuantifier(String regex) {
    // For each open group: whether it contains an unbounded quantifier.
    List<Boolean> stack = new ArrayList<>();
    stack.add(false);
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        i = skipClass(regex, i);
        continue;
      }
      if (c == '(') {
        stack.add(false);
        i++;
        continue;
      }
      if (c == ')') {
        boolean inner = stack.remove(stack.size() - 1);
        int after = i + 1;
        boolean unbounded = isUnbounded(regex, after);
        if (inner && unbounded) {
          return true;
        }
        if (inner || unbounded) {
          stack.set(stack.size() - 1, true);
        }
        i++;
        continue;
      }
      if (isUnbounded(regex, i)) {
        stack.set(stack.size() - 1, true);
      }
      i++;
    }
    return false;
  }

  private static boolean isUnbounded(String regex, int at) {
    if (at >= regex.length()) {
      return false;
    }
    char c = regex.charAt(at);
    if (c == '*' || c == '+') {
      return true;
    }
    if (c == '{') {
      int close = regex.indexOf('}', at);
      return close > at && regex.substring(at, close).endsWith(",");
    }
    return false;
  }

  private static int skipClass(String regex, int open) {
    int i = open + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++;
    }
    while (i < regex.length() && regex.charAt(i) != ']') {
      i += regex.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  private static List<Class<?>> replyClasses() throws IOException, URISyntaxException {
    Path dir =
        Path.of(InboundMessage.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("dev/dispatchkit/reply");
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class")) {
          try {
            classes.add(
                Class.forName(
                    "dev.dispatchkit.reply." + name.substring(0, name.length() - 6),
                    false,
                    RegexSafetyTest.class.getClassLoader()));
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return classes;
  }
}
