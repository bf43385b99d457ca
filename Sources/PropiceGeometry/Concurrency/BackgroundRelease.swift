import Foundation

/// Lets `value` go on another thread: freeing a large graph of arrays (a build's layers and
/// topologies) takes tens of milliseconds that a caller about to finish need not wait for.
/// The value must hold the last references to what it holds for the freeing to move.
public func releaseInBackground<T: Sendable>(_ value: consuming T) {
    DispatchQueue.global(qos: .utility).async { [value] in withExtendedLifetime(value) {} }
}
