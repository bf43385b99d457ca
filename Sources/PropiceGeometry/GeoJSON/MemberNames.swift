/// Reads the member names of one JSON object whose meaningful members are the cases of `Member`,
/// and refuses one of them given twice. A name written plainly is matched on its bytes, without
/// decoding a string: a collection's thousands of features name the same few members.
struct MemberNames<Member: CaseIterable & RawRepresentable<String>> {
    /// The members met so far, a bit per case.
    private var seen: UInt64 = 0
    /// The file offset of the last name read.
    private(set) var at = 0

    /// Reads the next member's name and the ':' after it: its case, nil for any other name.
    mutating func next(of scanner: inout JSONScanner) throws -> Member? {
        at = scanner.offset
        var member: Member?
        for candidate in Member.allCases {
            if try scanner.consumeString(candidate.rawValue) {
                member = candidate
                break
            }
        }
        if member == nil { member = Member(rawValue: try scanner.readString()) }
        try scanner.expect(UInt8(ascii: ":"), "':' after a member name")
        guard let member else { return nil }
        let bit = Self.bit(member)
        guard seen & bit == 0 else {
            throw scanner.error(at: at, "the member \"\(member.rawValue)\" is given twice in the same object: which to read is ambiguous")
        }
        seen |= bit
        return member
    }

    /// Whether `member` was met.
    func saw(_ member: Member) -> Bool { seen & Self.bit(member) != 0 }

    private static func bit(_ member: Member) -> UInt64 {
        var bit: UInt64 = 1
        for candidate in Member.allCases {
            if candidate == member { break }
            bit <<= 1
        }
        return bit
    }
}
