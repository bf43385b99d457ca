(function () {
  var cache = {};
  function get(url) {
    cache[url] = cache[url] || fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ' : ' + response.status);
      return response.json();
    });
    return cache[url];
  }
  function layer(id, band) { return get(propiceRoutes.couches + '/' + encodeURIComponent(id) + '.geojson?bande=' + encodeURIComponent(band)); }
  function fail(error) { document.getElementById('annonce').textContent = 'Échec du chargement : ' + error.message; }
  Promise.all([get(propiceRoutes.metadata), get(propiceRoutes.legende)]).then(function (both) {
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
          return get(propiceRoutes.territoires + '/' + encodeURIComponent(code)).then(function (record) {
            return record.resultats.filter(function (r) { return r.modele === ids[m]; })[0];
          });
        },
        indicators: function (m) {
          return get(propiceRoutes.scores + '/' + encodeURIComponent(ids[m])).then(function (answer) {
            return answer.indicateurs.map(function (i) { return { id: i.id, libelle: i.libelle, poids: i.poids_modele }; });
          });
        },
        rescore: function (m, indicators, weights) {
          var query = indicators.map(function (id, k) { return 'poids.' + encodeURIComponent(id) + '=' + weights[k]; }).join('&');
          return fetch(propiceRoutes.scores + '/' + encodeURIComponent(ids[m]) + '?' + query).then(function (response) {
            return response.json().then(function (body) {
              if (!response.ok) throw new Error(body.erreur || String(response.status));
              return body;
            });
          });
        },
        search: function (text) {
          return get(propiceRoutes.territoires + '?q=' + encodeURIComponent(text)).then(function (found) {
            return found.epci.map(function (e) { return e.code_epci; });
          });
        }
      });
    });
  }).catch(fail);
})();

