import PropiceGeometry

/// One programme's print layout in the QGIS project, A4 landscape as propice's own print
/// maps: title, map (the programme's EPCI and the départements), legend, scale bar in
/// kilometres, north arrow, sources and date, and the notice when there is one.
struct QGISLayout {
    var name: String
    var title: String
    var subtitle: String
    /// The layers the map draws, top first.
    var layers: [QGISMapLayer]
    /// The map's extent, in the map CRS.
    var extent: BoundingBox
    var sources: String
    var notice: String?
    /// A number telling this layout's items from the other layouts'.
    var index: Int

    static let map = (x: 10.0, y: 26.0, width: 195.0, height: 150.0)

    private func uuid(_ item: Int) -> String {
        "{00000000-0000-4000-8000-\(String(format: "%06d%06d", index, item))}"
    }

    /// The extent grown to the map frame's proportions, centred, with a margin.
    var fittedExtent: BoundingBox {
        let width = max(extent.maxX - extent.minX, 1) * 1.04, height = max(extent.maxY - extent.minY, 1) * 1.04
        let aspect = Self.map.width / Self.map.height
        let (w, h) = width / height > aspect ? (width, width / aspect) : (height * aspect, height)
        let cx = (extent.minX + extent.maxX) / 2, cy = (extent.minY + extent.maxY) / 2
        return BoundingBox(minX: cx - w / 2, minY: cy - h / 2, maxX: cx + w / 2, maxY: cy + h / 2)
    }

    private func item(_ type: Int, _ n: Int, x: Double, y: Double, width: Double, height: Double, z: Int, background: Bool = false,
                      attributes: String = "", content: String = "") -> String {
        let position = "\(QMLDocument.number(x)),\(QMLDocument.number(y)),mm"
        return """
              <LayoutItem type="\(type)" uuid="\(uuid(n))" templateUuid="\(uuid(n))" id="" position="\(position)" positionOnPage="\(position)" size="\(QMLDocument.number(width)),\(QMLDocument.number(height)),mm" zValue="\(z)" visibility="1" frame="false" background="\(background)" referencePoint="0" itemRotation="0" opacity="1" blendMode="0" excludeFromExports="0" positionLock="false" outlineWidthM="0.3,mm" frameJoinStyle="miter" groupUuid=""\(attributes)>
                <FrameColor red="0" green="0" blue="0" alpha="255"/>
                <BackgroundColor red="255" green="255" blue="255" alpha="255"/>
        \(content)
              </LayoutItem>
        """
    }

    private func label(_ n: Int, _ text: String, x: Double, y: Double, width: Double, height: Double, points: Int, bold: Bool = false,
                       colour: RGBColour = PrintLayout.ink) -> String {
        item(65641, n, x: x, y: y, width: width, height: height, z: 10 + n,
             attributes: " labelText=\"\(XMLText.escaped(text))\" htmlState=\"0\" halign=\"1\" valign=\"32\" marginX=\"0\" marginY=\"0\"",
             content: """
                    <LabelFont style="" description="DejaVu Sans,\(points),-1,5,\(bold ? 75 : 50),0,0,0,0,0"/>
                    <FontColor red="\(colour.red)" green="\(colour.green)" blue="\(colour.blue)" alpha="255"/>
             """)
    }

