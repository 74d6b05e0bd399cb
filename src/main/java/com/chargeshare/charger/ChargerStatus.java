package com.chargeshare.charger;

/** Whether the host lets the charger be booked; the names are the database's and the API's values. */
public enum ChargerStatus { ONLINE, OFFLINE }
