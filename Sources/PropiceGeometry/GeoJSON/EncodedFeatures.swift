/// Features encoded as GeoJSON text, separated by ",\n", ready to be appended to a collection.
struct EncodedFeatures: Sendable {
    var bytes: [UInt8] = []
    var count = 0
    var bounds = BoundingBox.empty
}
