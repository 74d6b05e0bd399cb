/**
 * How the product writes money and times for people, the same on pages, in notifications and in mail: amounts in
 * their currency's minor units, booking windows in the charger's own time zone. Ground floor: imports nothing of
 * the application.
 */
package com.chargeshare.text;
