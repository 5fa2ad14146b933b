package dev.dispatchkit.spring.boot;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.message.MailTemplates;
import dev.dispatchkit.reply.Vocabulary;
import dev.dispatchkit.runtime.DispatchKitRunner;
import dev.dispatchkit.runtime.RunnerObserver;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.WorkOrderStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Builds {@link DispatchKit} from the application's {@link DataSource} and the {@code
 * dispatchkit.*} properties: a JDBC store, the Jakarta Mail SMTP sender and IMAP source, reply
 * tokens, policies, outbox and attachment settings. Each default gives way to an application bean
 * of its type.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(DispatchKitProperties.class)
public class DispatchKitAutoConfiguration {

  /** The name of the default mail sender bean, told apart from one the application defines. */
  static final String MAIL_SENDER_BEAN = "dispatchKitMailSender";

  /** Builds the auto-configuration; Spring calls it. */
  public DispatchKitAutoConfiguration() {}

  /** A listener that does nothing, unless the application defines one. */
  @Bean
  @ConditionalOnMissingBean
  DispatchListener dispatchKitListener() {
    return DispatchListener.NONE;
  }

  /** The French and English templates, unless the application defines its own. */
  @Bean
  @ConditionalOnMissingBean
  MailTemplates dispatchKitMailTemplates() {
    return MailTemplates.defaults();
  }

  /** The French and English reply words, unless the application defines its own. */
  @Bean
  @ConditionalOnMissingBean
  Vocabulary dispatchKitVocabulary() {
    return Vocabulary.defaults();
  }

  /** The system UTC clock, unless the application defines one. */
  @Bean
  @ConditionalOnMissingBean
  Clock dispatchKitClock() {
    return Clock.systemUTC();
  }

  @Bean
  DispatchKitHooks dispatchKitHooks(DispatchListener listener) {
    return new DispatchKitHooks(listener);
  }

  @Bean
  ValidatedProperties dispatchKitValidatedProperties(
      DispatchKitProperties properties, ListableBeanFactory beans, DispatchKitHooks hooks) {
    // The SMTP host is only required when the default sender is the one in use.
    boolean ownSender =
        Arrays.stream(beans.getBeanNamesForType(MailSender.class, true, false))
            .anyMatch(name -> !name.equals(MAIL_SENDER_BEAN));
    return ValidatedProperties.check(properties, !ownSender, hooks::quarantined);
  }

  /** The JDBC work-order store over the application's DataSource. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(DataSource.class)
  WorkOrderStore dispatchKitWorkOrderStore(DataSource dataSource, ValidatedProperties settings) {
    return storeBuilder(dataSource, settings).build();
  }

  /** The JDBC attachment store over the application's DataSource. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(DataSource.class)
  AttachmentStore dispatchKitAttachmentStore(DataSource dataSource, ValidatedProperties settings) {
    return storeBuilder(dataSource, settings).buildAttachmentStore();
  }

  private static JdbcStore.Builder storeBuilder(
      DataSource dataSource, ValidatedProperties settings) {
    DispatchKitProperties.Store store = settings.properties.getStore();
    PropertyChecks checks = new PropertyChecks();
    JdbcStore.Builder builder = JdbcStore.builder(dataSource);
    checks.step(
        "dispatchkit.store.table-prefix", () -> builder.tablePrefix(store.getTablePrefix()));
    builder.migrate(store.isMigrate());
    if (store.getAttachmentLinkBase() != null) {
      checks.step(
          "dispatchkit.store.attachment-link-base",
          () -> builder.attachmentLinkBase(store.getAttachmentLinkBase()));
    }
    checks.throwIfAny();
    return builder;
  }

  /** The Jakarta Mail SMTP sender from {@code dispatchkit.smtp.*}. */
  @Bean(MAIL_SENDER_BEAN)
  @ConditionalOnMissingBean
  MailSender dispatchKitMailSender(ValidatedProperties settings) {
    if (settings.smtp == null) {
      throw new ConfigurationException("dispatchkit.smtp.host", "is required");
    }
    return settings.smtp;
  }

