package com.chargeshare.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;

/**
 * Charger photos ({@code photos} in conf/config.json): where the files live ({@code dir}, default
 * {@code <dataDir>/photos}; {@code CHARGESHARE_PHOTOS_DIR}), the most bytes one upload may have, how many photos a
 * charger may have, the longest side a stored photo keeps (larger ones are scaled down), and the most pixels an
 * upload may claim (refused before it is decoded).
 */
public record PhotoSettings(Path dir, int maxBytes, int maxPerCharger, int maxSide, long maxPixels) {

  static PhotoSettings of(JsonObject section, String dataDir) {
    String dir = section.getString("dir");
    return new PhotoSettings(dir == null || dir.isBlank() ? Path.of(dataDir, "photos") : Path.of(dir),
      section.getInteger("maxBytes", 5 * 1024 * 1024), section.getInteger("maxPerCharger", 5),
      section.getInteger("maxSide", 2048), section.getLong("maxPixels", 50_000_000L));
  }
}
