package com.chargeshare.booking;

/** Who reported the driver's arrival: the driver (page or API), or the charger itself starting a session (OCPP). */
public enum CheckInSource { DRIVER, CHARGER }
