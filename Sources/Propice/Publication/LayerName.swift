/// How a build names its layers, alike in every format: `communes_100m`, `departements_100m`,
/// `epci_iml_100m` (a model's hyphens become underscores).
public enum LayerName {
    public static func epci(model: String, band: String) -> String {
        "epci_" + identifier(model) + "_" + band
    }

    /// A model's or programme's id as a part of a layer's or a field's name: its hyphens
    /// become underscores (`pensions-de-famille` → `pensions_de_famille`).
    static func identifier(_ id: String) -> String { id.replacingOccurrences(of: "-", with: "_") }

    public static func communes(band: String) -> String { "communes_" + band }

    public static func departements(band: String) -> String { "departements_" + band }

    /// The column that identifies a feature of a layer the build names: `code_epci`,
    /// `code_commune` or `code_departement`; nil for another name.
    public static func keyColumn(of layer: String) -> String? {
        layer.hasPrefix("epci_") ? "code_epci" : layer.hasPrefix("communes_") ? "code_commune"
            : layer.hasPrefix("departements_") ? "code_departement" : nil
    }
}
