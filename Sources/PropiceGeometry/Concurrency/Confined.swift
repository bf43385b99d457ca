/// A value handed to the one thread that uses it; never shared between threads.
struct Confined<Value: AnyObject>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
