/// Models written in YAML as in `geodata/models/`, for tests that read them.
public enum ModelYAML {
    /// A model's YAML around its `indicators:` entries; `extra` adds or replaces top-level fields.
    public static func essai(_ indicators: String, extra: String = "", classes: String = "{method: quantiles, classes: 2, labels: [haut, bas]}") -> String {
        """
        id: essai
        programme: Essai
        title: Modèle d'essai
        indicators:
        \(indicators)
        missing: {completeness: 0.5}
        classification: \(classes)
        sensitivity: {draws: 200, seed: 7, concentration: 20}
        \(extra)
        """
    }
}
