import Foundation
import PropiceGeometry

/// `propice query`: one EPCI's record, found by SIREN or name in a built output folder and
/// read as the build wrote it, without recomputing anything.
public struct TerritoryQuery: Sendable {
    /// Why a query found no single EPCI.
    public enum Failure: Error, CustomStringConvertible, Sendable {
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

    /// The query over an index already read from `folder`.
    public init(folder: String, index: TerritoryIndex) {
        self.folder = folder
        self.index = index
    }

    /// Opens the folder of a build (the one `propice build` wrote `territoires/` into).
    public init(folder: String) throws {
        self.folder = folder
        let path = folder + "/territoires/index.json"
        guard let data = (try? FileContents.read(path)).map({ Data($0) }) else {
            throw InputError(file: path, message: "no built output here: run propice build first, or give its folder", remedy: .giveBuiltFolder)
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
        let found = matches(text)
        if found.count == 1 { return found[0] }
        throw found.isEmpty ? Failure.notFound(text) : Failure.ambiguous(text, found)
    }

    /// Every EPCI the text may designate, in the index's order: the one with that SIREN, else
    /// those whose name has the text's key, else those whose name contains every word of it.
    public func matches(_ text: String) -> [TerritoryIndex.Entry] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let entry = index.epci.first(where: { $0.code == trimmed }) { return [entry] }
        let key = NameKey.key(trimmed)
        guard !key.isEmpty else { return [] }
        let exact = index.epci.filter { NameKey.key($0.name) == key }
        if !exact.isEmpty { return exact }
        let words = Set(NameKey.words(trimmed))
        return index.epci.filter { words.isSubset(of: Set(NameKey.words($0.name))) }
    }

    /// The record of the EPCI a SIREN or name designates.
    public func record(_ text: String) throws -> (record: TerritoryRecord, json: Data) {
        let entry = try find(text)
        let path = folder + "/territoires/\(entry.code).json"
        guard let data = (try? FileContents.read(path)).map({ Data($0) }) else { throw InputError(file: path, message: "cannot read the file") }
        do {
            return (try JSONDecoder().decode(TerritoryRecord.self, from: data), data)
        } catch {
            throw InputError(file: path, message: "not an EPCI record written by propice build: \(error)")
        }
    }

    /// The record as text: each model's explanation, as `propice score --epci` prints it, then
    /// its part of each regional target.
    public static func text(_ record: TerritoryRecord) -> String {
        let explanations = record.results.map { ScoreReport.explanation($0, name: record.name, code: record.code) }
        guard !record.targets.isEmpty else { return explanations.joined(separator: "\n\n") }
        return (explanations + ["Objectifs territorialisés\n" + record.targets.map { "- " + $0.sentence }.joined(separator: "\n")]).joined(separator: "\n\n")
    }
}
