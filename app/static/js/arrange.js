// Matching and ordering by drag and drop, over the selects that work without JavaScript.
//
// The selects stay the form's fields: every move here sets them and fires "change", so the
// test page's autosave and count (quiz.js) and a plain submit see exactly what a learner
// choosing in the selects would give.
//
// Ordering: the items become a list to drag (mouse, pen or touch) or move with its "up" and
// "down" buttons (the keyboard's way); the order is the answer once it is moved or kept.
// Matching: each right-hand option is a card to drag onto an item, or to pick (Enter, Space
// or a tap) and place with the item's "Place here" button; the selects stay visible and usable.
// A right-hand option given to two items is named in a note beside the question.
(function () {
  "use strict";

  function announce(fieldset, text) {
    var live = fieldset.querySelector(".arrange-live");
    if (live) { live.textContent = text; }
  }

  function fire(select) {
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function button(text, label, className) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = text;
    if (label) { element.setAttribute("aria-label", label); }
    return element;
  }

  function liveRegion(fieldset, grid) {
    var live = document.createElement("p");
    live.className = "arrange-live visually-hidden";
    live.setAttribute("aria-live", "polite");
    grid.parentNode.insertBefore(live, grid.nextSibling);
    return live;
  }

  // --- ordering -----------------------------------------------------------------------

  function enhanceOrdering(fieldset, grid) {
    var fields = Array.prototype.slice.call(grid.querySelectorAll(".field"));
    var items = fields.map(function (field) {
      return { text: field.querySelector("label").textContent, select: field.querySelector("select") };
    });
    var placed = items.every(function (item) { return item.select.value !== ""; });
    if (placed) {  // the saved order first
      items.sort(function (a, b) { return Number(a.select.value) - Number(b.select.value); });
    }
    var list = document.createElement("ol");
    list.className = "sortable";
    var keep = button("Use this order", null, "button secondary small keep-order");
    items.forEach(function (item) { list.appendChild(orderRow(fieldset, list, item, keep)); });
    grid.hidden = true;
    grid.parentNode.insertBefore(list, grid);
    liveRegion(fieldset, list);
    keep.hidden = placed;
    keep.addEventListener("click", function () { commit(fieldset, list, keep); });
    list.parentNode.insertBefore(keep, list.nextSibling);
    var hint = fieldset.querySelector(".order-hint");
    if (hint) { hint.textContent = "Drag the items into order, earliest or first at the top, or move them with their arrow buttons."; }
    dragToSort(fieldset, list, keep);
  }

  function orderRow(fieldset, list, item, keep) {
    var row = document.createElement("li");
    row.className = "sortable-item";
    row.selectForItem = item.select;
    var handle = document.createElement("span");
    handle.className = "drag-handle";
    handle.setAttribute("aria-hidden", "true");
    var text = document.createElement("span");
    text.className = "sortable-text";
    text.textContent = item.text;
    var up = button("↑", "Move up: " + item.text, "move-button move-up");
    var down = button("↓", "Move down: " + item.text, "move-button move-down");
    up.addEventListener("click", function () { move(fieldset, list, row, -1, keep, up); });
    down.addEventListener("click", function () { move(fieldset, list, row, 1, keep, down); });
    row.append(handle, text, up, down);
    return row;
  }

  function move(fieldset, list, row, step, keep, from) {
    var rows = Array.prototype.slice.call(list.children);
    var index = rows.indexOf(row);
    var target = index + step;
    if (target < 0 || target >= rows.length) { return; }
    if (step < 0) { list.insertBefore(row, rows[target]); } else { list.insertBefore(rows[target], row); }
    commit(fieldset, list, keep);
    // focus stays on the moved item: on the button pressed, or on its other one when this
    // one is now disabled (the item reached the top or the bottom)
    if (from) { (from.disabled ? row.querySelector(step < 0 ? ".move-down" : ".move-up") : from).focus(); }
    announce(fieldset, row.querySelector(".sortable-text").textContent + ": place " + (target + 1) + " of " + rows.length + ".");
  }

  // Set every select to its item's place in the list, and tell the page.
  function commit(fieldset, list, keep) {
    var rows = Array.prototype.slice.call(list.children);
    rows.forEach(function (row, index) {
      row.selectForItem.value = String(index + 1);
      row.querySelector(".move-up").disabled = index === 0;
      row.querySelector(".move-down").disabled = index === rows.length - 1;
    });
    keep.hidden = true;
    fieldset.classList.add("is-arranged");
    fire(rows[0].selectForItem);
  }

  // Pointer dragging (mouse, pen, touch): the row follows the pointer among its siblings.
  function dragToSort(fieldset, list, keep) {
    var dragging = null;
    list.addEventListener("pointerdown", function (event) {
      var row = event.target.closest(".sortable-item");
      if (!row || event.target.closest("button") || event.button > 0) { return; }
      dragging = row;
      row.classList.add("is-dragging");
      list.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    list.addEventListener("pointermove", function (event) {
      if (!dragging) { return; }
      var rows = Array.prototype.slice.call(list.children);
      var over = rows.find(function (row) {
        var box = row.getBoundingClientRect();
        return row !== dragging && event.clientY > box.top && event.clientY < box.bottom;
      });
      if (!over) { return; }
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragging, after ? over.nextSibling : over);
    });
    function drop() {
      if (!dragging) { return; }
      var row = dragging;
      dragging = null;
      row.classList.remove("is-dragging");
      commit(fieldset, list, keep);
      var rows = Array.prototype.slice.call(list.children);
      announce(fieldset, row.querySelector(".sortable-text").textContent + ": place " + (rows.indexOf(row) + 1) + " of " + rows.length + ".");
    }
    list.addEventListener("pointerup", drop);
    list.addEventListener("pointercancel", drop);
  }

  // --- matching -----------------------------------------------------------------------

  function enhanceMatching(fieldset, grid) {
    var selects = Array.prototype.slice.call(grid.querySelectorAll("select"));
    var options = Array.prototype.slice.call(selects[0].options).filter(function (o) { return o.value !== ""; });
    var pool = document.createElement("div");
    pool.className = "match-pool";
    var heading = document.createElement("p");
    heading.className = "hint";
    heading.textContent = "Drag each answer onto its item, or pick one and press “Place here”. The lists work too.";
    pool.appendChild(heading);
    var cards = document.createElement("ul");
    cards.className = "match-cards";
    var state = { picked: null };
    options.forEach(function (option) {
      var li = document.createElement("li");
      var card = button(option.value, null, "match-card");
      card.setAttribute("aria-pressed", "false");
      card.draggable = true;
      card.dataset.value = option.value;
      card.addEventListener("click", function () { pick(fieldset, state, card); });
      card.addEventListener("dragstart", function (event) {
        event.dataTransfer.setData("text/plain", option.value);
        event.dataTransfer.effectAllowed = "copy";
      });
      li.appendChild(card);
      cards.appendChild(li);
    });
    pool.appendChild(cards);
    grid.parentNode.insertBefore(pool, grid);
    var listed = fieldset.querySelector(".match-choices");
    if (listed) { listed.hidden = true; }  // the cards give each answer in full
    selects.forEach(function (select) { dropTarget(fieldset, state, select); });
    var note = document.createElement("p");
    note.className = "reuse-note";
    note.setAttribute("aria-live", "polite");
    grid.parentNode.insertBefore(note, grid.nextSibling);
    liveRegion(fieldset, note);
    fieldset.addEventListener("change", function () { reused(fieldset, selects, cards, note); });
    reused(fieldset, selects, cards, note);
  }

  function pick(fieldset, state, card) {
    var again = state.picked === card;
    fieldset.querySelectorAll(".match-card").forEach(function (c) { c.setAttribute("aria-pressed", "false"); });
    state.picked = again ? null : card;
    fieldset.classList.toggle("is-placing", !again);
    if (!again) {
      card.setAttribute("aria-pressed", "true");
      announce(fieldset, "Picked “" + card.dataset.value + "”: press “Place here” on its item.");
    }
  }

  function dropTarget(fieldset, state, select) {
    var field = select.closest(".field");
    var label = field.querySelector("label").textContent;
    var place = button("Place here", "Place here: " + label, "button small place-here");
    field.appendChild(place);
    function put(value) {
      select.value = value;
      fire(select);
      announce(fieldset, label + ": “" + value + "”.");
    }
    place.addEventListener("click", function () {
      if (!state.picked) { return; }
      put(state.picked.dataset.value);
      pick(fieldset, state, state.picked);  // put down
    });
    field.addEventListener("dragover", function (event) {
      event.preventDefault();
      field.classList.add("is-drop-target");
    });
    field.addEventListener("dragleave", function () { field.classList.remove("is-drop-target"); });
    field.addEventListener("drop", function (event) {
      event.preventDefault();
      field.classList.remove("is-drop-target");
      var value = event.dataTransfer.getData("text/plain");
      if (value) { put(value); }
    });
  }

  // Which answers are used, and a note naming one given to two items or more.
  function reused(fieldset, selects, cards, note) {
    var counts = {};
    selects.forEach(function (select) {
      if (select.value) { counts[select.value] = (counts[select.value] || 0) + 1; }
    });
    cards.querySelectorAll(".match-card").forEach(function (card) {
      card.classList.toggle("is-used", Boolean(counts[card.dataset.value]));
    });
    var twice = Object.keys(counts).filter(function (value) { return counts[value] > 1; });
    selects.forEach(function (select) {
      select.closest(".field").classList.toggle("is-reused", twice.indexOf(select.value) !== -1);
    });
    note.textContent = twice.length
      ? "“" + twice.join("”, “") + "” " + (twice.length === 1 ? "is" : "are") +
        " given to more than one item: check them, as an answer rarely fits two."
      : "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("fieldset.question").forEach(function (fieldset) {
      var grid = fieldset.querySelector(".match-grid");
      if (!grid || grid.querySelector("select:disabled")) { return; }
      if (grid.classList.contains("place-grid")) { enhanceOrdering(fieldset, grid); } else { enhanceMatching(fieldset, grid); }
    });
  });
})();
