package com.chargeshare.charger;

import java.util.List;

/** The optional attribute filters of a charger search, as SQL conditions with bound parameters. */
public record SearchFilter(String connectorType, Double minPowerKw, Long maxPricePerHourMinor, boolean onlineOnly) {

  public static final SearchFilter NONE = new SearchFilter(null, null, null, false);

  void appendTo(StringBuilder where, List<Object> args) {
    if (connectorType != null) {
      where.append(" AND c.connector_type = ?");
      args.add(connectorType);
    }
    if (minPowerKw != null) {
      where.append(" AND c.power_kw >= ?");
      args.add(minPowerKw);
    }
    if (maxPricePerHourMinor != null) {
      where.append(" AND c.price_per_hour_minor <= ?");
      args.add(maxPricePerHourMinor);
    }
    if (onlineOnly) {
      where.append(" AND c.status = 'ONLINE'");
    }
  }
}
