import Foundation
import PropiceGeometry

/// The small map of a sheet: the EPCI among its neighbours, as inline SVG drawn from the
/// build's own borders. Every outline is projected once (WGS 84 in an equirectangular
/// projection true to scale at the middle latitude of all the outlines, in kilometres, which is
/// enough for a locator) and its path written once; each sheet's map is a window on them
/// (`viewBox`), its strokes of a constant width whatever the window's scale.
struct SheetMap: Sendable {
    /// One EPCI's outline.
    struct Shape: Sendable {
        var code: String
        var name: String
        var geometry: Geometry
        /// Longitude and latitude bounds: min x, min y, max x, max y.
        var bounds: (Double, Double, Double, Double)

        init(code: String, name: String, geometry: Geometry) {
            self.code = code
            self.name = name
            self.geometry = geometry
            var b = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
            for polygon in geometry.polygons {
                for p in polygon.exterior.positions { b = (min(b.0, p.x), min(b.1, p.y), max(b.2, p.x), max(b.3, p.y)) }
            }
            bounds = b
        }
    }

    let shapes: [Shape]
    /// Each shape's path (`d`) in the projection, in the order of `shapes`.
    private let paths: [String]
    /// Kilometres per degree of longitude and of latitude.
    private let scaleX: Double, scaleY = 111.32
    private let index: [String: Int]

    init(shapes: [Shape]) {
        self.shapes = shapes
        index = Dictionary(shapes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        let latitudes = shapes.map(\.bounds).filter { $0.1.isFinite && $0.3.isFinite }
        let middle = ((latitudes.map(\.1).min() ?? 0) + (latitudes.map(\.3).max() ?? 0)) / 2
        let scaleX = scaleY * cos(middle * .pi / 180), scaleY = scaleY
        self.scaleX = scaleX
        paths = shapes.map { shape in
            var d = ""
            for ring in shape.geometry.polygons.flatMap({ [$0.exterior] + $0.holes }) {
                for (k, p) in ring.positions.dropLast().enumerated() {
                    d += (k == 0 ? "M" : "L") + Self.tenths(p.x * scaleX) + " " + Self.tenths(-p.y * scaleY)
                }
                d += "Z"
            }
            return d
        }
    }

    /// The SVG of the EPCI `code` among the EPCI whose bounds meet its own widened by half;
    /// nil when the build has no outline for it.
    func svg(code: String) -> String? {
        guard let k = index[code] else { return nil }
        let target = shapes[k].bounds
        guard target.0.isFinite, target.1.isFinite else { return nil }
        let dx = (target.2 - target.0) * 0.5, dy = (target.3 - target.1) * 0.5
        let view = (target.0 - dx, target.1 - dy, target.2 + dx, target.3 + dy)
        let box = [view.0 * scaleX, -view.3 * scaleY, max((view.2 - view.0) * scaleX, 0.1), max((view.3 - view.1) * scaleY, 0.1)]
            .map(Self.tenths).joined(separator: " ")
        let name = MapPage.escapeHTML(shapes[k].name)
        var svg = #"<svg class="situation" xmlns="http://www.w3.org/2000/svg" viewBox="\#(box)" role="img" aria-label="\#(name) parmi ses voisins">"#
        svg += ##"<rect x="-100000" y="-100000" width="200000" height="200000" fill="#eef3f7"/>"##
        for (j, s) in shapes.enumerated() where j != k
            && s.bounds.0 <= view.2 && s.bounds.2 >= view.0 && s.bounds.1 <= view.3 && s.bounds.3 >= view.1 {
            svg += ##"<path d="\##(paths[j])" fill="#ffffff" stroke="#8a8a8a" stroke-width="0.6" vector-effect="non-scaling-stroke" fill-rule="evenodd"><title>\##(MapPage.escapeHTML(s.name))</title></path>"##
        }
        svg += ##"<path d="\##(paths[k])" fill="#2c7fb8" stroke="#08306b" stroke-width="1.4" vector-effect="non-scaling-stroke" fill-rule="evenodd"><title>\##(name)</title></path>"##
        return svg + "</svg>"
    }

    /// A coordinate of the drawing to a tenth, without a formatter's cost.
    static func tenths(_ x: Double) -> String {
        guard x.isFinite, x.magnitude < 1e9 else { return "0" }
        let t = Int((x * 10).rounded())
        return t % 10 == 0 ? String(t / 10) : (t < 0 && t > -10 ? "-" : "") + String(t / 10) + "." + String(abs(t % 10))
    }
}
