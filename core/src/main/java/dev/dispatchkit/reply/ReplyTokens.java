package dev.dispatchkit.reply;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Signed reply tokens: one per dispatch, carried in the reply address {@code
 * <local>+<token>@<domain>} so that a reply finds its work order even when the provider's mail
 * program drops {@code In-Reply-To} and rewrites the subject.
 *
 * <p>A token is 32 lower-case base32 characters (RFC 4648 alphabet, no padding) encoding 20 bytes:
 * the key id (1 byte), the dispatch id (8 bytes, big-endian) and the first 11 bytes (88 bits) of
 * HMAC-SHA256 over a domain-separation label, the key id and the dispatch id. The dispatch id is an
 * opaque number the host chooses and maps to its work order; it is not secret, the MAC makes it
 * unforgeable. Tokens compare case-insensitively, because mail systems may change the case of a
 * local part.
 *
 * <p>Keys form a ring: one active key signs, every key verifies, so a host rotates by adding a new
 * active key and keeping the old ones until their dispatches are settled. Instances are immutable
 * and thread-safe. {@link #verify(String)} and {@link #verifyAddress(String)} never throw.
 */
public final class ReplyTokens {

  /** The length of a token, in characters. */
  public static final int TOKEN_LENGTH = 32;

  /** The fewest bytes a key may have. */
  public static final int MIN_KEY_BYTES = 32;

  /** The longest local part RFC 5321 allows, in octets. */
  public static final int MAX_LOCAL_PART_OCTETS = 64;

  private static final int MAC_BYTES = 11;
  private static final int HMAC_BLOCK_BYTES = 64;
  private static final int TOKEN_BYTES = 1 + Long.BYTES + MAC_BYTES;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final byte[] LABEL =
      "dispatchkit-reply-token-v1".getBytes(StandardCharsets.US_ASCII);

  private final int activeKeyId;
  private final Map<Integer, byte[]> keys;

  private ReplyTokens(int activeKeyId, Map<Integer, byte[]> keys) {
    this.activeKeyId = activeKeyId;
    this.keys = keys;
  }

  /** A builder with no key yet. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Issues the token of a dispatch under the active key.
   *
   * @param dispatchId the host's id for the dispatch; any value
   * @return 32 lower-case base32 characters
   */
  public String issue(long dispatchId) {
    byte[] bytes = new byte[TOKEN_BYTES];
    bytes[0] = (byte) activeKeyId;
    ByteBuffer.wrap(bytes, 1, Long.BYTES).putLong(dispatchId);
    byte[] mac = mac(keys.get(activeKeyId), bytes[0], dispatchId);
    System.arraycopy(mac, 0, bytes, 1 + Long.BYTES, MAC_BYTES);
    return encode(bytes);
  }

  /**
   * The reply address of a dispatch: {@code <localPart>+<token>@<domain>}.
   *
   * @param localPart the local part of the host's reply mailbox, such as {@code dispatch}
   * @param domain the domain of that mailbox
   * @param dispatchId the host's id for the dispatch
   * @throws ValidationException when the local part is empty, holds a {@code +} or {@code @}, or
   *     the whole local part would exceed 64 octets, or the domain is empty
   */
  public String address(String localPart, String domain, long dispatchId) {
    if (localPart.isEmpty() || localPart.indexOf('+') >= 0 || localPart.indexOf('@') >= 0) {
      throw new ValidationException(
          "ReplyTokens.localPart",
          "must be non-empty, without '+' or '@', was '" + localPart + "'");
    }
    if (domain.isBlank() || domain.indexOf('@') >= 0) {
      throw new ValidationException("ReplyTokens.domain", "must be a domain, was '" + domain + "'");
    }
    String local = localPart + "+" + issue(dispatchId);
    int octets = local.getBytes(StandardCharsets.UTF_8).length;
    if (octets > MAX_LOCAL_PART_OCTETS) {
      throw new ValidationException(
          "ReplyTokens.localPart",
          "'"
              + localPart
              + "' leaves no room for the token: the local part would be "
              + octets
              + " octets, at most "
              + MAX_LOCAL_PART_OCTETS
              + " are allowed");
    }
    return local + "@" + domain;
  }

  /**
   * Verifies a token under every key of the ring.
   *
   * @param token a candidate token, any case; may be garbage
   * @return the dispatch id it carries, or empty when it is not a valid token of this ring
   */
  public OptionalLong verify(@Nullable String token) {
    if (token == null || token.length() != TOKEN_LENGTH) {
      return OptionalLong.empty();
    }
    byte @Nullable [] bytes = decode(token);
    if (bytes == null) {
      return OptionalLong.empty();
    }
    byte[] key = keys.get(bytes[0] & 0xff);
    if (key == null) {
      return OptionalLong.empty();
    }
    long dispatchId = ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong();
    byte[] expected = Arrays.copyOf(mac(key, bytes[0], dispatchId), MAC_BYTES);
    byte[] given = Arrays.copyOfRange(bytes, 1 + Long.BYTES, TOKEN_BYTES);
    // Constant time, so response timing tells an attacker nothing about a forged MAC.
    return MessageDigest.isEqual(expected, given)
        ? OptionalLong.of(dispatchId)
        : OptionalLong.empty();
  }

  /**
   * Verifies the token of a reply address {@code <local>+<token>@<domain>}; the token is the part
   * after the last {@code +} of the local part. The local part before it and the domain are not
   * checked: the host decides which mailboxes it reads.
   *
   * @param address an addr-spec, possibly garbage
   * @return the dispatch id, or empty when the address carries no valid token
   */
  public OptionalLong verifyAddress(@Nullable String address) {
    if (address == null) {
      return OptionalLong.empty();
    }
    String a = address.strip();
    int at = a.lastIndexOf('@');
    if (at <= 0) {
      return OptionalLong.empty();
    }
    String local = a.substring(0, at);
    int plus = local.lastIndexOf('+');
    if (plus < 0) {
      return OptionalLong.empty();
    }
    return verify(local.substring(plus + 1));
  }

  private static byte[] mac(byte[] key, byte keyId, long dispatchId) {
    byte[] message = new byte[LABEL.length + 1 + Long.BYTES];
    System.arraycopy(LABEL, 0, message, 0, LABEL.length);
    message[LABEL.length] = keyId;
    ByteBuffer.wrap(message, LABEL.length + 1, Long.BYTES).putLong(dispatchId);
    return hmacSha256(key, message);
  }

  /**
   * HMAC-SHA256 (RFC 2104) over {@link MessageDigest}: the core's architecture admits only {@code
   * java.*} packages, and {@code javax.crypto.Mac} lies outside them. A test checks it against
   * {@code Mac}.
   */
  static byte[] hmacSha256(byte[] key, byte[] message) {
    MessageDigest sha256 = sha256();
    byte[] block = new byte[HMAC_BLOCK_BYTES];
    byte[] k = key.length > HMAC_BLOCK_BYTES ? sha256.digest(key) : key;
    System.arraycopy(k, 0, block, 0, k.length);
    byte[] inner = new byte[HMAC_BLOCK_BYTES];
    byte[] outer = new byte[HMAC_BLOCK_BYTES];
    for (int i = 0; i < HMAC_BLOCK_BYTES; i++) {
      inner[i] = (byte) (block[i] ^ 0x36);
      outer[i] = (byte) (block[i] ^ 0x5c);
    }
    sha256.reset();
    sha256.update(inner);
    byte[] innerHash = sha256.digest(message);
    sha256.update(outer);
    return sha256.digest(innerHash);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-256.
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder(TOKEN_LENGTH);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    return out.toString();
  }

  private static byte @Nullable [] decode(String token) {
    // 32 characters are exactly 160 bits, 20 bytes: no padding bits that could vary unnoticed.
    byte[] out = new byte[TOKEN_BYTES];
    int buffer = 0;
    int bits = 0;
    int index = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      // ASCII only: some non-ASCII letters (the Kelvin sign) lower-case to ASCII ones.
      int value = c > 127 ? -1 : ALPHABET.indexOf(Character.toLowerCase(c));
      if (value < 0) {
        return null;
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out[index++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }

  /** Builds a {@link ReplyTokens} key ring. Not thread-safe. */
  public static final class Builder {
    private final Map<Integer, byte[]> keys = new HashMap<>();
    private @Nullable Integer activeKeyId;

    private Builder() {}

    /**
     * The key that signs new tokens; it also verifies.
     *
     * @param keyId 0 to 255, unique in the ring; it travels in every token
     * @param secret at least 32 random bytes; copied
     * @throws ConfigurationException at once when the id or the secret is unfit
     */
    public Builder signingKey(int keyId, byte[] secret) {
      verifyingKey(keyId, secret);
      activeKeyId = keyId;
      return this;
    }

    /**
     * A retired key that still verifies the tokens it signed.
     *
     * @param keyId 0 to 255, unique in the ring
     * @param secret at least 32 bytes; copied
     * @throws ConfigurationException at once when the id or the secret is unfit
     */
    public Builder verifyingKey(int keyId, byte[] secret) {
      if (keyId < 0 || keyId > 255) {
        throw new ConfigurationException("replyTokenKeys", "key id must be 0 to 255, was " + keyId);
      }
      if (secret.length < MIN_KEY_BYTES) {
        throw new ConfigurationException(
            "replyTokenKeys",
            "key "
                + keyId
                + " has "
                + secret.length
                + " bytes; at least "
                + MIN_KEY_BYTES
                + " are required");
      }
      byte[] previous = keys.get(keyId);
      if (previous != null && !MessageDigest.isEqual(previous, secret)) {
        throw new ConfigurationException(
            "replyTokenKeys", "key id " + keyId + " is given two different secrets");
      }
      keys.put(keyId, secret.clone());
      return this;
    }

    /**
     * @throws ConfigurationException when no signing key was given
     */
    public ReplyTokens build() {
      if (activeKeyId == null) {
        throw new ConfigurationException("replyTokenKeys", "a signing key is required");
      }
      Map<Integer, byte[]> copy = new HashMap<>();
      keys.forEach((id, key) -> copy.put(id, key.clone()));
      return new ReplyTokens(activeKeyId, Map.copyOf(copy));
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "ReplyTokens[active key %d, %d keys]", activeKeyId, keys.size());
  }
}
