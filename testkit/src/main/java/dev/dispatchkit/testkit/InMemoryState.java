package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an {@link InMemoryWorkOrderStore} holds. Each transaction works on a {@link #copy} that
 * replaces the store's state only when the work returns.
 */
final class InMemoryState {

  /** The key of a dispatch preference. */
  record PrefKey(SubscriberId subscriber, ProviderId provider) {}

  Map<WorkOrderKey, WorkOrder> orders = new HashMap<>();
  Map<WorkOrderKey, List<WorkOrderEvent>> timelines = new HashMap<>();
  Map<Long, DispatchRecord> dispatches = new HashMap<>();
  Map<String, Long> dispatchByMessageId = new HashMap<>();
  LinkedHashMap<String, InboxRecord> inbox = new LinkedHashMap<>();
  LinkedHashMap<String, OutboxEntry> outbox = new LinkedHashMap<>();
  Map<String, Instant> leases = new HashMap<>();
  Map<PrefKey, DispatchPreference> preferences = new HashMap<>();
  Set<List<String>> marks = new HashSet<>();

  InMemoryState copy() {
    InMemoryState c = new InMemoryState();
    c.orders = new HashMap<>(orders);
    // Timelines are copied lazily: append() replaces the list it extends.
    c.timelines = new HashMap<>(timelines);
    c.dispatches = new HashMap<>(dispatches);
    c.dispatchByMessageId = new HashMap<>(dispatchByMessageId);
    c.inbox = new LinkedHashMap<>(inbox);
    c.outbox = new LinkedHashMap<>(outbox);
    c.leases = new HashMap<>(leases);
    c.preferences = new HashMap<>(preferences);
    c.marks = new HashSet<>(marks);
    return c;
  }
}
