package com.chargeshare.web;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Answers a request line naming an HTTP version other than 1.0 and 1.1 with 505, as HTTP says, and a misspelt one
 * ({@code http/1.1}, {@code HTTPS/1.1}) with 400. Vert.x itself would answer 501 before any handler of ours runs, so
 * this sits in the connection's Netty pipeline, just before Vert.x's own handler. Cleartext HTTP/2 is off, so its
 * preface line ({@code PRI * HTTP/2.0}) gets a 505 too.
 */
final class HttpVersions extends ChannelInboundHandlerAdapter {

  private boolean refused;

  static void guard(HttpConnection conn) {
    if (conn instanceof ConnectionBase base && base.channel().pipeline().get("handler") != null
      && base.channel().pipeline().get("httpDecoder") != null) {
      base.channel().pipeline().addBefore("handler", "httpVersions", new HttpVersions());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused && msg instanceof HttpContent) {
      ReferenceCountUtil.release(msg);
      return;
    }
    // Netty hands over its own constants for exactly "HTTP/1.0" and "HTTP/1.1", a new instance for anything else
    if (msg instanceof HttpRequest req && req.decoderResult().isSuccess()
      && req.protocolVersion() != HttpVersion.HTTP_1_1 && req.protocolVersion() != HttpVersion.HTTP_1_0) {
      refused = true;
      ReferenceCountUtil.release(msg);
      HttpVersion v = req.protocolVersion();
      // "http/1.1" (the name is case-sensitive) or "HTTPS/1.1" is a malformed request line; "HTTP/2.0" a version we lack
      boolean wellFormed = "HTTP".equals(v.protocolName()) && !v.equals(HttpVersion.HTTP_1_1) && !v.equals(HttpVersion.HTTP_1_0);
      DefaultFullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        wellFormed ? HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED : HttpResponseStatus.BAD_REQUEST);
      answer.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
