/// Where a table lies in its file.
public enum TableContainer: Sendable, Equatable {
    /// The file is the delimited table.
    case file
    /// A delimited member of a zip archive (INSEE's `base_cc_comparateur.CSV` in its zip).
    case zipMember(String)
    /// A sheet of an Excel workbook (`.xlsx`), chosen by name, its header on a given row (1-based).
    case sheet(String, headerRow: Int)
}
