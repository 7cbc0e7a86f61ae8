/* Dismissible site banners (progressive enhancement).
   The server already leaves out banners listed in the "dismissed_banners"
   cookie; this script does the same for pages served from a cache, and
   dismisses without reloading. Without it, the form POSTs to the server,
   which sets the cookie and comes back to the page. */
(function () {
  "use strict";
  var COOKIE = "dismissed_banners";
  var MAX_REMEMBERED = 20;
  var KEY = /^[a-z0-9-]{1,64}$/;

  function dismissed() {
    var match = document.cookie.match(/(?:^|;\s*)dismissed_banners=([^;]*)/);
    return match ? match[1].split(".").filter(function (key) { return KEY.test(key); }) : [];
  }

  function remember(key) {
    var keys = dismissed().filter(function (existing) { return existing !== key; });
    keys.push(key);
    var secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = COOKIE + "=" + keys.slice(-MAX_REMEMBERED).join(".") +
      "; Max-Age=" + 365 * 24 * 3600 + "; Path=/; SameSite=Lax" + secure;
  }

  function hide(banner) {
    banner.hidden = true;
  }

  var keys = dismissed();
  document.querySelectorAll("[data-banner]").forEach(function (banner) {
    if (keys.indexOf(banner.getAttribute("data-banner")) !== -1) {
      hide(banner);
    }
    var form = banner.querySelector("form.site-banner__dismiss");
    if (!form) {
      return;
    }
    form.addEventListener("submit", function (event) {
      var key = banner.getAttribute("data-banner");
      if (!KEY.test(key)) {
        return;
      }
      event.preventDefault();
      remember(key);
      hide(banner);
      var main = document.getElementById("main");
      if (main) {
        main.focus();  // the focused button is gone: keep keyboard users in the page
      }
    });
  });
})();
