// The district map: pan (drag), zoom (wheel, buttons), layer switches, the figures of a
// clicked compound, and a scale bar that follows the zoom. Printing shows the whole district.
(function () {
  var svg = document.getElementById('districtmap');
  if (!svg) return;
  var full = svg.viewBox.baseVal;
  var home = {x: full.x, y: full.y, w: full.width, h: full.height};
  var view = {x: home.x, y: home.y, w: home.w, h: home.h};
  var mPerUnit = parseFloat(svg.getAttribute('data-m-per-unit'));
  function apply() {
    svg.setAttribute('viewBox', view.x + ' ' + view.y + ' ' + view.w + ' ' + view.h);
    scale();
  }
  function zoom(f, cx, cy) {
    var w = Math.min(home.w * 1.5, Math.max(home.w / 40, view.w * f));
    var k = w / view.w;
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    view.x = cx - (cx - view.x) * k; view.y = cy - (cy - view.y) * k;
    view.w = w; view.h = view.h * k;
    apply();
  }
  function toMap(evt) {
    var r = svg.getBoundingClientRect();
    var s = Math.max(view.w / r.width, view.h / r.height);
    var ox = (r.width - view.w / s) / 2, oy = (r.height - view.h / s) / 2;
    return {x: view.x + (evt.clientX - r.left - ox) * s, y: view.y + (evt.clientY - r.top - oy) * s, s: s};
  }
  svg.addEventListener('wheel', function (e) {
    e.preventDefault();
    var p = toMap(e);
    zoom(e.deltaY < 0 ? 0.8 : 1.25, p.x, p.y);
  }, {passive: false});
  var drag = null;
  svg.addEventListener('pointerdown', function (e) { drag = {x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false}; });
  window.addEventListener('pointermove', function (e) {
    if (!drag) return;
    var s = toMap(e).s;
    if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) drag.moved = true;
    view.x = drag.vx - (e.clientX - drag.x) * s; view.y = drag.vy - (e.clientY - drag.y) * s;
    apply();
  });
  window.addEventListener('pointerup', function () { setTimeout(function () { drag = null; }, 0); });
  function button(id, f) { var b = document.getElementById(id); if (b) b.addEventListener('click', f); }
  button('zoomin', function () { zoom(0.66); });
  button('zoomout', function () { zoom(1.5); });
  button('zoomhome', function () { view = {x: home.x, y: home.y, w: home.w, h: home.h}; apply(); });
  window.addEventListener('beforeprint', function () { view = {x: home.x, y: home.y, w: home.w, h: home.h}; apply(); });
  var boxes = document.querySelectorAll('input[data-layer]');
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener('change', function () {
      var g = svg.querySelector('g[data-layer="' + this.getAttribute('data-layer') + '"]');
      if (g) g.style.display = this.checked ? '' : 'none';
    });
  }
  var info = document.getElementById('mapinfo');
  var chosen = null;
  function show(el) {
    if (!info) return;
    info.textContent = el.getAttribute('data-info');
    info.hidden = false;
    if (chosen) chosen.classList.remove('chosen');
    chosen = el; el.classList.add('chosen');
  }
  svg.addEventListener('click', function (e) {
    if (drag && drag.moved) return;
    var el = e.target.closest('[data-info]');
    if (el) show(el);
  });
  svg.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && e.target.getAttribute('data-info')) show(e.target);
  });
  // Scale bar under the drawing: a round length under a fifth of the map's width, as a
  // share of that width, so that it holds on screen and on paper alike.
  var bar = document.getElementById('scalebar'), barText = document.getElementById('scaletext');
  function scale() {
    if (!bar || !(mPerUnit > 0)) return;
    var len = 1;
    [2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000].forEach(function (c) { if (c / mPerUnit <= view.w / 5) len = c; });
    bar.style.width = (100 * len / mPerUnit / view.w).toFixed(2) + '%';
    barText.textContent = len >= 1000 ? (len / 1000) + ' km' : len + ' m';
  }
  scale();
})();
