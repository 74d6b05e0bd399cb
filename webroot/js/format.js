// ChargeShare.format, shared by the map and charger pages: money from minor units, times in a zone.
(function () {
  'use strict';

  // Decimal places of a currency's minor unit where it is not two, as java.util.Currency gives them: the API
  // counts prices in these units. Codes with no minor unit at all (gold, special drawing rights…) count none.
  var MINOR_DIGITS = {};
  var NOT_TWO = {
    0: 'ADP BEF BIF BYB BYR CLP DJF ESP GNF GRD ISK ITL JPY KMF KRW LUF MGF PTE PYG ROL RWF TPE TRL UGX UYI VND VUV '
      + 'XAF XOF XPF XAG XAU XBA XBB XBC XBD XDR XFO XFU XPD XPT XSU XTS XUA XXX',
    3: 'BHD IQD JOD KWD LYD OMR TND',
    4: 'CLF'
  };
  Object.keys(NOT_TWO).forEach(function (digits) {
    NOT_TWO[digits].split(' ').forEach(function (code) { MINOR_DIGITS[code] = Number(digits); });
  });
  // Written before the amount; any other currency's code follows it.
  var SYMBOLS = { INR: '₹', USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

  function fractionDigits(code) {
    return Object.prototype.hasOwnProperty.call(MINOR_DIGITS, code) ? MINOR_DIGITS[code] : 2;
  }

  // Minor units → "₹150.00", "¥500", "1.500 KWD": the text the server's text.Money.format writes, worked out on the
  // digits themselves, so no floating-point rounding and no browser's own currency data can make it differ.
  function money(minor, currency) {
    var code = currency || 'INR';
    var digits = fractionDigits(code);
    var text = String(Math.abs(Math.round(minor)));
    while (text.length <= digits) text = '0' + text;
    var whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    var amount = (minor < 0 ? '-' : '') + whole + (digits ? '.' + text.slice(text.length - digits) : '');
    return SYMBOLS[code] ? SYMBOLS[code] + amount : amount + ' ' + code;
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

  window.ChargeShare.format = { money: money, time: time, dayTime: dayTime, power: power, connector: connector };
})();
