package dev.dispatchkit.portal;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code portal.*} properties: the upload limit, the work order list, the demo's mail ports,
 * and the parties and users the demo knows. A host that brings its own users and directory leaves
 * the lists empty.
 *
 * @param upload what an upload may be
 * @param list the work order list
 * @param demo the demo profile's embedded mail server
 * @param users the portal's users; demo only, with bcrypt hashes
 * @param providers the service providers a work order can be (re)assigned to, with their names
 * @param subscribers the clients, with their names and the contacts that may be notified
 */
@ConfigurationProperties("portal")
public record PortalProperties(
    @DefaultValue Upload upload,
    @DefaultValue Listing list,
    @DefaultValue Demo demo,
    @DefaultValue List<User> users,
    @DefaultValue List<Party> providers,
    @DefaultValue List<Party> subscribers) {

  /**
   * What an upload may be.
   *
   * @param maxFileSize the largest file accepted, per file
   */
  public record Upload(@DefaultValue("10MB") DataSize maxFileSize) {}

  /**
   * The work order list.
   *
   * @param countCap how many matches the list counts at most: past it the list says "10,000+"
   *     instead of reading every match's index entry to count them all
   */
  public record Listing(@DefaultValue("10000") int countCap) {}

  /**
   * The demo's embedded SMTP and IMAP server.
   *
   * @param smtpPort the SMTP port; 0 picks a free one
   * @param imapPort the IMAP port; 0 picks a free one
   */
  public record Demo(@DefaultValue("3025") int smtpPort, @DefaultValue("3143") int imapPort) {}

  /**
   * A portal user, from properties: for the demo only. A real host authenticates its own users.
   *
   * @param username the login
   * @param passwordHash the bcrypt hash of the password, as {@code {bcrypt}$2a$...}
   * @param side whether the user works for a provider or for a client
   * @param party the id of the provider or of the subscriber the user works for
   */
  public record User(String username, String passwordHash, Side side, String party) {}

  /** Which side of the work order a user is on. */
  public enum Side {
    /** The service provider, who does the work. */
    PROVIDER,
    /** The client (subscriber), who orders the work. */
    CLIENT
  }

  /**
   * A provider or a subscriber.
   *
   * @param id its id, as the work orders carry it
   * @param name its name, as people read it
   * @param address the provider's dispatch address, or the client's address for answers
   */
  public record Party(String id, String name, String address) {}

  /** The provider with this id. */
  public Optional<Party> provider(String id) {
    return providers.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The subscriber with this id. */
  public Optional<Party> subscriber(String id) {
    return subscribers.stream().filter(p -> p.id().equals(id)).findFirst();
  }
}
