import Foundation
import PropiceGeometry

/// `propice query`: one EPCI's record, found by SIREN or name in a built output folder and
/// read as the build wrote it, without recomputing anything.
public struct TerritoryQuery {
    /// Why a query found no single EPCI.
    public enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        /// Several EPCI match; their SIREN and names.
        case ambiguous(String, [TerritoryIndex.Entry])

        public var description: String {
            switch self {
            case .notFound(let text): "no EPCI matches '\(text)'"
            case .ambiguous(let text, let candidates):
                "\(candidates.count) EPCI match '\(text)': "
                    + candidates.prefix(20).map { "\($0.code) \($0.name)" }.joined(separator: "; ") + (candidates.count > 20 ? "; …" : "")
            }
        }
    }

    public let folder: String
    public let index: TerritoryIndex

    /// Opens the folder of a build (the one `propice build` wrote `territoires/` into).
    public init(folder: String) throws {
        self.folder = folder
        let path = folder + "/territoires/index.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "no built output here: run propice build first, or give its folder with --output")
        }
        do {
            index = try JSONDecoder().decode(TerritoryIndex.self, from: data)
        } catch {
            throw InputError(file: path, message: "not an index of EPCI written by propice build")
        }
    }

    /// The EPCI a SIREN or a name designates: the SIREN itself, else the names whose key is the
    /// text's, else those that contain every word of it.
    public func find(_ text: String) throws -> TerritoryIndex.Entry {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let entry = index.epci.first(where: { $0.code == trimmed }) { return entry }
        let key = NameKey.key(trimmed)
        guard !key.isEmpty else { throw Failure.notFound(text) }
        let exact = index.epci.filter { NameKey.key($0.name) == key }
        if exact.count == 1 { return exact[0] }
        if exact.count > 1 { throw Failure.ambiguous(text, exact) }
        let words = Set(NameKey.words(trimmed))
        let partial = index.epci.filter { words.isSubset(of: Set(NameKey.words($0.name))) }
        if partial.count == 1 { return partial[0] }
        throw partial.isEmpty ? Failure.notFound(text) : Failure.ambiguous(text, partial)
    }

    /// The record of the EPCI a SIREN or name designates.
    public func record(_ text: String) throws -> (record: TerritoryRecord, json: Data) {
        let entry = try find(text)
        let path = folder + "/territoires/\(entry.code).json"
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, message: "cannot read the file") }
        do {
            return (try JSONDecoder().decode(TerritoryRecord.self, from: data), data)
        } catch {
            throw InputError(file: path, message: "not an EPCI record written by propice build: \(error)")
        }
    }

    /// The record as text: each model's explanation, as `propice score --epci` prints it, then
    /// its part of each regional target.
    public static func text(_ record: TerritoryRecord) throws -> String {
        let explanations = try zip(record.scores, record.results).map { ScoreReport.explanation($0, programme: $1.programme) }
        guard !record.targets.isEmpty else { return explanations.joined(separator: "\n\n") }
        return (explanations + ["Objectifs territorialisés\n" + record.targets.map { "- " + $0.sentence }.joined(separator: "\n")]).joined(separator: "\n\n")
    }
}
