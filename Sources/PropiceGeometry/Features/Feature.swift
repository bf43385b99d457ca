/// A surface feature: an optional identifier, its properties and its geometry (nil for a
/// feature whose geometry is null).
public struct Feature: Hashable, Sendable {
    public var id: FeatureID?
    public var properties: Properties
    public var geometry: Geometry?

    public init(id: FeatureID? = nil, properties: Properties = Properties(), geometry: Geometry?) {
        self.id = id
        self.properties = properties
        self.geometry = geometry
    }
}
