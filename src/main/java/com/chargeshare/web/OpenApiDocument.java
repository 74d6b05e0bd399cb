package com.chargeshare.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI document of this API, {@code docs/openapi.json} in the repository.
 * It is read from the classpath (the build packs it into the jar, as it does webroot), so a server always
 * describes the code it runs, whatever directory it was started from.
 */
final class OpenApiDocument {

  static final String PATH = "/api/openapi.json";
  static final String RESOURCE = "/docs/openapi.json";

  private static final byte[] DOCUMENT = read();

  void mount(Router router) {
    // a fresh buffer per answer: buffers are not thread-safe, and every HTTP verticle's event loop serves this path
    router.get(PATH).handler(ctx -> ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
      .end(Buffer.buffer(DOCUMENT)));
  }

  private static byte[] read() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath; the build copies docs/openapi.json there");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
