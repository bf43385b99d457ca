(function () {
  var data = JSON.parse(document.getElementById('donnees').textContent);
  propiceCarte({
    legend: data.legend, bands: data.bands,
    results: function (m) { return Promise.resolve(data.results[m]); },
    detail: function (m, code) { return Promise.resolve(data.results[m][code]); }
  });
})();

