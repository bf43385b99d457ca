import Foundation

/// The legal nature of an EPCI.
public enum EPCINature: String, Sendable, CaseIterable {
    /// Communauté d'agglomération.
    case ca = "CA"
    /// Communauté de communes.
    case cc = "CC"
    /// Communauté urbaine.
    case cu = "CU"
    /// Métropole (written `METRO`, or `MET69` for the Métropole de Lyon, in some files).
    case me = "ME"

    /// Reads the abbreviations INSEE and the DGCL write; nil for anything else.
    public init?(code: some StringProtocol) {
        self.init(text: String(code))
    }

    private init?(text code: String) {
        var code = code
        // ASCII, as the files write it, is read as it is; anything else through Unicode's rules.
        let ascii: String? = code.withUTF8 { bytes in
            let trimmed = UnsafeBufferPointer(rebasing: bytes[bytes.rangeTrimmingSpaces])
            guard trimmed.allSatisfy({ $0 > UInt8(ascii: " ") && $0 < 0x80 }) else { return nil }
            return String(decoding: trimmed, as: UTF8.self).uppercased()
        }
        let text = ascii ?? code.trimmingCharacters(in: .whitespaces).uppercased()
        switch text {
        case "CA": self = .ca
        case "CC": self = .cc
        case "CU": self = .cu
        case "ME", "METRO", "MET69": self = .me
        default: return nil
        }
    }
}
