import PropiceGeometry

/// What a configuration studies, worked out once: the EPCI with at least one commune in its
/// région or départements (every EPCI without either) and the départements of the communes
/// studied.
public struct StudyArea: Sendable {
    /// The EPCI studied, by SIREN.
    public let epci: [Territories.EPCI]
    /// The départements of the communes studied.
    public let departements: Set<DepartementCode>
    private let region: String?
    private let selection: DepartementSelection?

    /// The area of a région, of départements, or (with neither) of every territory.
    public init(region: String? = nil, departements selection: DepartementSelection? = nil, territories: Territories) {
        self.region = region
        self.selection = selection
        let all = territories.epci.values.sorted { $0.code < $1.code }
        epci = if let region {
            all.filter { $0.regions.contains(region) }
        } else if let selection {
            all.filter { $0.departements.contains(where: selection.contains) }
        } else {
            all
        }
        var departements = Set<DepartementCode>()
        for commune in territories.communes.values where Self.studies(commune, region: region, selection: selection) {
            departements.insert(commune.departement)
        }
        self.departements = departements
    }

    /// Whether a commune lies in the région or départements studied.
    public func studies(_ commune: Territories.Commune) -> Bool {
        Self.studies(commune, region: region, selection: selection)
    }

    private static func studies(_ commune: Territories.Commune, region: String?, selection: DepartementSelection?) -> Bool {
        if let region { return commune.region == region }
        if let selection { return selection.contains(commune.departement) }
        return true
    }
}
