/// A layer's style in OGC Styled Layer Descriptor 1.1 with Symbology Encoding 1.1, for the
/// clients that do not read QML (GeoServer, QGIS Server's WMS clients, MapServer): one rule per
/// class, its filter on the layer's properties, its fill and outline. The hatch of *données
/// insuffisantes* is a graphic fill of lines at 45°, as QGIS writes it (`horline`, rotated).
enum SLDDocument {
    /// Stroke widths are in pixels of 0.28 mm in SE 1.1 (the standard rendering pixel).
    static let millimetresPerPixel = 0.28

    static func style(_ symbology: LayerSymbology, layer: String) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<StyledLayerDescriptor version="1.1.0" xmlns="http://www.opengis.net/sld" xmlns:se="http://www.opengis.net/se" xmlns:ogc="http://www.opengis.net/ogc" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd">"#,
            " <NamedLayer>", "  <se:Name>\(XMLText.escaped(layer))</se:Name>", "  <UserStyle>",
            "   <se:Name>\(XMLText.escaped(symbology.title))</se:Name>", "   <se:FeatureTypeStyle>",
        ]
        switch symbology.renderer {
        case .single(let symbol):
            lines += rule(name: symbology.title, conditions: [], symbol: symbol).map { "    " + $0 }
        case .categorised(_, let categories):
            for category in categories {
                lines += rule(name: category.label, conditions: category.conditions, symbol: category.symbol).map { "    " + $0 }
            }
        }
        lines += ["   </se:FeatureTypeStyle>", "  </UserStyle>", " </NamedLayer>", "</StyledLayerDescriptor>", ""]
        return lines.joined(separator: "\n")
    }

    private static func rule(name: String, conditions: [LayerSymbology.Condition], symbol: LayerSymbology.Symbol) -> [String] {
        var lines = ["<se:Rule>", " <se:Name>\(XMLText.escaped(name))</se:Name>",
                     " <se:Description><se:Title>\(XMLText.escaped(name))</se:Title></se:Description>"]
        if !conditions.isEmpty {
            let tests = conditions.map { condition -> String in
                let literal = switch condition.literal {
                case .text(let text): XMLText.escaped(text)
                case .integer(let value): String(value)
                }
                return "<ogc:PropertyIsEqualTo><ogc:PropertyName>\(XMLText.escaped(condition.property))</ogc:PropertyName><ogc:Literal>\(literal)</ogc:Literal></ogc:PropertyIsEqualTo>"
            }
            lines.append(" <ogc:Filter>" + (tests.count > 1 ? "<ogc:And>" + tests.joined() + "</ogc:And>" : tests[0]) + "</ogc:Filter>")
        }
        lines += [" <se:PolygonSymbolizer>"]
        if let fill = symbol.fill {
            lines.append("  <se:Fill><se:SvgParameter name=\"fill\">\(fill.hex)</se:SvgParameter></se:Fill>")
        }
        lines += ["  <se:Stroke>", "   <se:SvgParameter name=\"stroke\">\(symbol.outline.hex)</se:SvgParameter>",
                  "   <se:SvgParameter name=\"stroke-width\">\(pixels(symbol.outlineWidth))</se:SvgParameter>",
                  "   <se:SvgParameter name=\"stroke-linejoin\">round</se:SvgParameter>", "  </se:Stroke>", " </se:PolygonSymbolizer>"]
        if let hatch = symbol.hatch {
            lines += [" <se:PolygonSymbolizer>", "  <se:Fill>", "   <se:GraphicFill>", "    <se:Graphic>", "     <se:Mark>",
                      "      <se:WellKnownName>horline</se:WellKnownName>",
                      "      <se:Stroke><se:SvgParameter name=\"stroke\">\(hatch.hex)</se:SvgParameter><se:SvgParameter name=\"stroke-width\">1</se:SvgParameter></se:Stroke>",
                      "     </se:Mark>", "     <se:Size>8</se:Size>", "     <se:Rotation><ogc:Literal>45</ogc:Literal></se:Rotation>",
                      "    </se:Graphic>", "   </se:GraphicFill>", "  </se:Fill>", " </se:PolygonSymbolizer>"]
        }
        return lines + ["</se:Rule>"]
    }

    private static func pixels(_ millimetres: Double) -> String {
        String(format: "%.2f", millimetres / millimetresPerPixel)
    }
}