    func element() -> String {
        let extent = fittedExtent, m = Self.map
        let layerSet = layers.map {
            "<Layer source=\"\(XMLText.escaped($0.source))\" provider=\"ogr\" name=\"\(XMLText.escaped($0.title))\">\(XMLText.escaped($0.id))</Layer>"
        }.joined()
        let map = item(65639, 1, x: m.x, y: m.y, width: m.width, height: m.height, z: 1, background: true,
                       attributes: " keepLayerSet=\"true\" drawCanvasItems=\"true\" mapRotation=\"0\" followPreset=\"false\" followPresetName=\"\" isTemporal=\"0\" mapFlags=\"0\" labelMargin=\"0,mm\"",
                       content: """
                              <Extent xmin="\(extent.minX)" ymin="\(extent.minY)" xmax="\(extent.maxX)" ymax="\(extent.maxY)"/>
                              <LayerSet>\(layerSet)</LayerSet>
                              <AtlasMap atlasDriven="0" scalingMode="2" margin="0.1"/>
                       """)
        let tree = layers.map { $0.treeElement(indent: "          ", inLegend: true) }.joined(separator: "\n")
        let legend = item(65642, 2, x: 212, y: m.y, width: 78, height: 100, z: 3,
                          attributes: " title=\"Légende\" map_uuid=\"\(uuid(1))\" resizeToContents=\"1\" symbolWidth=\"7\" symbolHeight=\"4\" columnCount=\"1\" splitLayer=\"0\" equalColumnWidth=\"0\" legendFilterByAtlas=\"0\" wrapChar=\"\" lineSpacing=\"1\" boxSpace=\"2\" columnSpace=\"2\" titleAlignment=\"1\" symbolAlignment=\"1\" fontColor=\"#212121\" rasterBorder=\"1\" rasterBorderColor=\"0,0,0,255\" rasterBorderWidth=\"0\" wmsLegendWidth=\"50\" wmsLegendHeight=\"25\" minSymbolSize=\"0\" maxSymbolSize=\"0\"",
                          content: """
                                <layer-tree>
                                 <layer-tree-group name="" checked="Qt::Checked" expanded="1">
                                  <customproperties/>
                          \(tree)
                                 </layer-tree-group>
                                </layer-tree>
                          """)
        let scaleBar = item(65646, 3, x: m.x + 3, y: m.y + m.height - 14, width: 60, height: 12, z: 4,
                            attributes: " mapUuid=\"\(uuid(1))\" style=\"Single Box\" unitType=\"kilometers\" unitLabel=\"km\" numSegments=\"2\" numSegmentsLeft=\"0\" numSubdivisions=\"1\" subdivisionsHeight=\"1.5\" numUnitsPerSegment=\"10\" numMapUnitsPerScaleBarUnit=\"1000\" segmentSizeMode=\"1\" minBarWidth=\"15\" maxBarWidth=\"30\" height=\"2\" lineJoinStyle=\"miter\" lineCapStyle=\"square\" boxContentSpace=\"1\" labelBarSpace=\"2\" alignment=\"0\" labelVerticalPlacement=\"0\" labelHorizontalPlacement=\"0\" outlineWidth=\"0.3\"")
        let north = item(65640, 4, x: m.x + m.width - 14, y: m.y + 3, width: 10, height: 14, z: 5,
                         attributes: " file=\":/images/north_arrows/layout_default_north_arrow.svg\" mode=\"0\" resizeMode=\"0\" anchorPoint=\"0\" mapUuid=\"\(uuid(1))\" northMode=\"0\" northOffset=\"0\" pictureRotation=\"0\" pictureWidth=\"10\" pictureHeight=\"14\" svgFillColor=\"0,0,0,255\" svgBorderColor=\"255,255,255,255\" svgBorderWidth=\"0.2\"")
        var items = [map, legend, scaleBar, north,
                     label(5, title, x: 10, y: 6, width: 277, height: 10, points: 16, bold: true),
                     label(6, subtitle, x: 10, y: 16, width: 277, height: 7, points: 10),
                     label(7, sources, x: 10, y: 180, width: 277, height: 24, points: 6)]
        if let notice {
            items.append(label(8, "Avertissement : " + notice, x: 212, y: 140, width: 78, height: 36, points: 7, bold: true,
                               colour: PrintLayout.noticeColour))
        }
        return """
              <Layout name="\(XMLText.escaped(name))" units="mm" printResolution="300" worldFileMap="">
               <PageCollection>
        \(item(65638, 0, x: 0, y: 0, width: 297, height: 210, z: 0, background: true))
               </PageCollection>
        \(items.joined(separator: "\n"))
              </Layout>
        """
    }
}
