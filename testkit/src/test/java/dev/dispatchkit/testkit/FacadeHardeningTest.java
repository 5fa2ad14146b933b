package dev.dispatchkit.testkit;

import static dev.dispatchkit.testkit.DispatchKitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.error.IllegalTransitionException;
import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.reply.InboundAttachment;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failure paths of the facade: rollbacks, retries, failed polls, long sweeps, answer addresses. */
class FacadeHardeningTest {

  SettableClock clock = SettableClock.at(Fixtures.T0);
  InMemoryWorkOrderStore memory = new InMemoryWorkOrderStore();
  Faulty store = new Faulty(memory);
  RecordingMailSender sender = new RecordingMailSender();
  InMemoryAttachmentStore attachments = new InMemoryAttachmentStore();
  DispatchKit kit;

  @BeforeEach
  void setUp() {
    kit = kit(Optional.empty());
    memory.inTransaction(
        tx -> {
          tx.preferences().save(Fixtures.preference());
          tx.preferences()
              .save(
                  Fixtures.preference(
                      Fixtures.OTHER_PROVIDER, Fixtures.OTHER_PROVIDER_ADDRESS, Locale.ENGLISH));
          return null;
        });
  }

  DispatchKit kit(Optional<ProviderId> fallback) {
    return kit(o -> fallback);
  }

  DispatchKit kit(Function<WorkOrder, Optional<ProviderId>> fallback) {
    return Fixtures.kit(store, sender, clock)
        .attachmentStore(attachments)
        .fallbackProvider(fallback)
        .build();
  }

  WorkOrder dispatched() {
    WorkOrder order = kit.dispatch(Fixtures.dispatch().build());
    kit.relayOutbox();
    return order;
  }

