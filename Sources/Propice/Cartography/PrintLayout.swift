import PropiceGeometry

/// One programme's print map on an A4 landscape page: the title, the map in the map CRS (the
/// EPCI in their class's colour, the département outlines with their names), a north arrow, a
/// scale bar in kilometres, the legend with its counts, the synthetic or fictional notice, and
/// the sources with their vintages. Drawn once on a `CairoCanvas`, whatever the format.
struct PrintLayout: Sendable {
    /// A shape to fill, in map coordinates (metres).
    struct Area: Sendable {
        var geometry: Geometry
        var symbol: LayerSymbology.Symbol
    }

    /// A département: its outline, and its name written at `label`.
    struct Outline: Sendable {
        var name: String
        var geometry: Geometry
        var label: Position
    }

    /// A line of the legend: its swatch, label, and the range of scores of a class.
    struct LegendEntry: Sendable {
        var label: String
        var symbol: LayerSymbology.Symbol
        var range: String?
    }

    var title: String
    var subtitle: String
    var areas: [Area]
    var outlines: [Outline]
    var outlineSymbol: LayerSymbology.Symbol
    var legend: [LegendEntry]
    var notice: String?
    var sources: String
    var credits: String

    // A4 landscape, in points.
    static let pageWidth = 841.89, pageHeight = 595.28
    static let margin = 28.35
    static let frame = (x: 28.35, y: 80.0, width: 560.0, height: 400.0)
    static let legendX = 608.0
    static let ink = RGBColour(red: 33, green: 33, blue: 33)
    static let frameColour = RGBColour(red: 120, green: 120, blue: 120)
    static let noticeColour = RGBColour(red: 153, green: 27, blue: 30)
    /// Points per millimetre, for the symbols' widths.
    static let pointsPerMillimetre = 72 / 25.4

    func draw(on canvas: CairoCanvas) {
        canvas.text(title, x: Self.margin, y: 46, size: 16, weight: .bold, colour: Self.ink)
        canvas.text(subtitle, x: Self.margin, y: 64, size: 10, colour: Self.ink)
        drawMap(on: canvas)
        drawLegend(on: canvas)
        // The sources at the largest size (7 to 4.5 points) that fits between the map and the page's foot.
        let top = Self.frame.y + Self.frame.height + 14, bottom = Self.pageHeight - Self.margin / 2
        var size = 7.0, lines: [String] = []
        repeat {
            lines = Self.wrap(sources, width: Self.pageWidth - 2 * Self.margin, size: size, on: canvas)
            if Double(lines.count + 1) * size * 1.25 <= bottom - top { break }
            size -= 0.5
        } while size > 4.5
        var y = top
        for line in lines + [credits] {
            canvas.text(line, x: Self.margin, y: y, size: size, colour: Self.ink)
            y += size * 1.25
        }
    }

    /// The map's transform: metres to points, fitted and centred in the frame.
    struct Projection {
        var scale: Double
        var originX: Double, originY: Double
        var minX: Double, maxY: Double

        init(_ box: BoundingBox) {
            let f = PrintLayout.frame, inset = 12.0
            let width = max(box.maxX - box.minX, 1), height = max(box.maxY - box.minY, 1)
            scale = min((f.width - 2 * inset) / width, (f.height - 2 * inset) / height)
            originX = f.x + (f.width - width * scale) / 2
            originY = f.y + (f.height - height * scale) / 2
            minX = box.minX
            maxY = box.maxY
        }

        func point(_ p: Position) -> (x: Double, y: Double) {
            (originX + (p.x - minX) * scale, originY + (maxY - p.y) * scale)
        }
    }

    private func trace(_ geometry: Geometry, _ projection: Projection, on canvas: CairoCanvas) {
        let polygons: [Polygon] = switch geometry {
        case .polygon(let polygon): [polygon]
        case .multiPolygon(let multi): multi.polygons
        }
        for polygon in polygons {
            for ring in [polygon.exterior] + polygon.holes {
                guard let first = ring.positions.first else { continue }
                canvas.move(to: projection.point(first))
                for p in ring.positions.dropFirst() { canvas.line(to: projection.point(p)) }
                canvas.closePath()
            }
        }
    }

    private func drawMap(on canvas: CairoCanvas) {
        let f = Self.frame, mm = Self.pointsPerMillimetre
        var box = BoundingBox.empty
        for area in areas { box.include(area.geometry.boundingBox) }
        for outline in outlines { box.include(outline.geometry.boundingBox) }
        let projection = Projection(box)
        canvas.clip(x: f.x, y: f.y, width: f.width, height: f.height)
        for area in areas {
            trace(area.geometry, projection, on: canvas)
            if let fill = area.symbol.fill { canvas.fill(fill) }
            if let hatch = area.symbol.hatch { canvas.hatch(hatch, spacing: 4, width: 0.6) }
            canvas.stroke(area.symbol.outline, width: area.symbol.outlineWidth * mm)
        }
        for outline in outlines {
            trace(outline.geometry, projection, on: canvas)
            canvas.stroke(outlineSymbol.outline, width: outlineSymbol.outlineWidth * mm)
        }
        for outline in outlines {
            let p = projection.point(outline.label)
            canvas.text(outline.name, x: p.x, y: p.y + 3, size: 7.5, weight: .bold, colour: Self.ink, centred: true, halo: true)
        }
        canvas.unclip()
        canvas.rectangle(x: f.x, y: f.y, width: f.width, height: f.height)
        canvas.stroke(Self.frameColour, width: 0.5)
        drawNorthArrow(on: canvas)
        drawScaleBar(projection, on: canvas)
    }

