package dev.dispatchkit.workorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Uniqueness#distinctAddresses} compares a few contacts pairwise ignoring case and hashes
 * lower-cased addresses beyond; both must agree with the definition.
 */
class DistinctAddressesTest {

  @Property(tries = 2000)
  void agreesWithLowerCasedAddressesBeingDistinct(@ForAll("contacts") List<ContactPerson> list) {
    Set<String> seen = new HashSet<>();
    boolean expected = list.stream().allMatch(c -> seen.add(c.email().toLowerCase(Locale.ROOT)));
    assertThat(Uniqueness.distinctAddresses(list)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<ContactPerson>> contacts() {
    // A small pool in mixed case, so that lists with and without repeats both occur.
    Arbitrary<ContactPerson> contact =
        Arbitraries.of("ann@ex.com", "ANN@ex.com", "Bob@Ex.Com", "bob@ex.com", "c@d.org", "C@d.ORG")
            .flatMap(
                email ->
                    Arbitraries.integers()
                        .between(0, 99)
                        .map(i -> new ContactPerson("P" + i, email)));
    return contact.list().ofMinSize(0).ofMaxSize(12);
  }
}
