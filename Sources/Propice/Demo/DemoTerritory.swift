import Foundation
import PropiceGeometry

/// The embedded demo's territory: an invented coverage of communes off the Atlantic coast, in
/// Lambert-93, grouped into EPCI of every nature and two départements, with a population per
/// commune. Every name says it is fictional. The same seed gives the same territory.
public struct DemoTerritory: Sendable {
    public struct Commune: Sendable {
        public var code: String
        public var name: String
        public var epci: Int
        public var departement: String
        public var population: Double
        /// 0 (rural) to 1 (the densest commune).
        public var urbanity: Double
        /// A point inside the commune, in Lambert-93.
        public var centre: Position
        public var geometry: Geometry
    }

    public struct EPCI: Sendable {
        public var siren: String
        public var name: String
        public var nature: EPCINature
        public var departement: String
    }

    public static let departements = [("96", "Fictif-Nord (fictif)"), ("98", "Fictif-Sud (fictif)")]
    public static let region = ("00", "Région fictive")

    public var communes: [Commune]
    public var epci: [EPCI]

    /// A grid of `columns` × `rows` communes of about 4 km grouped into `epciCount` EPCI.
    public init(columns: Int = 14, rows: Int = 11, epciCount: Int = 12, seed: UInt64 = 2023) {
        var random = SeededGenerator(seed: seed)
        let cells = SyntheticCoverage(polygons: columns * rows, verticesPerPolygon: 24, cellSize: 4_000, seed: seed).features()
        // EPCI: the cells nearest to seeded centres, so that each is in one piece.
        let centres = (0..<epciCount).map { _ in (x: random.uniform() * Double(columns), y: random.uniform() * Double(rows)) }
        func cell(_ n: Int) -> (x: Double, y: Double) { (Double(n % columns) + 0.5, Double(n / columns) + 0.5) }
        let group = (0..<cells.count).map { n -> Int in
            let c = cell(n)
            return centres.indices.min { a, b in
                hypot(centres[a].x - c.x, centres[a].y - c.y) < hypot(centres[b].x - c.x, centres[b].y - c.y)
            }!
        }
        // The EPCI whose centre is nearest the middle holds the city; départements split north and south.
        let middle = (x: Double(columns) / 2, y: Double(rows) / 2)
        let city = centres.indices.min { hypot(centres[$0].x - middle.x, centres[$0].y - middle.y) < hypot(centres[$1].x - middle.x, centres[$1].y - middle.y) }!
        let cityCell = (0..<cells.count).filter { group[$0] == city }.min {
            hypot(cell($0).x - centres[city].x, cell($0).y - centres[city].y) < hypot(cell($1).x - centres[city].x, cell($1).y - centres[city].y)
        }!
        var names = NameMaker(random: random)
        let epciNames = centres.indices.map { _ in names.next() }
        var populations: [Double] = cells.indices.map { n in
            let c = cell(n), centre = cell(cityCell)
            let distance = hypot(c.x - centre.x, c.y - centre.y)
            return (120_000 * exp(-distance / 1.4) + 300 * exp(2.2 * random.uniform())).rounded()
        }
        for i in centres.indices where i != city { // a market town in each EPCI
            if let town = cells.indices.first(where: { group[$0] == i }) { populations[town] += (4_000 + 9_000 * random.uniform()).rounded() }
        }
        let densest = log(populations.max()!), sparsest = log(populations.min()!)
        var counters: [String: Int] = [:]
        var communes: [Commune] = []
        for (n, feature) in cells.enumerated() {
            let departement = centres[group[n]].y >= Double(rows) / 2 ? "96" : "98"
            counters[departement, default: 0] += 1
            let ring = feature.geometry!.polygons[0].exterior.positions
            let centre = Position(x: ring.dropLast().map(\.x).reduce(0, +) / Double(ring.count - 1),
                                  y: ring.dropLast().map(\.y).reduce(0, +) / Double(ring.count - 1))
            communes.append(Commune(code: departement + String(format: "%03d", counters[departement]!),
                                    name: n == cityCell ? "\(epciNames[city]) (fictive)" : "\(names.next()) (fictive)",
                                    epci: group[n], departement: departement, population: populations[n],
                                    urbanity: (log(populations[n]) - sparsest) / (densest - sparsest), centre: centre,
                                    geometry: feature.geometry!))
        }
        epci = centres.indices.map { i in
            let members = communes.filter { $0.epci == i }
            let population = members.map(\.population).reduce(0, +)
            let nature: EPCINature = i == city ? .me : population > 50_000 ? .ca : .cc
            let article = nature == .me ? "Métropole de" : nature == .ca ? "CA de" : "CC du Pays de"
            return EPCI(siren: String(format: "999%06d", i + 1), name: "\(article) \(epciNames[i]) (fictif)", nature: nature,
                        departement: members.first?.departement ?? "96")
        }
        self.communes = communes
    }
}

/// Invented French-sounding place names, from syllables; never twice the same.
struct NameMaker {
    var random: SeededGenerator
    private var used = Set<String>()
    private static let starts = ["Val", "Mont", "Roche", "Bois", "Font", "Clair", "Beau", "Saint-Ferl", "Mar", "Pra", "Cor", "Lan", "Ver", "Bru"]
    private static let middles = ["", "e", "i", "o", "a", "en", "ou"]
    private static let ends = ["ville", "bourg", "mont", "court", "lac", "nac", "ac", "ières", "ois", "ens", "y", "argues", "ière"]

    init(random: SeededGenerator) { self.random = random }

    mutating func next() -> String {
        while true {
            func pick(_ list: [String]) -> String { list[Int(random.uniform() * Double(list.count)) % list.count] }
            var name = pick(Self.starts) + pick(Self.middles) + pick(Self.ends)
            if random.uniform() < 0.2 { name += "-sur-" + pick(["Brune", "Fictive", "Lande", "Orne-Imaginaire"]) }
            if used.insert(name).inserted { return name }
        }
    }
}
