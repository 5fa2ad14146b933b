package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.Note;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of every port together in one unit of work: a transaction reads its own writes, a
 * rollback leaves nothing behind in any port, and hostile texts round-trip through all of them. An
 * adapter's test extends this class and returns a new, empty store from {@link #createStore()};
 * every test here must pass unchanged. {@link WorkOrderStoreContract} runs this contract together
 * with those of the other ports.
 */
public abstract class TransactionContract extends StoreContract {

  /** Changes are visible to later reads of the same transaction. */
  @Test
  protected void transactionReadsItsOwnWrites() {
    WorkOrder order = Fixtures.workOrder().build();
    boolean seen =
        store.inTransaction(
            tx -> {
              tx.workOrders().insert(order);
              tx.timeline().append(order.key(), dispatched(order));
              return tx.workOrders().find(order.key()).isPresent()
                  && tx.timeline().events(order.key()).size() == 1;
            });
    assertThat(seen).isTrue();
  }

  /** A transaction that throws leaves nothing: no work order, event, record, mail or mark. */
  @Test
  protected void rollbackLeavesNothing() {
    WorkOrder order = Fixtures.workOrder().build();
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.workOrders().insert(order);
                      tx.timeline().append(order.key(), dispatched(order));
                      tx.dispatches().record(dispatchRecord(41, order.key(), "d41@x.example"));
                      tx.inbox().record(inbox("in-1", order.key(), false));
                      tx.outbox().enqueue(mail("out-1"), T0);
                      tx.preferences().save(Fixtures.preference());
                      tx.onceMarks().mark("scope", "key", T0);
                      throw boom;
                    }))
        .isSameAs(boom);
    store.inTransaction(
        tx -> {
          assertThat(tx.workOrders().find(order.key())).isEmpty();
          assertThat(tx.timeline().events(order.key())).isEmpty();
          assertThat(tx.dispatches().find(41)).isEmpty();
          assertThat(tx.dispatches().findByMessageId("d41@x.example")).isEmpty();
          assertThat(tx.inbox().find("in-1")).isEmpty();
          assertThat(tx.outbox().find("out-1")).isEmpty();
          assertThat(tx.outbox().claimDue(T0.plusSeconds(1), Duration.ofMinutes(1), 10)).isEmpty();
          assertThat(tx.preferences().find(Fixtures.SUBSCRIBER, Fixtures.PROVIDER)).isEmpty();
          return null;
        });
    assertThat(readMarkOnce("scope", "key", T0)).isTrue();
    assertThat(readRecordInbound(inbox("in-1", null, false))).isTrue();
  }

  /** What a transaction returns is what {@code inTransaction} returns. */
  @Test
  protected void inTransactionReturnsTheResult() {
    String result = store.inTransaction(tx -> "result");
    assertThat(result).isEqualTo("result");
  }

  /** Quotes, semicolons, SQL fragments, accents and emoji in every text field round-trip. */
  @Test
  protected void hostileTextsRoundTripUnchanged() {
    int i = 0;
    for (String text : HOSTILE) {
      String tn = "55000" + (i++);
      Site site = new Site(text, text, "+33 1 " + i, ZoneId.of("America/Montreal"));
      ContactPerson contact = new ContactPerson(text, "c" + i + "@client.example");
      WorkOrder order =
          withHistory(
              Fixtures.workOrder()
                  .trackingNumber(tn)
                  .subscriber("sub-" + i)
                  .site(site)
                  .problem(new Problem(text, text, text + "\n" + text))
                  .contacts(contact)
                  .build());
      Note note = new Note(text + "\n" + text, NoteAuthor.CLIENT, T0);
      WorkOrderEvent noteAdded = new WorkOrderEvent.NoteAdded(order.trackingNumber(), 9, T0, note);
      WorkOrderEvent declined =
          new WorkOrderEvent.Declined(order.trackingNumber(), 10, T0, DeclineReason.OTHER, text);
      WorkOrderEvent cancelled = new WorkOrderEvent.Cancelled(order.trackingNumber(), 11, T0, text);
      DispatchPreference preference =
          new DispatchPreference(
              order.subscriber(),
              ProviderId.of("p-" + i),
              "p" + i + "@provider.example",
              List.of("other" + i + "@provider.example"),
              Locale.ENGLISH,
              "client" + i + "@client.example",
              false);
      InboxRecord inbound =
          new InboxRecord(
              "dedup-" + text, "mid-" + i, text, T0, Intent.UNCLEAR, text, order.key(), text, true);
      OutboundMail mail =
          new OutboundMail(
              "out-" + i,
              "out-" + i + "@dispatch.example",
              MailKind.NOTIFICATION,
              "dispatch@host.example",
              null,
              List.of("c" + i + "@client.example"),
              text,
              text + "\n" + text,
              "<p>" + text + "</p>",
              null,
              null,
              Map.of("X-Test", text));
      store.inTransaction(
          tx -> {
            tx.workOrders().insert(order);
            tx.timeline().append(order.key(), noteAdded);
            tx.timeline().append(order.key(), declined);
            tx.timeline().append(order.key(), cancelled);
            tx.preferences().save(preference);
            tx.inbox().record(inbound);
            tx.outbox().enqueue(mail, T0);
            tx.onceMarks().mark(text, text, T0);
            return null;
          });
      store.inTransaction(
          tx -> {
            assertThat(tx.workOrders().find(order.key())).contains(order);
            assertThat(tx.timeline().events(order.key()))
                .containsExactly(noteAdded, declined, cancelled);
            assertThat(tx.preferences().find(order.subscriber(), preference.provider()))
                .contains(preference);
            assertThat(tx.inbox().find("dedup-" + text)).contains(inbound);
            assertThat(tx.outbox().find(mail.id())).map(OutboxEntry::mail).contains(mail);
            assertThat(tx.onceMarks().mark(text, text, T0)).isFalse();
            return null;
          });
    }
  }
}
