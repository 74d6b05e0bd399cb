package com.chargeshare.web;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Role;
import com.chargeshare.charger.Listings;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.Unauthenticated;
import com.chargeshare.failure.UnsupportedMediaType;
import com.chargeshare.input.PathIds;
import com.chargeshare.photo.Photo;
import com.chargeshare.photo.PhotoFormat;
import com.chargeshare.photo.Photos;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code /api/chargers/{id}/photos}: a charger's photos. Its host adds one by POSTing the image's bytes (Content-Type
 * {@code image/jpeg}, {@code image/png} or {@code image/webp}; the bytes decide) and deletes one; anyone lists them and
 * fetches each image, which is served with long-lived cache headers because a photo's content never changes.
 */
public final class PhotoApi {

  private static final Pattern UPLOAD = Pattern.compile("^/api/chargers/[^/]+/photos$");
  private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

  private final Photos photos;
  private final Listings listings;
  private final AuthGuard guard;

  public PhotoApi(Photos photos, Listings listings, AuthGuard guard) {
    this.photos = photos;
    this.listings = listings;
    this.guard = guard;
  }

  /** An upload's body is an image, not JSON: {@link JsonBodies} leaves it to this API's own check. */
  static boolean isUpload(HttpServerRequest req) {
    return req.method() == HttpMethod.POST && UPLOAD.matcher(req.path()).matches();
  }

  /**
   * Reads upload bodies up to the photo limit (the router's default is far smaller); mounted before the router's
   * own body handler, which then leaves these requests alone. A larger body is refused with 413 as it arrives.
   */
  static void mountBodies(Router api, Router site, Photos photos) {
    int max = photos.settings().maxBytes();
    // a request with no credentials at all is refused before megabytes of it are read (the token itself is
    // checked later, as for every request)
    api.post("/api/chargers/:id/photos").handler(ctx -> {
      HttpServerRequest req = ctx.request();
      if (req.getHeader(HttpHeaders.AUTHORIZATION) == null && req.getHeader(HttpHeaders.COOKIE) == null) {
        ctx.fail(new Unauthenticated("Log in as the charger's host to add photos"));
        return;
      }
      ctx.next();
    });
    api.post("/api/chargers/:id/photos").handler(BodyHandler.create(false).setBodyLimit(max));
    // a page form's multipart body: the file part plus a little for the boundaries and the other fields
    site.post("/host/chargers/:id/photos").handler(BodyHandler.create(photos.store().uploads().toString())
      .setBodyLimit(max + 16 * 1024L).setDeleteUploadedFilesOnEnd(true));
  }

  public void mount(Router router) {
    router.post("/api/chargers/:id/photos").handler(guard.require(Role.HOST)).respond(this::add);
    router.get("/api/chargers/:id/photos").respond(this::list);
    router.get("/api/chargers/:id/photos/:photoId").handler(this::serve);
    router.delete("/api/chargers/:id/photos/:photoId").handler(guard.require(Role.HOST)).handler(this::delete);
  }

  private Future<JsonObject> add(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String bare = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (PhotoFormat.ofContentType(bare).isEmpty()) {
      throw new UnsupportedMediaType("Send the photo's bytes as image/jpeg, image/png or image/webp");
    }
    byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    return listings.ownedBy(id, AuthGuard.principal(ctx))
      .compose(c -> photos.add(c, bytes))
      .map(p -> {
        ctx.response().setStatusCode(201).putHeader(HttpHeaders.LOCATION, p.url());
        return new JsonObject().put("photo", p.toJson());
      });
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    return listings.existing(id).compose(c -> photos.of(id)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(p -> out.add(p.toJson()));
      return new JsonObject().put("photos", out).put("limit", photos.settings().maxPerCharger());
    });
  }

  private void serve(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    long photoId = PathIds.of(ctx, "photoId");
    photos.one(id, photoId).onSuccess(p -> send(ctx, p)).onFailure(ctx::fail);
  }

  private void send(RoutingContext ctx, Photo p) {
    String etag = "\"photo-" + p.id() + "\"";
    // public content whoever asks, so even a signed-in browser may keep it (identify marked the answer no-store)
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER).putHeader(HttpHeaders.ETAG, etag)
      .putHeader(HttpHeaders.CONTENT_TYPE, p.contentType());
    if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().sendFile(photos.store().path(p.fileName()).toString()).onFailure(err -> {
      if (!ctx.response().headWritten()) {
        ctx.response().headers().remove(HttpHeaders.CACHE_CONTROL).remove(HttpHeaders.ETAG);
        ctx.fail(new NotFound("Photo"));
      }
    });
  }

  private void delete(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    long photoId = PathIds.of(ctx, "photoId");
    listings.ownedBy(id, AuthGuard.principal(ctx))
      .compose(c -> photos.delete(id, photoId))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }
}
