// As-you-type suggestions for the search box: fills its <datalist> from the
// suggest endpoint. Optional: the form searches without it.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("data-suggest-list"));
  if (!list) { return; }
  input.setAttribute("list", list.id);
  var timer = null;
  var latest = "";

  function fill(suggestions) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    suggestions.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.title;
      option.label = item.type;
      if (item.language) { option.lang = item.language; }
      list.appendChild(option);
    });
  }

  function load() {
    var query = input.value.trim();
    if (!query || query === latest) { return; }
    latest = query;
    var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (data.query === latest || query === latest) { fill(data.suggestions || []); } })
      .catch(function () { fill([]); });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 200);
  });
})();
