package dev.dispatchkit.spring.boot;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.runtime.DispatchKitRunner;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The "dispatchkit" health indicator, where Spring Boot's health support is present. */
@AutoConfiguration(after = DispatchKitAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DispatchKit.class)
@ConditionalOnEnabledHealthIndicator("dispatchkit")
public class DispatchKitHealthAutoConfiguration {

  /** Builds the auto-configuration; Spring calls it. */
  public DispatchKitHealthAutoConfiguration() {}

  /** The indicator; its bean name makes it "dispatchkit" in the health endpoint. */
  @Bean("dispatchkitHealthIndicator")
  @ConditionalOnMissingBean(name = "dispatchkitHealthIndicator")
  DispatchKitHealthIndicator dispatchkitHealthIndicator(
      DispatchKit kit,
      ValidatedProperties settings,
      ObjectProvider<DispatchKitRunner> runner,
      Clock clock) {
    DispatchKitProperties p = settings.properties;
    DispatchKitProperties.Health health = p.getHealth();
    ServerProbe smtp = null;
    ServerProbe imap = null;
    if (health.isCheckServers()) {
      if (settings.smtp != null) {
        smtp = ServerProbe.smtp(p.getSmtp(), health.getCheckTimeout());
      }
      if (settings.imap != null) {
        imap = ServerProbe.imap(p.getImap(), health.getCheckTimeout());
      }
    }
    return new DispatchKitHealthIndicator(kit, smtp, imap, runner.getIfAvailable(), health, clock);
  }
}
