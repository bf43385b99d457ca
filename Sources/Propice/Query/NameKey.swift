import Foundation

/// EPCI names as people type them: without accents, case, punctuation, the legal form (CC,
/// CA, CU, Communauté de communes, d'agglomération, urbaine, Métropole) or the little words
/// (du, de, la…). "toulouse metropole" and "Toulouse Métropole" have the same key, `toulouse`.
public enum NameKey {
    static let dropped: Set<String> = ["cc", "ca", "cu", "me", "communaute", "communes", "agglomeration", "urbaine",
                                       "metropole", "du", "de", "des", "la", "le", "les", "l", "d", "et", "en"]

    /// The words of the name that tell it apart, joined by single spaces.
    public static func key(_ name: String) -> String {
        words(name).joined(separator: " ")
    }

    static func words(_ name: String) -> [String] {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
        return folded.split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { !dropped.contains($0) }
    }
}
