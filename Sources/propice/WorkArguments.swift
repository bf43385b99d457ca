import ArgumentParser
import PropiceGeometry

/// The options of the space a coverage's topology is built in: its CRS and snapping.
struct WorkArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Merge vertices closer than this, in metres, before building the topology.", valueName: "METRES"))
    var snap: Double?

    @Option(help: ArgumentHelp("The metric CRS the topology is built in. Default: EPSG:2154 (Lambert-93).", valueName: "EPSG:N"))
    var workCRS: CRSArgument?

    func validate() throws {
        if let snap, !(snap > 0 && snap.isFinite) { throw ValidationError("--snap must be a positive distance in metres") }
    }

    /// Topology options without simplification.
    var topologyOptions: TopologyOptions { TopologyOptions(workCRS: workCRS?.crs ?? .lambert93, snap: snap) }
}
