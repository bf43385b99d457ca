/// Consecutive features of a layer, handed as one piece of work to a thread.
struct FeatureBatch: Sendable {
    /// The index of the first feature in the layer, for error messages.
    var firstIndex: Int
    var features: [Feature]

    /// Up to `limit` next features of the reader; nil when it has none left.
    static func read(from reader: FeatureReader, firstIndex: Int, limit: Int) throws -> FeatureBatch? {
        var features: [Feature] = []
        features.reserveCapacity(limit)
        while features.count < limit, let feature = try reader.next() { features.append(feature) }
        return features.isEmpty ? nil : FeatureBatch(firstIndex: firstIndex, features: features)
    }

    /// The batch with every geometry reprojected; a position PROJ cannot transform is an
    /// error naming the file and the feature.
    func reprojected(by transformer: CoordinateTransformer, file: String) throws -> FeatureBatch {
        // The identity only checks: writing each geometry back would copy the batch's features.
        var batch = self
        for (i, feature) in features.enumerated() {
            guard var geometry = feature.geometry else { continue }
            do {
                if transformer.isIdentity {
                    try transformer.check(geometry)
                } else {
                    try transformer.transform(&geometry)
                    batch.features[i].geometry = geometry
                }
            } catch let error as CRSError {
                throw InputError(file: file, location: .feature(firstIndex + i, byteOffset: nil), message: error.message)
            }
        }
        return batch
    }

    func encoded(by encoder: GeoJSONFeatureEncoder) -> EncodedFeatures {
        var encoded = EncodedFeatures()
        for feature in features { encoded.append(feature, by: encoder) }
        return encoded
    }
}
