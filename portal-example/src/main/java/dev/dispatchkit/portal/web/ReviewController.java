package dev.dispatchkit.portal.web;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.DispatchKitException;
import dev.dispatchkit.portal.access.NotVisibleException;
import dev.dispatchkit.portal.security.PortalAccount;
import dev.dispatchkit.reply.ReviewDecision;
import dev.dispatchkit.reply.ReviewItem;
import dev.dispatchkit.workorder.WorkOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The client's review queue: the providers' replies about its orders that DispatchKit could not
 * read for sure, with their text as received, for a person to decide ACCEPT, DECLINE or ignore.
 * Only the subscriber's own items are listed or resolved; any other id answers 404.
 */
@Controller
final class ReviewController {

  private static final Logger LOG = LoggerFactory.getLogger(ReviewController.class);

  // A queue longer than this is a backlog for an operator, not for a page.
  private static final int MAX_ITEMS = 200;

  private final DispatchKit kit;

  ReviewController(DispatchKit kit) {
    this.kit = kit;
  }

  /**
   * One item of the queue with the work order it is about, when it still exists.
   *
   * @param item the reply waiting for a person
   * @param order the work order it answers; null when none is known
   */
  record Entry(ReviewItem item, @Nullable WorkOrder order) {}

  @GetMapping("/client/review")
  String queue(PortalAccount account, Model model) {
    List<Entry> entries =
        items(account).stream()
            .map(
                item ->
                    new Entry(
                        item,
                        item.key() == null
                            ? null
                            : kit.find(item.key().subscriber(), item.key().trackingNumber())
                                .orElse(null)))
            .toList();
    model.addAttribute("entries", entries);
    return "review";
  }

  @PostMapping("/client/review")
  String decide(
      PortalAccount account,
      @RequestParam(name = "item", defaultValue = "") String itemId,
      @RequestParam(name = "decision", defaultValue = "") String decision,
      @RequestParam(name = "note", defaultValue = "") String note,
      RedirectAttributes flash) {
    ReviewItem item =
        items(account).stream()
            .filter(i -> i.id().equals(itemId))
            .findFirst()
            .orElseThrow(NotVisibleException::new);
    ReviewDecision chosen;
    try {
      chosen = ReviewDecision.valueOf(decision);
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("error", "error.choose");
      return "redirect:/client/review";
    }
    String text = note.strip();
    try {
      kit.resolveReview(item.id(), chosen, text.isEmpty() ? null : text);
      flash.addFlashAttribute("flash", "flash.review." + chosen.name());
    } catch (DispatchKitException e) {
      // Answered meanwhile, resolved by someone else, or a note the command refuses.
      LOG.info("review item {} not resolved as {}: {}", item.key(), chosen, e.getMessage());
      flash.addFlashAttribute("error", "flash.refused");
    }
    return "redirect:/client/review";
  }

  private List<ReviewItem> items(PortalAccount account) {
    if (!account.isClient()) {
      throw new NotVisibleException();
    }
    return kit.reviewQueue(account.subscriber(), MAX_ITEMS);
  }
}
