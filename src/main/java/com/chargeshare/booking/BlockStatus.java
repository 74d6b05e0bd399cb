package com.chargeshare.booking;

/** A block's status; the names are the database's and the API's values. */
public enum BlockStatus { ACTIVE, REMOVED }
