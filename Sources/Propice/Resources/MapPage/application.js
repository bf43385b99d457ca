function propiceCarte(source) {
  'use strict';
  var models = source.legend.modeles, current = 0, results = {}, live = null;
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
  function sheet(code) { return '<a href="territoires/' + encodeURIComponent(code) + '.html">fiche du territoire</a>'; }
  function popup(code, r) {
    var html = '<div class="popup"><h3>' + esc(names[code].nom_epci) + '</h3><p>SIREN ' + esc(code) + (r ? ' — ' + esc(r.programme) : '') + ' · ' + sheet(code) + '</p>';
    if (!r) return html + '<p>Chargement…</p></div>';
    var now = live && results[code];
    if (now) {
      html += '<p><strong>Poids modifiés : ' + (now.statut === 'note' ? 'score ' + fr(now.score, 1) + ' / 100 · classe ' + now.classe + ' « ' + esc(now.classe_libelle) +
        ' » · rang ' + now.rang + ' sur ' + now.sur : esc(now.classe_libelle)) + '</strong>' + (now.rang_publie ? ' (rang publié ' + now.rang_publie + ')' : '') +
        '</p><p>Avec les poids publiés :</p>';
    }
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
  function liveClasses() {
    var m = models[current], counts = { donnees_insuffisantes: 0, hors_criteres: 0 };
    var classes = m.classes.map(function (c) { return { couleur: c.couleur, libelle: c.libelle, effectif: 0, minimum: Infinity, maximum: -Infinity }; });
    Object.keys(results).forEach(function (code) {
      var r = results[code];
      if (r.statut !== 'note') { counts[r.statut] += 1; return; }
      var c = classes[r.classe - 1];
      c.effectif += 1; c.minimum = Math.min(c.minimum, r.score); c.maximum = Math.max(c.maximum, r.score);
    });
    return { classes: classes, donnees_insuffisantes: counts.donnees_insuffisantes, hors_criteres: counts.hors_criteres };
  }
  function drawLegend() {
    var m = models[current], now = live ? liveClasses() : null;
    var html = '<h2>' + esc(m.programme) + (live ? ' — poids modifiés' : '') + '</h2><ul>';
    (now ? now.classes : m.classes).forEach(function (c) {
      html += '<li><span class="pastille" style="background:' + c.couleur + '"></span>' + esc(c.libelle) +
        (c.effectif ? ' (' + fr(c.minimum, 1) + '–' + fr(c.maximum, 1) + ', ' + c.effectif + ')' : ' (0)') + '</li>';
    });
    html += '<li><span class="pastille hachures"></span>' + esc(m.donnees_insuffisantes.libelle) + ' (' + (now ? now.donnees_insuffisantes : m.donnees_insuffisantes.effectif) + ')</li>';
    html += '<li><span class="pastille" style="background:' + m.hors_criteres.couleur + '"></span>' + esc(m.hors_criteres.libelle) + ' (' + (now ? now.hors_criteres : m.hors_criteres.effectif) + ')</li>';
    legendControl.div.innerHTML = html + '</ul>';
  }

  function drawTable() {
    var m = models[current], rows = Object.keys(results).map(function (code) { return [code, results[code]]; });
    rows.sort(function (a, b) { return (a[1].rang || 1e9) - (b[1].rang || 1e9) || (names[a[0]] || {}).nom_epci.localeCompare((names[b[0]] || {}).nom_epci, 'fr'); });
    document.getElementById('tableau-titre').textContent = 'Scores des EPCI — ' + m.programme + ' (' + m.titre + ')' + (live ? ' — poids modifiés' : '');
    var body = document.querySelector('#tableau tbody');
    body.innerHTML = rows.map(function (row) {
      var code = row[0], r = row[1], s = r.sensibilite;
      var explanation = live ? (r.rang_publie ? 'rang publié ' + r.rang_publie + (r.evolution_rang ? ' (' + (r.evolution_rang > 0 ? '+' : '') + r.evolution_rang + ')' : ' (inchangé)') : '') +
        (r.motif ? esc(r.motif) : '') : esc(r.explication);
      return '<tr data-code="' + code + '" data-classe="' + (r.classe || '') + '"><td class="nombre">' + (r.rang || '—') + '</td><td><button type="button" data-code="' + code + '">' + esc(names[code].nom_epci) +
        '</button> · ' + sheet(code) + '</td><td>' + code + '</td><td class="nombre">' + (r.score === null || r.score === undefined ? '—' : fr(r.score, 1)) + '</td><td>' + esc(r.classe_libelle) +
        '</td><td class="nombre">' + fr(100 * r.part_synthetique, 0) + ' %</td><td class="nombre">' + (s ? s.rang_median + ' [' + s.rang_p05 + '–' + s.rang_p95 + ']' : live ? 'non recalculé' : '—') + '</td><td>' + explanation + '</td></tr>';
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
  var address = readAddress(), first = Math.max(0, models.map(function (m) { return m.modele; }).indexOf(address.modele));
  programmes[models[first].programme].addTo(map);
  L.control.layers(programmes, null, { collapsed: false, position: 'topright' }).addTo(map);

  // The weights panel: a slider and a number per indicator, in parts of 100 (the model's weights
  // are relative). Scoring again is propice serve's: the same Swift engine as the build.
  var panel = { box: document.getElementById('poids-indicateurs'), state: document.getElementById('poids-etat'),
    fieldset: document.getElementById('poids-reglages'), reset: document.getElementById('poids-publies'), note: document.getElementById('vivant') };
  var indicators = [], published = [], weights = null, request = 0, timer = null;
  function hundredth(x) { return Math.round(x * 100) / 100; }
  function readAddress() {
    var found = { modele: null, poids: {} };
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var kv = pair.split('='), name = decodeURIComponent(kv[0] || ''), value = decodeURIComponent(kv[1] || '');
      if (name === 'modele') found.modele = value;
      else if (name.indexOf('poids.') === 0 && value !== '' && isFinite(Number(value))) found.poids[name.slice(6)] = Number(value);
    });
    return found;
  }
  function writeAddress() {
    var parts = ['modele=' + encodeURIComponent(models[current].modele)];
    if (weights) indicators.forEach(function (ind, k) { parts.push('poids.' + encodeURIComponent(ind.id) + '=' + weights[k]); });
    history.replaceState(null, '', '#' + parts.join('&'));
  }
  function drawPanel() {
    var shown = weights || published;
    panel.box.innerHTML = indicators.map(function (ind, k) {
      return '<div class="indicateur"><label for="poids-' + k + '">' + esc(ind.libelle) + '</label><div class="reglage">' +
        '<input type="range" id="poids-' + k + '" data-k="' + k + '" min="0" max="100" step="0.5" value="' + shown[k] + '">' +
        '<input type="number" id="poids-n-' + k + '" data-k="' + k + '" min="0" max="100" step="any" value="' + hundredth(shown[k]) +
        '" aria-label="' + esc(ind.libelle) + ' : poids en nombre"></div></div>';
    }).join('');
  }
  function samePublished(w) { return w.every(function (x, k) { return Math.abs(x - hundredth(published[k])) < 1e-9; }); }
  function setWeight(k, value, from) {
    if (!(value >= 0 && value <= 100)) { panel.state.textContent = 'Un poids va de 0 à 100.'; return; }
    weights = (weights || published.map(hundredth)).slice();
    weights[k] = hundredth(value);
    if (from !== 'range') document.getElementById('poids-' + k).value = weights[k];
    if (from !== 'number') document.getElementById('poids-n-' + k).value = weights[k];
    if (samePublished(weights)) weights = null;
    writeAddress();
    clearTimeout(timer);
    timer = setTimeout(function () { applyWeights().catch(failed); }, 60);
  }
  panel.box.addEventListener('input', function (event) {
    var k = Number(event.target.getAttribute('data-k'));
    if (event.target.value !== '') setWeight(k, Number(event.target.value), event.target.type);
  });
  panel.reset.addEventListener('click', function () { weights = null; writeAddress(); drawPanel(); applyWeights().catch(failed); });
  function applyWeights() {
    var m = current, mine = ++request;
    if (!weights) {
      return source.results(m).then(function (r) {
        if (mine !== request) return;
        live = null; results = r; redraw();
        panel.state.textContent = source.rescore ? 'Poids publiés.' : panel.state.textContent;
      });
    }
    panel.state.textContent = 'Calcul…';
    return source.rescore(m, indicators.map(function (ind) { return ind.id; }), weights).then(function (answer) {
      if (mine !== request || m !== current) return;
      var r = {};
      answer.epci.forEach(function (e) {
        r[e.code_epci] = { statut: e.statut, classe: e.classe, classe_libelle: e.classe_libelle, score: e.score, rang: e.rang, sur: answer.notes,
          part_synthetique: e.part_synthetique, rang_publie: e.rang_publie, evolution_rang: e.evolution_rang, motif: e.motif, sensibilite: null, explication: '' };
      });
      live = answer; results = r; redraw();
      panel.state.textContent = 'Poids modifiés : ' + answer.notes + ' EPCI notés de nouveau par propice serve.';
    });
  }
  function redraw() {
    bands.forEach(function (b) { b.epci.setStyle(style); });
    drawLegend(); drawTable();
    panel.note.hidden = !live;
    if (live) panel.note.textContent = 'Vue calculée avec des poids modifiés, non publiés. Sensibilité ' + live.sensibilite + '.' +
      (live.avertissement ? ' Attention : ' + live.avertissement : '');
  }
  function select(m, wanted) {
    current = m;
    return source.indicators(m).then(function (list) {
      indicators = list;
      var total = list.reduce(function (sum, ind) { return sum + ind.poids; }, 0);
      published = list.map(function (ind) { return 100 * ind.poids / total; });
      weights = null;
      if (wanted && source.rescore) {
        var w = list.map(function (ind, k) { return ind.id in wanted ? Math.min(100, Math.max(0, hundredth(wanted[ind.id]))) : hundredth(published[k]); });
        if (!samePublished(w)) weights = w;
      }
      drawPanel();
      panel.fieldset.disabled = !source.rescore;
      panel.reset.disabled = !source.rescore;
      if (!source.rescore) panel.state.textContent = 'Les poids ne se modifient que sur la carte servie par propice serve (propice serve --output DOSSIER) : ' +
        'le calcul reste celui du build, en Swift. Ici, les poids publiés, en parts de 100.';
      writeAddress();
      return applyWeights();
    });
  }
  map.on('baselayerchange', function (event) { select(event.layer.index, null).catch(failed); });
  map.on('zoomend', showBand);

  showBand();
  document.getElementById('noms-epci').innerHTML = Object.keys(names).sort().map(function (code) {
    return '<option value="' + esc(names[code].nom_epci) + '">';
  }).join('');
  return select(first, address.poids);
}
