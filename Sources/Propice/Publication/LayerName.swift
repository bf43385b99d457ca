/// How a build names its layers, alike in every format: `communes_100m`, `departements_100m`,
/// `epci_iml_100m` (a model's hyphens become underscores).
public enum LayerName {
    public static func epci(model: String, band: String) -> String {
        "epci_" + model.replacingOccurrences(of: "-", with: "_") + "_" + band
    }

    public static func communes(band: String) -> String { "communes_" + band }

    public static func departements(band: String) -> String { "departements_" + band }
}
