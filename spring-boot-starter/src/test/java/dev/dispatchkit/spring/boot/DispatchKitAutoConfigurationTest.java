package dev.dispatchkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.runtime.DispatchKitRunner;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.RecordingMailSender;
import dev.dispatchkit.testkit.SettableClock;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class DispatchKitAutoConfigurationTest {

  static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(DispatchKitAutoConfiguration.class))
          .withUserConfiguration(H2.class)
          .withPropertyValues(
              "dispatchkit.from-address=dispatch@host.example",
              "dispatchkit.reply.local-part=dispatch",
              "dispatchkit.reply.domain=host.example",
              "dispatchkit.reply.signing-key.secret=" + SECRET,
              "dispatchkit.store.table-prefix=dk" + Long.toHexString(System.nanoTime()) + "_",
              "dispatchkit.smtp.host=127.0.0.1",
              "dispatchkit.smtp.security=none");

  @Test
  void buildsTheKitFromTheDataSourceAndProperties() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(DispatchKit.class);
          assertThat(context).hasSingleBean(WorkOrderStore.class);
          assertThat(context.getBean(MailSender.class).getClass().getSimpleName())
              .isEqualTo("SmtpMailSender");
          // No IMAP host: no mail source.
          assertThat(context).doesNotHaveBean(MailSource.class);
          assertThat(context.getBean(DispatchKit.class).relayOutbox()).isZero();
        });
  }

  @Test
  void theRunnerIsOnByDefaultAndOffWhenDisabled() {
    runner.run(context -> assertThat(context).hasSingleBean(DispatchKitRunner.class));
    runner
        .withPropertyValues("dispatchkit.runner.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(DispatchKitRunner.class);
              assertThat(context).doesNotHaveBean(DispatchKitRunnerLifecycle.class);
              assertThat(context).hasSingleBean(DispatchKit.class);
            });
  }

  @Test
  void anImapHostGivesAnImapSource() {
    runner
        .withPropertyValues("dispatchkit.imap.host=127.0.0.1", "dispatchkit.imap.port=1143")
        .run(context -> assertThat(context).hasSingleBean(ImapMailSource.class));
  }

  @Test
  void applicationBeansReplaceTheDefaults() {
    runner
        .withPropertyValues("dispatchkit.smtp.host=")
        .withUserConfiguration(OwnBeans.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(MailSender.class)).isSameAs(OwnBeans.SENDER);
              assertThat(context.getBean(Clock.class)).isSameAs(OwnBeans.CLOCK);
              assertThat(context).hasSingleBean(DispatchKit.class);
            });
  }

  @Test
  void invalidPropertiesFailStartUpNamingEachProperty() {
    runner
        .withPropertyValues(
            "dispatchkit.from-address=not an address",
            "dispatchkit.reply.signing-key.secret=short",
            "dispatchkit.outbox.max-attempts=0",
            "dispatchkit.smtp.port=70000",
            "dispatchkit.health.outbox-status=YELLOW")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable failure = context.getStartupFailure();
              ConfigurationException cause = configurationException(failure);
              assertThat(cause.settings())
                  .containsExactlyInAnyOrder(
                      "dispatchkit.from-address",
                      "dispatchkit.reply.signing-key",
                      "dispatchkit.outbox.max-attempts",
                      "dispatchkit.smtp.port",
                      "dispatchkit.health.outbox-status");
              assertThat(cause.getMessage())
                  .contains("dispatchkit.from-address: ")
                  .contains("dispatchkit.smtp.port: ");
              FailureAnalysis analysis = new DispatchKitFailureAnalyzer().analyze(failure);
              assertThat(analysis.getDescription())
                  .startsWith("DispatchKit could not start: ")
                  .contains("dispatchkit.reply.signing-key: ")
                  .contains("dispatchkit.health.outbox-status: ");
              assertThat(analysis.getAction()).contains("dispatchkit.outbox.max-attempts");
            });
  }

  @Test
  void aMissingSmtpHostIsNamedWhenTheDefaultSenderIsUsed() {
    runner
        .withPropertyValues("dispatchkit.smtp.host=", "dispatchkit.reply.domain=")
        .run(
            context ->
                assertThat(configurationException(context.getStartupFailure()).settings())
                    .containsExactlyInAnyOrder(
                        "dispatchkit.smtp.host", "dispatchkit.reply.domain"));
  }

  @Test
  void aBadTablePrefixIsNamed() {
    runner
        .withPropertyValues("dispatchkit.store.table-prefix=bad prefix;")
        .run(
            context ->
                assertThat(configurationException(context.getStartupFailure()).settings())
                    .containsExactly("dispatchkit.store.table-prefix"));
  }

  static ConfigurationException configurationException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConfigurationException c) {
        return c;
      }
    }
    throw new AssertionError("no ConfigurationException in " + failure, failure);
  }

  @Configuration(proxyBeanMethods = false)
  static class H2 {
    @Bean
    DataSource dataSource() {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:starter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      return h2;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    static final RecordingMailSender SENDER = new RecordingMailSender();
    static final SettableClock CLOCK = SettableClock.at(Instant.parse("2026-03-02T08:00:00Z"));

    @Bean
    MailSender mailSender() {
      return SENDER;
    }

    @Bean
    Clock clock() {
      return CLOCK;
    }
  }
}
