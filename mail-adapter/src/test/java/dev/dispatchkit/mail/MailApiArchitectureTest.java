package dev.dispatchkit.mail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the adapter's plumbing in {@code internal}, out of the exported API. */
class MailApiArchitectureTest {

  private static final String API = "dev.dispatchkit.mail";
  private static final String INTERNAL = API + ".internal";

  private static JavaClasses adapter;

  @BeforeAll
  static void importAdapter() {
    adapter =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(API);
  }

  /** A member hosts can reach: public or protected, in a public class of the API package. */
  private static final DescribedPredicate<JavaMember> VISIBLE_TO_HOSTS =
      DescribedPredicate.describe(
          "visible to hosts",
          member ->
              member.getOwner().getPackageName().equals(API)
                  && isVisible(member.getOwner())
                  && (member.getModifiers().contains(JavaModifier.PUBLIC)
                      || member.getModifiers().contains(JavaModifier.PROTECTED)));

  private static boolean isVisible(JavaClass type) {
    boolean visible = type.getModifiers().contains(JavaModifier.PUBLIC);
    return visible && type.getEnclosingClass().map(MailApiArchitectureTest::isVisible).orElse(true);
  }

  private static boolean isInternal(JavaType type) {
    return type.getAllInvolvedRawTypes().stream()
        .anyMatch(raw -> raw.getPackageName().startsWith(INTERNAL));
  }

  private static final ArchCondition<JavaCodeUnit> NAME_NO_INTERNAL_TYPE =
      new ArchCondition<>("name no internal type in their signature") {
        @Override
        public void check(JavaCodeUnit unit, ConditionEvents events) {
          List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
          types.add(unit.getReturnType());
          types.addAll(unit.getThrowsClause().getTypes());
          types.addAll(unit.getTypeParameters());
          for (JavaType type : types) {
            if (isInternal(type)) {
              events.add(
                  SimpleConditionEvent.violated(
                      unit, unit.getFullName() + " names " + type.getName()));
            }
          }
        }
      };

  @Test
  void publicMethodsAndConstructorsNameNoInternalType() {
    codeUnits()
        .that(VISIBLE_TO_HOSTS)
        .should(NAME_NO_INTERNAL_TYPE)
        .because("hosts must not depend on the adapter's plumbing")
        .check(adapter);
  }

  @Test
  void publicFieldsHaveNoInternalType() {
    fields()
        .that(VISIBLE_TO_HOSTS)
        .should(
            new ArchCondition<>("have no internal type") {
              @Override
              public void check(JavaField field, ConditionEvents events) {
                if (isInternal(field.getType())) {
                  events.add(SimpleConditionEvent.violated(field, field.getFullName()));
                }
              }
            })
        .allowEmptyShould(true)
        .check(adapter);
  }

  @Test
  void publicTypesDoNotExtendOrImplementInternalTypes() {
    classes()
        .that()
        .resideInAPackage(API)
        .and(DescribedPredicate.describe("visible to hosts", MailApiArchitectureTest::isVisible))
        .should()
        .notBeAssignableTo(
            DescribedPredicate.describe(
                "an internal type", (JavaClass type) -> type.getPackageName().startsWith(INTERNAL)))
        .check(adapter);
  }

  @Test
  void thePlumbingIsInternalAndStillThere() {
    // Guards the rules above against passing on an empty import.
    assertThat(adapter.containPackage(INTERNAL)).isTrue();
    assertThat(adapter.get(API + ".internal.MessageReader").getPackageName()).isEqualTo(INTERNAL);
  }

  @Test
  void moduleExportsOnlyTheApiPackage() throws IOException {
    Path descriptor = Path.of("target", "classes", "module-info.class");
    assertThat(descriptor).exists();
    try (InputStream in = Files.newInputStream(descriptor)) {
      ModuleDescriptor module = ModuleDescriptor.read(in);
      assertThat(module.name()).isEqualTo(API);
      assertThat(
              module.exports().stream()
                  .map(ModuleDescriptor.Exports::source)
                  .collect(Collectors.toSet()))
          .containsExactly(API);
      assertThat(module.opens()).isEmpty();
    }
  }
}
