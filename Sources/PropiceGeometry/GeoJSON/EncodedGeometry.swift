/// A feature's geometry encoded once as GeoJSON text, to be written with the properties of
/// several features that share it (one EPCI in each model's layer): see
/// `GeoJSONWriter.encode(_:)` and `GeoJSONWriter.write(_:geometry:)`.
public struct EncodedGeometry: Sendable {
    /// The text from `"geometry":` to the feature's closing brace.
    let bytes: [UInt8]
    let box: BoundingBox
    /// The options it was encoded with: precision and bounding boxes must match the writer's.
    let precision: Int
    let boundingBoxes: Bool
}
