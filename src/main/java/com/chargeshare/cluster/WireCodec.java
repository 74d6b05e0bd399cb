package com.chargeshare.cluster;

import com.chargeshare.booking.Receipt;
import com.chargeshare.booking.WireForms;
import com.chargeshare.db.DbFailures;
import com.chargeshare.failure.Unavailable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/**
 * The event-bus codec of a clustered node, under the same name as the single node's by-reference codec: within
 * one node it still passes the immutable records by reference; to another node it writes the messages every booking
 * sends in their compact forms ({@link WireForms}, a tag and the fields), and everything else with Java
 * serialization, each record as its class name and components (records need not be {@link Serializable}), and
 * domain failures as the exceptions they are. Only our own classes and the JDK's may be read back.
 */
public final class WireCodec implements MessageCodec<Object, Object> {

  /** The tag of a message in Java serialization; the compact forms have tags of their own. */
  private static final byte SERIALIZED = 0;
  private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
    "com.chargeshare.**;java.lang.*;java.util.*;java.time.*;java.time.zone.*;java.math.*;maxdepth=32;maxbytes=4194304;!*");

  private final String name;
  private final Receipt receipt;

  /**
   * {@code receipt}: this node's wording of a confirmed booking for Idempotency-Key replays. A receipt is code, not
   * data: the wire carries only whether a command has one, and the receiving node puts its own in its place.
   */
  public WireCodec(String name, Receipt receipt) {
    this.name = name;
    this.receipt = receipt;
  }

  @Override
  public void encodeToWire(Buffer buffer, Object o) {
    if (WireForms.write(buffer, o)) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new RecordWriter(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send " + o.getClass().getName() + " to another node", e);
    }
    buffer.appendByte(SERIALIZED).appendInt(bytes.size()).appendBytes(bytes.toByteArray());
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    if (buffer.getByte(pos) != SERIALIZED) {
      try {
        return WireForms.read(buffer, pos, receipt);
      } catch (RuntimeException e) {
        throw new IllegalStateException("unreadable message from another node", e);
      }
    }
    int length = buffer.getInt(pos + 1);
    byte[] bytes = buffer.getBytes(pos + 5, pos + 5 + length);
    try (ObjectInputStream in = new RecordReader(new ByteArrayInputStream(bytes), receipt)) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("unreadable message from another node", e);
    }
  }

  @Override
  public Object transform(Object o) {
    return o;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  /** A failure on another node that is no refusal of ours: a bug there, reported here with its description. */
  static final class RemoteFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RemoteFailure(String description) {
      super(description, null, false, false);
    }
  }

  /** A receipt on the wire: whether there was one. */
  private record ReceiptForm(boolean kept) implements Serializable {
  }

  /** A record on the wire: its class and its components in declaration order. */
  private record RecordForm(String type, Object[] components) implements Serializable {
  }

  private static final class RecordWriter extends ObjectOutputStream {
    RecordWriter(ByteArrayOutputStream out) throws IOException {
      super(out);
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) throws IOException {
      if (obj instanceof Throwable t && !t.getClass().getName().startsWith("com.chargeshare.")) {
        // a driver's or the JDK's exception may not be readable on the other side: send what it means
        return DbFailures.isUnavailable(t) ? new Unavailable("The database is unreachable; try again shortly")
          : new RemoteFailure(t.toString());
      }
      if (obj instanceof Receipt r) {
        return new ReceiptForm(r != Receipt.NONE);
      }
      if (obj == null || !obj.getClass().isRecord() || obj instanceof RecordForm || obj instanceof ReceiptForm) {
        return obj;
      }
      RecordComponent[] parts = obj.getClass().getRecordComponents();
      Object[] values = new Object[parts.length];
      try {
        for (int i = 0; i < parts.length; i++) {
          var accessor = parts[i].getAccessor();
          accessor.setAccessible(true);
          values[i] = accessor.invoke(obj);
        }
      } catch (ReflectiveOperationException e) {
        throw new InvalidClassException(obj.getClass().getName(), e.toString());
      }
      return new RecordForm(obj.getClass().getName(), values);
    }
  }

  private static final class RecordReader extends ObjectInputStream {
    private final Receipt receipt;

    RecordReader(ByteArrayInputStream in, Receipt receipt) throws IOException {
      super(in);
      this.receipt = receipt;
      setObjectInputFilter(ALLOWED);
      enableResolveObject(true);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      return Class.forName(desc.getName(), false, WireCodec.class.getClassLoader());
    }

    @Override
    protected Object resolveObject(Object obj) throws IOException {
      if (obj instanceof ReceiptForm r) {
        return r.kept() ? receipt : Receipt.NONE;
      }
      if (!(obj instanceof RecordForm form)) {
        return obj;
      }
      try {
        if (!form.type().startsWith("com.chargeshare.")) {
          throw new InvalidClassException(form.type(), "not one of ours");
        }
        Class<?> type = Class.forName(form.type(), false, WireCodec.class.getClassLoader());
        RecordComponent[] parts = type.getRecordComponents();
        Class<?>[] types = new Class<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
          types[i] = parts[i].getType();
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(form.components());
      } catch (ReflectiveOperationException e) {
        throw new InvalidClassException(form.type(), e.toString());
      }
    }
  }
}