    private func drawNorthArrow(on canvas: CairoCanvas) {
        let x = Self.frame.x + Self.frame.width - 24, y = Self.frame.y + 16
        canvas.move(to: (x, y))
        canvas.line(to: (x + 8, y + 26))
        canvas.line(to: (x, y + 20))
        canvas.line(to: (x - 8, y + 26))
        canvas.closePath()
        canvas.fill(Self.ink)
        canvas.stroke(Self.ink, width: 0.5)
        canvas.text("N", x: x, y: y + 38, size: 10, weight: .bold, colour: Self.ink, centred: true)
    }

    /// A bar of a round length near a fifth of the frame, in two halves, labelled in kilometres,
    /// with the approximate scale of the page printed at its size.
    private func drawScaleBar(_ projection: Projection, on canvas: CairoCanvas) {
        let metresPerPoint = 1 / projection.scale
        let length = Self.roundLength(Self.frame.width / 5 * metresPerPoint)
        let width = length * projection.scale
        let x = Self.frame.x + 14, y = Self.frame.y + Self.frame.height - 24
        canvas.fillRectangle(x: x, y: y, width: width / 2, height: 5, colour: Self.ink)
        canvas.rectangle(x: x, y: y, width: width, height: 5)
        canvas.stroke(Self.ink, width: 0.6)
        let kilometres = length / 1000
        canvas.text("0", x: x, y: y - 3, size: 7, colour: Self.ink, centred: true, halo: true)
        canvas.text(FrenchNumber.format(kilometres / 2, decimals: kilometres < 2 ? 1 : 0), x: x + width / 2, y: y - 3, size: 7,
                    colour: Self.ink, centred: true, halo: true)
        canvas.text(FrenchNumber.format(kilometres, decimals: kilometres < 1 ? 1 : 0) + " km", x: x + width, y: y - 3, size: 7,
                    colour: Self.ink, centred: true, halo: true)
        let denominator = Self.roundLength(metresPerPoint / (25.4 / 72 / 1000))
        canvas.text("échelle 1:" + FrenchNumber.format(denominator, decimals: 0) + " environ (A4)", x: x, y: y + 14, size: 7,
                    colour: Self.ink, halo: true)
    }

    /// 1, 2 or 5 times a power of ten, at most `value` (at least 1).
    static func roundLength(_ value: Double) -> Double {
        guard value.isFinite, value > 1 else { return 1 }
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        return [5.0, 2, 1].map { $0 * power }.first { $0 <= value } ?? power
    }

    private func drawLegend(on canvas: CairoCanvas) {
        let x = Self.legendX, mm = Self.pointsPerMillimetre
        let textWidth = Self.pageWidth - Self.margin - x - 24
        var y = Self.frame.y + 12
        canvas.text("Légende", x: x, y: y, size: 11, weight: .bold, colour: Self.ink)
        y += 14
        for entry in legend {
            canvas.rectangle(x: x, y: y, width: 18, height: 11)
            if let fill = entry.symbol.fill { canvas.fill(fill) }
            if let hatch = entry.symbol.hatch { canvas.hatch(hatch, spacing: 4, width: 0.6) }
            canvas.stroke(Self.frameColour, width: 0.4)
            canvas.text(entry.label, x: x + 24, y: y + 9, size: 9, colour: Self.ink)
            if let range = entry.range {
                canvas.text(range, x: x + 24, y: y + 19, size: 7, colour: Self.frameColour)
                y += 8
            }
            y += 17
        }
        canvas.move(to: (x, y + 6))
        canvas.line(to: (x + 18, y + 6))
        canvas.stroke(outlineSymbol.outline, width: outlineSymbol.outlineWidth * mm)
        canvas.text("Limite de département", x: x + 24, y: y + 9, size: 9, colour: Self.ink)
        y += 28
        guard let notice else { return }
        canvas.text("Avertissement", x: x, y: y, size: 9, weight: .bold, colour: Self.noticeColour)
        y += 12
        for line in Self.wrap(notice.prefix(1).uppercased() + notice.dropFirst(), width: textWidth, size: 8, on: canvas) {
            canvas.text(line, x: x, y: y, size: 8, colour: Self.noticeColour)
            y += 10
        }
    }

    /// `text` in lines of at most `width` points, broken between words.
    static func wrap(_ text: String, width: Double, size: Double, on canvas: CairoCanvas) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty && canvas.width(of: candidate, size: size) > width {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
