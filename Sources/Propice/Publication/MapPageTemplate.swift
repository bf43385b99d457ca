/// The HTML, CSS and JavaScript of the interactive map, from the package's files
/// (`Sources/Propice/Resources/MapPage`, embedded at build time): `index.html` with its data
/// embedded (see `MapPage`), and the page `propice serve` gives, which reads the same data
/// from its API. Both run one script, `application.js` (`propiceCarte(source)`), on a source
/// of data: `embedded.js` or `served.js`.
public enum MapPageTemplate {
    /// The page that `propice serve` gives at `/`: it fetches the layers, the legend and the
    /// metadata from the API beside it (`APIRoute`), each EPCI's explanation when its popup
    /// opens, and the search's matches. `title` and `notice` are plain text.
    public static func servedPage(title: String, notice: String?) -> String {
        head(title: MapPage.escapeHTML(title), notice: notice.map(MapPage.escapeHTML))
            + "<script>\n" + APIRoute.script + application + servedSource + "</script>\n" + closing
    }

    /// The page up to Leaflet's script, `title` and `notice` escaped already.
    static func head(title: String, notice: String?) -> String {
        let banner = notice.map { #"<p class="avertissement" id="avertissement" role="note"><strong>Attention :</strong> \#($0)</p>"# } ?? ""
        // Split on the placeholders first, so that a title holding one is left as it is.
        return EmbeddedFile.text("MapPage/page.html").components(separatedBy: "{{titre}}").map {
            $0.replacingOccurrences(of: "{{avertissement}}", with: banner)
        }.joined(separator: title)
    }

    /// Opens the element `index.html` embeds its data in.
    static let embeddedOpening = #"<script id="donnees" type="application/json">"# + "\n"

    /// After the embedded data: the application on it, and the end of the page.
    static var embeddedTail: String { "\n</script>\n<script>\n" + application + embeddedSource + "</script>\n" + closing }

    static let closing = "</body>\n</html>\n"

    /// `propiceCarte(source)`: the map, the legend, the table and the search over a source of
    /// data: `legend`, `bands` (each band's `name`, `zoom`, `epci` and `departements` GeoJSON),
    /// `results(m)` (a promise of model m's result by SIREN: statut, classe, classe_libelle,
    /// score, rang, sur, explication, sensibilite), `detail(m, code)` (a promise of the full
    /// result, with its indicators), `indicators(m)` (a promise of the model's indicators: id,
    /// libelle, poids) and, optionally, `search(text)` (a promise of SIREN) and
    /// `rescore(m, ids, weights)` (a promise of `/api/v1/scores`' answer; without it the weights
    /// panel is disabled).
    static var application: String { EmbeddedFile.text("MapPage/application.js") }

    /// The source of `index.html`: the data embedded in the page.
    static var embeddedSource: String { EmbeddedFile.text("MapPage/embedded.js") }

    /// The source of the served page: the API of `propice serve` (`propiceRoutes`), by paths
    /// relative to the page, so that it also works behind a proxy that adds a prefix.
    static var servedSource: String { EmbeddedFile.text("MapPage/served.js") }
}
