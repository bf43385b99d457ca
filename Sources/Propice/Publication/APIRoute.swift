/// The paths of `propice serve`'s API, relative to the map page: defined once, for the
/// server's routes and for the page that calls them (as `propiceRoutes`).
public enum APIRoute: String, CaseIterable, Sendable {
    case metadata = "api/v1/metadata"
    case legend = "api/v1/legende"
    /// The EPCI: `?q=` searches them; `/{siren}` is one's record.
    case territories = "api/v1/territoires"
    /// The layers: `/{couche}.geojson` or `.topojson`, `?bande=`.
    case layers = "api/v1/couches"
    /// A model scored again: `/{modele}?poids.<indicateur>=<w>`.
    case scores = "api/v1/scores"
    /// The vector tiles: `/{z}/{x}/{y}.mvt`.
    case tiles = "api/v1/tuiles"
    /// The MapLibre style of the tiles this server gives.
    case style = "api/v1/style.json"

    /// The route as the server declares it, from the root.
    public var absolute: String { "/" + rawValue }

    /// The name the page's script knows the route by.
    var scriptName: String {
        switch self {
        case .metadata: "metadata"
        case .legend: "legende"
        case .territories: "territoires"
        case .layers: "couches"
        case .scores: "scores"
        case .tiles: "tuiles"
        case .style: "style"
        }
    }

    /// `var propiceRoutes = {...};`: every route, for the served page's script.
    static var script: String {
        "var propiceRoutes = {" + allCases.map { "\"\($0.scriptName)\": \"\($0.rawValue)\"" }.joined(separator: ", ") + "};\n"
    }
}
