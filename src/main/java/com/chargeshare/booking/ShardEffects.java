package com.chargeshare.booking;

/**
 * What a shard's committed writes tell others: live listeners (announcer), metrics, the lifecycle's listeners
 * (notifications), the drivers' owners, and the shard's own deadlines (hold expiries, no-shows).
 */
record ShardEffects(Announcer announcer, BookingMetrics metrics, LifecycleEvents events, DriverSide drivers,
                    ShardDeadlines deadlines) {
}
