(function () {
  var data = JSON.parse(document.getElementById('donnees').textContent);
  propiceCarte({
    legend: data.legend, bands: data.bands,
    results: function (m) { return Promise.resolve(data.results[m]); },
    detail: function (m, code) { return Promise.resolve(data.results[m][code]); },
    indicators: function (m) {
      var any = data.results[m][Object.keys(data.results[m])[0]];
      return Promise.resolve(any.indicateurs.map(function (i) { return { id: i.id, libelle: i.libelle, poids: i.poids }; }));
    }
  });
})();

