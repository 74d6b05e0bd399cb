package com.chargeshare.photo;

import com.chargeshare.failure.TooLarge;
import com.chargeshare.failure.UnsupportedMediaType;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes an upload and writes it afresh, so nothing of the original file but its pixels is kept: no EXIF (camera,
 * place, time), no comments, no colour profile, no trailing data; a JPEG's EXIF orientation is applied to the pixels
 * first ({@link Orientation}), so it still stands upright. JPEG stays JPEG and PNG stays PNG; WebP, which
 * ImageIO can read (TwelveMonkeys' plugin) but not write, becomes PNG when it has transparency and JPEG otherwise.
 * Large images are scaled down to {@code maxSide}; the header's size is checked before any pixel is decoded, and
 * huge ones are read subsampled, so no upload can make the server hold more than about (2 × maxSide)² pixels.
 *
 * <p>Blocking and CPU-bound: callers run it off the event loop.
 */
final class ImageRecoder {

  private static final float JPEG_QUALITY = 0.85f;

  /** The re-encoded image. */
  record Recoded(byte[] data, PhotoFormat format, int width, int height) {
  }

  private final int maxSide;
  private final long maxPixels;

  ImageRecoder(int maxSide, long maxPixels) {
    this.maxSide = maxSide;
    this.maxPixels = maxPixels;
  }

  Recoded recode(byte[] bytes, PhotoFormat format) {
    BufferedImage image = decode(bytes, format);
    if (format == PhotoFormat.JPEG) {
      image = Orientation.upright(image, Orientation.of(bytes));
    }
    image = fit(image);
    boolean alpha = image.getColorModel().hasAlpha();
    PhotoFormat out = format == PhotoFormat.JPEG || (format == PhotoFormat.WEBP && !alpha) ? PhotoFormat.JPEG : PhotoFormat.PNG;
    try {
      byte[] data = out == PhotoFormat.JPEG ? jpeg(rgb(image)) : png(image);
      return new Recoded(data, out, image.getWidth(), image.getHeight());
    } catch (IOException e) {
      throw new UnsupportedMediaType("The image could not be stored: " + e.getMessage());
    }
  }

  private BufferedImage decode(byte[] bytes, PhotoFormat format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
    if (!readers.hasNext()) {
      throw new UnsupportedMediaType("This server cannot read " + format.contentType + " images");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        throw new UnsupportedMediaType("The image has no pixels");
      }
      if ((long) width * height > maxPixels) {
        throw new TooLarge("The image is " + width + " × " + height + " pixels; at most " + maxPixels / 1_000_000
          + " megapixels are taken", maxPixels);
      }
      ImageReadParam param = reader.getDefaultReadParam();
      int step = (int) Math.ceil(Math.max(width, height) / (2.0 * maxSide));
      if (step > 1) {
        param.setSourceSubsampling(step, step, 0, 0);
      }
      BufferedImage image = reader.read(0, param);
      if (image == null) {
        throw new UnsupportedMediaType("The file is not a readable " + format.contentType + " image");
      }
      return image;
    } catch (IOException | RuntimeException e) {
      if (e instanceof TooLarge || e instanceof UnsupportedMediaType) {
        throw (RuntimeException) e;
      }
      throw new UnsupportedMediaType("The file is not a readable " + format.contentType + " image");
    } finally {
      reader.dispose();
    }
  }

  private BufferedImage fit(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int longest = Math.max(w, h);
    if (longest <= maxSide) {
      return image;
    }
    double scale = (double) maxSide / longest;
    int tw = Math.max(1, (int) Math.round(w * scale));
    int th = Math.max(1, (int) Math.round(h * scale));
    BufferedImage out = new BufferedImage(tw, th, image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB
      : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, tw, th, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** JPEG has no alpha and ImageIO's writer wants plain RGB (or grey): anything else is drawn onto white. */
  private static BufferedImage rgb(BufferedImage image) {
    int type = image.getType();
    if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_BYTE_GRAY) {
      return image;
    }
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", bytes)) {
      throw new IOException("no PNG writer");
    }
    return bytes.toByteArray();
  }
}
