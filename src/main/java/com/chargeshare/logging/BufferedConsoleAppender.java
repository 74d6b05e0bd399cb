package com.chargeshare.logging;

import ch.qos.logback.core.OutputStreamAppender;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Standard output for the access log, written through a buffer: lines are flushed when the buffer fills and at
 * most {@code flushMillis} after they were written, so a busy server makes one write for many requests instead of
 * one per request (logback's console appender flushes every line: a system call per request). Whole lines only:
 * a line that does not fit flushes the buffer first. Lines are appended on the logging thread (an event loop, for
 * the access log), under the appender's lock, which is held for a copy into the buffer; the system call happens
 * once per buffer. Stopping flushes; standard output stays open.
 */
public final class BufferedConsoleAppender<E> extends OutputStreamAppender<E> {

  private int bufferBytes = 64 * 1024;
  private long flushMillis = 200;
  private ScheduledExecutorService flusher;

  public void setBufferBytes(int bufferBytes) {
    this.bufferBytes = bufferBytes;
  }

  public void setFlushMillis(long flushMillis) {
    this.flushMillis = flushMillis;
  }

  @Override
  public void start() {
    setImmediateFlush(false);
    setOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), bufferBytes));
    super.start();
    flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "log-flush-" + getName());
      t.setDaemon(true);
      return t;
    });
    flusher.scheduleWithFixedDelay(this::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (flusher != null) {
      flusher.shutdownNow();
    }
    flush();
    super.stop();
  }

  /** Standard output belongs to the process: flushed, never closed. */
  @Override
  protected void closeOutputStream() {
    flush();
  }

  private void flush() {
    streamWriteLock.lock();
    try {
      if (getOutputStream() != null) {
        getOutputStream().flush();
      }
    } catch (IOException e) {
      addError("could not flush standard output", e);
    } finally {
      streamWriteLock.unlock();
    }
  }
}
