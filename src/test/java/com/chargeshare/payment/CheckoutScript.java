package com.chargeshare.payment;

/**
 * The fake Checkout served by {@link FakeRazorpay} at {@code /checkout.js}: {@code new Razorpay(options).open()} pays
 * at once (as a payer would in Razorpay's window) and calls {@code options.handler} with
 * {@code razorpay_payment_id}, {@code razorpay_order_id} and {@code razorpay_signature}, the HMAC-SHA256 of
 * {@code orderId|paymentId} with the key secret, as Razorpay computes it. With {@code window.FAKE_RAZORPAY_DISMISS}
 * set it closes instead and calls {@code options.modal.ondismiss}.
 */
final class CheckoutScript {

  private CheckoutScript() {
  }

  static String source() {
    return """
      (function () {
        var SECRET = '%s';
        async function hmacHex(key, text) {
          var enc = new TextEncoder();
          var k = await crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
          var sig = await crypto.subtle.sign('HMAC', k, enc.encode(text));
          return Array.from(new Uint8Array(sig)).map(function (b) { return b.toString(16).padStart(2, '0'); }).join('');
        }
        function Razorpay(options) { this.options = options; }
        Razorpay.prototype.open = function () {
          var o = this.options;
          window.FAKE_RAZORPAY_OPENED = { key: o.key, order_id: o.order_id, amount: o.amount, currency: o.currency };
          if (window.FAKE_RAZORPAY_DISMISS) {
            setTimeout(function () { if (o.modal && o.modal.ondismiss) o.modal.ondismiss(); }, 50);
            return;
          }
          var paymentId = 'pay_browser_' + Date.now();
          hmacHex(SECRET, o.order_id + '|' + paymentId)
            .then(function (signature) {
              o.handler({ razorpay_payment_id: paymentId, razorpay_order_id: o.order_id, razorpay_signature: signature });
            });
        };
        window.Razorpay = Razorpay;
      })();
      """.formatted(FakeRazorpay.KEY_SECRET);
  }
}
