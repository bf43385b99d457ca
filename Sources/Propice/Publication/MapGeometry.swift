import Foundation
import PropiceGeometry

/// The map's borders: the communes of the EPCI studied (and of the départements studied),
/// read once, their topology generalised once per zoom band, and dissolved into EPCI and
/// départements, so that the three layers of a band share every border exactly.
public struct MapGeometry: Sendable {
    /// One feature of a layer: its code (a commune's, an EPCI's SIREN, a département's),
    /// properties and arc references. Its geometry is drawn from its band's topology when it
    /// is written (`Band.geometry(of:)`), so that a band's geometries are never all in memory.
    public struct Shape<Code: Hashable & Sendable & CustomStringConvertible>: Sendable {
        public var code: Code
        public var properties: Properties
        public var arcs: TopologyFace
    }

    /// The layers of one zoom band.
    public struct Band: Sendable {
        public var band: ZoomBand
        /// The generalised topology, in WGS 84, rounded to the output's decimals.
        public var topology: Topology
        /// The same arcs and vertices in the map CRS (unrounded), when a format drawn in it is
        /// written: a shape's geometry there is `mapTopology.geometry(of: shape.arcs)`.
        public var mapTopology: Topology?
        public var report: GeneralisationReport
        public var communes: [Shape<CommuneCode>]
        /// The EPCI in SIREN order.
        public var epci: [Shape<EPCICode>]
        public var departements: [Shape<DepartementCode>]

        /// A shape's geometry in WGS 84, rounded to the output's decimals.
        public func geometry<Code>(of shape: Shape<Code>) -> Geometry? {
            topology.geometry(of: shape.arcs)
        }

        /// A shape as a feature in WGS 84, its id the code.
        func feature<Code>(_ shape: Shape<Code>) -> Feature {
            Feature(id: .string(shape.code.description), properties: shape.properties, geometry: geometry(of: shape))
        }
    }

    public var bands: [Band]
    /// Kept only when the build writes vector tiles.
    public var tileSource: TileSource?
    /// The commune polygons read.
    public var communeCount: Int
    /// The CRS of the bands' `mapTopology`, if they have one.
    public var mapCRS: CRS?

    /// Reads the configuration's commune polygons and builds every band's layers for the area
    /// studied. The membership table is let go once the polygons are matched to it, before any
    /// band is generalised.
    public init(configuration: ProjectConfiguration, territories: consuming Territories, area: StudyArea,
                progress: BuildProgress? = nil) throws {
        guard let path = configuration.communes else {
            throw InputError(file: configuration.path, message: "communes: the commune polygons are needed to build the map")
        }
        let settings = configuration.build
        let epci = area.epci, departements = area.departements
        let field = CommuneCodeField(configuration.communesCode)
        let (layers, codes) = try Self.communes(configuration, field: field, wanted: Self.wantedCommunes(territories, area: area), file: path)
        progress?.step("reading the commune polygons")
        try Self.requireCleanCoverage(layers, codes: codes, codeField: field.name, file: path)
        communeCount = codes.count
        let members = try Members(codes, territories: territories, file: path)
        let departementNames = territories.departementNames
        _ = consume territories
        let epciGroups = members.epci.map { $0?.value }
        let departementGroups = members.departements.map { departements.contains($0) ? $0.value : nil }
        let departementByKey = Dictionary(uniqueKeysWithValues: Set(members.departements).map { ($0.value, $0) })
        let epciByCode = Dictionary(epci.map { ($0.code.value, $0) }, uniquingKeysWith: { first, _ in first })
        let mapCRS = settings.formats.contains(where: \.isDrawnInMapCRS) ? settings.mapCRS : nil
        self.mapCRS = mapCRS
        tileSource = settings.formats.contains(.tiles) ? try TileSource(layers, communes: codes, epci: epciGroups, departements: departementGroups, settings: settings.tiles) : nil
        // Every band generalised before any shape is made, the peak then holding no shape; the
        // bands at once, each on a thread of its own: the generalisation's repair rounds leave the
        // other core idle, and the Monte Carlo that filled it has finished by now (France: 0.2 s less,
        // the peak 2 MiB higher). Threads of their own, not a parallel map's workers, whose own
        // parallel loops would then run on one core each, even once the other band is done.
        // The pages the previous step freed given back first.
        FreedMemory.release()
        let generalising = settings.bands.map { band in
            BackgroundComputation { () throws -> (Topology, Topology?, GeneralisationReport) in
                let (topology, work, report) = try layers.generalised(band.simplification, to: .wgs84, decimals: settings.precision,
                                                                      keepingWork: mapCRS != nil)
                let mapTopology = try mapCRS.flatMap { crs in try work?.reprojected(from: settings.workCRS, to: crs) }
                return (topology, mapTopology, report)
            }
        }
        let generalised = try generalising.map { try $0.value() }
        progress?.step("generalising the bands")
        let communeNames = ["code_commune", "nom_commune", "code_epci", "code_departement"]
        let communeProperties = codes.indices.map { i in
            Properties(Array(zip(communeNames, [.string(codes[i].value), .string(members.names[i]), members.epci[i].map { .string($0.value) } ?? .null,
                                                .string(members.departements[i].value)])))
                .sharingNames(communeNames)
        }
        // The bands dissolved at once too, each on a thread of its own: a dissolve keeps two
        // cores busy only part of the time.
        let dissolving = zip(settings.bands, generalised).map { band, generalised in
            BackgroundComputation { () throws -> Band in
                let (topology, mapTopology, report) = generalised
                let communes = try codes.indices.map { i in
                    guard topology.faces[i].kind != .none else {
                        throw InputError(file: path, message: "commune \(codes[i]) has no polygon left once generalised")
                    }
                    return Shape(code: codes[i], properties: communeProperties[i], arcs: topology.faces[i])
                }
                let epciShapes = try topology.dissolve(by: epciGroups).map { group in
                    guard let territory = epciByCode[group.key] else {
                        throw InputError(file: path, message: "the polygons dissolve into an EPCI \(group.key) that is not studied")
                    }
                    return Shape(code: territory.code, properties: Properties([("code_epci", .string(group.key)), ("nom_epci", .string(territory.name))]),
                                 arcs: group.arcs)
                }.sorted { $0.code < $1.code }
                let departementShapes = try topology.dissolve(by: departementGroups).map { group in
                    guard let code = departementByKey[group.key] else {
                        throw InputError(file: path, message: "the polygons dissolve into a département \(group.key) that is not studied")
                    }
                    return Shape(code: code, properties: Properties([("code_departement", .string(group.key)),
                                                                     ("nom_departement", .string(departementNames[code] ?? group.key))]),
                                 arcs: group.arcs)
                }.sorted { $0.code < $1.code }
                return Band(band: band, topology: topology, mapTopology: mapTopology, report: report, communes: communes, epci: epciShapes,
                            departements: departementShapes)
            }
        }
        bands = try dissolving.map { try $0.value() }
        progress?.step("dissolving the bands into EPCI and départements")
    }

