import CCairo
import PropiceGeometry

/// A page drawn with cairo, in points (1/72 inch) from the top left, written as PDF, SVG or
/// PNG: one drawing for the three formats. The cairo handles never leave this file.
final class CairoCanvas {
    enum Output: Equatable, Sendable {
        case pdf, svg
        /// A raster at `dpi` dots per inch.
        case png(dpi: Int)
    }

    enum Weight { case regular, bold }

    let path: String
    let output: Output
    private let surface: OpaquePointer
    private let context: OpaquePointer

    /// A page of `width` × `height` points; `creationDate` (ISO 8601) goes in a PDF's metadata
    /// instead of the clock's, so that the same build gives the same bytes.
    init(path: String, output: Output, width: Double, height: Double, title: String, creationDate: String) throws {
        self.path = path
        self.output = output
        let made: OpaquePointer?
        switch output {
        case .pdf:
            made = cairo_pdf_surface_create(path, width, height)
        case .svg:
            made = cairo_svg_surface_create(path, width, height)
        case .png(let dpi):
            let scale = Double(dpi) / 72
            made = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((width * scale).rounded()), Int32((height * scale).rounded()))
        }
        guard let surface = made, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            throw OutputError(file: path, message: "cannot create the page: \(made.map { String(cString: cairo_status_to_string(cairo_surface_status($0))) } ?? "no surface")")
        }
        self.surface = surface
        self.context = context
        switch output {
        case .pdf:
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "propice")
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, creationDate)
        case .svg:
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
        case .png(let dpi):
            cairo_scale(context, Double(dpi) / 72, Double(dpi) / 72)
            fillRectangle(x: 0, y: 0, width: width, height: height, colour: .white)
        }
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        // The text's options are the same on every surface: cairo resolves a font once per process
        // with the options of the first surface that writes in it, so that, left to each surface's
        // own, a PNG's text would depend on whether a PDF was drawn before it.
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    // MARK: Paths

    func move(to p: (x: Double, y: Double)) { cairo_move_to(context, p.x, p.y) }
    func line(to p: (x: Double, y: Double)) { cairo_line_to(context, p.x, p.y) }
    func closePath() { cairo_close_path(context) }
    func rectangle(x: Double, y: Double, width: Double, height: Double) { cairo_rectangle(context, x, y, width, height) }

    /// Fills the current path (even-odd, so that holes stay empty) and keeps it.
    func fill(_ colour: RGBColour) {
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_EVEN_ODD)
        set(colour)
        cairo_fill_preserve(context)
    }

    /// Hatches the current path with lines at 45°, `spacing` points apart, and keeps it.
    func hatch(_ colour: RGBColour, spacing: Double, width: Double) {
        cairo_save(context)
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_EVEN_ODD)
        cairo_clip_preserve(context)
        var x1 = 0.0, y1 = 0.0, x2 = 0.0, y2 = 0.0
        cairo_path_extents(context, &x1, &y1, &x2, &y2)
        cairo_new_path(context)
        let span = (x2 - x1) + (y2 - y1)
        var offset = -span
        while offset < span && spacing > 0 {
            cairo_move_to(context, x1 + offset, y2)
            cairo_line_to(context, x1 + offset + (y2 - y1), y1)
            offset += spacing
        }
        set(colour)
        cairo_set_line_width(context, width)
        cairo_stroke(context)
        cairo_restore(context)
    }

    /// Strokes the current path and clears it.
    func stroke(_ colour: RGBColour, width: Double) {
        set(colour)
        cairo_set_line_width(context, width)
        cairo_stroke(context)
    }

    func fillRectangle(x: Double, y: Double, width: Double, height: Double, colour: RGBColour) {
        cairo_new_path(context)
        cairo_rectangle(context, x, y, width, height)
        set(colour)
        cairo_fill(context)
    }

    /// Draws what follows inside the rectangle only, until `unclip()`.
    func clip(x: Double, y: Double, width: Double, height: Double) {
        cairo_save(context)
        cairo_new_path(context)
        cairo_rectangle(context, x, y, width, height)
        cairo_clip(context)
    }

    func unclip() { cairo_restore(context) }

    // MARK: Text

    /// The advance width of `text` at `size` points.
    func width(of text: String, size: Double, weight: Weight = .regular) -> Double {
        font(size, weight)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    /// Writes `text` with its baseline at `y`, starting at `x` (or centred on it), with a white
    /// halo when asked, so that it reads over the map.
    func text(_ text: String, x: Double, y: Double, size: Double, weight: Weight = .regular, colour: RGBColour,
              centred: Bool = false, halo: Bool = false) {
        font(size, weight)
        let start = centred ? x - width(of: text, size: size, weight: weight) / 2 : x
        cairo_new_path(context)
        cairo_move_to(context, start, y)
        if halo {
            cairo_text_path(context, text)
            set(.white)
            cairo_set_line_width(context, size / 5)
            cairo_stroke(context)
            cairo_move_to(context, start, y)
        }
        set(colour)
        cairo_show_text(context, text)
        cairo_new_path(context)
    }

    /// Ends the page and writes the file; an error names it.
    func finish() throws {
        if case .png(let dpi) = output {
            cairo_surface_flush(surface)
            guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let pixels = cairo_image_surface_get_data(surface) else {
                throw OutputError(file: path, message: "cannot draw the map: \(String(cString: cairo_status_to_string(cairo_surface_status(surface))))")
            }
            try AtomicOutput.write(PNGEncoder.encode(pixels: pixels, width: Int(cairo_image_surface_get_width(surface)),
                                                     height: Int(cairo_image_surface_get_height(surface)),
                                                     stride: Int(cairo_image_surface_get_stride(surface)), dpi: dpi), to: path)
        } else {
            cairo_show_page(context)
        }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw OutputError(file: path, message: "cannot write the map: \(String(cString: cairo_status_to_string(status)))")
        }
        if output == .svg { try Self.renameSurface(in: path) }
    }

    /// cairo names an SVG's page group after a counter of every surface the process made
    /// (`<g id="surface281">`): it is renamed `page`, so that the same map gives the same bytes.
    private static func renameSurface(in path: String) throws {
        var bytes = try FileContents.read(path)
        let marker = Array(#"<g id="surface"#.utf8)
        guard let start = bytes.firstRange(of: marker) else { return }
        var end = start.upperBound
        while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
        bytes.replaceSubrange(start.lowerBound..<end, with: Array(#"<g id="page"#.utf8))
        try AtomicOutput.write(bytes, to: path)
    }

    private func set(_ colour: RGBColour) {
        let c = colour.unit
        cairo_set_source_rgb(context, c.red, c.green, c.blue)
    }

    private func font(_ size: Double, _ weight: Weight) {
        cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }
}
