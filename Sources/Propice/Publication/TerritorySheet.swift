import Foundation
import PropiceGeometry

/// The sheet of one EPCI, `territoires/<SIREN>.html`: one A4 page in French that a planner or
/// an élu reads, prints and brings to a council. Its name, nature, départements, population
/// and a small map among its neighbours; per programme its score, class, rank with its
/// Monte Carlo interval, the explanation, a bar chart of the contributions and every figure
/// beside the medians of its département and of the EPCI studied; its part of each regional
/// target; the sources with their vintages and the models' checksums. Written from what the
/// build publishes (records, metadata, borders), so that `propice query --html` writes the
/// same page from a built folder.
struct TerritorySheet: Sendable {
    let metadata: BuildMetadata
    let statistics: SheetStatistics
    let map: SheetMap
    /// The sources and models, the same on every sheet.
    private let footer: String

    init(records: [TerritoryRecord], metadata: BuildMetadata, shapes: [SheetMap.Shape]) {
        self.metadata = metadata
        statistics = SheetStatistics(records: records)
        map = SheetMap(shapes: shapes)
        footer = Self.sources(metadata)
    }

    /// The interactive map from a sheet of the build's `territoires/`.
    static let mapPage = "../index.html"

    /// The outlines of the EPCI in the coarsest band, named.
    static func shapes(_ geometry: MapGeometry, published: [PublishedEPCI]) -> [SheetMap.Shape] {
        let names = Dictionary(published.map { ($0.epci.code, $0.epci.name) }, uniquingKeysWith: { first, _ in first })
        guard let band = geometry.bands.last else { return [] }
        return band.epci.compactMap { shape in
            band.geometry(of: shape).map { SheetMap.Shape(code: shape.code.value, name: names[shape.code] ?? shape.code.value, geometry: $0) }
        }
    }

    /// The page of one EPCI. `mapPage` is the path of the interactive map from the sheet, nil
    /// when the build has none.
    func html(_ record: TerritoryRecord, mapPage: String?) -> String {
        let e = MapPage.escapeHTML
        var page = "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"propice\">\n"
            + "<link rel=\"icon\" href=\"data:,\">\n<title>\(e(record.name)) — fiche propice</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n"
        page += "<header>\n<div class=\"identite\">\n<h1>\(e(record.name))</h1>\n<p class=\"qui\">\(e(Self.natureName(record.nature))) · SIREN \(record.code) · "
            + (record.departements.count > 1 ? "départements " : "département ") + record.departements.map(\.value).joined(separator: ", ")
            + (record.population.map { " · \(FrenchNumber.format($0, decimals: 0))\u{A0}habitants" } ?? "") + "</p>\n"
        page += "<p class=\"build\">\(e(metadata.mapTitle)) · propice \(e(metadata.software.version))"
            + (mapPage.map { " · <a href=\"\(e($0))\">carte interactive</a>" } ?? "") + "</p>\n"
        if let notice = metadata.notice { page += "<p class=\"avertissement\" role=\"note\"><strong>Attention :</strong> \(e(notice))</p>\n" }
        page += "</div>\n" + (map.svg(code: record.code) ?? "") + "\n</header>\n<main>\n"
        for result in record.results { page += programme(result, record: record) }
        page += targets(record)
        page += "</main>\n<footer>\n" + footer + "</footer>\n</body>\n</html>\n"
        return page
    }

    /// One programme's block: the result, the sentence, the bar chart and the figures.
    private func programme(_ r: ModelResult, record: TerritoryRecord) -> String {
        let e = MapPage.escapeHTML
        var html = "<section class=\"programme\" id=\"modele-\(e(r.model))\">\n<h2>\(e(r.programme))</h2>\n<p class=\"resultat\">"
        if let score = r.score, let classe = r.classe, let rank = r.rank {
            html += "<strong>Score \(FrenchNumber.format(score, decimals: 1))\u{A0}/\u{A0}100</strong> · classe \(classe) « \(e(r.classLabel)) » · rang \(rank) sur \(r.scored)"
            if let s = r.sensitivity {
                html += " · rang médian \(s.medianRank) [\(s.rankLow)–\(s.rankHigh)] sur \(s.draws) tirages · classe\u{A0}1 dans \(FrenchNumber.percent(s.topClassProbability)) des tirages"
            }
        } else {
            html += "<strong>\(e(r.classLabel))</strong>"
        }
        html += " · complétude \(FrenchNumber.percent(r.completeness))"
        if r.syntheticShare > 0 { html += " · part synthétique \(FrenchNumber.percent(r.syntheticShare))" }
        html += "</p>\n<p class=\"explication\">\(e(r.sentence))</p>\n<div class=\"detail\">\n" + bars(r) + figures(r, record: record) + "</div>\n</section>\n"
        return html
    }

