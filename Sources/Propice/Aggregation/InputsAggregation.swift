import PropiceGeometry

extension IndicatorInputs {
    /// The indicators aggregated to the EPCI studied; an error when a figure overflows (the
    /// sum of cells near the largest double) or an indicator is known for no EPCI at all.
    public func aggregated() throws -> EPCIIndicators {
        let aggregates = EPCIIndicators(sources: sources, catalogue: catalogue, territories: territories, epci: area.epci,
                                        completenessWeight: configuration.completenessWeight)
        guard !aggregates.epci.isEmpty else { return aggregates }
        // Figures read from cells first: a weight that overflows is named before the means it weighs.
        let sourced = zip(catalogue.sources, sources).flatMap { source, data in source.indicators.map { (source, data, $0) } }
        let ordered = sourced.filter { Self.isRead($0.2, of: $0.0) } + sourced.filter { !Self.isRead($0.2, of: $0.0) }
        for (source, data, indicator) in ordered {
            guard let figures = aggregates.values[indicator.id] else { continue }
            let file = FilePath.resolve(source.path, against: configuration.data)
            if let row = figures.firstIndex(where: { !$0.isFinite }) {
                let epci = aggregates.epci[row]
                throw InputError(file: file, message: "\(indicator.id) for \(epci.name) (\(epci.code)) adds up past the largest figure there can be (about 1.8e308)")
            }
            guard figures.allSatisfy({ $0.value == nil }) else { continue }
            throw InputError(file: file, message: "\(indicator.id) has no figure for any of the \(aggregates.epci.count) EPCI studied: \(Self.whyMissing(indicator, of: source, data: data))")
        }
        return aggregates
    }

    /// Whether the indicator's figures are sums or values of cells, rather than means, ratios or spreads of other figures.
    private static func isRead(_ indicator: IndicatorDeclaration, of source: SourceDeclaration) -> Bool {
        switch source.rule(of: indicator) {
        case .sum, .value: true
        case .mean, .share, .ratio, .spread: false
        }
    }

    /// Why an indicator is known nowhere: its source reaches no territory studied, its cells
    /// are all blank or withheld without bounds, or its ratio divides by zero everywhere.
    private static func whyMissing(_ indicator: IndicatorDeclaration, of source: SourceDeclaration, data: SourceData) -> String {
        if case .ratio(_, let denominator, _) = source.rule(of: indicator) {
            return "its denominator \(denominator) is zero or missing in every EPCI"
        }
        if data.codes.isEmpty { return "no row of the source lands on a territory studied" }
        return "its cells are blank, or withheld without bounds, in every territory studied"
    }
}
