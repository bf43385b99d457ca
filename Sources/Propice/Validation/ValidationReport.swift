import Foundation
import PropiceGeometry

/// The text `propice validate` prints: per source, the rows read, the codes matched, migrated
/// and unmatched, the masked cells and the communes of the territory without a row; per
/// indicator, how complete its EPCI figures are.
public struct ValidationReport: Sendable {
    public let inputs: IndicatorInputs
    public let aggregates: EPCIIndicators

    /// The communes of the région studied, or all, by code.
    public let studiedCommunes: [CommuneCode]

    public init(inputs: IndicatorInputs, aggregates: EPCIIndicators) {
        self.inputs = inputs
        self.aggregates = aggregates
        let region = inputs.configuration.region
        studiedCommunes = inputs.territories.communes.values.filter { region == nil || $0.region == region }.map(\.code).sorted()
    }

    /// The communes of the territory studied (the région's, or all) that the source has no row
    /// for, by code; none for sources where a missing row is a zero, or not per commune.
    public func communesWithoutRow(_ source: SourceData) -> [CommuneCode] {
        guard source.declaration.level == .commune, source.declaration.absent == .missing else { return [] }
        return studiedCommunes.filter { source.position(of: .commune($0)) == nil }
    }

    public var text: String {
        let configuration = inputs.configuration
        var lines: [String] = []
        let scope = configuration.region.map { "with a commune in région \($0)" } ?? "of every région"
        lines.append("\(configuration.name): COG \(configuration.cog), \(aggregates.epci.count) EPCI \(scope), \(studiedCommunes.count) communes; "
                     + "completeness weighted by \(configuration.completenessWeight ?? "commune count")")
        let leftOut = inputs.catalogue.sourcesLeftOut.map(\.id)
        if !leftOut.isEmpty {
            lines.append("synthetic sources left out (synthetic: exclude): \(leftOut.joined(separator: ", ")), "
                         + "with the indicators resting on them: \(inputs.catalogue.leftOut.keys.sorted().joined(separator: ", "))")
        }
        let width = aggregates.indicators.map(\.count).max() ?? 0
        let studied = Set(studiedCommunes)
        for source in inputs.sources {
            let d = source.declaration, r = source.report
            lines.append("")
            lines.append("\(d.id)\(d.synthetic ? " (SYNTHETIC)" : ""): \(d.title)")
            let part = d.member.map { ", member \($0)" } ?? d.sheet.map { ", sheet '\($0)'" } ?? ""
            lines.append("  file \(d.path)\(part), \(d.level.rawValue) level\(d.cog.map { ", COG \($0) codes" } ?? "")")
            var counts = ["rows \(r.rows)"]
            if r.filteredOut > 0 { counts.append("left out by where \(r.filteredOut)") }
            if r.repeatedRows > 0 { counts.append("repeated \(r.repeatedRows)") }
            if r.arrondissementsLeftOut > 0 { counts.append("arrondissements left out (their commune has a row) \(r.arrondissementsLeftOut)") }
            if r.withoutEPCI > 0 { counts.append("for communes in no EPCI \(r.withoutEPCI)") }
            counts += ["matched \(r.matched)", "migrated \(r.migrated.count)", "unmatched \(r.unmatched.count)", "masked cells \(r.masked)"]
            if d.level == .points { counts.append("outside every commune \(r.outside.count)") }
            lines.append("  " + counts.joined(separator: " · "))
            if !r.migrated.isEmpty { lines.append("  migrated: " + list(r.migrated.map { "\($0.from) → \($0.to)" })) }
            if !r.unmatched.isEmpty { lines.append("  unmatched: " + list(r.unmatched.map { "\($0.code) (line \($0.line))" })) }
            if !r.outside.isEmpty { lines.append("  outside: " + list(r.outside.map { "line \($0.line)" })) }
            let former = r.valuedFromFormerCodes.filter { studied.contains($0.commune) }
            if !former.isEmpty {
                lines.append("  communes studied with no row of their own, valued from their former communes: \(former.count): "
                             + list(former.map { "\($0.commune) ← \($0.from.map(\.value).joined(separator: ", "))" }))
            }
            let without = communesWithoutRow(source)
            if !without.isEmpty { lines.append("  communes studied without a row: \(without.count) of \(studiedCommunes.count): " + list(without.map(\.value))) }
            lines.append("  " + CompletenessDistribution.header(width: width))
            for indicator in d.indicators {
                let distribution = CompletenessDistribution(aggregates.values[indicator.id]!.map(\.completeness))
                lines.append("  " + distribution.row(indicator.id, width: width))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first items of a list, and how many more there are.
    private func list(_ items: [String], limit: Int = 8) -> String {
        items.prefix(limit).joined(separator: ", ") + (items.count > limit ? ", … (\(items.count - limit) more)" : "")
    }
}
