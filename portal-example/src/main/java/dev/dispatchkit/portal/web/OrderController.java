package dev.dispatchkit.portal.web;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.portal.access.OrderAccess;
import dev.dispatchkit.portal.security.PortalAccount;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.WorkOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.UriUtils;

/**
 * The order page: every field of the service request, the status, the timeline, the attachments,
 * and the forms of the commands that {@code allowedCommands} allows to this user's side.
 */
@Controller
final class OrderController {

  private final DispatchKit kit;
  private final OrderAccess access;
  private final Timelines timelines;
  private final Parties parties;

  OrderController(DispatchKit kit, OrderAccess access, Timelines timelines, Parties parties) {
    this.kit = kit;
    this.access = access;
    this.timelines = timelines;
    this.parties = parties;
  }

  /** The page of a work order: {@code /orders/{subscriber}/{tracking}}. */
  static String url(WorkOrder order) {
    return "/orders/"
        + UriUtils.encodePathSegment(order.subscriber().value(), StandardCharsets.UTF_8)
        + "/"
        + order.trackingNumber().value();
  }

  @GetMapping("/orders/{subscriber}/{tracking}")
  String order(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      Locale locale,
      Model model) {
    WorkOrder order = access.require(account, subscriber, tracking);
    model.addAttribute("order", order);
    model.addAttribute("orderUrl", url(order));
    model.addAttribute("flags", kit.flags(order.key()).orElseThrow());
    model.addAttribute("commands", commands(account, kit.allowedCommands(order.key())));
    model.addAttribute("timeline", timelines.of(order, kit.timeline(order.key()), locale));
    model.addAttribute("reassignTo", parties.providersOtherThan(order.provider()));
    return "order";
  }

  /**
   * The command kinds this user's side may use now, by name, for the template: a provider's user
   * never sees a client's buttons, nor the other way round.
   */
  static Set<String> commands(PortalAccount account, Set<CommandKind> allowed) {
    Set<CommandKind> side = account.isProvider() ? PROVIDER_COMMANDS : CLIENT_COMMANDS;
    Set<String> names = new TreeSet<>();
    for (CommandKind kind : allowed) {
      if (side.contains(kind) || kind == CommandKind.ADD_NOTE) {
        names.add(kind.name());
      }
    }
    return names;
  }

  /** What a provider's user does. */
  static final Set<CommandKind> PROVIDER_COMMANDS =
      Set.of(
          CommandKind.ACCEPT,
          CommandKind.DECLINE,
          CommandKind.CHECK_IN,
          CommandKind.REPORT_PARTS_ON_ORDER,
          CommandKind.REPORT_INCOMPLETE,
          CommandKind.COMPLETE,
          CommandKind.REQUEST_NTE_INCREASE,
          CommandKind.CHANGE_EXPECTED_DATE);

  /** What a client's user does. */
  static final Set<CommandKind> CLIENT_COMMANDS =
      Set.of(
          CommandKind.REASSIGN,
          CommandKind.APPROVE_NTE_INCREASE,
          CommandKind.REJECT_NTE_INCREASE,
          CommandKind.CONFIRM,
          CommandKind.REJECT_COMPLETION,
          CommandKind.CHANGE_EXPECTED_DATE);
}
