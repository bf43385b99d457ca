/// A source of features read one at a time.
public protocol FeatureReader: AnyObject {
    /// The file being read, for messages.
    var path: String { get }
    /// The layer's name, when the file gives one.
    var layerName: String? { get }
    /// The CRS the file declares, or nil when it declares none.
    var declaredCRS: CRS? { get }
    /// The next feature, or nil after the last one.
    func next() throws -> Feature?
}
