package com.chargeshare.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local stand-in for a Nominatim server, speaking the real wire protocol over HTTP on a free port:
 * {@code GET /search?format=jsonv2&q=...} answers jsonv2 hits for the places it knows; the queries "slow", "broken"
 * and "garbage" answer late, with 500, and with something that is not JSON. Every search request is recorded.
 */
public final class FakeNominatim implements AutoCloseable {

  /** One search as it arrived: its query parameters and User-Agent. */
  public record Asked(Map<String, String> params, String userAgent) {
  }

  private final HttpServer server;
  private final List<Asked> asked = new CopyOnWriteArrayList<>();
  public volatile long slowMillis = 3000;

  private FakeNominatim(HttpServer server) {
    this.server = server;
  }

  public static FakeNominatim start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      FakeNominatim fake = new FakeNominatim(server);
      server.createContext("/search", fake::search);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Asked> asked() {
    return asked;
  }

  /** Known places, by lower-case query: jsonv2 hits with coordinates as strings, as Nominatim writes them. */
  private static JsonArray hits(String q) {
    return switch (q) {
      case "mg road" -> new JsonArray()
        .add(hit(1, "MG Road, Shivaji Nagar, Bengaluru, Karnataka, 560001, India", "12.9755264", "77.6067902"))
        .add(hit(2, "MG Road Metro Station, Bengaluru, Karnataka, India", "12.9756", "77.6094"));
      case "indiranagar" -> new JsonArray().add(hit(3, "Indiranagar, Bengaluru, Karnataka, India", "12.9783692", "77.6408356"));
      case "<script>" -> new JsonArray().add(hit(4, "<img src=x onerror=window.__xss=1>, Nowhere", "12.97", "77.59"));
      default -> new JsonArray();
    };
  }

  private static JsonObject hit(long id, String name, String lat, String lon) {
    return new JsonObject().put("place_id", id).put("licence", "Data © OpenStreetMap contributors, ODbL 1.0")
      .put("osm_type", "way").put("osm_id", id * 1000).put("lat", lat).put("lon", lon).put("category", "highway")
      .put("type", "primary").put("place_rank", 26).put("importance", 0.4).put("addresstype", "road").put("name", name.split(",")[0])
      .put("display_name", name).put("boundingbox", new JsonArray().add(lat).add(lat).add(lon).add(lon));
  }

  private void search(HttpExchange ex) throws IOException {
    Map<String, String> params = params(ex.getRequestURI().getRawQuery());
    asked.add(new Asked(params, ex.getRequestHeaders().getFirst("User-Agent")));
    String q = params.getOrDefault("q", "").toLowerCase(java.util.Locale.ROOT);
    switch (q) {
      case "slow" -> {
        try {
          Thread.sleep(slowMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(ex, 200, "application/json", "[]".getBytes(StandardCharsets.UTF_8));
      }
      case "broken" -> send(ex, 500, "text/html", "<h1>Internal error</h1>".getBytes(StandardCharsets.UTF_8));
      case "garbage" -> send(ex, 200, "application/json", "{not json".getBytes(StandardCharsets.UTF_8));
      default -> send(ex, 200, "application/json; charset=utf-8", hits(q).encode().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private static Map<String, String> params(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
