import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// The strict YAML reading every format shares: aliases bounded, numbers written as numbers,
/// tags that change a type refused, unknown keys named with the nearest known one.
@Suite("Strict YAML")
struct StrictYAMLTests {
    let folder = TemporaryFolder()

    private struct Pair: Decodable, Equatable {
        var name: String
        var count: Int
    }

    private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try YAMLDocument.decode(type, path: folder.write("a.yaml", text))
    }

    @Test("a configuration's départements read as codes, as producers write them; a code that is none is an error naming it")
    func departementSelection() throws {
        let codes = ["31", "09", "2A"].map { DepartementCode($0)! }
        #expect(try decode(DepartementSelection.self, "[31, 9, 2a]\n") == .codes(codes))
        #expect(try decode(DepartementSelection.self, "metropole\n") == .metropolitan)
        let error = inputError { _ = try decode(DepartementSelection.self, "[31, 3X]\n") }
        #expect(error?.description.hasSuffix("a.yaml: line 1, column 6: [1]: '3X' is not a département code") == true, "\(String(describing: error))")
    }

    @Test("aliases that expand past 100,000 values stop the reading, without expanding them all")
    func aliasBomb() throws {
        var text = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        for (name, previous) in zip(["b", "c", "d", "e", "f", "g", "h", "i"], ["a", "b", "c", "d", "e", "f", "g", "h"]) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        struct Bomb: Decodable { var i: [[[[[[[[[Int]]]]]]]]] }
        let error = inputError { _ = try decode(Bomb.self, text) }
        #expect(error?.message.hasSuffix("the document expands to more than 100000 values through its aliases") == true, "\(String(describing: error))")
    }

    @Test("numbers are written as numbers, finite, within their type", arguments: [
        ("name: a\ncount: \"3\"\n", "line 2, column 8: count: expected a whole number"),
        ("name: a\ncount: !!str 3\n", "line 2, column 8: count: the tag '!!str' changes what the value is read as (a whole number): write the value without a tag"),
        ("name: a\ncount: 3.5\n", "line 2, column 8: count: expected a whole number"),
        ("name: a\ncount: 99999999999999999999\n", "line 2, column 8: count: 99999999999999999999 is out of range"),
        ("name: !!binary aGVsbG8=\ncount: 3\n", "line 1, column 7: name: the tag '!!binary' changes what the value is read as (a string): write the value without a tag"),
        ("name: a\ncount: 3\ncuont: 4\n", "line 3, column 1: 'cuont' is not a key of this format (did you mean 'count'?); the keys are count, name"),
        ("name: a\ncuont: 4\n", "line 2, column 1: 'cuont' is not a key of this format (did you mean 'count'?); the keys are count, name"),
        ("name: a\ncount: 3\ncount: 4\n", "line 2, column 1: the key 'count' is given twice in the same mapping: which to read is ambiguous"),
    ])
    func strict(text: String, message: String) throws {
        let error = inputError { _ = try decode(Pair.self, text) }
        #expect(error?.description == "\(folder.file("a.yaml")): \(message)")
    }

    @Test("plain scalars read as they are written: 2024 as a string, 1e3 as a number, a string tagged !!str")
    func plain() throws {
        struct Mixed: Decodable { var vintage: String; var ratio: Double; var label: String }
        let read = try decode(Mixed.self, "vintage: 2024\nratio: 1e3\nlabel: !!str 15\n")
        #expect(read.vintage == "2024" && read.ratio == 1000 && read.label == "15")
        #expect(try decode(Pair.self, "name: a\ncount: 3\n") == Pair(name: "a", count: 3))
    }
}
