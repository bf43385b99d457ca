import Foundation
import PropiceGeometry

/// `index.html`: a self-contained interactive map of a build, opened from the disk without a
/// server or a network: Leaflet (Debian's libjs-leaflet, copied beside it into `leaflet/`), the
/// EPCI of every zoom band and the département outlines embedded in the page, a layer per
/// programme, the legend, a popup with each EPCI's explanation, a search by name or SIREN, the
/// scores as a keyboard-usable table (the accessible equivalent of the map), and a notice
/// whenever an input is synthetic or fictional.
enum MapPage {
    /// The files of Leaflet the page needs, in the folder Debian installs them to.
    static let leafletFiles = ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                               "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"]

    /// Where Leaflet is: `PROPICE_LEAFLET`, else Debian's `/usr/share/javascript/leaflet`.
    static func leafletFolder() throws -> String {
        let folder = ProcessInfo.processInfo.environment["PROPICE_LEAFLET"] ?? "/usr/share/javascript/leaflet"
        guard FileManager.default.fileExists(atPath: folder + "/leaflet.js") else {
            throw InputError(file: folder, message: "index.html needs Leaflet: install Debian's libjs-leaflet (apt-get install libjs-leaflet), "
                             + "set PROPICE_LEAFLET to a folder holding leaflet.js and leaflet.css, or leave html out of build.formats")
        }
        return folder
    }

    /// The page: its HTML, with the data embedded; `results` are each model's, by SIREN.
    static func html(title: String, notice: String?, geometry: MapGeometry, results: [[String: ModelResult]], legend: Legend,
                     precision: Int) throws -> [UInt8] {
        let options = GeoJSONWriterOptions(precision: precision)
        var data: [UInt8] = Array(#"{"bands":["#.utf8)
        for (b, band) in geometry.bands.enumerated() {
            if b > 0 { data.append(UInt8(ascii: ",")) }
            let epci = band.epci.map { Feature(id: .string($0.code), properties: $0.properties, geometry: $0.geometry) }
            let departements = band.departements.map { Feature(id: .string($0.code), properties: $0.properties, geometry: $0.geometry) }
            data += Array(#"{"name":"\#(band.band.name)","zoom":[\#(band.band.zoom.lowerBound),\#(band.band.zoom.upperBound)],"epci":"#.utf8)
            data += GeoJSONWriter.text(epci, options: options)
            data += Array(#","departements":"#.utf8)
            data += GeoJSONWriter.text(departements, options: options)
            data.append(UInt8(ascii: "}"))
        }
        struct Page: Encodable {
            var title: String
            var notice: String?
            var legend: Legend
            var results: [[String: ModelResult]]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let page = Page(title: title, notice: notice, legend: legend, results: results)
        var rest = Array(try encoder.encode(page))
        rest.removeFirst() // the page's "{", merged into the bands' object
        data += Array("],".utf8) + rest
        // In a <script> element, "</" would end it: JSON allows "<\/" for it.
        var escaped: [UInt8] = []
        escaped.reserveCapacity(data.count)
        for (i, byte) in data.enumerated() {
            if byte == UInt8(ascii: "/"), i > 0, data[i - 1] == UInt8(ascii: "<") { escaped.append(UInt8(ascii: "\\")) }
            escaped.append(byte)
        }
        let head = MapPageTemplate.head(title: escapeHTML(title), notice: notice.map(escapeHTML))
        return Array(head.utf8) + escaped + Array(MapPageTemplate.tail.utf8)
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
