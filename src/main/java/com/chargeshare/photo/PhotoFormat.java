package com.chargeshare.photo;

import java.util.Optional;

/** The image kinds a host may upload, recognised by their first bytes, never by a name or a declared type. */
public enum PhotoFormat {
  JPEG("image/jpeg", "jpeg", "jpg"),
  PNG("image/png", "png", "png"),
  WEBP("image/webp", "webp", "webp");

  public final String contentType;
  final String imageIoName;
  final String extension;

  PhotoFormat(String contentType, String imageIoName, String extension) {
    this.contentType = contentType;
    this.imageIoName = imageIoName;
    this.extension = extension;
  }

  /** JPEG: FF D8 FF; PNG: its 8-byte signature; WebP: "RIFF", a length, "WEBP". */
  public static Optional<PhotoFormat> sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A
      && b[6] == 0x1A && b[7] == 0x0A) {
      return Optional.of(PNG);
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
      && b[11] == 'P') {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  public static Optional<PhotoFormat> ofContentType(String contentType) {
    for (PhotoFormat f : values()) {
      if (f.contentType.equals(contentType)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
