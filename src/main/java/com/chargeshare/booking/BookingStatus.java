package com.chargeshare.booking;

/** A booking's status; the names are the database's and the API's values. */
public enum BookingStatus { CONFIRMED, CANCELLED }
