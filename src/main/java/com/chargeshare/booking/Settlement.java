package com.chargeshare.booking;

/** What became of a hold's payment: it confirmed the hold now, the hold was confirmed before, or there is no hold any more. */
public enum Settlement { CONFIRMED_NOW, CONFIRMED_BEFORE, NOT_HELD }
