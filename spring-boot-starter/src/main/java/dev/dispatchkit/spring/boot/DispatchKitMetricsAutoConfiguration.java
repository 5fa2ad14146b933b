package dev.dispatchkit.spring.boot;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.runtime.DispatchKitMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Binds {@link DispatchKitMetrics} to the application's {@link MeterRegistry}: the runner reports
 * to it, and it counts quarantined messages, blocked mail and sweep events.
 */
@AutoConfiguration(
    after = DispatchKitAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass({MeterRegistry.class, DispatchKitMetrics.class})
@ConditionalOnBean({MeterRegistry.class, DispatchKit.class})
public class DispatchKitMetricsAutoConfiguration {

  /** Builds the auto-configuration; Spring calls it. */
  public DispatchKitMetricsAutoConfiguration() {}

  /** The meters; also the runner's observer. */
  @Bean
  @ConditionalOnMissingBean
  DispatchKitMetrics dispatchKitMetrics(
      MeterRegistry registry, DispatchKit kit, DispatchKitHooks hooks) {
    DispatchKitMetrics metrics = DispatchKitMetrics.bind(registry, kit);
    hooks.decorate(metrics::listener);
    hooks.onQuarantine(message -> metrics.messageQuarantined());
    return metrics;
  }
}
