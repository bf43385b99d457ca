import PropiceGeometry

/// The print maps of a build, `cartes/<model>.pdf` (a model per programme), `.svg` and `.png`: one page per model
/// (see `PrintLayout`), drawn from the coarsest band's borders in the map CRS, by `propice build` from its
/// topology and by `propice print` from the GeoPackage it wrote; the same borders give the same files.
enum PrintMaps {
    /// What the pages are drawn from, in the map CRS: each model's EPCI (with `statut` and
    /// `classe`) and the départements (with `nom_departement`).
    struct Sheets {
        var crs: CRS
        var epci: [(model: Legend.Model, features: [Feature])]
        var departements: [Feature]
    }

    /// The build's coarsest band in the map CRS, or nil when there is no map CRS.
    static func sheets(_ layers: Layers, geometry: MapGeometry, legend: Legend) -> Sheets? {
        let band = geometry.bands.count - 1
        guard let crs = geometry.mapCRS, geometry.bands.indices.contains(band), geometry.bands[band].mapTopology != nil else { return nil }
        var sheets = Sheets(crs: crs, epci: [], departements: [])
        for layer in layers.all where layer.band == band {
            let features = layer.features(in: geometry.bands[band])
            switch layer.kind {
            case .departements: sheets.departements = features
            case .epci(let m): sheets.epci.append((legend.models[m], features))
            case .communes: break
            }
        }
        return sheets
    }

    /// Writes each model's map in each of `formats` (pdf, svg, png) at `path(cartes/<model>.<format>)`.
    static func write(_ sheets: Sheets, metadata: BuildMetadata, formats: [BuildSettings.Format], dpi: Int, date: String,
                      path: (String) throws -> String) throws {
        guard try !CoordinateTransformer(from: sheets.crs, to: sheets.crs).targetIsGeographic else {
            throw InputError(file: "build.map_crs", message: "the print maps are drawn in a metric CRS, with a scale in kilometres; \(sheets.crs) is geographic")
        }
        let operations = try GeometryOperations()
        let outlines = try sheets.departements.compactMap { feature -> PrintLayout.Outline? in
            guard let shape = feature.geometry else { return nil }
            let name = feature.properties["nom_departement"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? ""
            return PrintLayout.Outline(name: name, geometry: shape, label: try operations.pointOnSurface(of: shape))
        }
        // Every page of every format is drawn at once, each on a canvas of its own.
        var pages: [(page: PrintLayout, output: CairoCanvas.Output, path: String)] = []
        for (model, features) in sheets.epci {
            let symbology = LayerSymbology.classes(model)
            let areas = features.compactMap { feature -> PrintLayout.Area? in
                guard let shape = feature.geometry, let symbol = symbology.symbol(of: feature.properties) else { return nil }
                return PrintLayout.Area(geometry: shape, symbol: symbol)
            }
            let page = PrintLayout(title: model.title, subtitle: "\(metadata.territory.name) — classes des EPCI (\(methodName(model.method)))",
                                   areas: areas, outlines: outlines, outlineSymbol: LayerSymbology.departementOutline,
                                   legend: legendEntries(model, symbology), notice: metadata.notice, sources: sourcesLine(metadata),
                                   credits: credits(metadata, model: model.model, date: date))
            for format in formats {
                let output: CairoCanvas.Output
                switch format {
                case .pdf: output = .pdf
                case .svg: output = .svg
                case .png: output = .png(dpi: dpi)
                default: continue
                }
                pages.append((page, output, try path("cartes/\(model.model).\(format.rawValue)")))
            }
        }
        _ = try pages.parallelMap { page, output, path in
            let canvas = try CairoCanvas(path: path, output: output, width: PrintLayout.pageWidth, height: PrintLayout.pageHeight,
                                         title: page.title, creationDate: date)
            page.draw(on: canvas)
            try canvas.finish()
        }
    }

    private static func methodName(_ method: Legend.Model.Method) -> String {
        switch method {
        case .quantiles: "quantiles"
        case .jenks: "seuils naturels de Jenks"
        case .equal: "intervalles égaux"
        case .manual: "seuils fixés par le modèle"
        }
    }

    private static func legendEntries(_ model: Legend.Model, _ symbology: LayerSymbology) -> [PrintLayout.LegendEntry] {
        guard case .categorised(_, let categories) = symbology.renderer else { return [] }
        let entries = model.classes + [model.insufficient, model.excluded]
        return zip(categories, entries).map { category, entry in
            let range = entry.minimum.flatMap { low in
                entry.maximum.map { "score de \(FrenchNumber.format(low, decimals: 1)) à \(FrenchNumber.format($0, decimals: 1))" }
            }
            return PrintLayout.LegendEntry(label: category.label, symbol: category.symbol, range: range)
        }
    }

    /// `Sources : ` each input with its producer and vintage, once.
    static func sourcesLine(_ metadata: BuildMetadata) -> String {
        var seen = Set<String>()
        let cog = "INSEE, Code officiel géographique \(metadata.territory.cog) (communes, EPCI)"
        let sources = metadata.sources.map { "\($0.producer), \($0.title) (\($0.vintage))" + ($0.synthetic ? " [synthétique]" : "") }
        return "Sources : " + ([cog] + sources).filter { seen.insert($0).inserted }.joined(separator: " ; ") + "."
    }

    private static func credits(_ metadata: BuildMetadata, model: String, date: String) -> String {
        let checksum = metadata.models.first { $0.id == model }.map { " (SHA-256 " + $0.checksum.sha256.prefix(12) + "…)" } ?? ""
        return "Réalisation : \(metadata.software.name) \(metadata.software.version), modèle \(model)\(checksum), \(frenchDate(date)). "
            + "Limites : \(metadata.territory.cog > 0 ? "COG \(metadata.territory.cog)" : "COG")."
    }

    /// `2025-06-04T…` as `4 juin 2025`.
    static func frenchDate(_ iso: String) -> String {
        let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return String(iso.prefix(10)) }
        return "\(parts[2]) \(months[parts[1] - 1]) \(parts[0])"
    }
}
