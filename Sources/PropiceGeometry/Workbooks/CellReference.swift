/// A1-style references of a sheet's cells: `C12` is row 12 of the third column.
enum CellReference {
    /// The last column a workbook can have (`XFD`).
    static let maximumColumn = 16_384
    /// The last row a workbook can have.
    static let maximumRow = 1_048_576

    /// The letters of a 1-based column: 1 is `A`, 27 is `AA`.
    static func letters(_ column: Int) -> String {
        var n = column, letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The 1-based column of a reference's letters (`C12` → 3), nil when the reference does not
    /// start with one to three letters naming a column a workbook can have.
    static func column(of reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0, count = 0
        for c in reference {
            let upper = c & ~0x20
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
            count += 1
            guard count <= 3 else { return nil }
        }
        return count > 0 && column <= maximumColumn ? column : nil
    }
}
