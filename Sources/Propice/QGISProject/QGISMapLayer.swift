import PropiceGeometry

/// One layer of the QGIS project: a table of `propice.gpkg`, its id, title and style.
struct QGISMapLayer {
    /// The layer's id in the project: its table's name, unique in the GeoPackage.
    var id: String
    var title: String
    var symbology: LayerSymbology
    var columns: [GeoPackageColumn]
    /// Whether the layer is drawn when the project opens.
    var visible: Bool
    /// Its name in a layout's legend, shorter than its title.
    var legendName: String

    /// Its source, relative to the project: the project and the GeoPackage travel together.
    var source: String { "./propice.gpkg|layername=\(id)" }

    /// The `<layer-tree-layer>` of the project's layer tree, or of a layout's legend, where it
    /// is labelled `legendName`.
    func treeElement(indent: String, inLegend: Bool = false) -> String {
        let properties = inLegend
            ? "<customproperties><Option type=\"Map\"><Option type=\"QString\" name=\"legend/title-label\" value=\"\(XMLText.escaped(legendName))\"/></Option></customproperties>"
            : "<customproperties/>"
        return "\(indent)<layer-tree-layer id=\"\(XMLText.escaped(id))\" name=\"\(XMLText.escaped(title))\" source=\"\(XMLText.escaped(source))\" "
            + "providerKey=\"ogr\" checked=\"\(visible || inLegend ? "Qt::Checked" : "Qt::Unchecked")\" expanded=\"\(visible || inLegend ? 1 : 0)\">\(properties)</layer-tree-layer>"
    }

    /// The `<maplayer>` of `<projectlayers>`: source, CRS, and the style QGIS would read from `layer_styles`.
    func mapLayerElement(crs: QGISSpatialReference) -> String {
        """
            <maplayer type="vector" geometry="Polygon" wkbType="MultiPolygon" styleCategories="AllStyleCategories" hasScaleBasedVisibilityFlag="0" minScale="0" maxScale="0" readOnly="0" labelsEnabled="0">
              <id>\(XMLText.escaped(id))</id>
              <datasource>\(XMLText.escaped(source))</datasource>
              <layername>\(XMLText.escaped(title))</layername>
              <srs>
        \(crs.element(indent: "        "))
              </srs>
              <provider encoding="UTF-8">ogr</provider>
        \(QMLDocument.layerElements(symbology, columns: columns, indent: "      "))
            </maplayer>
        """
    }
}

/// A CRS as a QGIS project writes it: its WKT, which QGIS reads first, and its authority id.
struct QGISSpatialReference {
    var crs: CRS
    var definition: CRSDefinition

    init(_ crs: CRS) throws {
        self.crs = crs
        definition = try CRSDefinition(crs)
    }

    func element(indent: String) -> String {
        [
            "<spatialrefsys>", " <wkt>\(XMLText.escaped(definition.wkt))</wkt>", " <srid>\(crs.epsg)</srid>",
            " <authid>\(crs)</authid>", " <description>\(XMLText.escaped(definition.name))</description>", "</spatialrefsys>",
        ].map { indent + $0 }.joined(separator: "\n")
    }
}
