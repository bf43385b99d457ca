import ArgumentParser
import PropiceGeometry

/// The options of the commands that take a coverage through its topology.
struct TopologyArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Simplify the borders with this tolerance, in metres of the work CRS.", valueName: "METRES"))
    var simplify: Double?

    @Option(help: ArgumentHelp("Simplify the borders keeping this share (0-1) of their removable vertices.", valueName: "SHARE"))
    var keep: Double?

    @Option(help: "The simplification method: visvalingam (weighted, the default), visvalingam-unweighted or dp (Douglas–Peucker).")
    var method: SimplificationMethod = .visvalingam

    @Flag(inversion: .prefixedNo, help: "Keep every ring at three vertices or more, so that no polygon vanishes.")
    var keepShapes = true

    @OptionGroup var work: WorkArguments

    func validate() throws {
        if simplify != nil && keep != nil { throw ValidationError("give --simplify or --keep, not both") }
        if let simplify, !(simplify >= 0 && simplify.isFinite) { throw ValidationError("--simplify must be a distance of 0 metres or more") }
        if let keep, !(0...1).contains(keep) { throw ValidationError("--keep must be a share between 0 and 1, not \(keep)") }
    }

    /// Whether any option asks for the topology.
    var isSet: Bool { simplify != nil || keep != nil || work.snap != nil }

    var topologyOptions: TopologyOptions {
        let amount: SimplificationOptions.Amount? = simplify.map { .tolerance($0) } ?? keep.map { .keep($0) }
        var options = work.topologyOptions
        options.simplification = amount.map { SimplificationOptions(amount: $0, method: method, keepShapes: keepShapes) }
        return options
    }
}

extension SimplificationMethod: ExpressibleByArgument {}

extension GeneralisationReport {
    /// One line for the terminal.
    var summary: String {
        var parts = ["\(outputVertices) of \(inputVertices) border vertices kept"]
        if restoredForShapes > 0 { parts.append("\(restoredForShapes) put back to keep shapes") }
        if restoredForIntersections > 0 { parts.append("\(restoredForIntersections) put back to avoid crossings") }
        if droppedForPrecision > 0 { parts.append("\(droppedForPrecision) dropped for precision") }
        if inputConflicts > 0 { parts.append("\(inputConflicts) crossings already in the input left as they are") }
        return parts.joined(separator: ", ")
    }
}
