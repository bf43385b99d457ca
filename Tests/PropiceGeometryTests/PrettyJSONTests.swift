import Foundation
import Testing
@testable import PropiceGeometry

/// `PrettyJSON` against what it imitates: Foundation's JSONEncoder, keys sorted, pretty-printed,
/// slashes as they are.
@Suite("PrettyJSON")
struct PrettyJSONTests {
    /// A value with every kind of member PrettyJSON writes, encoded both ways.
    struct Sample: Encodable {
        var text: String
        var missing: String?
        var count: Int
        var numbers: [Double]
        var flag: Bool
        var byYear: [String: Int]
        var absent: [String: Int]?
        var children: [Sample]

        enum CodingKeys: String, CodingKey {
            case text = "a_texte", missing = "b", count = "compte", numbers = "nombres", flag = "oui"
            case byYear = "par_annee", absent = "par_annee_absent", children = "z_enfants"
        }

        func write(to json: inout PrettyJSON) throws {
            try json.object { json in
                json.member("a_texte", text)
                json.member("b", missing)
                json.member("compte", count)
                json.key("nombres")
                try json.array(numbers) { json, number in try json.number(number, key: "nombres") }
                json.member("oui", flag)
                json.member("par_annee", byYear)
                json.member("par_annee_absent", absent)
                json.key("z_enfants")
                try json.array(children) { json, child in try child.write(to: &json) }
            }
        }
    }

    func encoded(_ sample: Sample) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(sample))
    }

    func written(_ sample: Sample) throws -> [UInt8] {
        var json = PrettyJSON()
        try sample.write(to: &json)
        return json.bytes
    }

    @Test("the encoder's bytes: every control character, quotes, slashes, accents; empty arrays and objects; nesting; integers and years")
    func sameBytes() throws {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) } + Array("\"\\/\u{7F}é€\u{2028}😀".utf8), as: UTF8.self)
        let leaf = Sample(text: "", missing: nil, count: -3, numbers: [], flag: false, byYear: [:], absent: nil, children: [])
        let sample = Sample(text: controls, missing: "là", count: Int.max, numbers: [0, -0.0, 1, -2.5, 27764, 0.15, 1e16, 1e15, 1e-5, 1e-4, .leastNonzeroMagnitude,
                                                                               .greatestFiniteMagnitude, 123456789012345680, 0.1 + 0.2],
                            flag: true, byYear: ["2027": 10, "2025": 1, "2026": -4], absent: ["2025": 0], children: [leaf, leaf])
        #expect(try written(sample) == encoded(sample))
        #expect(try written(leaf) == encoded(leaf))
    }

    @Test("any finite number as the encoder writes it", arguments: 0..<4)
    func numbers(seed: Int) throws {
        var generator = SystemRandomNumberGenerator()
        var numbers: [Double] = []
        while numbers.count < 2_000 {
            // Random bit patterns cover every exponent; scaled integers, the usual figures.
            let bits = Double(bitPattern: generator.next())
            if bits.isFinite { numbers.append(bits) }
            numbers.append(Double(Int.random(in: -1_000_000...1_000_000)) / [1, 10, 100, 1_000_000][seed])
        }
        let sample = Sample(text: "", missing: nil, count: seed, numbers: numbers, flag: false, byYear: [:], absent: nil, children: [])
        #expect(try written(sample) == encoded(sample))
    }

    @Test("a number that is not finite is an error naming its key", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(value: Double) {
        var json = PrettyJSON()
        let error = #expect(throws: PrettyJSON.NonFiniteNumber.self) {
            try json.object { json in try json.member("valeur", value) }
        }
        #expect(error?.description == "valeur is \(value), which JSON cannot hold")
    }
}
