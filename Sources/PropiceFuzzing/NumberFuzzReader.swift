import Foundation
import Propice
import PropiceGeometry

/// Numbers into scoring and allocation: the content's words (runs of letters, digits and
/// `. , + - _`) take, in order, the place of the demo's figures, and the demo is scored and its
/// targets split. Variant 0 (even): the cells of the SNE extract, row after row, which every
/// model and both programmes read; variant 1 (odd): the numbers of the targets file
/// (milestones, floors, cap, quotas). Figures past the words keep their demo value.
struct NumberFuzzReader: FuzzReader {
    private let inputs: IndicatorInputs
    private let library: ModelLibrary
    private let targets: TargetsFile
    private let migration: CommuneCodeMigration
    private let sne: SourceDeclaration
    /// The SNE extract's lines, header first.
    private let sneLines: [String]
    /// The targets file split around its numbers: text, number, text, …, text.
    private let targetsParts: [String]

    init(repository: String) throws {
        let demo = try ProjectConfiguration.load(path: repository + "/geodata/demo.yaml")
        inputs = try IndicatorInputs(configuration: demo)
        library = try ModelLibrary(folder: demo.models, catalogue: inputs.catalogue)
        migration = try CommuneCodeMigration(passage: demo.history)
        guard let targetsPath = demo.targets, let sne = inputs.catalogue.sources.first(where: { $0.id == "sne-2024" }) else {
            throw InputError(file: repository + "/geodata/demo.yaml", message: "the demo has no targets file or no SNE source")
        }
        targets = try TargetsFile.load(path: targetsPath)
        self.sne = sne
        let text = String(decoding: try FileContents.read(SourceFiles(dataFolder: demo.data, communePolygons: nil).path(of: sne)), as: UTF8.self)
        sneLines = text.split(separator: "\n").map(String.init)
        targetsParts = Self.splitAroundNumbers(String(decoding: try FileContents.read(targetsPath), as: UTF8.self))
    }

    func read(variant: UInt8, content: ArraySlice<UInt8>, scratch: FuzzScratch) throws -> String {
        let words = Self.words(content)
        if variant % 2 == 0 {
            var next = words.makeIterator()
            let lines = [sneLines[0]] + sneLines.dropFirst().map { line in
                line.split(separator: ";", omittingEmptySubsequences: false).enumerated()
                    .map { $0.offset == 0 ? String($0.element) : next.next() ?? String($0.element) }.joined(separator: ";")
            }
            _ = try scratch.write(ArraySlice((lines.joined(separator: "\n") + "\n").utf8), to: "data/" + sne.path)
            let loader = SourceLoader(territories: inputs.territories, migration: migration, cog: inputs.configuration.cog,
                                      files: SourceFiles(dataFolder: scratch.folder + "/data", communePolygons: inputs.configuration.communes))
            return try split(targets, inputs: inputs.replacing(try loader.load(sne)))
        }
        var next = words.makeIterator()
        let text = targetsParts.enumerated().map { $0.offset % 2 == 1 ? next.next() ?? $0.element : $0.element }.joined()
        let path = try scratch.write(ArraySlice(text.utf8), to: "objectifs.yaml")
        return try split(try TargetsFile.load(path: path), inputs: inputs)
    }

    /// Every model scored (with a short sensitivity analysis) and the targets split: how many
    /// EPCI each model scores and each programme's shares.
    private func split(_ targets: TargetsFile, inputs: IndicatorInputs) throws -> String {
        let aggregates = try inputs.aggregated()
        let scores = try library.models.map { try ModelScores(figures: library.figures(of: $0, indicators: aggregates, catalogue: inputs.catalogue)) }
        // The analysis runs on the figures as read; its ranks are not part of the outcome.
        _ = scores.map { AnalysedScores($0, draws: 20) }
        let allocations = try TargetAllocation.programmes(targets, inputs: inputs, indicators: aggregates, scores: scores)
        let scored = scores.map { "\($0.model.id) \($0.counts.scored)" }.joined(separator: ", ")
        let split = allocations.map { allocation in
            let year = allocation.programme.years.last ?? 0
            return "\(allocation.programme.id) [\(allocation.epci.map { String($0.milestones[year] ?? 0) }.joined(separator: " "))]"
        }
        return "scored \(scored); split \(split.joined(separator: ", "))"
    }

    private static func words(_ content: ArraySlice<UInt8>) -> [String] {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,+-_".utf8)
        return content.split { !allowed.contains($0) }.prefix(4096).map { String(decoding: $0.prefix(64), as: UTF8.self) }
    }

    /// The text around each number written after `: `, `[` or `, ` (a value, not a key).
    private static func splitAroundNumbers(_ text: String) -> [String] {
        var parts: [String] = [], current = "", number = ""
        var previous: Character = "\n", beforePrevious: Character = "\n"
        for character in text {
            let startsValue = (previous == " " && (beforePrevious == ":" || beforePrevious == ",")) || previous == "["
            if number.isEmpty, character.isNumber, startsValue || !number.isEmpty {
                number.append(character)
            } else if !number.isEmpty, character.isNumber || character == "." {
                number.append(character)
            } else {
                if !number.isEmpty {
                    if character == ":" { current += number } else { parts += [current, number]; current = "" }
                    number = ""
                }
                current.append(character)
            }
            (beforePrevious, previous) = (previous, character)
        }
        return parts + [current + number]
    }
}
