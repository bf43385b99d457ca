import CPROJ

/// Collects the messages PROJ logs on one context while it lives, so an error can give PROJ's
/// own words instead of "Unknown error". Restores PROJ's default logger when released.
final class ProjLogCapture {
    private let context: OpaquePointer
    private(set) var messages: [String] = []

    init(context: OpaquePointer) {
        self.context = context
        proj_log_func(context, Unmanaged.passUnretained(self).toOpaque()) { userData, _, message in
            guard let userData, let message else { return }
            Unmanaged<ProjLogCapture>.fromOpaque(userData).takeUnretainedValue().messages.append(String(cString: message))
        }
    }

    /// The messages joined, or nil when PROJ said nothing.
    var text: String? { messages.isEmpty ? nil : messages.joined(separator: "; ") }

    deinit {
        proj_log_func(context, nil, nil)
    }
}
