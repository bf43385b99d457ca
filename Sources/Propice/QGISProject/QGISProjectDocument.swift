import PropiceGeometry

/// A QGIS project (`.qgs`, zipped as `.qgz`): its CRS, its layers grouped in the layer tree
/// (the départements on top, then one group per programme, the communes last and hidden),
/// and one print layout per programme.
struct QGISProjectDocument {
    /// A group of the layer tree, and the layers in it, top first.
    struct Group {
        var name: String
        var layers: [QGISMapLayer]
    }

    var title: String
    var crs: QGISSpatialReference
    /// Layers outside any group, above the groups.
    var top: [QGISMapLayer]
    var groups: [Group]
    /// Layers outside any group, below the groups.
    var bottom: [QGISMapLayer]
    var layouts: [QGISLayout]
    /// What the map canvas shows when the project opens, in the project's CRS.
    var extent: BoundingBox

    var allLayers: [QGISMapLayer] { top + groups.flatMap(\.layers) + bottom }

    func text() -> String {
        let tree = top.map { $0.treeElement(indent: "    ") }
            + groups.map { group in
                "    <layer-tree-group name=\"\(XMLText.escaped(group.name))\" checked=\"Qt::Checked\" expanded=\"1\">\n      <customproperties/>\n"
                    + group.layers.map { $0.treeElement(indent: "      ") }.joined(separator: "\n") + "\n    </layer-tree-group>"
            }
            + bottom.map { $0.treeElement(indent: "    ") }
        return """
            <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
            <qgis projectname="\(XMLText.escaped(title))" version="\(QMLDocument.qgisVersion)">
              <homePath path=""/>
              <title>\(XMLText.escaped(title))</title>
              <projectCrs>
            \(crs.element(indent: "    "))
              </projectCrs>
              <layer-tree-group>
                <customproperties/>
            \(tree.joined(separator: "\n"))
              </layer-tree-group>
              <projectlayers>
            \(allLayers.map { $0.mapLayerElement(crs: crs) }.joined(separator: "\n"))
              </projectlayers>
              <mapcanvas name="theMapCanvas" annotationsVisible="1">
                <units>meters</units>
                <extent><xmin>\(extent.minX)</xmin><ymin>\(extent.minY)</ymin><xmax>\(extent.maxX)</xmax><ymax>\(extent.maxY)</ymax></extent>
                <rotation>0</rotation>
                <destinationsrs>
            \(crs.element(indent: "      "))
                </destinationsrs>
              </mapcanvas>
              <layerorder>
            \(allLayers.map { "    <layer id=\"\(XMLText.escaped($0.id))\"/>" }.joined(separator: "\n"))
              </layerorder>
              <properties>
                <Paths><Absolute type="bool">false</Absolute></Paths>
                <SpatialRefSys><ProjectionsEnabled type="int">1</ProjectionsEnabled><ProjectCrs type="QString">\(crs.crs)</ProjectCrs></SpatialRefSys>
              </properties>
              <Layouts>
            \(layouts.map { $0.element() }.joined(separator: "\n"))
              </Layouts>
            </qgis>

            """
    }
}
