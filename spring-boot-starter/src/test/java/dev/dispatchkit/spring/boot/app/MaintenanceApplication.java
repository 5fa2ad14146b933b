package dev.dispatchkit.spring.boot.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A new Spring Boot application that adds the starter, a DataSource and a few lines of {@code
 * application.yml}, and no DispatchKit code of its own.
 */
@SpringBootApplication
public class MaintenanceApplication {

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(MaintenanceApplication.class, args);
  }
}
