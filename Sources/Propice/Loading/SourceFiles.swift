import PropiceGeometry

/// Where a catalogue's sources are read from, and their tables read: what needs no territory,
/// so that it runs while the membership table is read.
public struct SourceFiles: Sendable {
    /// The folder that the sources' paths are relative to.
    public let dataFolder: String
    /// The commune polygons that points are assigned to.
    public let communePolygons: String?

    public init(dataFolder: String, communePolygons: String?) {
        self.dataFolder = dataFolder
        self.communePolygons = communePolygons
    }

    /// The source's file.
    public func path(of source: SourceDeclaration) -> String {
        FilePath.resolve(source.path, against: dataFolder)
    }

    /// About how many bytes reading a source takes in: its table's and, for points, the commune
    /// polygons they are placed in. Sources read in parallel are taken largest first.
    public func sizeToRead(_ source: SourceDeclaration) -> Int {
        let polygons = source.level == .points ? communePolygons.map { TextTable.sizeToRead(path: $0) } ?? 0 : 0
        return TextTable.sizeToRead(path: path(of: source), in: source.container) + polygons
    }

    /// The source's table, read with its file habits.
    public func table(of source: SourceDeclaration) throws -> TextTable {
        try TextTable(path: path(of: source), in: source.container, format: source.format.tableFormat)
    }
}
