package com.chargeshare.notify;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code smtp://user:pass@host:port} (STARTTLS when the server offers it) or {@code smtps://...} (TLS from the
 * start); user and password are optional and percent-decoded. {@link #toString()} never shows the password.
 */
public record SmtpSettings(String host, int port, String username, String password, boolean ssl) {

  public static SmtpSettings parse(String url) {
    URI u;
    try {
      u = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("CHARGESHARE_SMTP_URL is not a URL (smtp://user:pass@host:port)");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("smtp") && !scheme.equals("smtps") || u.getHost() == null) {
      throw new IllegalArgumentException("CHARGESHARE_SMTP_URL must look like smtp://user:pass@host:port or smtps://...");
    }
    boolean ssl = scheme.equals("smtps");
    int port = u.getPort() > 0 ? u.getPort() : ssl ? 465 : 587;
    String user = null;
    String pass = null;
    if (u.getRawUserInfo() != null) {
      String[] parts = u.getRawUserInfo().split(":", 2);
      user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      pass = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    }
    return new SmtpSettings(u.getHost(), port, user, pass, ssl);
  }

  @Override
  public String toString() {
    return (ssl ? "smtps://" : "smtp://") + (username == null ? "" : username + ":***@") + host + ":" + port;
  }
}
