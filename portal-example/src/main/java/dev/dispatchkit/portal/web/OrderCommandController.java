package dev.dispatchkit.portal.web;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.DispatchKitException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.portal.access.NotVisibleException;
import dev.dispatchkit.portal.access.OrderAccess;
import dev.dispatchkit.portal.security.PortalAccount;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.DeclineDetails;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.NteIncreaseRequest;
import dev.dispatchkit.workorder.ProgressUpdate;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.WorkOrder;
import java.math.BigDecimal;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The command buttons of the order page. Each POST finds the order through {@link OrderAccess} (404
 * when not visible), refuses a command of the other side (404: it does not exist for this user),
 * checks its input, runs the facade's command and goes back to the order page with a message. Input
 * errors are shown next to their field; nothing runs then.
 */
@Controller
final class OrderCommandController {

  private static final Logger LOG = LoggerFactory.getLogger(OrderCommandController.class);

  private final DispatchKit kit;
  private final OrderAccess access;
  private final Parties parties;

  OrderCommandController(DispatchKit kit, OrderAccess access, Parties parties) {
    this.kit = kit;
    this.access = access;
    this.parties = parties;
  }

  @PostMapping("/orders/{subscriber}/{tracking}/accept")
  String accept(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      RedirectAttributes flash) {
    return run(account, subscriber, tracking, CommandKind.ACCEPT, flash, o -> kit.accept(o.key()));
  }

  @PostMapping("/orders/{subscriber}/{tracking}/decline")
  String decline(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      RedirectAttributes flash) {
    String text = reason.strip();
    if (text.length() > DeclineDetails.MAX_TEXT) {
      return fieldError(
          account,
          subscriber,
          tracking,
          CommandKind.DECLINE,
          flash,
          "decline-reason",
          "error.tooLong");
    }
    return run(
        account,
        subscriber,
        tracking,
        CommandKind.DECLINE,
        flash,
        o ->
            kit.decline(
                o.key(),
                text.isEmpty() ? null : DeclineReason.OTHER,
                text.isEmpty() ? null : text));
  }

  @PostMapping("/orders/{subscriber}/{tracking}/check-in")
  String checkIn(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      RedirectAttributes flash) {
    return run(
        account, subscriber, tracking, CommandKind.CHECK_IN, flash, o -> kit.checkIn(o.key()));
  }

  @PostMapping("/orders/{subscriber}/{tracking}/progress")
  String progress(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      @RequestParam(name = "update", defaultValue = "") String update,
      @RequestParam(name = "note", defaultValue = "") String note,
      RedirectAttributes flash) {
    ProgressUpdate chosen;
    CommandKind kind;
    if (update.equals(ProgressUpdate.PARTS_ON_ORDER.name())) {
      chosen = ProgressUpdate.PARTS_ON_ORDER;
      kind = CommandKind.REPORT_PARTS_ON_ORDER;
    } else if (update.equals(ProgressUpdate.INCOMPLETE.name())) {
      chosen = ProgressUpdate.INCOMPLETE;
      kind = CommandKind.REPORT_INCOMPLETE;
    } else {
      return fieldError(
          account,
          subscriber,
          tracking,
          CommandKind.REPORT_PARTS_ON_ORDER,
          flash,
          "progress-update",
          "error.choose");
    }
    String text = note.strip();
    return run(
        account,
        subscriber,
        tracking,
        kind,
        flash,
        o -> kit.updateProgress(o.key(), chosen, text.isEmpty() ? null : text));
  }

  @PostMapping("/orders/{subscriber}/{tracking}/complete")
  String complete(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      RedirectAttributes flash) {
    return run(
        account, subscriber, tracking, CommandKind.COMPLETE, flash, o -> kit.complete(o.key()));
  }

  @PostMapping("/orders/{subscriber}/{tracking}/nte-request")
  String requestNteIncrease(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      @RequestParam(name = "amount", defaultValue = "") String amount,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      RedirectAttributes flash) {
    WorkOrder order = target(account, subscriber, tracking, CommandKind.REQUEST_NTE_INCREASE);
    Money requested = parseAmount(amount, order);
    if (requested == null) {
      return fieldError(
          account,
          subscriber,
          tracking,
          CommandKind.REQUEST_NTE_INCREASE,
          flash,
          "nte-amount",
          "error.nte.amount");
    }
    if (!requested.isGreaterThan(order.nte().limit())) {
      return fieldError(
          account,
          subscriber,
          tracking,
          CommandKind.REQUEST_NTE_INCREASE,
          flash,
          "nte-amount",
          "error.nte.notAbove");
    }
    String text = reason.strip();
    if (text.isEmpty() || text.length() > NteIncreaseRequest.MAX_REASON) {
      return fieldError(
          account,
          subscriber,
          tracking,
          CommandKind.REQUEST_NTE_INCREASE,
          flash,
          "nte-reason",
          "error.required");
    }
    return run(
        account,
        subscriber,
        tracking,
        CommandKind.REQUEST_NTE_INCREASE,
        flash,
        o -> kit.requestNteIncrease(o.key(), requested, text));
  }

