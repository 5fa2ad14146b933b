package dev.dispatchkit.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The provider and client portal. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {
  /** Starts the portal. */
  public static void main(String[] args) {
    SpringApplication.run(PortalApplication.class, args);
  }
}
