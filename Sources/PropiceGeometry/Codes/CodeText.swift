extension StringProtocol {
    /// The text's UTF-8 bytes without the spaces around them, as producers pad codes.
    public var utf8TrimmingSpaces: ArraySlice<UInt8> {
        var bytes = ArraySlice(utf8)
        while bytes.first == UInt8(ascii: " ") { bytes.removeFirst() }
        while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
        return bytes
    }
}
