package dev.dispatchkit.portal.web;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.error.DispatchKitException;
import dev.dispatchkit.portal.access.OrderAccess;
import dev.dispatchkit.portal.security.PortalAccount;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.WorkOrder;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Ajouter une note": a note explaining the change, an optional new expected date with the contact
 * to tell by email, and up to five files. Everything is checked first; then the files go with the
 * note ({@code addNote} stores all of them or none) and the new date is set ({@code
 * changeExpectedDate}, which emails the contact).
 */
@Controller
final class NoteController {

  private static final Logger LOG = LoggerFactory.getLogger(NoteController.class);

  private final DispatchKit kit;
  private final OrderAccess access;
  private final NoteChecks checks;
  private final MessageSource messages;

  NoteController(DispatchKit kit, OrderAccess access, NoteChecks checks, MessageSource messages) {
    this.kit = kit;
    this.access = access;
    this.checks = checks;
    this.messages = messages;
  }

  @GetMapping("/orders/{subscriber}/{tracking}/note")
  String form(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      Locale locale,
      Model model) {
    WorkOrder order = access.require(account, subscriber, tracking);
    String firstContact = order.contacts().isEmpty() ? "" : order.contacts().get(0).email();
    return show(locale, order, model, "", "", firstContact, Map.of());
  }

  @PostMapping("/orders/{subscriber}/{tracking}/note")
  String submit(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      @RequestParam(name = "text", defaultValue = "") String text,
      @RequestParam(name = "expectedDate", defaultValue = "") String expectedDate,
      @RequestParam(name = "contact", defaultValue = "") String contact,
      @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
      Locale locale,
      Model model,
      HttpServletResponse response,
      RedirectAttributes flash) {
    WorkOrder order = access.require(account, subscriber, tracking);
    Set<CommandKind> allowed = kit.allowedCommands(order.key());
    if (!allowed.contains(CommandKind.ADD_NOTE)) {
      flash.addFlashAttribute("error", "flash.notAllowed");
      return "redirect:" + OrderController.url(order);
    }
    NoteInput input =
        checks.check(
            order, allowed, text, expectedDate, contact, files == null ? List.of() : files, locale);
    if (!input.isValid()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return show(locale, order, model, text, expectedDate, contact, input.errors());
    }
    NoteAuthor author = account.isProvider() ? NoteAuthor.PROVIDER : NoteAuthor.CLIENT;
    try {
      if (!input.files().isEmpty() || input.newDate() == null) {
        kit.addNote(order.key(), input.text(), author, input.files());
      }
      if (input.newDate() != null && input.contact() != null) {
        kit.changeExpectedDate(order.key(), input.newDate(), input.text(), input.contact());
      }
    } catch (AttachmentException e) {
      // The kit's own check (its limit, its types) refused a file; it stored none of them.
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return show(
          locale,
          order,
          model,
          text,
          expectedDate,
          contact,
          Map.of("note-files", messages.getMessage("error.note.files.refused", null, locale)));
    } catch (DispatchKitException e) {
      LOG.info("note on {} refused: {}", order.key(), e.getMessage());
      flash.addFlashAttribute("error", "flash.refused");
      return "redirect:" + OrderController.url(order);
    }
    flash.addFlashAttribute(
        "flash", input.newDate() == null ? "flash.ADD_NOTE" : "flash.CHANGE_EXPECTED_DATE");
    return "redirect:" + OrderController.url(order);
  }

  private String show(
      Locale locale,
      WorkOrder order,
      Model model,
      String text,
      String expectedDate,
      String contact,
      Map<String, String> errors) {
    model.addAttribute("order", order);
    model.addAttribute("orderUrl", OrderController.url(order));
    model.addAttribute("text", text);
    model.addAttribute("expectedDate", expectedDate);
    model.addAttribute("contact", contact);
    model.addAttribute("errors", errors);
    model.addAttribute("maxFileSize", checks.maxFileSizeText(locale));
    return "note";
  }
}