  /** The Jakarta Mail IMAP source from {@code dispatchkit.imap.*}; none without a host. */
  @Bean
  @ConditionalOnMissingBean(MailSource.class)
  @ConditionalOnProperty(prefix = "dispatchkit.imap", name = "host")
  ImapMailSource dispatchKitMailSource(ValidatedProperties settings) {
    if (settings.imap == null) {
      throw new ConfigurationException("dispatchkit.imap.host", "is required");
    }
    return settings.imap;
  }

  /** The facade, from the beans above and the properties. */
  @Bean
  @ConditionalOnMissingBean
  DispatchKit dispatchKit(
      ValidatedProperties settings,
      DispatchKitHooks hooks,
      WorkOrderStore store,
      AttachmentStore attachments,
      MailSender mailSender,
      MailTemplates templates,
      Vocabulary vocabulary,
      Clock clock) {
    DispatchKitProperties p = settings.properties;
    try {
      return DispatchKit.builder()
          .store(store)
          .attachmentStore(attachments)
          .mailSender(mailSender)
          .clock(clock)
          .replyTokens(settings.replyTokens)
          .fromAddress(p.getFromAddress())
          .replyAddress(p.getReply().getLocalPart(), p.getReply().getDomain())
          .vocabulary(vocabulary)
          .policies(settings.policies)
          .templates(templates)
          .listener(DispatchKitRunner.listener(hooks.listener())) // wakes the relay
          .trustedAuthServIds(new HashSet<>(p.getTrustedAuthServIds()))
          .outboxRetry(
              p.getOutbox().getMaxAttempts(),
              p.getOutbox().getInitialBackoff(),
              p.getOutbox().getMaxBackoff())
          .outboxLease(p.getOutbox().getLease())
          .attachments(
              new HashSet<>(p.getAttachments().getContentTypes()),
              p.getAttachments().getMaxSize().toBytes())
          .build();
    } catch (ConfigurationException e) {
      // The checks above catch these first; this names the properties should the two drift.
      List<String> names =
          e.settings().stream().map(s -> PROPERTY_OF_SETTING.getOrDefault(s, s)).toList();
      throw new ConfigurationException(
          "invalid DispatchKit properties " + names + ": " + e.getMessage(), names);
    }
  }

  /**
   * The runner over the kit and the mail source, unless {@code dispatchkit.runner.enabled=false}.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "dispatchkit.runner",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  DispatchKitRunner dispatchKitRunner(
      DispatchKit kit,
      ValidatedProperties settings,
      ObjectProvider<MailSource> mailSource,
      ObjectProvider<RunnerObserver> observers) {
    DispatchKitProperties.Runner p = settings.properties.getRunner();
    DispatchKitRunner.Builder builder =
        DispatchKitRunner.builder(kit)
            .pollInterval(p.getPollInterval())
            .relayInterval(p.getRelayInterval())
            .sweepInterval(p.getSweepInterval())
            .pollBatch(p.getPollBatch())
            .idle(p.isIdle())
            .failureBackoff(p.getFailureBackoffInitial(), p.getFailureBackoffMax())
            .shutdownTimeout(p.getShutdownTimeout())
            .observer(new CompositeRunnerObserver(observers.orderedStream().toList()));
    MailSource source = mailSource.getIfAvailable();
    if (source != null) {
      builder.mailSource(source);
    }
    return builder.build();
  }

  /** Starts the runner with the context and stops it in the shutdown phase. */
  @Bean
  @ConditionalOnProperty(
      prefix = "dispatchkit.runner",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  DispatchKitRunnerLifecycle dispatchKitRunnerLifecycle(DispatchKitRunner runner) {
    return new DispatchKitRunnerLifecycle(runner);
  }

  private static final Map<String, String> PROPERTY_OF_SETTING =
      Map.of(
          "fromAddress", "dispatchkit.from-address",
          "replyAddress", "dispatchkit.reply.local-part",
          "replyTokens", "dispatchkit.reply.signing-key.secret",
          "outboxRetry", "dispatchkit.outbox.max-attempts",
          "outboxLease", "dispatchkit.outbox.lease",
          "attachments", "dispatchkit.attachments.max-size");
}