    /// The communes of the EPCI studied, and those of the départements studied in no EPCI (islands).
    static func wantedCommunes(_ territories: borrowing Territories, area: StudyArea) -> Set<CommuneCode> {
        let studied = Set(area.epci.map(\.code))
        return Set(territories.communes.values.filter { commune in
            commune.epci.map(studied.contains) ?? area.departements.contains(commune.departement)
        }.map(\.code))
    }

    /// The polygons of the communes wanted, with only their code as property, and their codes.
    static func communes(_ configuration: ProjectConfiguration, field: CommuneCodeField, wanted: Set<CommuneCode>,
                         file path: String) throws -> (CoverageLayers, [CommuneCode]) {
        let names = [field.name]
        let layers = try CoverageLayers(input: path, sourceCRS: configuration.communesCRS, workCRS: configuration.build.workCRS) { properties in
            field.code(in: properties).flatMap { wanted.contains($0) ? Properties([(field.name, .string($0.value))]).sharingNames(names) : nil }
        }
        return (layers, try communeCodes(layers, wanted: wanted, field: field, file: path))
    }

    /// What the layers take of the membership table, per polygon: the commune's name, EPCI and département.
    struct Members {
        var names: [String] = [], epci: [EPCICode?] = [], departements: [DepartementCode] = []

        init(_ codes: [CommuneCode], territories: borrowing Territories, file path: String) throws {
            names.reserveCapacity(codes.count)
            epci.reserveCapacity(codes.count)
            departements.reserveCapacity(codes.count)
            for code in codes {
                guard let commune = territories.communes[code] else {
                    throw InputError(file: path, message: "commune \(code) is not in the membership table")
                }
                names.append(commune.name)
                epci.append(commune.epci)
                departements.append(commune.departement)
            }
        }
    }

    /// The commune code of each polygon kept: every commune wanted has one polygon, exactly.
    static func communeCodes(_ layers: CoverageLayers, wanted: Set<CommuneCode>, field: CommuneCodeField, file path: String) throws -> [CommuneCode] {
        let codes = try layers.properties.map { properties in
            guard let code = field.code(in: properties) else {
                throw InputError(file: path, message: "a polygon kept has no commune code in property \(field.name)")
            }
            return code
        }
        let found = Set(codes)
        guard found.count == codes.count else {
            let repeated = Dictionary(grouping: codes, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted().prefix(5)
            throw InputError(file: path, message: "communes listed twice: \(repeated.map(\.value).joined(separator: ", "))")
        }
        let missing = wanted.subtracting(found).sorted()
        guard missing.isEmpty else {
            throw InputError(file: path, message: "\(missing.count) communes of the EPCI studied have no polygon (property \(field.name)): "
                             + missing.prefix(8).map(\.value).joined(separator: ", ") + (missing.count > 8 ? ", …" : ""))
        }
        return codes
    }

    /// Refuses commune polygons that overlap, cross or leave gaps between them (areas in no
    /// polygon up to 1 km²; larger ones are real holes, such as Llívia): the EPCI dissolved
    /// from them would be wrong. The message names the first issue and counts the others.
    static func requireCleanCoverage(_ layers: CoverageLayers, codes: [CommuneCode], codeField: String, file: String) throws {
        let report = try LayerCoverageCheck.check(topology: layers.topology, codes: codes.map(\.value), codeField: codeField,
                                                  workCRS: layers.workCRS)
        guard let first = report.issues.first else { return }
        let area = first.area.map { String(format: " of %.1f m²", $0) } ?? ""
        throw InputError(file: file, message: "the commune polygons are not a clean coverage (\(report.issueCounts))"
                         + "; first, \(first.kind.rawValue)\(area) at " + String(format: "%.6f, %.6f", first.location.x, first.location.y)
                         + " (\(first.codes.joined(separator: ", "))); propice coverage check lists them all")
    }
}
