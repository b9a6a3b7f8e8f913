// The map page: MapLibre GL JS over the service's style and tiles. It
// shows a layer switcher built from the tileset's TileJSON, the attributes
// of clicked features with their Chinese and English labels, and exposes
// window.toponym = {loaded, counts, errors, map} for tests.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var tileset = params.get("tileset") === "internal" ? "internal" : "public";
  var root = location.pathname.replace(/\/map\/?$/, "");
  var state = window.toponym = { loaded: false, counts: {}, errors: [], tileset: tileset };
  var status = document.getElementById("status");

  var map = new maplibregl.Map({
    container: "map",
    style: root + "/styles/" + tileset + ".json",
    center: [num("lon", 109.2702), num("lat", 28.5035)],
    zoom: num("z", 9),
    hash: false,
    attributionControl: { compact: true },
    // CJK glyphs come from a local font, drawn by the browser.
    localIdeographFontFamily: "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"
  });
  state.map = map;
  map.addControl(new maplibregl.NavigationControl(), "top-right");
  map.addControl(new maplibregl.ScaleControl({ unit: "metric" }));

  function num(name, def) {
    var v = parseFloat(params.get(name));
    return isFinite(v) ? v : def;
  }

  document.getElementById("tileset").value = tileset;
  document.getElementById("tileset").addEventListener("change", function (e) {
    params.set("tileset", e.target.value);
    location.search = params.toString();
  });

  var fieldLabels = {}; // layer -> field -> "名称 Chinese name"
  fetch(root + "/tiles/" + tileset + ".json").then(function (r) { return r.json(); }).then(function (tj) {
    var box = document.getElementById("layers");
    tj.vector_layers.forEach(function (vl) {
      fieldLabels[vl.id] = {};
      Object.keys(vl.fields).forEach(function (f) {
        fieldLabels[vl.id][f] = vl.fields[f].replace(/^[A-Za-z]+: /, "");
      });
      var label = document.createElement("label");
      var cb = document.createElement("input");
      cb.type = "checkbox"; cb.checked = true; cb.value = vl.id;
      cb.addEventListener("change", function () { toggle(vl.id, cb.checked); });
      label.appendChild(cb);
      label.appendChild(document.createTextNode(" " + vl.description.replace(/ \(.*\)$/, "")));
      box.appendChild(label);
    });
  }).catch(function (e) { state.errors.push(String(e)); });

  function toggle(layer, on) {
    map.getStyle().layers.forEach(function (l) {
      if (l["source-layer"] === layer) map.setLayoutProperty(l.id, "visibility", on ? "visible" : "none");
    });
  }

  map.on("click", function (e) {
    var feats = map.queryRenderedFeatures(e.point);
    if (!feats.length) return;
    var f = feats[0];
    var table = document.createElement("table");
    table.className = "attrs";
    var cap = table.createCaption();
    cap.textContent = (f.properties.name || f.properties.number || f.properties.text || "") + " · " + f.sourceLayer;
    Object.keys(f.properties).sort().forEach(function (k) {
      var tr = table.insertRow();
      var th = document.createElement("th");
      th.textContent = (fieldLabels[f.sourceLayer] || {})[k] || k;
      tr.appendChild(th);
      tr.insertCell().textContent = String(f.properties[k]);
    });
    new maplibregl.Popup({ maxWidth: "360px" }).setLngLat(e.lngLat).setDOMContent(table).addTo(map);
  });

  map.on("error", function (e) { state.errors.push(e.error ? String(e.error.message || e.error) : "error"); });

  map.on("idle", function () {
    var counts = {};
    map.queryRenderedFeatures().forEach(function (f) {
      counts[f.sourceLayer] = (counts[f.sourceLayer] || 0) + 1;
    });
    state.counts = counts;
    state.loaded = true;
    status.textContent = JSON.stringify({ loaded: true, counts: counts, errors: state.errors, tileset: tileset });
    document.body.setAttribute("data-loaded", "true");
  });
})();
