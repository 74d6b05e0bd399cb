package com.chargeshare.booking;

/**
 * What a shard owner needs for its bookings' lifecycle: the timing rules, whom to ask before a hold expires, the
 * drivers' owners to tell when a hold or a no-show frees a driver's time, and the notices its commits write.
 */
public record ShardLifecycle(LifecycleRules rules, HoldCheck holdCheck, DriverSide drivers, BookingNotices notices) {
}
