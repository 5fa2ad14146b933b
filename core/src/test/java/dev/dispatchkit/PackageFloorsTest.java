package dev.dispatchkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Shows that {@link PackageFloors} can fail: the same rule core is held to, run against the tiny
 * packages under {@code dev.dispatchkit.archfixture}.
 */
class PackageFloorsTest {

  private static final String FIXTURES = "dev.dispatchkit.archfixture.";

  @Test
  void twoPackagesThatUseEachOtherAreACycle() {
    EvaluationResult result = evaluate("cycle");
    assertThat(result.hasViolation()).isTrue();
    assertThat(PackageFloors.cycles(result)).containsExactly("a & b");
  }

  @Test
  void theRootPackageIsASliceOfItsOwn() {
    EvaluationResult result = evaluate("rootcycle");
    assertThat(result.hasViolation()).isTrue();
    assertThat(PackageFloors.cycles(result)).containsExactly("inner & root");
  }

  @Test
  void errorAndWorkOrderMayUseEachOtherAndRulesMayUseBoth() {
    assertThat(evaluate("exempt").hasViolation()).isFalse();
  }

  @Test
  void aCycleThatLeavesTheExemptPairIsStillACycle() {
    EvaluationResult result = evaluate("detour");
    assertThat(result.hasViolation()).isTrue();
    assertThat(PackageFloors.cycles(result))
        .containsExactly(PackageFloors.EXEMPT_SLICE + " & rules");
  }

  private static EvaluationResult evaluate(String fixture) {
    JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + fixture);
    assertThat(classes).as("fixture classes of %s", fixture).isNotEmpty();
    return PackageFloors.freeOfCycles(FIXTURES + fixture).evaluate(classes);
  }
}
