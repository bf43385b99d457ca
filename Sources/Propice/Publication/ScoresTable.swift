import PropiceGeometry

/// The scores as a CSV table (UTF-8, `,`, `.` decimals), one row per model and EPCI, in the
/// models' order then by SIREN:
/// `modele,code_epci,nom_epci,score,classe,classe_libelle,rang,sur,percentile,completude,`
/// `part_synthetique,rang_median,rang_p05,rang_p95,proba_classe_1,explication`. Cells are empty where an EPCI
/// has no score or no sensitivity analysis.
public enum ScoresTable {
    public static let header = "modele,code_epci,nom_epci,score,classe,classe_libelle,rang,sur,percentile,completude,"
        + "part_synthetique,rang_median,rang_p05,rang_p95,proba_classe_1,explication"

    public static func csv(_ models: [AnalysedScores]) -> String {
        var text = header + "\n"
        for scores in models {
            for (result, s) in scores.results.sorted(by: { $0.0.code < $1.0.code }) {
                let ranks: [Int?] = [result.classe, result.rank, result.scored, s?.medianRank, s?.rankLow, s?.rankHigh]
                let cells = ranks.map { $0.map(String.init) ?? "" }
                let fields: [String] = [scores.model.id, result.code.value, CSVField.text(result.name), CSVField.number(result.score), cells[0],
                                        CSVField.text(result.classLabel), cells[1], cells[2], CSVField.number(result.percentile), CSVField.number(result.completeness),
                                        CSVField.number(result.syntheticShare), cells[3], cells[4], cells[5], CSVField.number(s?.topClassProbability), CSVField.text(result.sentence)]
                text += fields.joined(separator: ",") + "\n"
            }
        }
        return text
    }

    /// Writes `csv(_:)` to a file atomically.
    public static func write(_ models: [AnalysedScores], to path: String) throws {
        try AtomicOutput.write(Array(csv(models).utf8), to: path)
    }
}
