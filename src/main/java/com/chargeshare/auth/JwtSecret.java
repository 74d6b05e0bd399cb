package com.chargeshare.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The signing secret: configured, or generated once and kept in the data directory. Never a built-in default. */
public final class JwtSecret {

  private static final Logger log = LoggerFactory.getLogger(JwtSecret.class);
  private static final int MIN_LENGTH = 32;

  private JwtSecret() {
  }

  public static String resolve(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      if (configured.length() < MIN_LENGTH) {
        throw new IllegalArgumentException("CHARGESHARE_JWT_SECRET must be at least " + MIN_LENGTH + " characters");
      }
      return configured;
    }
    Path file = dataDir.resolve("jwt-secret");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      Files.createDirectories(dataDir);
      byte[] bytes = new byte[48];
      new SecureRandom().nextBytes(bytes);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.writeString(file, secret);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the directory's own permissions apply
      }
      log.info("Generated a new JWT signing secret in {}", file);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }
}
