package com.chargeshare.photo;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Test images made on the spot: JPEG and PNG with metadata that must not survive, and the WebP samples. */
public final class Images {

  public static final String SECRET = "GPS 12.9716N 77.5946E taken by Hema's phone";

  private Images() {
  }

  public static BufferedImage picture(int width, int height, boolean alpha) {
    BufferedImage img = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(20, 120, 90, alpha ? 120 : 255));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.ORANGE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    return img;
  }

  /** A JPEG with an EXIF segment and a comment that both carry {@link #SECRET}. */
  public static byte[] jpegWithMetadata(int width, int height) {
    byte[] plain = encode(picture(width, height, false), "jpeg");
    byte[] exif = ("Exif\0\0MM\0*" + SECRET).getBytes(StandardCharsets.ISO_8859_1);
    byte[] comment = SECRET.getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, 2);
    segment(out, 0xE1, exif);
    segment(out, 0xFE, comment);
    out.write(plain, 2, plain.length - 2);
    return out.toByteArray();
  }

  /**
   * A JPEG whose pixels are red on the left and blue on the right, with an EXIF orientation (1..8) as a phone
   * writes it: a TIFF header and one IFD entry, tag 0x0112.
   */
  public static byte[] jpegWithOrientation(int width, int height, int orientation) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height);
    g.setColor(Color.BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    byte[] plain = encode(img, "jpeg");
    ByteArrayOutputStream exif = new ByteArrayOutputStream();
    exif.writeBytes("Exif\0\0MM".getBytes(StandardCharsets.ISO_8859_1));
    exif.writeBytes(new byte[] {0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, 2);
    segment(out, 0xE1, exif.toByteArray());
    out.write(plain, 2, plain.length - 2);
    return out.toByteArray();
  }

  /** A PNG with a tEXt chunk carrying {@link #SECRET}. */
  public static byte[] pngWithMetadata(int width, int height, boolean alpha) {
    byte[] plain = encode(picture(width, height, alpha), "png");
    int iend = plain.length - 12;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, iend);
    byte[] text = ("Comment\0" + SECRET).getBytes(StandardCharsets.ISO_8859_1);
    writeInt(out, text.length);
    byte[] type = "tEXt".getBytes(StandardCharsets.ISO_8859_1);
    out.writeBytes(type);
    out.writeBytes(text);
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(text);
    writeInt(out, (int) crc.getValue());
    out.write(plain, iend, 12);
    return out.toByteArray();
  }

  /** A PNG whose header claims {@code side} × {@code side} pixels, with almost no data behind it. */
  public static byte[] pngClaiming(int side) {
    byte[] plain = encode(picture(8, 8, false), "png");
    byte[] out = plain.clone();
    // IHDR's width and height follow the signature (8), the chunk length (4) and its type (4)
    for (int i = 0; i < 2; i++) {
      int at = 16 + i * 4;
      out[at] = (byte) (side >>> 24);
      out[at + 1] = (byte) (side >>> 16);
      out[at + 2] = (byte) (side >>> 8);
      out[at + 3] = (byte) side;
    }
    CRC32 crc = new CRC32();
    crc.update(out, 12, 17);
    int c = (int) crc.getValue();
    out[29] = (byte) (c >>> 24);
    out[30] = (byte) (c >>> 16);
    out[31] = (byte) (c >>> 8);
    out[32] = (byte) c;
    return out;
  }

  public static byte[] encode(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] resource(String name) {
    try (InputStream in = Images.class.getResourceAsStream("/photos/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
    out.write(0xFF);
    out.write(marker);
    int len = data.length + 2;
    out.write(len >>> 8);
    out.write(len & 0xFF);
    out.writeBytes(data);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
