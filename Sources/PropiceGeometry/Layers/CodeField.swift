/// The property that names a feature in messages and joins: the commune code under the names
/// French producers give it, else an EPCI's, département's or région's.
public enum CodeField {
    public static let candidates = ["insee_com", "INSEE_COM", "code_insee", "codgeo", "CODGEO", "DEPCOM", "code",
                             "siren_epci", "code_epci", "EPCI", "dep", "code_dep", "DEP", "reg", "code_reg", "REG"]

    /// The first of `preferred`, then of the usual names, that the first feature has.
    public static func detect(in features: [Feature], preferred: [String] = []) -> String? {
        (preferred + candidates).first { name in features.first?.properties[name] != nil }
    }
}

extension [Feature] {
    /// An error unless some feature has a property of that name (an empty layer has none to miss).
    func requireProperty(_ name: String, input: String) throws {
        guard isEmpty || contains(where: { $0.properties[name] != nil }) else {
            throw InputError(file: input, message: "no feature has a property named '\(name)'")
        }
    }
}