  @PostMapping("/orders/{subscriber}/{tracking}/reassign")
  String reassign(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      @RequestParam(name = "provider", defaultValue = "") String provider,
      RedirectAttributes flash) {
    WorkOrder order = target(account, subscriber, tracking, CommandKind.REASSIGN);
    if (!parties.isProvider(provider) || provider.equals(order.provider().value())) {
      return fieldError(
          account,
          subscriber,
          tracking,
          CommandKind.REASSIGN,
          flash,
          "reassign-provider",
          "error.choose");
    }
    return run(
        account,
        subscriber,
        tracking,
        CommandKind.REASSIGN,
        flash,
        o -> kit.reassign(o.key(), ProviderId.of(provider)));
  }

  @PostMapping("/orders/{subscriber}/{tracking}/nte-decision")
  String decideNteIncrease(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      @RequestParam(name = "decision", defaultValue = "") String decision,
      @RequestParam(name = "comment", defaultValue = "") String comment,
      RedirectAttributes flash) {
    String text = comment.strip();
    if (text.length() > NteIncreaseRequest.MAX_REASON) {
      return fieldError(
          account,
          subscriber,
          tracking,
          CommandKind.APPROVE_NTE_INCREASE,
          flash,
          "nte-comment",
          "error.tooLong");
    }
    if (decision.equals("approve")) {
      return run(
          account,
          subscriber,
          tracking,
          CommandKind.APPROVE_NTE_INCREASE,
          flash,
          o -> kit.approveNteIncrease(o.key(), text.isEmpty() ? null : text));
    }
    if (decision.equals("reject")) {
      if (text.isEmpty()) {
        return fieldError(
            account,
            subscriber,
            tracking,
            CommandKind.APPROVE_NTE_INCREASE,
            flash,
            "nte-comment",
            "error.required");
      }
      return run(
          account,
          subscriber,
          tracking,
          CommandKind.REJECT_NTE_INCREASE,
          flash,
          o -> kit.rejectNteIncrease(o.key(), text));
    }
    return fieldError(
        account,
        subscriber,
        tracking,
        CommandKind.APPROVE_NTE_INCREASE,
        flash,
        "nte-comment",
        "error.choose");
  }

  @PostMapping("/orders/{subscriber}/{tracking}/completion")
  String decideCompletion(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      @RequestParam(name = "decision", defaultValue = "") String decision,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      RedirectAttributes flash) {
    String text = reason.strip();
    if (decision.equals("confirm")) {
      return run(
          account, subscriber, tracking, CommandKind.CONFIRM, flash, o -> kit.confirm(o.key()));
    }
    if (decision.equals("reject")) {
      if (text.isEmpty() || text.length() > DeclineDetails.MAX_TEXT) {
        return fieldError(
            account,
            subscriber,
            tracking,
            CommandKind.CONFIRM,
            flash,
            "completion-reason",
            "error.required");
      }
      return run(
          account,
          subscriber,
          tracking,
          CommandKind.REJECT_COMPLETION,
          flash,
          o -> kit.rejectCompletion(o.key(), text));
    }
    return fieldError(
        account,
        subscriber,
        tracking,
        CommandKind.CONFIRM,
        flash,
        "completion-reason",
        "error.choose");
  }

  /**
   * Runs one command for the account: 404 when the order is not visible or the command belongs to
   * the other side, a message when the order no longer allows it (it changed meanwhile).
   */
  private String run(
      PortalAccount account,
      String subscriber,
      String tracking,
      CommandKind kind,
      RedirectAttributes flash,
      Consumer<WorkOrder> command) {
    WorkOrder order = target(account, subscriber, tracking, kind);
    if (!kit.allowedCommands(order.key()).contains(kind)) {
      flash.addFlashAttribute("error", "flash.notAllowed");
      return "redirect:" + OrderController.url(order);
    }
    try {
      command.accept(order);
      flash.addFlashAttribute("flash", "flash." + kind.name());
    } catch (DispatchKitException e) {
      // The kit refused it after all (the order changed meanwhile, a rule the form cannot see).
      LOG.info("{} on {} refused: {}", kind, order.key(), e.getMessage());
      flash.addFlashAttribute("error", "flash.refused");
    }
    return "redirect:" + OrderController.url(order);
  }

  /**
   * The order a command is for.
   *
   * @throws NotVisibleException when the order is not visible, or the command is the other side's
   */
  private WorkOrder target(
      PortalAccount account, String subscriber, String tracking, CommandKind kind) {
    WorkOrder order = access.require(account, subscriber, tracking);
    Set<CommandKind> side =
        account.isProvider() ? OrderController.PROVIDER_COMMANDS : OrderController.CLIENT_COMMANDS;
    if (!side.contains(kind)) {
      throw new NotVisibleException();
    }
    return order;
  }

  private String fieldError(
      PortalAccount account,
      String subscriber,
      String tracking,
      CommandKind kind,
      RedirectAttributes flash,
      String field,
      String message) {
    WorkOrder order = target(account, subscriber, tracking, kind);
    flash.addFlashAttribute("fieldError", field);
    flash.addFlashAttribute("fieldMessage", message);
    return "redirect:" + OrderController.url(order);
  }

  /** The amount in the NTE's currency; a comma is read as the decimal point, as in French. */
  private static @Nullable Money parseAmount(String amount, WorkOrder order) {
    // "1 250,50" as French writes it: group spaces (plain, no-break, narrow) and a decimal comma.
    String text = amount.replaceAll("[\\s\u00a0\u202f]", "").replace(',', '.');
    if (text.isEmpty() || text.length() > 20) {
      return null;
    }
    try {
      return Money.of(new BigDecimal(text), order.nte().currency());
    } catch (NumberFormatException | ValidationException e) {
      return null;
    }
  }
}
