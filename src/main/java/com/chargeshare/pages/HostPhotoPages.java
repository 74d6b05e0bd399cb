package com.chargeshare.pages;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Role;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.Listings;
import com.chargeshare.failure.TooLarge;
import com.chargeshare.failure.ValidationFailed;
import com.chargeshare.input.PathIds;
import com.chargeshare.photo.Photo;
import com.chargeshare.photo.Photos;
import com.chargeshare.web.PageErrors;
import io.vertx.core.Future;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;

/**
 * {@code /host/chargers/{id}/photos}: the host's photos of one charger, an upload form (a plain multipart post, so
 * it works without JavaScript) and a delete button per photo. A refused upload (wrong kind, too large, one too
 * many) shows the page again with the reason and the status the API would answer.
 */
public final class HostPhotoPages {

  private static final Map<String, String> NOTICES = Map.of(
    "added", "The photo is added; drivers see it on the charger's page.",
    "deleted", "The photo is deleted.");

  private final Pages pages;
  private final AuthGuard guard;
  private final Listings listings;
  private final Photos photos;

  public HostPhotoPages(Pages pages, AuthGuard guard, Listings listings, Photos photos) {
    this.pages = pages;
    this.guard = guard;
    this.listings = listings;
    this.photos = photos;
  }

  /** A photo as pages show it: where it is served, its size, and a text alternative. */
  public record PhotoView(long id, String url, int width, int height, String alt) {

    static List<PhotoView> of(List<Photo> photos, String chargerName) {
      int n = photos.size();
      return java.util.stream.IntStream.range(0, n).mapToObj(i -> {
        Photo p = photos.get(i);
        return new PhotoView(p.id(), p.url(), p.width(), p.height(), "Photo " + (i + 1) + " of " + n + " of " + chargerName);
      }).toList();
    }
  }

  /** host-photos.peb: the charger, its photos, how many more may be added, and a notice or an error. */
  record PhotosPage(long chargerId, String chargerName, String address, List<PhotoView> photos, int limit, int room,
                    String maxMegabytes, String flash, String error) {
  }

  public void mount(Router router) {
    router.get("/host/chargers/:id/photos").handler(guard.require(Role.HOST)).handler(this::show);
    router.post("/host/chargers/:id/photos").handler(guard.require(Role.HOST)).handler(this::upload);
    router.post("/host/chargers/:id/photos/:photoId/delete").handler(guard.require(Role.HOST)).handler(this::delete);
  }

  private void show(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    owned(ctx, id).onSuccess(c -> render(ctx, 200, c, NOTICES.get(String.valueOf(ctx.request().getParam("notice"))), null))
      .onFailure(ctx::fail);
  }

  private void upload(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    owned(ctx, id).onSuccess(c -> read(ctx)
      .compose(bytes -> photos.add(c, bytes))
      .onSuccess(p -> redirect(ctx, id, "added"))
      .onFailure(err -> PageErrors.showOrFail(ctx, err, e -> render(ctx, e.status(), c, null, e.message()))))
      .onFailure(ctx::fail);
  }

  /** The file part named {@code photo}; its size is checked before it is read. */
  private Future<byte[]> read(RoutingContext ctx) {
    FileUpload file = ctx.fileUploads().stream().filter(f -> "photo".equals(f.name())).findFirst().orElse(null);
    if (file == null || file.size() == 0) {
      return Future.failedFuture(ValidationFailed.field("photo", "choose a JPEG, PNG or WebP photo"));
    }
    if (file.size() > photos.settings().maxBytes()) {
      return Future.failedFuture(new TooLarge("A photo may have at most " + megabytes() + " MB", photos.settings().maxBytes()));
    }
    return ctx.vertx().fileSystem().readFile(file.uploadedFileName()).map(b -> b.getBytes());
  }

  private void delete(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    long photoId = PathIds.of(ctx, "photoId");
    owned(ctx, id).onSuccess(c -> photos.delete(id, photoId)
      .onSuccess(v -> redirect(ctx, id, "deleted"))
      .onFailure(err -> PageErrors.showOrFail(ctx, err, e -> render(ctx, e.status(), c, null, e.message()))))
      .onFailure(ctx::fail);
  }

  private void render(RoutingContext ctx, int status, Charger c, String notice, String error) {
    photos.of(c.id()).onSuccess(list -> {
      int limit = photos.settings().maxPerCharger();
      pages.render(ctx, status, "host-photos", "Photos of " + c.name(), new PhotosPage(c.id(), c.name(), c.address(),
        PhotoView.of(list, c.name()), limit, Math.max(0, limit - list.size()), megabytes(), notice, error));
    }).onFailure(ctx::fail);
  }

  private String megabytes() {
    int bytes = photos.settings().maxBytes();
    return bytes % (1024 * 1024) == 0 ? String.valueOf(bytes / (1024 * 1024))
      : String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024));
  }

  private static void redirect(RoutingContext ctx, long id, String notice) {
    ctx.response().setStatusCode(303).putHeader("Location", "/host/chargers/" + id + "/photos?notice=" + notice).end();
  }

  private Future<Charger> owned(RoutingContext ctx, long id) {
    return listings.ownedBy(id, AuthGuard.principal(ctx));
  }
}
