package dev.dispatchkit.portal.web;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.portal.PortalProperties;
import dev.dispatchkit.portal.access.NotVisibleException;
import dev.dispatchkit.portal.access.OrderAccess;
import dev.dispatchkit.portal.security.PortalAccount;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.WorkOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The work order list with its filters (site, client, priority, status) and paging, and the search
 * by tracking number. Filters are query parameters, so a filtered list is a link that can be kept.
 */
@Controller
final class OrderListController {

  /** How many work orders a page shows. */
  static final int PAGE_SIZE = 10;

  // The filter panel's choices come from the user's own orders: at most this many are read.
  private static final int CHOICES_SCAN = WorkOrderQuery.MAX_LIMIT;

  private final DispatchKit kit;
  private final OrderAccess access;
  private final int countCap;

  OrderListController(DispatchKit kit, OrderAccess access, PortalProperties portal) {
    this.kit = kit;
    this.access = access;
    this.countCap = portal.list().countCap();
  }

  /** One row of the list. */
  record Row(WorkOrder order, WorkOrderFlags flags) {}

  @GetMapping("/")
  String home() {
    return "redirect:/orders";
  }

  @GetMapping("/orders")
  String list(
      PortalAccount account,
      @RequestParam(name = "site", required = false) @Nullable String site,
      @RequestParam(name = "client", required = false) @Nullable String client,
      @RequestParam(name = "priority", required = false) @Nullable String priority,
      @RequestParam(name = "status", required = false) @Nullable String status,
      @RequestParam(name = "page", defaultValue = "0") int page,
      Model model) {
    Filters filters = Filters.of(site, client, priority, status);
    int pageNumber = Math.max(0, Math.min(page, 10_000));
    WorkOrderQuery query =
        filters
            .apply(kit.query())
            .page(pageNumber * PAGE_SIZE, PAGE_SIZE)
            .countUpTo(countCap)
            .build();
    WorkOrderPage result = access.list(account, query);
    List<Row> rows = new ArrayList<>();
    for (WorkOrder order : result.items()) {
      kit.flags(order.key()).ifPresent(flags -> rows.add(new Row(order, flags)));
    }
    model.addAttribute("rows", rows);
    model.addAttribute("total", result.total());
    model.addAttribute("totalExact", result.totalExact());
    model.addAttribute("filters", filters);
    model.addAttribute("page", pageNumber);
    model.addAttribute("prevUrl", pageNumber > 0 ? filters.url("/orders", pageNumber - 1) : null);
    model.addAttribute(
        "nextUrl", hasNext(result, pageNumber) ? filters.url("/orders", pageNumber + 1) : null);
    addChoices(account, model);
    return "orders";
  }

  /**
   * Whether a page follows: by the total when it is exact; past the count's cap the total is only a
   * lower bound, and a full page may have a next one.
   */
  private static boolean hasNext(WorkOrderPage result, int pageNumber) {
    long shown = (long) (pageNumber + 1) * PAGE_SIZE;
    return result.totalExact() ? shown < result.total() : result.items().size() == PAGE_SIZE;
  }

  /** An exact tracking number goes to its order; anything else back to the list with a note. */
  @GetMapping("/orders/search")
  String search(
      PortalAccount account,
      @RequestParam(name = "tracking", defaultValue = "") String tracking,
      Model model) {
    List<WorkOrder> found = access.findByTrackingNumber(account, tracking);
    if (found.size() == 1) {
      return "redirect:" + OrderController.url(found.get(0));
    }
    model.addAttribute("searched", tracking.strip());
    model.addAttribute("found", found);
    model.addAttribute("filters", Filters.of(null, null, null, null));
    List<Row> rows = new ArrayList<>();
    for (WorkOrder order : found) {
      kit.flags(order.key()).ifPresent(flags -> rows.add(new Row(order, flags)));
    }
    model.addAttribute("rows", rows);
    model.addAttribute("total", (long) rows.size());
    model.addAttribute("totalExact", true);
    model.addAttribute("page", 0);
    addChoices(account, model);
    return "orders";
  }

