package com.chargeshare.live;

import com.chargeshare.booking.ChangeEvent;
import com.chargeshare.booking.LocalCodec;
import com.chargeshare.booking.SlotState;
import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.support.LiveClient;
import com.chargeshare.support.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Live push frames: each change's wire bytes built once, identical and valid for every socket")
class LiveWireFramesTest {

  static TestServer server;
  static Vertx vertx;

  @BeforeAll
  static void start() {
    // one HTTP verticle: every socket is on one hub, so a change's frames are built once for all of them (each hub
    // stamps its own committedAt)
    server = TestServer.start("live-wire", new JsonObject().put("http", new JsonObject().put("instances", 1))
      .put("live", new JsonObject()
      .put("pingSeconds", 300).put("idleTimeoutSeconds", 600).put("maxSocketsPerAddress", 0)));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    server.close();
  }

  @ParameterizedTest(name = "payloads of {0} bytes")
  @ValueSource(ints = {1, 125, 126, 65_535, 65_536, 70_000})
  @DisplayName("the built frames are the bytes Netty's own encoder writes, and its decoder reads them back as two final text frames")
  void sameBytesAsNettyEncoder(int size) {
    String slots = "s".repeat(size);
    String charger = "c".repeat(size / 2 + 1);
    Push.WireFrames wire = Push.WireFrames.of(slots.getBytes(StandardCharsets.UTF_8), charger.getBytes(StandardCharsets.UTF_8));

    EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
    encoder.writeOutbound(new TextWebSocketFrame(slots), new TextWebSocketFrame(charger));
    ByteBuf expected = Unpooled.buffer();
    for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
      expected.writeBytes(b);
      b.release();
    }
    ByteBuf frames = wire.frames();
    assertThat(ByteBufUtil.getBytes(frames)).isEqualTo(ByteBufUtil.getBytes(expected));

    EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
      .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
    decoder.writeInbound(frames);
    TextWebSocketFrame first = decoder.readInbound();
    TextWebSocketFrame second = decoder.readInbound();
    assertThat(first.isFinalFragment()).isTrue();
    assertThat(first.text()).isEqualTo(slots);
    assertThat(second.isFinalFragment()).isTrue();
    assertThat(second.text()).isEqualTo(charger);
    assertThat((Object) decoder.readInbound()).isNull();
    first.release();
    second.release();
    // the payload views, for sockets that take frames, are the same bytes
    assertThat(wire.slotsPayload().toString(StandardCharsets.UTF_8)).isEqualTo(slots);
    assertThat(wire.chargerPayload().toString(StandardCharsets.UTF_8)).isEqualTo(charger);
  }

  @Test
  @DisplayName("two sockets read byte-identical frames for a change, slots then charger, and a WebSocket client parses them")
  void byteIdenticalFrames() throws Exception {
    long chargerId = 9_200_000_000L;
    WebSocketClient client = LiveClient.client(vertx);
    try (Socket a = rawSubscriber(chargerId); Socket b = rawSubscriber(chargerId)) {
      WebSocket parsed = LiveClient.await(client.connect(LiveClient.options(server.port())));
      BlockingQueue<WebSocketFrame> frames = new LinkedBlockingQueue<>();
      parsed.frameHandler(frames::add);
      parsed.writeTextMessage(subscribe(chargerId).encode());
      assertThat(new JsonObject(poll(frames).textData()).getString("type")).isEqualTo("subscribed");

      publish(chargerId, 1);
      byte[] wireA = readFrames(a, 2);
      byte[] wireB = readFrames(b, 2);
      assertThat(wireB).isEqualTo(wireA);

      WebSocketFrame slots = poll(frames);
      WebSocketFrame charger = poll(frames);
      for (WebSocketFrame f : List.of(slots, charger)) {
        assertThat(f.isText()).isTrue();
        assertThat(f.isFinal()).isTrue();
      }
      JsonObject slotsMessage = new JsonObject(slots.textData());
      JsonObject chargerMessage = new JsonObject(charger.textData());
      assertThat(slotsMessage.getString("type")).isEqualTo("slots");
      assertThat(slotsMessage.getLong("chargerId")).isEqualTo(chargerId);
      assertThat(slotsMessage.getLong("seq")).isEqualTo(1);
      assertThat(chargerMessage.getString("type")).isEqualTo("charger");
      assertThat(chargerMessage.getLong("seq")).isEqualTo(1);
      // what the parsing client got is exactly what the raw sockets read, header and payload
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (WebSocketFrame f : List.of(slots, charger)) {
        byte[] payload = f.binaryData().getBytes();
        expected.write(0x81);
        expected.write(payload.length < 126 ? payload.length : 126);
        if (payload.length >= 126) {
          expected.write(payload.length >> 8);
          expected.write(payload.length & 0xff);
        }
        expected.write(payload);
      }
      assertThat(wireA).isEqualTo(expected.toByteArray());
      parsed.close();
    } finally {
      client.close();
    }
  }

  @Test
  @DisplayName("a client offering permessage-deflate is answered without it and reads every push")
  void compressingClient() throws Exception {
    long chargerId = 9_200_000_001L;
    try (Socket raw = new Socket("127.0.0.1", server.port())) {
      raw.setSoTimeout(10_000);
      String head = handshake(raw, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
      assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
    }
    WebSocketClient compressing = vertx.createWebSocketClient(new WebSocketClientOptions()
      .setTryUsePerMessageCompression(true).setTryUsePerFrameCompression(true));
    try (LiveClient c = LiveClient.connect(compressing, LiveClient.options(server.port()))) {
      c.subscribeIds(chargerId);
      for (long seq = 1; seq <= 3; seq++) {
        publish(chargerId, seq);
      }
      for (long seq = 1; seq <= 3; seq++) {
        assertThat(c.next("slots", chargerId).getLong("seq")).isEqualTo(seq);
        assertThat(c.next("charger", chargerId).getLong("seq")).isEqualTo(seq);
      }
    } finally {
      compressing.close();
    }
  }

  private static WebSocketFrame poll(BlockingQueue<WebSocketFrame> frames) throws InterruptedException {
    WebSocketFrame f = frames.poll(LiveClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(f).as("a frame within " + LiveClient.WAIT).isNotNull();
    return f;
  }

  private static JsonObject subscribe(long chargerId) {
    return new JsonObject().put("type", "subscribe").put("chargerIds", new JsonArray().add(chargerId));
  }

  /** A bare TCP client that completes the handshake and subscribes; the acknowledgement is read. */
  private static Socket rawSubscriber(long chargerId) throws IOException {
    Socket raw = new Socket("127.0.0.1", server.port());
    raw.setSoTimeout(10_000);
    assertThat(handshake(raw, "")).startsWith("HTTP/1.1 101");
    writeMasked(raw.getOutputStream(), subscribe(chargerId).encode().getBytes(StandardCharsets.UTF_8));
    byte[] ack = readFrames(raw, 1);
    assertThat(new String(ack, StandardCharsets.UTF_8)).contains("\"subscribed\"");
    return raw;
  }

  private static String handshake(Socket raw, String extraHeaders) throws IOException {
    OutputStream out = raw.getOutputStream();
    out.write(("GET /ws/availability HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\n"
      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
      + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
    DataInputStream in = new DataInputStream(raw.getInputStream());
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      head.append((char) in.readUnsignedByte());
    }
    return head.toString();
  }

  /** A client's frames are masked (RFC 6455 section 5.3); this one is short and final. */
  private static void writeMasked(OutputStream out, byte[] payload) throws IOException {
    byte[] mask = {0x12, 0x34, 0x56, 0x78};
    out.write(0x81);
    out.write(0x80 | payload.length);
    out.write(mask);
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ mask[i % 4]);
    }
    out.flush();
  }

  /** The next {@code count} frames exactly as they came on the wire, headers included. */
  private static byte[] readFrames(Socket raw, int count) throws IOException {
    DataInputStream in = new DataInputStream(raw.getInputStream());
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      assertThat(b1 & 0x80).as("a server's frames are not masked").isZero();
      wire.write(b0);
      wire.write(b1);
      long length = b1 & 0x7f;
      if (length == 126) {
        int l = in.readUnsignedShort();
        wire.write(l >> 8);
        wire.write(l & 0xff);
        length = l;
      } else if (length == 127) {
        length = in.readLong();
        for (int shift = 56; shift >= 0; shift -= 8) {
          wire.write((int) (length >> shift) & 0xff);
        }
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      wire.write(payload);
    }
    return wire.toByteArray();
  }

  static void publish(long chargerId, long seq) {
    Instant t = Instant.parse("2030-01-01T00:00:00Z").plusSeconds(1800 * seq);
    server.app().vertx().eventBus().publish(ChangeEvent.ADDRESS, new ChangeEvent(chargerId, seq,
      List.of(new SlotState(t, t.plusSeconds(1800), SlotState.BOOKED)), ChargerStatus.ONLINE, true, 12.96, 77.56,
      System.nanoTime(), ChangeEvent.Kind.BOOKED, 1, 15000, "INR"), LocalCodec.OPTIONS);
  }
}