    /// The contributions in points as horizontal bars, one per indicator, in the model's order.
    private func bars(_ r: ModelResult) -> String {
        let rows = r.indicators, height = 13.0, width = 150.0
        let most = max(rows.compactMap(\.points).max() ?? 0, 1)
        var svg = #"<svg class="barres" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(Int(width) + 40) \#(Int(height * Double(rows.count) + 14))" "#
            + #"role="img" aria-label="Contribution de chaque indicateur au score, en points">"#
        for (k, c) in rows.enumerated() {
            let y = Double(k) * height + 2
            if let points = c.points {
                let w = max(points / most * width, 0.5)
                svg += ##"<rect x="0" y="\##(y)" width="\##(SheetMap.tenths(w))" height="\##(height - 4)" fill="#2c7fb8"><title>\##(MapPage.escapeHTML(c.label)) : \##(FrenchNumber.format(points, decimals: 1)) points</title></rect>"##
                svg += #"<text x="\#(SheetMap.tenths(w + 3))" y="\#(y + height - 5)" font-size="9">\#(FrenchNumber.format(points, decimals: 1))</text>"#
            } else {
                svg += ##"<text x="0" y="\##(y + height - 5)" font-size="9" fill="#666">—</text>"##
            }
        }
        let bottom = height * Double(rows.count) + 12
        svg += ##"<text x="0" y="\##(bottom)" font-size="8" fill="#444">points au score</text>"##
        return svg + "</svg>\n"
    }

