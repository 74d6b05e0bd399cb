package com.chargeshare.web;

import io.micrometer.core.instrument.config.MeterFilter;

import java.util.Set;

/**
 * HTTP metrics label requests by method and route; a client must not be able to mint series by inventing
 * methods ({@code BREW}, 1,000 others) or paths. Unknown methods count as {@code OTHER}; paths are never labels,
 * only matched route patterns (Vert.x Web's own, a bounded set).
 */
public final class HttpMetricTags {

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  private HttpMetricTags() {
  }

  public static MeterFilter bounded() {
    return MeterFilter.replaceTagValues("method", m -> METHODS.contains(m) ? m : "OTHER");
  }

  public static MeterFilter noPaths() {
    return MeterFilter.ignoreTags("path");
  }
}
