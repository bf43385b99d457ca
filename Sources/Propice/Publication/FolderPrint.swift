import Foundation
import PropiceGeometry

/// `propice print`: a built folder's print maps drawn again from what the build wrote there
/// (`metadata.json`, `legend.json` and the coarsest band of `propice.gpkg`, in the map CRS),
/// without reading the sources or scoring again: at another resolution, or in a format the
/// build left out. Drawn alike, they are the build's own files, byte for byte; `metadata.json`
/// then lists the files drawn, with their new checksums, and keeps every other entry.
public enum FolderPrint {
    /// Draws `formats` (by default the print formats the build wrote, or all three if none)
    /// with the PNG at `dpi` into `folder/cartes/`, and returns the files drawn by relative path.
    public static func run(folder: String, formats: [BuildSettings.Format]? = nil, dpi: Int = 300) throws -> [String: FileChecksum] {
        guard BuildSettings.dpiRange.contains(dpi) else {
            throw InputError(file: folder, message: "the PNG's resolution is from \(BuildSettings.dpiRange.lowerBound) to \(BuildSettings.dpiRange.upperBound) dots per inch, not \(dpi)")
        }
        var metadata = try BuiltFolderFile.decode(BuildMetadata.self, folder, "metadata.json")
        let legend = try BuiltFolderFile.decode(Legend.self, folder, "legend.json")
        let built = BuildSettings.Format.allCases.filter { format in
            format.isPrinted && metadata.outputs.keys.contains { $0.hasPrefix("cartes/") && $0.hasSuffix("." + format.rawValue) }
        }
        var seen = Set<BuildSettings.Format>()
        let formats = (formats ?? (built.isEmpty ? BuildSettings.Format.allCases.filter(\.isPrinted) : built)).filter { seen.insert($0).inserted }
        guard !formats.isEmpty else { throw InputError(file: folder, message: "no format to draw: pdf, svg or png") }
        if let other = formats.first(where: { !$0.isPrinted }) {
            throw InputError(file: folder, message: "\(other.rawValue) is not a print map's format: pdf, svg or png")
        }
        let (sheets, date) = try sheets(in: folder, metadata: metadata, legend: legend)
        let staged = try StagedOutput(folder: folder, last: "metadata.json")
        try PrintMaps.write(sheets, metadata: metadata, formats: formats, dpi: dpi, date: date, path: staged.path)
        let drawn = try staged.checksums()
        metadata.outputs.merge(drawn) { $1 }
        try staged.write(try ProjectBuild.json(metadata), to: "metadata.json")
        try staged.commit(stale: [])
        return drawn
    }

    /// The EPCI of each model and the départements, from the GeoPackage's coarsest band, and
    /// the date the build gave its layers.
    static func sheets(in folder: String, metadata: BuildMetadata, legend: Legend) throws -> (PrintMaps.Sheets, date: String) {
        let path = folder + "/propice.gpkg"
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, message: "no GeoPackage: the print maps are drawn from the one propice build writes; add gpkg to build.formats and build again")
        }
        guard let band = metadata.bands.last?.name else {
            throw InputError(file: folder + "/metadata.json", message: "no band of borders is listed (bandes)")
        }
        func layer(_ name: String) throws -> (features: [Feature], crs: CRS?, lastChange: String?) {
            let reader = try GeoPackageReader(path: path, layer: name)
            var features: [Feature] = []
            while let feature = try reader.next() {
                guard feature.geometry != nil else { throw InputError(file: path, message: "layer \(name), feature \(features.count + 1): no geometry") }
                features.append(feature)
            }
            guard !features.isEmpty else { throw InputError(file: path, message: "the layer \(name) holds no feature") }
            return (features, reader.declaredCRS, reader.lastChange)
        }
        let departements = try layer(LayerName.departements(band: band))
        guard let crs = departements.crs else {
            throw InputError(file: path, message: "the layer \(LayerName.departements(band: band)) declares no CRS")
        }
        let epci = try legend.models.map { model in
            let name = LayerName.epci(model: model.model, band: band)
            let read = try layer(name)
            guard read.crs == crs else {
                throw InputError(file: path, message: "the layer \(name) is not in the CRS of \(LayerName.departements(band: band)) (\(crs))")
            }
            // Every EPCI is drawn in a class of legend.json, or the map would leave it blank.
            let symbology = LayerSymbology.classes(model)
            if let stray = read.features.first(where: { symbology.symbol(of: $0.properties) == nil }) {
                let code = if case .string(let siren)? = stray.properties["code_epci"] { siren } else { "?" }
                throw InputError(file: path, message: "layer \(name), EPCI \(code): its statut and classe are none of legend.json's classes for \(model.model)")
            }
            return (model, read.features)
        }
        let date = departements.lastChange ?? FileTimestamp.modificationTime(of: path)
        return (PrintMaps.Sheets(crs: crs, epci: epci, departements: departements.features), date)
    }
}
