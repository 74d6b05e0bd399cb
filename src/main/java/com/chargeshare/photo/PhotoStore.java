package com.chargeshare.photo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.CopyOptions;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The photo files, in one folder (the data directory's {@code photos/} or {@code photos.dir}). Names are random,
 * never taken from an upload; a file is written under a temporary name and moved into place, so a reader never sees
 * half of one.
 */
public final class PhotoStore {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final Path dir;

  public PhotoStore(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir.toAbsolutePath();
  }

  /** Creates the folder (and the one for uploads in flight) if needed; blocking, for start-up. */
  public void prepare() {
    vertx.fileSystem().mkdirsBlocking(uploads().toString());
  }

  /** Where page uploads (multipart) wait while their request is read. */
  public Path uploads() {
    return dir.resolve("incoming");
  }

  static String newName(PhotoFormat format) {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b) + "." + format.extension;
  }

  public Path path(String fileName) {
    return dir.resolve(fileName);
  }

  Future<Void> write(String fileName, byte[] data) {
    String tmp = uploads().resolve(fileName + ".part").toString();
    return vertx.fileSystem().writeFile(tmp, io.vertx.core.buffer.Buffer.buffer(data))
      .compose(v -> vertx.fileSystem().move(tmp, path(fileName).toString(), new CopyOptions().setReplaceExisting(true)));
  }

  /** Removes the file; one already gone is no failure. */
  Future<Void> delete(String fileName) {
    String p = path(fileName).toString();
    return vertx.fileSystem().exists(p).compose(e -> e ? vertx.fileSystem().delete(p) : Future.succeededFuture());
  }
}
