package dev.dispatchkit.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Accessibility basics checked in the page itself, where the browser knows the labels. */
final class Accessibility {

  /**
   * Lists every visible form field (input, select, textarea; not hidden inputs, not buttons) that
   * has neither a {@code <label>} with text, nor {@code aria-label}, nor {@code aria-labelledby}
   * pointing at text. A field the page hides with CSS (a styled file input) counts: its label is
   * what a screen reader announces.
   */
  private static final String UNLABELLED =
      """
      const problems = [];
      const text = (s) => (s || '').trim().length > 0;
      for (const el of document.querySelectorAll('input, select, textarea')) {
        const type = (el.getAttribute('type') || '').toLowerCase();
        if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
        const byLabel = el.labels && Array.from(el.labels).some((l) => text(l.textContent));
        const byAria = text(el.getAttribute('aria-label'));
        const byRef = (el.getAttribute('aria-labelledby') || '').split(/\\s+/)
            .some((id) => id && document.getElementById(id)
                && text(document.getElementById(id).textContent));
        if (!byLabel && !byAria && !byRef) {
          problems.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
              + (el.name ? '[name=' + el.name + ']' : ''));
        }
      }
      for (const el of document.querySelectorAll('button, input[type=submit]')) {
        const name = el.tagName === 'BUTTON' ? el.textContent : el.value;
        if (!text(name) && !text(el.getAttribute('aria-label'))) {
          problems.push('button without a name: ' + el.outerHTML.slice(0, 80));
        }
      }
      return problems;
      """;

  private Accessibility() {}

  /**
   * Asserts that every form field of the page has a label, every button a name, and that the page
   * says its language ({@code <html lang>}) as {@code language}.
   */
  @SuppressWarnings("unchecked")
  static void assertBasics(Browser browser, String page, String language) {
    List<String> problems = (List<String>) browser.script(UNLABELLED);
    assertThat(problems).as("unlabelled fields and nameless buttons on " + page).isEmpty();
    Object lang = browser.script("return document.documentElement.lang");
    assertThat(String.valueOf(lang)).as("<html lang> of " + page).startsWith(language);
  }
}
