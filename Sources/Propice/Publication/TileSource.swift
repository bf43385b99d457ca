import PropiceGeometry

extension MapGeometry {
    /// What the vector tiles are drawn from, at each zoom level again: the communes' coverage
    /// at the levels that draw the communes, and below them the coverage of the EPCI's parts in
    /// each département, whose only arcs are the EPCI's and départements' borders (a coarse map
    /// need not generalise the communes' borders, nor be held by their nodes).
    public struct TileSource: Sendable {
        /// One coverage drawn on the tiles, and the EPCI and départements dissolved once from
        /// its arcs, which every zoom level's topology keeps (only their positions change).
        public struct Layers: Sendable {
            public var coverage: TiledCoverage
            /// The faces' commune codes, in the coverage's order (none in the coarse coverage).
            public var communes: [CommuneCode]
            /// Each EPCI's SIREN and rings of arcs.
            public var epci: [(code: String, arcs: TopologyFace)]
            public var departements: [(code: String, arcs: TopologyFace)]
            /// The arcs on the coverage's edge (`Topology.edgeArcs`), the same at every zoom level.
            public var edge: [Bool]

            /// The coverage, and its faces dissolved by their EPCI and département (nil: in none studied).
            init(_ layers: CoverageLayers, communes: [CommuneCode], epci: [String?], departements: [String?]) throws {
                coverage = TiledCoverage(layers)
                self.communes = communes
                self.epci = try layers.topology.dissolve(by: epci).map { ($0.key, $0.arcs) }
                self.departements = try layers.topology.dissolve(by: departements).map { ($0.key, $0.arcs) }
                edge = layers.topology.edgeArcs()
            }
        }

        /// The communes' coverage, at the zoom levels from `coarseBelow`.
        public var detailed: Layers
        /// The coverage of the EPCI's parts in each département, at the levels below `coarseBelow`.
        public var coarse: Layers?
        /// The lowest zoom level drawn from the communes' coverage.
        public var coarseBelow: Int

        /// The layers zoom level `zoom` is drawn from.
        public func layers(atZoom zoom: Int) -> Layers {
            zoom < coarseBelow ? coarse ?? detailed : detailed
        }

        /// The coverage, and the coarse one when a zoom level below `communesMinZoom` is drawn.
        init(_ layers: CoverageLayers, communes: [CommuneCode], epci: [String?], departements: [String?], settings: TileSettings) throws {
            detailed = try Layers(layers, communes: communes, epci: epci, departements: departements)
            coarseBelow = settings.communesMinZoom
            guard settings.zoom.lowerBound < coarseBelow else { return }
            // One part per EPCI and département, by both codes (a unit separator between them),
            // made a coverage again: its nodes are only where three parts or more meet.
            let parts = try layers.topology.dissolve(by: zip(epci, departements).map { e, d in
                e == nil && d == nil ? nil : (e ?? "") + "\u{1F}" + (d ?? "")
            })
            let coverage = try CoverageLayers(features: parts.map { (Properties(), $0.geometry) }, sourceCRS: layers.sourceCRS,
                                              workCRS: layers.workCRS)
            coarse = try Layers(coverage, communes: [], epci: parts.map { epci[$0.faces[0]] },
                                departements: parts.map { departements[$0.faces[0]] })
        }
    }
}
