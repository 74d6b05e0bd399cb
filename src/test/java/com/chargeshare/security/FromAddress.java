package com.chargeshare.security;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Plain HTTP/1.1 from a chosen loopback address (127.0.0.x): the server limits failed logins per client
 * address, so each test speaks from an address of its own and never spends another test's budget.
 */
final class FromAddress {

  private final String source;
  private final int port;

  FromAddress(String source, int port) {
    this.source = source;
    this.port = port;
  }

  record Answer(int status, Map<String, String> headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    String errorCode() {
      return json().getJsonObject("error").getString("code");
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  Answer post(String path, JsonObject body, String token) {
    return send("POST", path, body == null ? null : body.encode(), token);
  }

  Answer get(String path, String token) {
    return send("GET", path, null, token);
  }

  Answer login(String email, String password) {
    return post("/api/auth/login", new JsonObject().put("email", email).put("password", password), null);
  }

  /** Registers with the password tests use; answers the status. */
  int register(String email, String password) {
    return post("/api/auth/register", new JsonObject().put("email", email).put("password", password)
      .put("name", "Test user").put("role", "DRIVER"), null).status();
  }

  Answer send(String method, String path, String body, String token) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder()
      .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
      .append("Host: 127.0.0.1:").append(port).append("\r\n")
      .append("Connection: close\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
    } else if ("POST".equals(method)) {
      head.append("Content-Length: 0\r\n");
    }
    if (token != null) {
      head.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(content);
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Answer parse(String raw) {
    int split = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, split).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
        (a, b) -> a + "\n" + b);
    }
    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(split + 4));
  }
}