  InboundMessage.Builder reply(String id, String text) {
    OutboundMail request = sender.sentTo(Fixtures.PROVIDER_ADDRESS).get(0);
    return InboundMessage.builder()
        .messageId(id)
        .from(Fixtures.PROVIDER_ADDRESS)
        .to(request.replyTo())
        .inReplyTo(request.messageId())
        .subject("RE: " + request.subject())
        .date(OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(1)))
        .textBody(text);
  }

  static InboundAttachment photo(AtomicInteger opened) {
    return new InboundAttachment(
        "site.jpg",
        "image/jpeg",
        4,
        false,
        () -> {
          opened.incrementAndGet();
          return new ByteArrayInputStream(new byte[] {1, 2, 3, 4});
        });
  }

  WorkOrder current(WorkOrder order) {
    return kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
  }

  // --- attachments -------------------------------------------------------------------------------

  @Test
  void attachmentOfAReplyWhoseTransactionRollsBackIsNotKept() {
    WorkOrder order = dispatched();
    AtomicInteger opened = new AtomicInteger();
    store.failCommits(1);
    InboundMessage ok = reply("ok@acme.example", "OK").attachments(List.of(photo(opened))).build();

    assertThatThrownBy(() -> kit.handle(ok)).isInstanceOf(StoreException.class);

    assertThat(opened).hasValue(1);
    assertThat(attachments.size()).isZero();
    assertThat(current(order)).hasStatus(Status.OPEN);
  }

  @Test
  void retriedReplyLinksTheAttachmentStoredOnce() {
    WorkOrder order = dispatched();
    AtomicInteger opened = new AtomicInteger();
    store.conflictOnNextUpdates(2);
    InboundMessage ok = reply("ok@acme.example", "OK").attachments(List.of(photo(opened))).build();

    assertThat(kit.handle(ok).outcome()).isEqualTo(InboundResult.Outcome.APPLIED);

    assertThat(store.conflicts).hasValue(2);
    assertThat(opened).hasValue(1);
    assertThat(attachments.size()).isEqualTo(1);
    assertThat(current(order).attachments()).hasSize(1);
    assertThat(attachments.link(current(order).attachments().get(0).id())).isNotNull();
  }

  @Test
  void attachmentOfAReplyThatIsNotAppliedIsNeitherStoredNorKept() {
    WorkOrder order = dispatched();
    kit.accept(order.key());
    AtomicInteger opened = new AtomicInteger();

    InboundResult late =
        kit.handle(reply("non@acme.example", "Non").attachments(List.of(photo(opened))).build());
    InboundResult lateOk =
        kit.handle(reply("ok@acme.example", "OK").attachments(List.of(photo(opened))).build());

    assertThat(late.outcome()).isEqualTo(InboundResult.Outcome.NOT_APPLIED);
    assertThat(lateOk.outcome()).isEqualTo(InboundResult.Outcome.NOT_APPLIED);
    assertThat(opened).hasValue(0);
    assertThat(attachments.size()).isZero();
  }

  @Test
  void attachmentStoredForAReplyThatLostTheRaceIsDeleted() {
    WorkOrder order = dispatched();
    AtomicInteger opened = new AtomicInteger();
    // The order is accepted after the attachment was stored and before the reply's transaction.
    store.beforeNextTransaction(2, () -> memory.inTransaction(tx -> accept(tx, order.key())));
    InboundMessage ok = reply("ok@acme.example", "OK").attachments(List.of(photo(opened))).build();

    assertThat(kit.handle(ok).outcome()).isEqualTo(InboundResult.Outcome.NOT_APPLIED);

    assertThat(opened).hasValue(1);
    assertThat(attachments.size()).isZero();
    assertThat(current(order).attachments()).isEmpty();
  }

  private static Void accept(StoreTransaction tx, dev.dispatchkit.workorder.WorkOrderKey key) {
    WorkOrder before = tx.workOrders().find(key).orElseThrow();
    var change = before.handle(new WorkOrderCommand.Accept(), Fixtures.T0);
    tx.workOrders().update(change.after(), before.version());
    tx.timeline().append(key, change.event());
    return null;
  }

  @Test
  void portalAttachmentIsDeletedWhenTheOrderClosedMeanwhile() {
    WorkOrder order = dispatched();
    // Cancelled between the facade's check and its command.
    store.beforeNextTransaction(
        2,
        () ->
            memory.inTransaction(
                tx -> {
                  WorkOrder before = tx.workOrders().find(order.key()).orElseThrow();
                  var change = before.handle(new WorkOrderCommand.Cancel(null), Fixtures.T0);
                  tx.workOrders().update(change.after(), before.version());
                  tx.timeline().append(order.key(), change.event());
                  return null;
                }));
    InputStream bytes = new ByteArrayInputStream(new byte[10]);

    assertThatThrownBy(() -> kit.addAttachment(order.key(), "a.jpg", "image/jpeg", bytes))
        .isInstanceOf(IllegalTransitionException.class);

    assertThat(attachments.size()).isZero();
  }

  @Test
  void deletedAttachmentCanNoLongerBeOpened() {
    var ref =
        attachments.put("a.pdf", "application/pdf", new ByteArrayInputStream(new byte[3]), 10);
    attachments.delete(ref.id());
    attachments.delete(ref.id());
    assertThat(attachments.size()).isZero();
    assertThatThrownBy(() -> attachments.open(ref.id()))
        .isInstanceOf(dev.dispatchkit.error.AttachmentException.class);
  }

  // --- polling -----------------------------------------------------------------------------------

  @Test
  void messageWhoseHandlingFailsIsReportedKeptAndHandledOnTheNextPoll() {
    WorkOrder order = dispatched();
    InMemoryMailSource source = new InMemoryMailSource();
    String receipt = source.deliver(reply("ok@acme.example", "OK").build());
    store.failCommits(1);

    assertThat(kit.pollOnce(source, 10).handled()).isZero();
    assertThat(source.failures(receipt)).isEqualTo(1);
    assertThat(source.waiting()).hasSize(1);
    assertThat(source.acknowledged()).isEmpty();
    assertThat(current(order)).hasStatus(Status.OPEN);

    assertThat(kit.pollOnce(source, 10).handled()).isEqualTo(1);
    assertThat(source.waiting()).isEmpty();
    assertThat(source.acknowledged()).extracting(m -> m.receipt()).containsExactly(receipt);
    assertThat(source.failures(receipt)).isEqualTo(1);
    assertThat(current(order)).hasStatus(Status.DISPATCH_CONFIRMED).hasVersion(3);
  }

  @Test
  void acknowledgedMessageIsNeverHandledTwice() {
    WorkOrder order = dispatched();
    InMemoryMailSource source = new InMemoryMailSource();
    InboundMessage ok = reply("ok@acme.example", "OK, en route").build();
    source.deliver(ok);
    assertThat(kit.pollOnce(source, 10).handled()).isEqualTo(1);
    assertThat(kit.pollOnce(source, 10).handled()).isZero();
    // The transport delivers it again (an acknowledgement lost on the way): the inbox holds.
    source.deliver(ok);
    assertThat(kit.pollOnce(source, 10).handled()).isEqualTo(1);
    assertThat(source.waiting()).isEmpty();
    assertThat(current(order)).hasVersion(4);
    assertThat(kit.timeline(order.key())).hasSize(4);
    kit.relayOutbox();
    assertThat(sender).sentTo(Fixtures.CLIENT_ADDRESS, MailKind.NOTIFICATION, 1);
  }

  // --- sweep -------------------------------------------------------------------------------------

  @Test
  void sweepReassignsEveryReassignableOrderBeyondOnePage() {
    int count = WorkOrderQuery.MAX_LIMIT + 7;
    for (int i = 0; i < count; i++) {
      kit.dispatch(
          Fixtures.dispatch()
              .trackingNumber(String.format(Locale.ROOT, "%06d", 300_000 + i))
              .build());
    }
    clock.advance(Duration.ofHours(1));
    kit = kit(Optional.of(Fixtures.OTHER_PROVIDER));

    kit.sweep();

    assertThat(kit.list(kit.query().provider(Fixtures.OTHER_PROVIDER).page(0, 1).build()).total())
        .isEqualTo(count);
  }

  @Test
  void sweepLeavesAnOrderThatChangedSinceItWasReadForTheNextSweep() {
    WorkOrder order = dispatched();
    clock.advance(Duration.ofHours(1));
    kit =
        kit(
            o -> {
              // The provider's acceptance commits between the sweep's reading and its reassignment.
              memory.inTransaction(tx -> accept(tx, order.key()));
              return Optional.of(Fixtures.OTHER_PROVIDER);
            });

    kit.sweep();

    assertThat(current(order))
        .hasStatus(Status.DISPATCH_CONFIRMED)
        .isAssignedTo(Fixtures.PROVIDER)
        .hasVersion(3);
  }

  // --- answers -----------------------------------------------------------------------------------

  @Test
  void noticeGoesToTheConfiguredAddressNotTheRawHeader() {
    dispatched();
    kit.handle(
        reply("q1@acme.example", "Qui est le contact ?")
            .from("<DISPATCH@ACME-PLUMBING.EXAMPLE>")
            .build());
    kit.handle(reply("q2@acme.example", "Et le code ?").build());
    kit.relayOutbox();
    List<OutboundMail> notices =
        sender.sent().stream().filter(m -> m.kind() == MailKind.MACHINE_NOTICE).toList();
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).to()).containsExactly(Fixtures.PROVIDER_ADDRESS);
  }

  /**
   * The in-memory store with faults on demand: a commit that fails after the work ran, version
   * conflicts on updates, and work of another party slipped in before a given transaction.
   */
  static final class Faulty implements WorkOrderStore {
    private final InMemoryWorkOrderStore delegate;
    private int failCommits;
    private int conflictUpdates;
    private int countdown;
    private Runnable before = () -> {};
    final AtomicInteger conflicts = new AtomicInteger();

    Faulty(InMemoryWorkOrderStore delegate) {
      this.delegate = delegate;
    }

    /** Fails the commit of the next {@code n} transactions that update or record a message. */
    void failCommits(int n) {
      failCommits = n;
    }

    void conflictOnNextUpdates(int n) {
      conflictUpdates = n;
    }

    /** Runs {@code work} before the {@code n}th transaction from now (1 is the next one). */
    void beforeNextTransaction(int n, Runnable work) {
      countdown = n;
      before = work;
    }

    @Override
    public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
      if (countdown > 0 && --countdown == 0) {
        before.run();
      }
      return delegate.inTransaction(
          tx -> {
            boolean[] wrote = {false};
            T result = work.apply(watched(tx, wrote));
            if (failCommits > 0 && wrote[0]) {
              failCommits--;
              throw new StoreException("commit failed", null);
            }
            return result;
          });
    }

    private StoreTransaction watched(StoreTransaction tx, boolean[] wrote) {
      return (StoreTransaction)
          Proxy.newProxyInstance(
              StoreTransaction.class.getClassLoader(),
              new Class<?>[] {StoreTransaction.class},
              (proxy, accessor, args) ->
                  accessor.getDeclaringClass() == StoreTransaction.class
                      ? watched(accessor.getReturnType(), accessor.invoke(tx, args), wrote)
                      : accessor.invoke(tx, args));
    }

    /**
     * A role port whose calls are watched, each named as its role and method: WorkOrders.update.
     */
    private Object watched(Class<?> role, Object port, boolean[] wrote) {
      return Proxy.newProxyInstance(
          role.getClassLoader(),
          new Class<?>[] {role},
          (proxy, method, args) -> {
            String name = role.getSimpleName() + "." + method.getName();
            if (name.equals("WorkOrders.update") && conflictUpdates > 0) {
              conflictUpdates--;
              conflicts.incrementAndGet();
              WorkOrder order = (WorkOrder) args[0];
              throw new ConcurrentUpdateException(order.key(), (Long) args[1]);
            }
            if (name.equals("WorkOrders.update")
                || name.equals("Inbox.record")
                || name.equals("Inbox.recordLast")) {
              wrote[0] = true;
            }
            try {
              return method.invoke(port, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }
}
