/// Features encoded as GeoJSON text, separated by ",\n", ready to be appended to a collection.
struct EncodedFeatures: Sendable {
    /// What stands between two features: one feature per line.
    static let separator: [UInt8] = [UInt8(ascii: ","), 0x0A]

    var bytes: [UInt8] = []
    var count = 0
    var bounds = BoundingBox.empty

    /// Encodes one more feature after the others.
    mutating func append(_ feature: Feature, by encoder: GeoJSONFeatureEncoder) {
        if count > 0 { bytes.append(contentsOf: Self.separator) }
        bounds.include(encoder.append(feature, to: &bytes))
        count += 1
    }
}
