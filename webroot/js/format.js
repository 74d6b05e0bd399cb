// Formatting shared by the map and charger pages: money from minor units, times in a zone.
(function () {
  'use strict';

  // Minor units → "₹150.00"; the currency decides how many decimals a minor unit has.
  function money(minor, currency) {
    var code = currency || 'INR';
    try {
      var f = new Intl.NumberFormat('en-IN', { style: 'currency', currency: code });
      var digits = f.resolvedOptions().maximumFractionDigits;
      return f.format(minor / Math.pow(10, digits));
    } catch (e) {
      return (minor / 100).toFixed(2) + ' ' + code;
    }
  }

  // "14:30" for an instant, in the given IANA zone (the charger's, not the browser's).
  function time(iso, zone) {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date(iso));
  }

  // "Mon 5 Jan, 14:30" in the given zone.
  function dayTime(iso, zone) {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
    }).format(new Date(iso));
  }

  function power(kw) {
    return (Math.round(kw * 10) / 10) + ' kW';
  }

  function connector(type) {
    return String(type || '').replace(/_/g, ' ');
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  window.ChargeShare = window.ChargeShare || {};
  window.ChargeShare.format = { money: money, time: time, dayTime: dayTime, power: power, connector: connector };
  window.ChargeShare.el = el;
})();
