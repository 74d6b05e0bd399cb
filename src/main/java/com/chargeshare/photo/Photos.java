package com.chargeshare.photo;

import com.chargeshare.charger.Charger;
import com.chargeshare.config.PhotoSettings;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.TooLarge;
import com.chargeshare.failure.UnsupportedMediaType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * A charger's photos: added by its host (the callers check who may), at most {@code maxPerCharger}, each at most
 * {@code maxBytes}, of a kind told by its bytes, decoded and re-encoded on a small pool of its own (two at a time
 * per node, so uploads never hold the event loops nor crowd the shared workers), then stored as a file with a row.
 */
public final class Photos {

  private static final Logger log = LoggerFactory.getLogger(Photos.class);
  private static final int RECODERS = 2;

  private final PhotoRepository repo;
  private final PhotoStore store;
  private final PhotoSettings settings;
  private final ImageRecoder recoder;
  private final WorkerExecutor workers;
  private final Clock clock;

  public Photos(Vertx vertx, PhotoRepository repo, PhotoStore store, PhotoSettings settings, Clock clock) {
    this.repo = repo;
    this.store = store;
    this.settings = settings;
    this.recoder = new ImageRecoder(settings.maxSide(), settings.maxPixels());
    this.workers = vertx.createSharedWorkerExecutor("chargeshare-photos", RECODERS);
    this.clock = clock;
  }

  public PhotoSettings settings() {
    return settings;
  }

  public PhotoStore store() {
    return store;
  }

  /**
   * Adds a photo to a charger the caller was found to host. Refusals: 413 over {@code maxBytes} (or pixels), 415
   * for bytes that are not a JPEG, PNG or WebP image, 409 {@code PHOTO_LIMIT} past the limit; nothing is kept then.
   */
  public Future<Photo> add(Charger charger, byte[] upload) {
    if (upload.length > settings.maxBytes()) {
      return Future.failedFuture(new TooLarge("A photo may have at most " + settings.maxBytes() / (1024 * 1024) + " MB",
        settings.maxBytes()));
    }
    if (upload.length == 0) {
      return Future.failedFuture(new UnsupportedMediaType("The upload is empty; send a JPEG, PNG or WebP image"));
    }
    PhotoFormat original = PhotoFormat.sniff(upload).orElse(null);
    if (original == null) {
      return Future.failedFuture(new UnsupportedMediaType("Photos must be JPEG, PNG or WebP images"));
    }
    return workers.<ImageRecoder.Recoded>executeBlocking(() -> recoder.recode(upload, original), false).compose(image -> {
      Photo planned = new Photo(0, charger.id(), PhotoStore.newName(image.format()), image.format().contentType,
        original.contentType, image.width(), image.height(), image.data().length, clock.instant());
      // the file first: a row never names a file that is not there; a refused row takes its file away again
      return store.write(planned.fileName(), image.data())
        .compose(v -> repo.insertWithin(planned, settings.maxPerCharger())
          .recover(err -> store.delete(planned.fileName()).transform(x -> Future.<Photo>failedFuture(err))));
    });
  }

  public Future<List<Photo>> of(long chargerId) {
    return repo.ofCharger(chargerId);
  }

  public Future<Photo> one(long chargerId, long photoId) {
    return repo.byId(chargerId, photoId).map(p -> p.orElseThrow(() -> new NotFound("Photo")));
  }

  /** Removes a photo of a charger the caller was found to host: its row, then its file. */
  public Future<Void> delete(long chargerId, long photoId) {
    return one(chargerId, photoId).compose(p -> repo.delete(chargerId, photoId).compose(removed -> {
      if (!removed) {
        return Future.failedFuture(new NotFound("Photo"));
      }
      return store.delete(p.fileName()).recover(err -> {
        // the row is gone, so nothing serves the file any more; it is only disk space
        log.warn("Photo file {} could not be removed: {}", p.fileName(), err.getMessage());
        return Future.succeededFuture();
      });
    }));
  }
}
