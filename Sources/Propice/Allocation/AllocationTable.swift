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
