package dev.dispatchkit;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The package-cycle rule of core: every top-level package under a base package is one slice, the
 * base package itself is a slice of its own ("root"), and no slice may reach itself again through
 * the others.
 *
 * <p>One exemption, and only one: {@value #EXEMPT_CYCLE}. The exceptions' typed context is
 * work-order values, and the work order throws them, so the two packages count as one floor. They
 * share a slice, which allows exactly the cycle between them: a cycle that leaves the pair through
 * any other package (error to rules to workorder, say) is still a cycle of that slice and fails.
 */
final class PackageFloors {

  /** The one allowed cycle. */
  static final String EXEMPT_CYCLE = "error<->workorder";

  /** The name of the slice the two packages of the allowed cycle share. */
  static final String EXEMPT_SLICE = "error+workorder";

  /** The packages that share a slice, so that the cycle between them alone is allowed. */
  private static final Set<String> EXEMPT_PAIR = Set.of("error", "workorder");

  // ArchUnit writes a cycle as "Cycle detected: a -> \n b -> \n a" before listing its edges.
  private static final Pattern CYCLE =
      Pattern.compile("Cycle detected: (.*?)\\R\\s*1\\.", Pattern.DOTALL);

  private PackageFloors() {}

  /** The rule over the packages under {@code base}: core's is {@code dev.dispatchkit}. */
  static ArchRule freeOfCycles(String base) {
    return slices()
        .assignedFrom(new Floors(base))
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .because(
            "dependencies between core's packages go one way; the only exemption is "
                + EXEMPT_CYCLE);
  }

  /**
   * The slices of every cycle the rule reported, each as its sorted names joined by {@code " & "}:
   * {@code "a & b"} for {@code a -> b -> a}.
   */
  static List<String> cycles(EvaluationResult result) {
    List<String> cycles = new ArrayList<>();
    for (String detail : result.getFailureReport().getDetails()) {
      Matcher cycle = CYCLE.matcher(detail);
      if (cycle.find()) {
        cycles.add(
            Arrays.stream(cycle.group(1).split("->"))
                .map(String::strip)
                .distinct()
                .sorted()
                .collect(Collectors.joining(" & ")));
      }
    }
    return cycles;
  }

  /** Top-level package under the base, the base itself as "root", outside classes ignored. */
  private static final class Floors implements SliceAssignment {
    private final String base;

    Floors(String base) {
      this.base = base;
    }

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String name = javaClass.getPackageName();
      if (name.equals(base)) {
        return SliceIdentifier.of("root");
      }
      if (!name.startsWith(base + ".")) {
        return SliceIdentifier.ignore();
      }
      String rest = name.substring(base.length() + 1);
      int dot = rest.indexOf('.');
      String top = dot < 0 ? rest : rest.substring(0, dot);
      return SliceIdentifier.of(EXEMPT_PAIR.contains(top) ? EXEMPT_SLICE : top);
    }

    @Override
    public String getDescription() {
      return "the packages under " + base + " (root on its own, " + EXEMPT_SLICE + " as one)";
    }
  }
}
