package dev.dispatchkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.dispatchkit.workorder.WorkOrder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the core free of adapters and frameworks, its internals out of the API, and its packages
 * free of cycles (see {@link PackageFloors}).
 */
class ArchitectureTest {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dispatchkit");
  }

  @Test
  void coreDependsOnlyOnTheJdkSlf4jAndJSpecify() {
    classes()
        .that()
        .resideInAPackage("dev.dispatchkit..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.dispatchkit..", "java..", "javax.crypto..", "org.slf4j..", "org.jspecify..")
        .because("core does no I/O of its own and knows no adapter or framework")
        .check(core);
  }

  @Test
  void coreUsesNoAdapterTechnology() {
    noClasses()
        .that()
        .resideInAPackage("dev.dispatchkit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..", "javax.sql..", "java.net.http..", "java.nio.channels..", "java.awt..")
        .because("storage and mail belong to adapters, behind the ports")
        .check(core);
  }

  @Test
  void apiPackagesDoNotDependOnInternals() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.dispatchkit.workorder..",
            "dev.dispatchkit.rules..",
            "dev.dispatchkit.reply..",
            "dev.dispatchkit.message..",
            "dev.dispatchkit.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.dispatchkit.internal..")
        .because("internal holds implementations that hosts must not see")
        .check(core);
  }

  @Test
  void rulesReadWorkOrderValuesAndTheWorkOrderKnowsNoRules() {
    noClasses()
        .that()
        .resideInAPackage("dev.dispatchkit.workorder..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.dispatchkit.rules..")
        .because("the rules depend on the work order one way only")
        .check(core);
    noClasses()
        .that()
        .resideInAPackage("dev.dispatchkit.rules..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(WorkOrder.class)
        .because("the rules take the values they read, not the aggregate")
        .check(core);
  }

  @Test
  void corePackagesFormNoCycleButTheExemptOne() {
    PackageFloors.freeOfCycles("dev.dispatchkit").check(core);
  }

  @Test
  void moduleExportsNoInternalPackage() throws IOException {
    Path descriptor = Path.of("target", "classes", "module-info.class");
    assertThat(descriptor).exists();
    try (InputStream in = Files.newInputStream(descriptor)) {
      ModuleDescriptor module = ModuleDescriptor.read(in);
      assertThat(
              module.exports().stream()
                  .map(ModuleDescriptor.Exports::source)
                  .collect(Collectors.toSet()))
          .contains("dev.dispatchkit")
          .noneMatch(name -> name.contains(".internal"));
      assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
          .containsOnly("java.base", "org.slf4j", "org.jspecify");
    }
  }
}
