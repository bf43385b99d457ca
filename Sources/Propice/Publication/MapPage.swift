import Foundation
import PropiceGeometry

/// `index.html`: a self-contained interactive map of a build, opened from the disk without a
/// server or a network: Leaflet (Debian's libjs-leaflet, copied beside it into `leaflet/`), the
/// EPCI of every zoom band and the département outlines embedded in the page, a layer per
/// programme, the legend, a popup with each EPCI's explanation, a search by name or SIREN, the
/// scores as a keyboard-usable table (the accessible equivalent of the map), and a notice
/// whenever an input is synthetic or fictional.
enum MapPage {
    /// The files of Leaflet the page needs, by their name beside it: the minified script when
    /// the folder has it (Debian's does), the style sheet and its images, and Debian's
    /// copyright file as `LICENSE` when it is there.
    static func leafletFiles(in folder: String) throws -> [(name: String, bytes: [UInt8])] {
        let minified = FileManager.default.fileExists(atPath: folder + "/leaflet.min.js")
        let sources = [("leaflet.js", minified ? "leaflet.min.js" : "leaflet.js"), ("leaflet.css", "leaflet.css")]
            + ["layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"].map { ("images/" + $0, "images/" + $0) }
        var files = try sources.map { name, source in
            guard let bytes = try? FileContents.read(folder + "/" + source) else {
                throw InputError(file: folder + "/" + source, message: "cannot read this file of Leaflet")
            }
            return (name, bytes)
        }
        if let licence = try? FileContents.read("/usr/share/doc/libjs-leaflet/copyright") { files.append(("LICENSE", licence)) }
        return files
    }

    /// Where Leaflet is: `PROPICE_LEAFLET`, else Debian's `/usr/share/javascript/leaflet`.
    static func leafletFolder() throws -> String {
        let folder = ProcessInfo.processInfo.environment["PROPICE_LEAFLET"] ?? "/usr/share/javascript/leaflet"
        guard FileManager.default.fileExists(atPath: folder + "/leaflet.js") else {
            throw InputError(file: folder, message: "index.html needs Leaflet: install Debian's libjs-leaflet (apt-get install libjs-leaflet), "
                             + "set PROPICE_LEAFLET to a folder holding leaflet.js and leaflet.css, or leave html out of build.formats")
        }
        return folder
    }

    /// Writes the page: its HTML, with the data embedded and streamed to the file piece by
    /// piece; each model's results are embedded as an object keyed by SIREN.
    static func write(to path: String, title: String, notice: String?, geometry: MapGeometry, published: [PublishedEPCI], models: Int,
                      legend: Legend, precision: Int) throws {
        let file = try StreamedOutput(path: path)
        var out = Array((MapPageTemplate.head(title: escapeHTML(title), notice: notice.map(escapeHTML)) + MapPageTemplate.embeddedOpening).utf8)
        // In a <script> element, "</" would end it: JSON allows "<\/" for it. No piece ends with "<".
        func emit(_ piece: some Collection<UInt8>) throws {
            var previous: UInt8 = 0
            for byte in piece {
                if byte == UInt8(ascii: "/"), previous == UInt8(ascii: "<") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
                previous = byte
            }
            try file.drain(&out)
        }
        let options = GeoJSONWriterOptions(precision: precision)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try emit(#"{"bands":["#.utf8)
        for (b, band) in geometry.bands.enumerated() {
            let opening = (b > 0 ? "," : "") + #"{"name":"\#(band.band.name)","zoom":[\#(band.band.zoom.lowerBound),\#(band.band.zoom.upperBound)],"epci":"#
            try emit(opening.utf8)
            try emit(GeoJSONWriter.text(band.epci.map(band.feature), options: options))
            try emit(#","departements":"#.utf8)
            try emit(GeoJSONWriter.text(band.departements.map(band.feature), options: options))
            try emit("}".utf8)
        }
        try emit(#"],"legend":"#.utf8)
        try emit(try encoder.encode(legend))
        try emit(#","notice":"#.utf8)
        try emit(try encoder.encode(notice))
        try emit(#","results":["#.utf8)
        for m in 0..<models {
            if m > 0 { try emit(",".utf8) }
            let bySIREN = Dictionary(published.map { ($0.epci.code.value, $0.results[m]) }, uniquingKeysWith: { first, _ in first })
            try emit(try encoder.encode(bySIREN))
        }
        try emit(#"],"title":"#.utf8)
        try emit(try encoder.encode(title))
        try emit("}".utf8)
        out.append(contentsOf: MapPageTemplate.embeddedTail.utf8)
        try file.finish(&out)
    }

    /// The text with `&`, `<`, `>` and `"` escaped for HTML; the text itself when it has none.
    static func escapeHTML(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for c in text.unicodeScalars {
            switch c {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.unicodeScalars.append(c)
            }
        }
        return escaped
    }
}
