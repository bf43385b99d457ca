/// A destination of features. Nothing is visible at the destination until `finish()`
/// succeeds; a writer released without it leaves the previous file in place.
public protocol FeatureWriter: AnyObject {
    func write(_ feature: Feature) throws
    func finish() throws
}
