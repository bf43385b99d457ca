import PropiceGeometry

/// An allocation as CSV tables (UTF-8, `,`, `.` decimals), with the key's figures so that each
/// part can be recomputed by hand:
/// per EPCI `programme,code_epci,nom_epci,departement,besoin,score,classe,statut,cle,part_cle,`
/// `plancher,plafond,motif,objectif_<year>…`, and per département
/// `programme,code_departement,nom_departement,cle,part_cle,plancher,plafond,objectif_<year>…`.
/// `cle` is the key (need, need × score / 100, or the class quota's share of need), `part_cle`
/// its share of the région's; `plafond` is empty where there is no cap. With realised figures,
/// `realise_<year>` and `ecart_<year>` (realised − objective) follow for every year.
public enum AllocationTable {
    /// The files of a programme's tables: `allocation_<programme>_epci.csv` and `…_departements.csv`.
    public static func fileNames(_ allocation: TargetAllocation) -> (epci: String, departements: String) {
        ("allocation_\(allocation.programme.id)_epci.csv", "allocation_\(allocation.programme.id)_departements.csv")
    }

    /// The type and French description of a column of these tables; nil for a name they do
    /// not hold. For `propice publish`, which gives each column its type and comment.
    public static func column(_ name: String) -> (type: ColumnType, description: String)? {
        if let fixed = fixedColumns[name] { return fixed }
        let yearly: [(prefix: String, description: String)] = [
            ("objectif_", "objectif cumulé fin"), ("realise_", "places réalisées fin"), ("ecart_", "réalisé moins objectif, en places, fin"),
        ]
        for (prefix, description) in yearly where name.hasPrefix(prefix) {
            guard let year = Int(name.dropFirst(prefix.count)), (1000...9999).contains(year) else { return nil }
            return (.integer, "\(description) \(year)")
        }
        return nil
    }

    private static let fixedColumns: [String: (type: ColumnType, description: String)] = [
        "programme": (.text, "identifiant du programme"),
        "code_epci": (.text, "SIREN de l'EPCI (COG)"),
        "nom_epci": (.text, "nom de l'EPCI"),
        "departement": (.text, "département de rattachement de l'EPCI"),
        "code_departement": (.text, "code du département"),
        "nom_departement": (.text, "nom du département"),
        "besoin": (.real, "besoin de l'EPCI, l'indicateur de la clé"),
        "score": (.real, "score du modèle du programme (0 à 100)"),
        "classe": (.integer, "classe du score (1 : la plus propice)"),
        "statut": (.text, "note, donnees_insuffisantes ou hors_criteres"),
        "cle": (.real, "clé de répartition (besoin, besoin × score / 100, ou part du quota de la classe)"),
        "part_cle": (.real, "part de la clé dans celle de la région (0 à 1)"),
        "plancher": (.integer, "plancher, en places"),
        "plafond": (.integer, "plafond, en places (vide : sans plafond)"),
        "motif": (.text, "pourquoi l'EPCI n'a pas de part"),
    ]

    public static func epci(_ allocation: TargetAllocation) -> String {
        let years = allocation.programme.years
        var text = "programme,code_epci,nom_epci,departement,besoin,score,classe,statut,cle,part_cle,plancher,plafond,motif,"
            + years.map { "objectif_\($0)" }.joined(separator: ",") + progressHeader(allocation) + "\n"
        for share in allocation.epci {
            let fields = [allocation.programme.id, share.code.value, CSVField.text(share.name), share.departement.value, CSVField.number(share.need),
                          CSVField.number(share.score), share.classe.map(String.init) ?? "", share.status?.rawValue ?? "",
                          CSVField.number(share.weight), CSVField.number(share.keyShare), String(share.lower),
                          share.upper.map(String.init) ?? "", CSVField.text(share.reason ?? "")]
                + years.map { String(share.milestones[$0]!) } + progress(allocation, share.milestones, share.realised)
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    public static func departements(_ allocation: TargetAllocation) -> String {
        let years = allocation.programme.years
        var text = "programme,code_departement,nom_departement,cle,part_cle,plancher,plafond,"
            + years.map { "objectif_\($0)" }.joined(separator: ",") + progressHeader(allocation) + "\n"
        for share in allocation.departements {
            let fields = [allocation.programme.id, share.code.value, CSVField.text(share.name), CSVField.number(share.weight),
                          CSVField.number(share.keyShare), String(share.lower), share.upper.map(String.init) ?? ""]
                + years.map { String(share.milestones[$0]!) } + progress(allocation, share.milestones, share.realised)
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    private static func progressHeader(_ allocation: TargetAllocation) -> String {
        guard allocation.programme.realised != nil else { return "" }
        return allocation.programme.years.map { ",realise_\($0),ecart_\($0)" }.joined()
    }

    private static func progress(_ allocation: TargetAllocation, _ milestones: [Int: Int], _ realised: [Int: Int]) -> [String] {
        guard allocation.programme.realised != nil else { return [] }
        return allocation.programme.years.flatMap { year in
            [realised[year].map(String.init) ?? "", realised[year].map { String($0 - milestones[year]!) } ?? ""]
        }
    }

    /// The départements' parts as a text table, for the terminal.
    public static func summary(_ allocation: TargetAllocation) -> String {
        let programme = allocation.programme, years = programme.years
        var lines = ["\(programme.label) (\(programme.id), méthode \(programme.method.rawValue), clé \(programme.need)) : "
                     + "\(FrenchNumber.format(Double(programme.target), decimals: 0)) \(programme.unit) en \(years.last!)"]
        lines.append("dép.  " + "nom".padding(toLength: 26, withPad: " ", startingAt: 0) + years.map { String($0).leftPadded(7) }.joined())
        for d in allocation.departements {
            lines.append(d.code.value.padding(toLength: 4, withPad: " ", startingAt: 0) + "  " + String(d.name.prefix(26)).padding(toLength: 26, withPad: " ", startingAt: 0)
                         + years.map { String(d.milestones[$0]!).leftPadded(7) }.joined())
        }
        let sums = years.map { year in allocation.departements.reduce(0) { $0 + $1.milestones[year]! } }
        lines.append("      " + "total".padding(toLength: 26, withPad: " ", startingAt: 0) + sums.map { String($0).leftPadded(7) }.joined())
        let none = allocation.epci.filter { $0.reason != nil }.count
        if none > 0 { lines.append("\(none) EPCI sans part (\(Set(allocation.epci.compactMap(\.reason)).sorted().joined(separator: ", ")))") }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
