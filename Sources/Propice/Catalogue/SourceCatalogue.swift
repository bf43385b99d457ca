import Foundation
import PropiceGeometry
import Yams

/// The indicator sources of a folder of YAML files (one source per file), checked as a whole:
/// unique ids, rules that fit their level, and references to indicators that exist.
public struct SourceCatalogue: Sendable {
    /// The sources, in the order of their files' names.
    public let sources: [SourceDeclaration]
    /// The YAML file each source was declared in, by source id.
    public let files: [String: String]
    /// The indicators of synthetic sources left out (`withoutSynthetic()`), or resting on one:
    /// each with the synthetic source it rests on.
    public private(set) var leftOut: [String: String] = [:]
    /// The synthetic sources left out, in catalogue order.
    public private(set) var sourcesLeftOut: [SourceDeclaration] = []

    /// Reads every `.yaml` or `.yml` file of the folder.
    public init(folder: String) throws {
        let paths = try YAMLDocument.files(in: folder, kind: "source catalogue")
        var sources: [SourceDeclaration] = [], files: [String: String] = [:]
        for path in paths {
            let source = try YAMLDocument.decode(SourceDeclaration.self, path: path)
            if let other = files[source.id] { throw InputError(file: path, message: "source '\(source.id)' is also declared in \(other)") }
            files[source.id] = path
            sources.append(source)
        }
        try self.init(sources: sources, files: files)
    }

    /// A catalogue of sources already decoded; `files` names their YAML files in messages.
    public init(sources: [SourceDeclaration], files: [String: String]) throws {
        self.sources = sources
        self.files = files
        try check()
    }

    /// The catalogue without its synthetic sources, nor the indicators of other sources that
    /// rest on theirs (a ratio, a weight or a key): each left out is listed in `leftOut`.
    public func withoutSynthetic() throws -> SourceCatalogue {
        var leftOut: [String: String] = [:]
        for source in sources where source.synthetic {
            for indicator in source.indicators { leftOut[indicator.id] = source.id }
        }
        var changed = true
        while changed {
            changed = false
            for source in sources where !source.synthetic {
                for indicator in source.indicators where leftOut[indicator.id] == nil {
                    if let reference = source.rule(of: indicator).references.first(where: { leftOut[$0] != nil }) {
                        leftOut[indicator.id] = leftOut[reference]
                        changed = true
                    }
                }
            }
        }
        let kept = sources.filter { !$0.synthetic }.map { source in
            var source = source
            source.indicators.removeAll { leftOut[$0.id] != nil }
            return source
        }.filter { !$0.indicators.isEmpty }
        var catalogue = try SourceCatalogue(sources: kept, files: files)
        catalogue.leftOut = leftOut
        catalogue.sourcesLeftOut = sources.filter(\.synthetic)
        return catalogue
    }

    /// Each indicator with its source, by id.
    public var indicators: [String: (source: SourceDeclaration, indicator: IndicatorDeclaration)] {
        var all: [String: (SourceDeclaration, IndicatorDeclaration)] = [:]
        for source in sources { for indicator in source.indicators { all[indicator.id] = (source, indicator) } }
        return all
    }

    private func check() throws {
        var seen: [String: String] = [:]
        for source in sources {
            for indicator in source.indicators {
                if let other = seen[indicator.id] {
                    throw failure(source, "indicator '\(indicator.id)' is also declared by source '\(other)'")
                }
                seen[indicator.id] = source.id
            }
        }
        let all = indicators
        for source in sources {
            for indicator in source.indicators {
                let rule = source.rule(of: indicator)
                switch (source.level, rule) {
                case (.departement, .spread), (.epci, .value), (.commune, .sum), (.commune, .mean), (.commune, .share), (.points, .sum), (_, .ratio): break
                default: throw failure(source, "indicator '\(indicator.id)': a \(source.level.rawValue) source cannot aggregate by \(rule.name)")
                }
                if let total = indicator.withheldTotal {
                    guard source.level == .commune, rule == .sum, source.format.secrecyThreshold != nil else {
                        throw failure(source, "indicator '\(indicator.id)': withheld_total is for a count per commune whose withheld cells have a secrecy threshold")
                    }
                    guard let (other, _) = all[total], other.level == .departement else {
                        throw failure(source, "indicator '\(indicator.id)': withheld_total names '\(total)', which is not an indicator of a département source")
                    }
                }
                for reference in rule.references {
                    guard let (other, referenced) = all[reference] else {
                        throw failure(source, "indicator '\(indicator.id)' refers to '\(reference)', which no source declares")
                    }
                    let otherRule = other.rule(of: referenced)
                    let count = otherRule == .sum && [.commune, .points].contains(other.level)
                    let epciValue = otherRule == .value
                    let isRatio = if case .ratio = rule { true } else { false }
                    guard count || (isRatio && epciValue) else {
                        throw failure(source, "indicator '\(indicator.id)' refers to '\(reference)', which is not a count per commune")
                    }
                }
            }
        }
    }

    private func failure(_ source: SourceDeclaration, _ message: String) -> InputError {
        InputError(file: files[source.id] ?? source.id, message: message)
    }
}
