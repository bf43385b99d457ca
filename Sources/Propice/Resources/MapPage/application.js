function propiceCarte(source) {
  'use strict';
  var models = source.legend.modeles, current = 0, results = {};
  var names = {};
  function fr(x, d) { return x.toLocaleString('fr-FR', { minimumFractionDigits: d, maximumFractionDigits: d }); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function key(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[''’\-(),.]/g, ' ')
      .replace(/\b(communaute (de communes|d agglomeration|urbaine)|metropole|cc|ca|cu|du|de|des|la|le|les|l|d)\b/g, ' ')
      .replace(/\s+/g, ' ').trim();
  }

  var map = L.map('carte', { zoomSnap: 0.5 });
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution('propice');
  map.fitBounds(L.geoJSON(source.bands[source.bands.length - 1].epci).getBounds());
  var renderer = L.svg({ padding: 0.5 }).addTo(map);
  var svg = renderer._container;
  var defs = document.createElementNS('http://www.w3.org/2000/svg', 'defs');
  defs.innerHTML = '<pattern id="hachures" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
    '<rect width="6" height="6" fill="#ffffff"/><rect width="2.5" height="6" fill="' + models[0].donnees_insuffisantes.couleur + '"/></pattern>';
  svg.insertBefore(defs, svg.firstChild);

  function style(feature) {
    var r = results[feature.id], m = models[current], fill = '#ffffff';
    if (r && r.statut === 'note') fill = m.classes[r.classe - 1].couleur;
    else if (r && r.statut === 'donnees_insuffisantes') fill = 'url(#hachures)';
    else if (r) fill = m.hors_criteres.couleur;
    return { renderer: renderer, className: 'epci epci-' + feature.id, fillColor: fill, fillOpacity: 0.9, color: '#4d4d4d', weight: 0.7 };
  }
  function popup(code, r) {
    var html = '<div class="popup"><h3>' + esc(names[code].nom_epci) + '</h3><p>SIREN ' + esc(code) + (r ? ' — ' + esc(r.programme) : '') + '</p>';
    if (!r) return html + '<p>Chargement…</p></div>';
    if (r.statut === 'note') {
      html += '<p><strong>Score ' + fr(r.score, 1) + ' / 100</strong> · classe ' + r.classe + ' « ' + esc(r.classe_libelle) + ' » · rang ' + r.rang + ' sur ' + r.sur +
        ' · part synthétique ' + fr(100 * r.part_synthetique, 0) + ' %';
      if (r.sensibilite) html += '<br>rang médian ' + r.sensibilite.rang_median + ' [' + r.sensibilite.rang_p05 + '–' + r.sensibilite.rang_p95 + '] · classe 1 dans ' + fr(100 * r.sensibilite.proba_classe_1, 0) + ' % des tirages';
      html += '</p>';
    } else {
      html += '<p><strong>' + esc(r.classe_libelle) + '</strong></p>';
    }
    html += '<p class="explication">' + esc(r.explication) + '</p><table><tr><th>Indicateur</th><th>Valeur</th><th>Points</th></tr>';
    r.indicateurs.forEach(function (i) {
      var flags = (i.synthetique ? ' (synthétique)' : '') + (i.estime ? ' (estimé)' : '');
      html += '<tr><td>' + esc(i.libelle) + flags + '</td><td>' + (i.valeur === null || i.valeur === undefined ? 'absent' : fr(i.valeur, i.decimales) + ' ' + esc(i.unite)) +
        '</td><td>' + (i.points === null || i.points === undefined ? '—' : fr(i.points, 1)) + '</td></tr>';
    });
    return html + '</table></div>';
  }
  function failed(error) { document.getElementById('annonce').textContent = 'Échec du chargement : ' + error.message; }

  var bands = source.bands.map(function (band) {
    var byCode = {};
    var epci = L.geoJSON(band.epci, {
      style: style,
      onEachFeature: function (feature, layer) {
        names[feature.id] = feature.properties;
        byCode[feature.id] = layer;
        layer.bindPopup(function () { return popup(feature.id, null); }, { maxWidth: 420, maxHeight: 320, autoPanPadding: [20, 20] });
        layer.on('popupopen', function (event) {
          var model = current;
          source.detail(model, feature.id).then(function (r) { if (model === current) event.popup.setContent(popup(feature.id, r)); }, failed);
        });
      }
    });
    var outlines = L.geoJSON(band.departements, { style: { renderer: renderer, className: 'departement', fill: false, color: '#111', weight: 1.6 }, interactive: false });
    return { band: band, epci: epci, outlines: outlines, byCode: byCode };
  });
  var shown = null;
  function bandFor(zoom) {
    var best = bands[0], distance = Infinity;
    bands.forEach(function (b) {
      var d = zoom < b.band.zoom[0] ? b.band.zoom[0] - zoom : zoom > b.band.zoom[1] ? zoom - b.band.zoom[1] : 0;
      if (d < distance) { distance = d; best = b; }
    });
    return best;
  }
  function showBand() {
    var next = bandFor(map.getZoom());
    if (next === shown) return;
    if (shown) { map.removeLayer(shown.epci); map.removeLayer(shown.outlines); }
    next.epci.addTo(map); next.outlines.addTo(map);
    shown = next;
  }

  var legendControl = L.control({ position: 'bottomright' });
  legendControl.onAdd = function () { this.div = L.DomUtil.create('div', 'legende'); return this.div; };
  legendControl.addTo(map);
  function drawLegend() {
    var m = models[current];
    var html = '<h2>' + esc(m.programme) + '</h2><ul>';
    m.classes.forEach(function (c) {
      html += '<li><span class="pastille" style="background:' + c.couleur + '"></span>' + esc(c.libelle) +
        (c.effectif ? ' (' + fr(c.minimum, 1) + '–' + fr(c.maximum, 1) + ', ' + c.effectif + ')' : ' (0)') + '</li>';
    });
    html += '<li><span class="pastille hachures"></span>' + esc(m.donnees_insuffisantes.libelle) + ' (' + m.donnees_insuffisantes.effectif + ')</li>';
    html += '<li><span class="pastille" style="background:' + m.hors_criteres.couleur + '"></span>' + esc(m.hors_criteres.libelle) + ' (' + m.hors_criteres.effectif + ')</li>';
    legendControl.div.innerHTML = html + '</ul>';
  }

  function drawTable() {
    var m = models[current], rows = Object.keys(results).map(function (code) { return [code, results[code]]; });
    rows.sort(function (a, b) { return (a[1].rang || 1e9) - (b[1].rang || 1e9) || (names[a[0]] || {}).nom_epci.localeCompare((names[b[0]] || {}).nom_epci, 'fr'); });
    document.getElementById('tableau-titre').textContent = 'Scores des EPCI — ' + m.programme + ' (' + m.titre + ')';
    var body = document.querySelector('#tableau tbody');
    body.innerHTML = rows.map(function (row) {
      var code = row[0], r = row[1], s = r.sensibilite;
      return '<tr><td class="nombre">' + (r.rang || '—') + '</td><td><button type="button" data-code="' + code + '">' + esc(names[code].nom_epci) +
        '</button></td><td>' + code + '</td><td class="nombre">' + (r.score === null || r.score === undefined ? '—' : fr(r.score, 1)) + '</td><td>' + esc(r.classe_libelle) +
        '</td><td class="nombre">' + fr(100 * r.part_synthetique, 0) + ' %</td><td class="nombre">' + (s ? s.rang_median + ' [' + s.rang_p05 + '–' + s.rang_p95 + ']' : '—') + '</td><td>' + esc(r.explication) + '</td></tr>';
    }).join('');
  }
  document.querySelector('#tableau tbody').addEventListener('click', function (event) {
    var code = event.target.getAttribute && event.target.getAttribute('data-code');
    if (code) { show(code); document.getElementById('carte').scrollIntoView(); }
  });

  function show(code) {
    var layer = shown.byCode[code];
    if (!layer) return;
    map.fitBounds(layer.getBounds(), { maxZoom: Math.max(map.getZoom(), 9), animate: false });
    layer = shown.byCode[code];
    layer.openPopup();
    document.getElementById('annonce').textContent = names[code].nom_epci + ' (' + code + ') : ' + results[code].classe_libelle;
  }
  function localSearch(text) {
    var wanted = key(text), digits = text.replace(/\s/g, '');
    var found = Object.keys(names).filter(function (code) {
      var k = key(names[code].nom_epci);
      return code === digits || (wanted && (k === wanted || k.indexOf(wanted) >= 0));
    });
    var exact = found.filter(function (code) { return code === digits || key(names[code].nom_epci) === wanted; });
    return Promise.resolve(exact.length === 1 ? exact : found);
  }
  document.getElementById('recherche-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = document.getElementById('recherche').value, status = document.getElementById('annonce');
    (source.search || localSearch)(text).then(function (found) {
      if (found.length === 1) { show(found[0]); return; }
      if (!found.length) { status.textContent = 'Aucun EPCI ne correspond à « ' + text + ' ».'; return; }
      status.innerHTML = 'Plusieurs EPCI correspondent : ' + found.slice(0, 12).map(function (code) {
        return '<button type="button" data-code="' + code + '">' + esc(names[code].nom_epci) + '</button>';
      }).join('');
    }, failed);
  });
  document.getElementById('annonce').addEventListener('click', function (event) {
    var code = event.target.getAttribute && event.target.getAttribute('data-code');
    if (code) show(code);
  });

  var programmes = {};
  models.forEach(function (m, i) { var group = L.layerGroup(); group.index = i; programmes[m.programme] = group; });
  programmes[models[0].programme].addTo(map);
  L.control.layers(programmes, null, { collapsed: false, position: 'topright' }).addTo(map);
  function select(m) {
    return source.results(m).then(function (r) {
      current = m; results = r;
      bands.forEach(function (b) { b.epci.setStyle(style); });
      drawLegend(); drawTable();
    });
  }
  map.on('baselayerchange', function (event) { select(event.layer.index).catch(failed); });
  map.on('zoomend', showBand);

  showBand();
  document.getElementById('noms-epci').innerHTML = Object.keys(names).sort().map(function (code) {
    return '<option value="' + esc(names[code].nom_epci) + '">';
  }).join('');
  return select(0);
}

