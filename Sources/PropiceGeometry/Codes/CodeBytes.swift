extension StringProtocol {
    /// `read` applied to the text's UTF-8 bytes: the codes read a field's bytes, and a string
    /// read through `StringProtocol` would run unspecialised in the modules that call them.
    func readingCodeBytes<Code>(_ read: (UnsafeBufferPointer<UInt8>) -> Code?) -> Code? {
        var text = String(self)
        return text.withUTF8(read)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Where the bytes are without the spaces around them, as producers pad codes.
    public var rangeTrimmingSpaces: Range<Int> {
        var start = 0, end = count
        while start < end && self[start] == UInt8(ascii: " ") { start += 1 }
        while end > start && self[end - 1] == UInt8(ascii: " ") { end -= 1 }
        return start..<end
    }
}
