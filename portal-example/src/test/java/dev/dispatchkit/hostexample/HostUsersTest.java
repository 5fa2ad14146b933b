package dev.dispatchkit.hostexample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.portal.PortalProperties.Side;
import dev.dispatchkit.portal.security.AccountResolver;
import dev.dispatchkit.portal.security.PortalAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** The host example of docs/portal.md: it maps users as the page says, and the page shows it. */
class HostUsersTest {

  private final AccountResolver accounts = new HostUsers().hostAccounts();

  @Test
  void aUserWorksForTheCompanyItsAuthorityNames() {
    assertThat(accounts.account(user("paul", "ROLE_USER", "PROVIDER:acme-plumbing")))
        .contains(new PortalAccount("paul", Side.PROVIDER, "acme-plumbing"));
    assertThat(accounts.account(user("ines", "CLIENT:horizon")))
        .contains(new PortalAccount("ines", Side.CLIENT, "horizon"));
  }

  @Test
  void aUserWithoutSuchAnAuthorityHasNoAccountAndSoSeesNothing() {
    assertThat(accounts.account(user("guest", "ROLE_USER", "OPERATOR:all"))).isEmpty();
  }

  @Test
  void docsPortalShowsThisVeryCode() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/dev/dispatchkit/hostexample/HostUsers.java"));
    String snippet =
        source.substring(
            source.indexOf('\n', source.indexOf("// tag::host-users[]")) + 1,
            source.indexOf("// end::host-users[]"));
    String doc = Files.readString(Path.of("../docs/portal.md"));
    assertThat(doc).contains("```java\n" + snippet + "```");
  }

  private static UsernamePasswordAuthenticationToken user(String name, String... authorities) {
    return UsernamePasswordAuthenticationToken.authenticated(
        name, "n/a", List.copyOf(AuthorityUtils.createAuthorityList(authorities)));
  }
}