    /// Each indicator's figure beside the medians and its percentile, with its marks.
    private func figures(_ r: ModelResult, record: TerritoryRecord) -> String {
        let e = MapPage.escapeHTML
        let departement = record.departements.count == 1 ? "dép. \(record.departements[0].value)" : "dép. " + record.departements.map(\.value).joined(separator: ", ")
        var html = "<table class=\"indicateurs\">\n<thead><tr><th scope=\"col\">Indicateur</th><th scope=\"col\">Valeur</th>"
            + "<th scope=\"col\">Médiane \(e(departement))</th><th scope=\"col\">Médiane des EPCI étudiés</th>"
            + "<th scope=\"col\">Percentile</th><th scope=\"col\">Complétude</th><th scope=\"col\">Points</th></tr></thead>\n<tbody>\n"
        for c in r.indicators {
            func figure(_ x: Double?) -> String { x.map { FrenchNumber.format($0, decimals: c.decimals) } ?? "—" }
            var marks: [String] = []
            if c.synthetic { marks.append("<span class=\"marque synthetique\" title=\"donnée synthétique, inventée\">synthétique</span>") }
            if c.estimated { marks.append("<span class=\"marque\" title=\"estimé à partir des figures départementales\">estimé</span>") }
            // Bounds that differ from the figure at its decimals: part of it was withheld.
            if let low = c.lower, let high = c.upper, c.value != nil, figure(low) != figure(high) {
                marks.append("<span class=\"marque\" title=\"valeur secrétisée en partie\">entre \(figure(low)) et \(figure(high))</span>")
            }
            let percentile = statistics.percentile(model: r.model, indicator: c.id, code: record.code)
            html += "<tr><th scope=\"row\">\(e(c.label)) <span class=\"unite\">(\(e(c.unit)))</span>\(marks.isEmpty ? "" : " " + marks.joined(separator: " "))</th>"
                + "<td class=\"nombre\">\(c.value == nil ? "absent" : figure(c.value))</td>"
                + "<td class=\"nombre\">\(figure(statistics.median(model: r.model, indicator: c.id, departements: record.departements)))</td>"
                + "<td class=\"nombre\">\(figure(statistics.median(model: r.model, indicator: c.id)))</td>"
                + "<td class=\"nombre\">\(percentile.map { FrenchNumber.format($0, decimals: 0) } ?? "—")</td>"
                + "<td class=\"nombre\">\(FrenchNumber.percent(c.completeness))</td>"
                + "<td class=\"nombre\">\(c.points.map { FrenchNumber.format($0, decimals: 1) } ?? "—")</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// The EPCI's part of each regional target, year by year, with what was realised.
    private func targets(_ record: TerritoryRecord) -> String {
        guard !record.targets.isEmpty else { return "" }
        let e = MapPage.escapeHTML
        let years = Array(Set(record.targets.flatMap(\.milestones.keys))).sorted()
        var html = "<section class=\"objectifs\">\n<h2>Part des objectifs régionaux</h2>\n<table>\n<thead><tr><th scope=\"col\">Objectif</th>"
            + years.map { "<th scope=\"col\">\($0)</th>" }.joined() + "<th scope=\"col\">Réalisé</th></tr></thead>\n<tbody>\n"
        for t in record.targets {
            let realised = (t.realised ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) : \($0.value)" }.joined(separator: ", ")
            html += "<tr><th scope=\"row\">\(e(t.label)) <span class=\"unite\">(\(e(t.unit)))</span>\(t.reason.map { " — aucune part : " + e($0) } ?? "")</th>"
                + years.map { "<td class=\"nombre\">\(t.milestones[$0].map(String.init) ?? "—")</td>" }.joined()
                + "<td>\(realised.isEmpty ? "—" : e(realised))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    /// The sources with their producers and vintages, and the models' files with their SHA-256.
    private static func sources(_ metadata: BuildMetadata) -> String {
        let e = MapPage.escapeHTML
        let sources = metadata.sources.map { "<span title=\"\(e($0.producer))\">\(e($0.title))</span> (\(e($0.vintage))\($0.synthetic ? ", <strong>synthétique</strong>" : ""))" }
        let models = metadata.models.map { "\(e($0.path)) <code>\($0.checksum.sha256.prefix(16))</code>" }
        return "<p class=\"sources\"><strong>Sources :</strong> " + sources.joined(separator: " ; ") + ".</p>\n"
            + "<p class=\"sources\"><strong>Modèles (SHA-256) :</strong> " + models.joined(separator: " ; ") + ".</p>\n"
    }

    /// The nature's name in full.
    private static func natureName(_ code: String) -> String {
        switch EPCINature(rawValue: code) {
        case .ca: "Communauté d'agglomération"
        case .cc: "Communauté de communes"
        case .cu: "Communauté urbaine"
        case .me: "Métropole"
        case nil: code
        }
    }

    /// The sheet's stylesheet: the screen, and one A4 page in print.
    static let style = """
    body { font-family: system-ui, sans-serif; color: #1b1b1b; margin: 1rem auto; max-width: 60rem; padding: 0 1rem; font-size: .95rem; }
    header { display: flex; gap: 1rem; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #08306b; }
    h1 { font-size: 1.5rem; margin: .2rem 0; }
    h2 { font-size: 1.05rem; margin: .8rem 0 .2rem; color: #08306b; }
    .qui { margin: .2rem 0; font-weight: 600; }
    .build { margin: .2rem 0; color: #444; font-size: .85rem; }
    .situation { width: 260px; height: 200px; flex: none; border: 1px solid #999; }
    .avertissement { background: #fff3cd; border: 2px solid #b7791f; padding: .3rem .6rem; margin: .4rem 0; }
    .resultat, .explication { margin: .2rem 0; }
    .detail { display: grid; grid-template-columns: 12rem minmax(0, 1fr); gap: .6rem; align-items: start; }
    .barres { width: 12rem; margin-top: 1.6rem; }
    table { border-collapse: collapse; width: 100%; font-size: .85rem; }
    th, td { border-bottom: 1px solid #ccc; padding: .1rem .3rem; text-align: left; vertical-align: top; }
    td.nombre { text-align: right; white-space: nowrap; }
    .unite { color: #555; font-weight: normal; }
    .marque { font-size: .8em; border: 1px solid #888; border-radius: 3px; padding: 0 .2rem; font-weight: normal; }
    .synthetique { background: #fff3cd; border-color: #b7791f; }
    footer { border-top: 1px solid #999; margin-top: .8rem; font-size: .8rem; color: #333; }
    .sources { margin: .3rem 0; }
    @page { size: A4; margin: 9mm; }
    @media print {
      body { margin: 0; padding: 0; max-width: none; font-size: 7pt; }
      h1 { font-size: 12pt; } .build, .qui { font-size: 7pt; } h2 { font-size: 8.5pt; margin: 1.6mm 0 .5mm; }
      .situation { width: 48mm; height: 37mm; }
      .build a { display: none; }
      table { font-size: 6.2pt; } th, td { padding: 0 1mm; line-height: 1.15; }
      .marque { padding: 0 .5mm; }
      .detail { grid-template-columns: 36mm minmax(0, 1fr); gap: 2mm; }
      .barres { width: 36mm; margin-top: 3mm; }
      .avertissement { padding: .5mm 1.5mm; margin: 1mm 0; }
      footer { font-size: 5pt; margin-top: 1mm; }
      .sources { margin: .5mm 0; }
      .explication, .resultat { margin: .3mm 0; }
      .programme, .objectifs { break-inside: avoid; }
    }

    """
}
