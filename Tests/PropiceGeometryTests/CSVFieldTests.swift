import Testing
import PropiceGeometry

@Suite("CSV fields")
struct CSVFieldTests {
    @Test("a text is quoted, its quotes doubled, when it holds a comma, a quote or a line break of any kind", arguments: [
        ("Toulouse Métropole", "Toulouse Métropole"),
        ("CC du Pays d'Olmes", "CC du Pays d'Olmes"),
        ("a, b", "\"a, b\""),
        ("le \"centre\"", "\"le \"\"centre\"\"\""),
        ("deux\nlignes", "\"deux\nlignes\""),
        ("deux\r\nlignes", "\"deux\r\nlignes\""),
        ("ligne\u{2028}suivante", "\"ligne\u{2028}suivante\""),
        ("suite\u{85}", "\"suite\u{85}\""),
        ("tab\u{0B}", "\"tab\u{0B}\""),
        // A comma or a quote followed by a combining mark: one character, but still a comma or a
        // quote to a CSV reader, which reads bytes.
        ("a,\u{301}b", "\"a,\u{301}b\""),
        ("\"\u{301}", "\"\"\"\u{301}\""),
        ("", ""),
    ])
    func quoting(text: String, expected: String) {
        #expect(Array(CSVField.text(text).utf8) == Array(expected.utf8))
    }

    @Test("the same fields as splitting by characters, on texts without combining marks")
    func sameAsCharacters() {
        let alphabet: [Character] = ["a", "é", "Œ", " ", ",", "\"", "\n", "\r\n", "\u{2028}", "'", "€", "😀", "\u{85}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for k in 0..<Int(state >> 60) {
                text.append(alphabet[Int((state >> UInt64(4 * (k % 12))) & 0xF) % alphabet.count])
            }
            let quoted = text.contains { $0 == "," || $0 == "\"" || $0.isNewline }
            let expected = quoted ? "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : text
            #expect(CSVField.text(text) == expected, "\(text.debugDescription)")
        }
    }
}
