import PropiceGeometry

/// A layer's QGIS style (QML): its renderer (categorised on the classes, or one symbol), its
/// fields' French aliases, its geometry type. QGIS reads it from `layer_styles` when it opens
/// the layer; the QGIS project embeds the same elements in its map layers.
///
/// Symbol layers are written both as an `Option` map (QGIS 3.18 and later) and as `prop`
/// elements (the earlier 3.x), as QGIS itself writes them.
enum QMLDocument {
    /// The QGIS version the documents are written for: the oldest that reads every element.
    static let qgisVersion = "3.22.0-Białowieża"

    /// The whole style document.
    static func style(_ symbology: LayerSymbology, columns: [GeoPackageColumn]) -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="\(qgisVersion)" styleCategories="AllStyleCategories">
        \(layerElements(symbology, columns: columns, indent: " "))
        </qgis>

        """
    }

    /// The elements a style and a project's map layer share: renderer, aliases, geometry type.
    static func layerElements(_ symbology: LayerSymbology, columns: [GeoPackageColumn], indent: String) -> String {
        var lines = renderer(symbology.renderer)
        lines.append("<aliases>")
        for column in columns {
            lines.append(" <alias field=\"\(XMLText.escaped(column.property))\" name=\"\(XMLText.escaped(column.title))\"/>")
        }
        lines += ["</aliases>", "<legend type=\"default-vector\" showLabelLegend=\"0\"/>", "<layerGeometryType>2</layerGeometryType>"]
        return lines.map { indent + $0 }.joined(separator: "\n")
    }

    private static func renderer(_ renderer: LayerSymbology.Renderer) -> [String] {
        switch renderer {
        case .single(let symbol):
            return ["<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\" referencescale=\"-1\">",
                    " <symbols>"] + self.symbol(symbol, name: "0").map { "  " + $0 } + [" </symbols>", "</renderer-v2>"]
        case .categorised(let expression, let categories):
            var lines = ["<renderer-v2 type=\"categorizedSymbol\" attr=\"\(XMLText.escaped(expression))\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\" referencescale=\"-1\">",
                         " <categories>"]
            for (i, category) in categories.enumerated() {
                lines.append("  <category value=\"\(XMLText.escaped(category.value))\" label=\"\(XMLText.escaped(category.label))\" symbol=\"\(i)\" render=\"true\"/>")
            }
            lines += [" </categories>", " <symbols>"]
            for (i, category) in categories.enumerated() { lines += symbol(category.symbol, name: String(i)).map { "  " + $0 } }
            return lines + [" </symbols>", "</renderer-v2>"]
        }
    }

    /// A fill symbol: the fill (or none) with its outline, then the hatch, if any, as a second layer.
    private static func symbol(_ symbol: LayerSymbology.Symbol, name: String) -> [String] {
        var lines = ["<symbol type=\"fill\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"]
        lines += simpleFill([("color", symbol.fill?.qgis ?? "0,0,0,0"), ("style", symbol.fill == nil ? "no" : "solid"),
                             ("outline_color", symbol.outline.qgis), ("outline_style", "solid"),
                             ("outline_width", number(symbol.outlineWidth)), ("outline_width_unit", "MM"), ("joinstyle", "round")])
        if let hatch = symbol.hatch {
            lines += simpleFill([("color", hatch.qgis), ("style", "b_diagonal"), ("outline_color", hatch.qgis), ("outline_style", "no"),
                                 ("outline_width", "0"), ("outline_width_unit", "MM"), ("joinstyle", "round")])
        }
        return lines + ["</symbol>"]
    }

    private static func simpleFill(_ properties: [(String, String)]) -> [String] {
        [" <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">", "  <Option type=\"Map\">"]
            + properties.map { "   <Option type=\"QString\" name=\"\($0.0)\" value=\"\(XMLText.escaped($0.1))\"/>" }
            + ["  </Option>"]
            + properties.map { "  <prop k=\"\($0.0)\" v=\"\(XMLText.escaped($0.1))\"/>" }
            + [" </layer>"]
    }

    /// A length as QGIS writes it: no trailing zeros.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
