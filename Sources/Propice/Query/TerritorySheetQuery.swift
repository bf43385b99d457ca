import Foundation
import PropiceGeometry

extension TerritoryQuery {
    /// The sheet of one EPCI (`propice query --html`), written from the folder as the build
    /// writes `territoires/<SIREN>.html`: every record (for the medians and percentiles),
    /// `metadata.json`, and the borders of the coarsest band's first EPCI layer when the build
    /// wrote it in GeoJSON (else the sheet has no map).
    public func sheet(_ record: TerritoryRecord) throws -> String {
        let metadata = try BuiltFolderFile.decode(BuildMetadata.self, folder, "metadata.json")
        let records = try index.epci.map { entry in try self.record(entry.code).record }
        var shapes: [SheetMap.Shape] = []
        if let model = metadata.models.first?.id, let band = metadata.bands.last?.name {
            let name = LayerName.epci(model: model, band: band) + ".geojson"
            if metadata.outputs[name] != nil {
                let names = Dictionary(index.epci.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
                let reader = try LayerConversion.openReader(folder + "/" + name, layer: nil)
                while let feature = try reader.next() {
                    guard case .string(let code)? = feature.id, let geometry = feature.geometry else { continue }
                    shapes.append(SheetMap.Shape(code: code, name: names[code] ?? code, geometry: geometry))
                }
            }
        }
        let mapPage = metadata.outputs["index.html"] == nil ? nil : TerritorySheet.mapPage
        return TerritorySheet(records: records, metadata: metadata, shapes: shapes).html(record, mapPage: mapPage)
    }
}
