/// The HTML, CSS and JavaScript of the interactive map: `index.html` with its data embedded
/// (see `MapPage`), and the page `propice serve` gives, which reads the same data from its API.
/// Both run one script, `application`, on a source of data.
public enum MapPageTemplate {
    /// The page that `propice serve` gives at `/`: it fetches the layers, the legend and the
    /// metadata from the API beside it, each EPCI's explanation when its popup opens, and the
    /// search's matches. `title` and `notice` are plain text.
    public static func servedPage(title: String, notice: String?) -> String {
        head(title: MapPage.escapeHTML(title), notice: notice.map(MapPage.escapeHTML))
            + "<script>\n" + application + servedSource + "</script>\n" + closing
    }

    /// The page up to Leaflet's script, `title` and `notice` escaped already.
    static func head(title: String, notice: String?) -> String {
        let banner = notice.map { #"<p class="avertissement" id="avertissement" role="note"><strong>Attention :</strong> \#($0)</p>"# } ?? ""
        return #"""
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="propice">
        <link rel="icon" href="data:,">
        <title>\#(title)</title>
        <link rel="stylesheet" href="leaflet/leaflet.css">
        <style>
        body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; }
        header, main { padding: 0 1rem; }
        h1 { font-size: 1.3rem; margin: .6rem 0; }
        .avertissement { background: #fff3cd; border: 2px solid #b7791f; padding: .5rem .8rem; margin: .5rem 0; }
        form[role=search] { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: .5rem 0; }
        #carte { height: 70vh; min-height: 420px; background: #f4f4f0; border: 1px solid #999; }
        #annonce { min-height: 1.4em; margin: .3rem 0; }
        #annonce button { margin: 0 .3rem .3rem 0; }
        .legende { background: #fff; padding: .5rem .7rem; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); font-size: .85rem; max-width: 16rem; }
        .legende h2 { font-size: .9rem; margin: 0 0 .3rem; }
        .legende ul { list-style: none; margin: 0; padding: 0; }
        .legende li { display: flex; align-items: center; gap: .4rem; margin: .15rem 0; }
        .pastille { display: inline-block; width: 1.2rem; height: .9rem; border: 1px solid #555; flex: none; }
        .hachures { background: repeating-linear-gradient(45deg, #969696 0 2px, #fff 2px 5px); }
        .popup h3 { margin: 0 0 .2rem; font-size: 1rem; }
        .popup table { border-collapse: collapse; font-size: .8rem; margin-top: .4rem; }
        .popup td, .popup th { border-bottom: 1px solid #ddd; padding: .1rem .3rem; text-align: left; }
        table.scores { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 2rem; }
        table.scores caption { text-align: left; font-weight: bold; padding: .4rem 0; }
        table.scores th, table.scores td { border-bottom: 1px solid #ccc; padding: .25rem .4rem; text-align: left; vertical-align: top; }
        table.scores td.nombre { text-align: right; white-space: nowrap; }
        table.scores button { background: none; border: none; color: #0645ad; text-decoration: underline; cursor: pointer; padding: 0; font: inherit; text-align: left; }
        button:focus, input:focus, select:focus { outline: 3px solid #b7791f; outline-offset: 1px; }
        </style>
        </head>
        <body>
        <header>
        <h1>\#(title)</h1>
        \#(banner)
        <form role="search" id="recherche-form">
        <label for="recherche">Rechercher un EPCI (nom ou SIREN)</label>
        <input id="recherche" name="recherche" type="search" autocomplete="off" list="noms-epci">
        <datalist id="noms-epci"></datalist>
        <button type="submit">Rechercher</button>
        </form>
        <div id="annonce" role="status" aria-live="polite"></div>
        </header>
        <main>
        <div id="carte" role="region" aria-label="Carte des EPCI ; le tableau qui suit en donne les mêmes informations"></div>
        <table class="scores" id="tableau"><caption id="tableau-titre"></caption>
        <thead><tr><th scope="col">Rang</th><th scope="col">EPCI</th><th scope="col">SIREN</th><th scope="col">Score</th><th scope="col">Classe</th><th scope="col">Part synthétique</th><th scope="col">Rang médian [5–95 %]</th><th scope="col">Explication</th></tr></thead>
        <tbody></tbody></table>
        </main>
        <script src="leaflet/leaflet.js"></script>

        """#
    }

    /// Opens the element `index.html` embeds its data in.
    static let embeddedOpening = #"<script id="donnees" type="application/json">"# + "\n"

    /// After the embedded data: the application on it, and the end of the page.
    static let embeddedTail = "\n</script>\n<script>\n" + application + embeddedSource + "</script>\n" + closing

    static let closing = "</body>\n</html>\n"

    /// `propiceCarte(source)`: the map, the legend, the table and the search over a source of
    /// data: `legend`, `bands` (each band's `name`, `zoom`, `epci` and `departements` GeoJSON),
    /// `results(m)` (a promise of model m's result by SIREN: statut, classe, classe_libelle,
    /// score, rang, sur, explication, sensibilite), `detail(m, code)` (a promise of the full
    /// result, with its indicators) and, optionally, `search(text)` (a promise of SIREN).
    static let application = #"""
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

    """#

    /// The source of `index.html`: the data embedded in the page.
    static let embeddedSource = #"""
    (function () {
      var data = JSON.parse(document.getElementById('donnees').textContent);
      propiceCarte({
        legend: data.legend, bands: data.bands,
        results: function (m) { return Promise.resolve(data.results[m]); },
        detail: function (m, code) { return Promise.resolve(data.results[m][code]); }
      });
    })();

    """#

    /// The source of the served page: the API of `propice serve`, by paths relative to the
    /// page, so that it also works behind a proxy that adds a prefix.
    static let servedSource = #"""
    (function () {
      var cache = {};
      function get(url) {
        cache[url] = cache[url] || fetch(url).then(function (response) {
          if (!response.ok) throw new Error(url + ' : ' + response.status);
          return response.json();
        });
        return cache[url];
      }
      function layer(id, band) { return get('api/v1/couches/' + encodeURIComponent(id) + '.geojson?bande=' + encodeURIComponent(band)); }
      function fail(error) { document.getElementById('annonce').textContent = 'Échec du chargement : ' + error.message; }
      Promise.all([get('api/v1/metadata'), get('api/v1/legende')]).then(function (both) {
        var bands = both[0].bandes, legend = both[1], ids = legend.modeles.map(function (m) { return m.modele; });
        var coarsest = bands[bands.length - 1].nom;
        return Promise.all(bands.map(function (b) { return Promise.all([layer(ids[0], b.nom), layer('departements', b.nom)]); })).then(function (layers) {
          return propiceCarte({
            legend: legend,
            bands: bands.map(function (b, i) { return { name: b.nom, zoom: b.zoom, epci: layers[i][0], departements: layers[i][1] }; }),
            results: function (m) {
              return layer(ids[m], coarsest).then(function (collection) {
                var results = {};
                collection.features.forEach(function (f) {
                  var p = f.properties;
                  results[f.id] = { statut: p.statut, classe: p.classe, classe_libelle: p.classe_libelle, score: p.score, rang: p.rang, sur: p.sur,
                    part_synthetique: p.part_synthetique, explication: p.explication, sensibilite: p.rang_median === null || p.rang_median === undefined ? null :
                      { rang_median: p.rang_median, rang_p05: p.rang_p05, rang_p95: p.rang_p95, proba_classe_1: p.proba_classe_1 } };
                });
                return results;
              });
            },
            detail: function (m, code) {
              return get('api/v1/territoires/' + encodeURIComponent(code)).then(function (record) {
                return record.resultats.filter(function (r) { return r.modele === ids[m]; })[0];
              });
            },
            search: function (text) {
              return get('api/v1/territoires?q=' + encodeURIComponent(text)).then(function (found) {
                return found.epci.map(function (e) { return e.code_epci; });
              });
            }
          });
        });
      }).catch(fail);
    })();

    """#
}
