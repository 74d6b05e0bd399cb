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
 * Answers a request line naming an HTTP version other than 1.0 and 1.1 with 505, as HTTP says; Vert.x itself
 * would answer 501 before any handler of ours runs, so this sits in the connection's Netty pipeline, just before
 * Vert.x's own handler. Cleartext HTTP/2 is off, so its preface line ({@code PRI * HTTP/2.0}) gets a 505 too.
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
    if (msg instanceof HttpRequest req && req.decoderResult().isSuccess()
      && !HttpVersion.HTTP_1_1.equals(req.protocolVersion()) && !HttpVersion.HTTP_1_0.equals(req.protocolVersion())) {
      refused = true;
      ReferenceCountUtil.release(msg);
      DefaultFullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED);
      answer.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
