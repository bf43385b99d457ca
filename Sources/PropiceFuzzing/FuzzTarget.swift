/// The readers propice's fuzzing exercises, each through the public API a user calls.
///
/// An input's first byte chooses the variant (a source of the catalogue, a kind of YAML
/// document, a whole file or a geometry blob); the rest is the content. A reader may refuse
/// the content with an `InputError`; any other error, a crash or a hang is a finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `GeoJSONReader` on a whole file, then the features written and read back.
    case geojson
    /// `GeoPackageReader` on a whole file, or one geometry blob.
    case geopackage
    /// A source of the demo catalogue read by `SourceLoader` with that source's habits, or
    /// INSEE's membership and history tables.
    case csv
    /// A project configuration, a source declaration, a scoring model or a targets file.
    case yaml
    /// An Excel workbook's XML: a sheet, its shared strings, the workbook or its relationships.
    case workbook
    /// Numbers into scoring and allocation: the demo's SNE cells or its targets' numbers
    /// replaced, then every model scored and the targets split.
    case numbers
}