  /** A tracking number alone: the one visible order with it, or 404. */
  @GetMapping("/orders/{tracking}")
  String byTrackingNumber(PortalAccount account, @PathVariable("tracking") String tracking) {
    List<WorkOrder> found = access.findByTrackingNumber(account, tracking);
    if (found.size() == 1) {
      return "redirect:" + OrderController.url(found.get(0));
    }
    if (found.isEmpty()) {
      throw new NotVisibleException();
    }
    return "redirect:/orders/search?tracking=" + found.get(0).trackingNumber();
  }

  private void addChoices(PortalAccount account, Model model) {
    Set<String> sites = new TreeSet<>();
    Set<SubscriberId> clients = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
    WorkOrderQuery all = kit.query().page(0, CHOICES_SCAN).build();
    for (WorkOrder order : access.list(account, all).items()) {
      sites.add(order.site().name());
      clients.add(order.subscriber());
    }
    model.addAttribute("sites", sites);
    model.addAttribute("clients", clients);
    model.addAttribute("priorities", Priority.values());
    List<String> statuses = new ArrayList<>();
    for (PrimaryStatus primary : PrimaryStatus.values()) {
      statuses.add(primary.name());
      for (Status s : Status.all()) {
        if (s.primary() == primary && s.extended() != ExtendedStatus.NONE) {
          statuses.add(s.primary() + "/" + s.extended());
        }
      }
    }
    model.addAttribute("statuses", statuses);
  }

  /**
   * The filters of the list, as given; a value that names nothing is dropped.
   *
   * @param site a site name
   * @param client a subscriber id
   * @param priority a {@link Priority} name
   * @param status a primary status, or primary/extended
   */
  record Filters(
      @Nullable String site,
      @Nullable String client,
      @Nullable String priority,
      @Nullable String status) {

    static Filters of(
        @Nullable String site,
        @Nullable String client,
        @Nullable String priority,
        @Nullable String status) {
      return new Filters(blankToNull(site), client(client), priority(priority), status(status));
    }

    WorkOrderQuery.Builder apply(WorkOrderQuery.Builder query) {
      if (site != null) {
        query.siteName(site);
      }
      if (client != null) {
        query.subscriber(SubscriberId.of(client));
      }
      if (priority != null) {
        query.priorities(Set.of(Priority.valueOf(priority)));
      }
      if (status != null) {
        int slash = status.indexOf('/');
        if (slash < 0) {
          query.primaryStatuses(Set.of(PrimaryStatus.valueOf(status)));
        } else {
          query.primaryStatuses(Set.of(PrimaryStatus.valueOf(status.substring(0, slash))));
          query.extendedStatuses(Set.of(ExtendedStatus.valueOf(status.substring(slash + 1))));
        }
      }
      return query;
    }

    String url(String path, int page) {
      UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
      if (site != null) {
        url.queryParam("site", site);
      }
      if (client != null) {
        url.queryParam("client", client);
      }
      if (priority != null) {
        url.queryParam("priority", priority);
      }
      if (status != null) {
        url.queryParam("status", status);
      }
      url.queryParam("page", page);
      return url.encode().build().toUriString();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable String client(@Nullable String value) {
      String id = blankToNull(value);
      try {
        return id == null ? null : SubscriberId.of(id).value();
      } catch (ValidationException e) {
        // Not an id at all: no filter, as for a blank one.
        return null;
      }
    }

    private static @Nullable String priority(@Nullable String value) {
      for (Priority p : Priority.values()) {
        if (p.name().equals(value)) {
          return value;
        }
      }
      return null;
    }

    private static @Nullable String status(@Nullable String value) {
      if (value == null) {
        return null;
      }
      for (PrimaryStatus p : PrimaryStatus.values()) {
        if (p.name().equals(value)) {
          return value;
        }
      }
      for (Status s : Status.all()) {
        if ((s.primary() + "/" + s.extended()).equals(value)) {
          return value;
        }
      }
      return null;
    }
  }
}
