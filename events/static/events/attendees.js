// The registration form shows a name field for each chosen attendee only.
// Optional: without it every field is shown, each saying when to fill it in,
// and the server ignores nothing silently (a name beyond the number is refused).
(function () {
  "use strict";
  var number = document.getElementById("id_attendees");
  if (!number) { return; }
  var fields = document.querySelectorAll("[data-attendee]");

  function update() {
    var chosen = parseInt(number.value, 10) || 1;
    fields.forEach(function (field) {
      var position = parseInt(field.getAttribute("data-attendee"), 10);
      var input = field.querySelector("input");
      // A field that holds a name stays visible, so its error can be seen and cleared.
      field.hidden = position > chosen && !(input && input.value);
    });
  }

  number.addEventListener("change", update);
  update();
})();
