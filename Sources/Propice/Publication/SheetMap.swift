import Foundation
import PropiceGeometry

/// The small map of a sheet: the EPCI among its neighbours, as inline SVG drawn from the
/// build's own borders (WGS 84, drawn in an equirectangular projection true to scale at the
/// EPCI's latitude, which is enough for a locator).
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
    private let index: [String: Int]

    init(shapes: [Shape]) {
        self.shapes = shapes
        index = Dictionary(shapes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The SVG of the EPCI `code` among the EPCI whose bounds meet its own widened by half;
    /// nil when the build has no outline for it.
    func svg(code: String, width: Double = 260, height: Double = 200) -> String? {
        guard let k = index[code] else { return nil }
        let target = shapes[k].bounds
        let dx = (target.2 - target.0) * 0.5, dy = (target.3 - target.1) * 0.5
        let view = (target.0 - dx, target.1 - dy, target.2 + dx, target.3 + dy)
        let scaleX = cos(((target.1 + target.3) / 2) * .pi / 180)
        let spanX = max((view.2 - view.0) * scaleX, 1e-9), spanY = max(view.3 - view.1, 1e-9)
        let scale = min(width / spanX, height / spanY)
        let offsetX = (width - spanX * scale) / 2, offsetY = (height - spanY * scale) / 2
        func point(_ p: Position) -> String {
            let x = offsetX + (p.x - view.0) * scaleX * scale, y = offsetY + (view.3 - p.y) * scale
            return Self.tenths(x) + " " + Self.tenths(y)
        }
        func path(_ geometry: Geometry) -> String {
            geometry.polygons.flatMap { [$0.exterior] + $0.holes }.map { ring in
                "M" + ring.positions.dropLast().map(point).joined(separator: "L") + "Z"
            }.joined()
        }
        let neighbours = shapes.filter { s in
            s.code != code && s.bounds.0 <= view.2 && s.bounds.2 >= view.0 && s.bounds.1 <= view.3 && s.bounds.3 >= view.1
        }
        var svg = #"<svg class="situation" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(Int(width)) \#(Int(height))" role="img" "#
            + #"aria-label="\#(MapPage.escapeHTML(shapes[k].name)) parmi ses voisins">"#
        svg += ##"<rect width="100%" height="100%" fill="#eef3f7"/>"##
        for s in neighbours {
            svg += ##"<path d="\##(path(s.geometry))" fill="#ffffff" stroke="#8a8a8a" stroke-width="0.6" fill-rule="evenodd"><title>\##(MapPage.escapeHTML(s.name))</title></path>"##
        }
        svg += ##"<path d="\##(path(shapes[k].geometry))" fill="#2c7fb8" stroke="#08306b" stroke-width="1.4" fill-rule="evenodd"><title>\##(MapPage.escapeHTML(shapes[k].name))</title></path>"##
        return svg + "</svg>"
    }

    /// A coordinate of the drawing to a tenth, without a formatter's cost.
    static func tenths(_ x: Double) -> String {
        guard x.isFinite, x.magnitude < 1e9 else { return "0" }
        let t = Int((x * 10).rounded())
        return t % 10 == 0 ? String(t / 10) : (t < 0 && t > -10 ? "-" : "") + String(t / 10) + "." + String(abs(t % 10))
    }
}
