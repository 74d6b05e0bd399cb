package com.chargeshare.photo;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A phone stores a photo as the sensor saw it and says in its EXIF how to turn it (tag 0x0112, 1..8). The metadata
 * is not kept, so the turn is applied to the pixels first, and the stored photo stands the right way up. Read with
 * TwelveMonkeys' metadata reader; a missing or unreadable EXIF means "as it is" (1).
 */
final class Orientation {

  private Orientation() {
  }

  static int of(byte[] jpeg) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      if (exif.isEmpty()) {
        return 1;
      }
      InputStream data = exif.get(0).data();
      // the identifier is "Exif" followed by two zero bytes; the segment's data starts at the second
      if (data.read() < 0) {
        return 1;
      }
      try (ImageInputStream tiff = ImageIO.createImageInputStream(data)) {
        Directory directory = new TIFFReader().read(tiff);
        Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
        int value = entry != null && entry.getValue() instanceof Number n ? n.intValue() : 1;
        return value >= 1 && value <= 8 ? value : 1;
      }
    } catch (IOException | RuntimeException e) {
      return 1;
    }
  }

  /** The image turned and mirrored as {@code orientation} asks, so that it stands upright. */
  static BufferedImage upright(BufferedImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean swap = orientation >= 5;
    AffineTransform t = new AffineTransform();
    switch (orientation) {
      case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
      case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
      case 4 -> { t.translate(0, h); t.scale(1, -1); }
      case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
      case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
      case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
      default -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
    }
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h,
      image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, t, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
