package com.chargeshare.auth;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account and per client address in a sliding window; past the limit further
 * attempts are refused before the password is even checked. Shared by every HTTP verticle of a node.
 */
public final class LoginRateLimiter {

  private final int perAccount;
  private final int perAddress;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public LoginRateLimiter(int perAccount, int perAddress, int windowSeconds, Clock clock) {
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.windowMillis = windowSeconds * 1000L;
    this.clock = clock;
  }

  public boolean blocked(String email, String address) {
    return count("a:" + UserRepository.normalize(email)) >= perAccount || count("ip:" + address) >= perAddress;
  }

  public void failed(String email, String address) {
    record("a:" + UserRepository.normalize(email));
    record("ip:" + address);
  }

  public void succeeded(String email) {
    failures.remove("a:" + UserRepository.normalize(email));
  }

  private int count(String key) {
    Deque<Long> q = failures.get(key);
    if (q == null) {
      return 0;
    }
    synchronized (q) {
      prune(q);
      return q.size();
    }
  }

  private void record(String key) {
    Deque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (q) {
      prune(q);
      q.addLast(clock.millis());
    }
  }

  private void prune(Deque<Long> q) {
    long cutoff = clock.millis() - windowMillis;
    while (!q.isEmpty() && q.peekFirst() < cutoff) {
      q.pollFirst();
    }
  }

  /** Drops keys whose window has passed, so the map does not grow with every address ever seen. */
  public void sweep() {
    failures.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        prune(e.getValue());
        return e.getValue().isEmpty();
      }
    });
  }
}
