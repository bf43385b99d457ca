import Foundation

/// Writes a zip archive of files given as bytes (a QGIS `.qgz`, say), deflated, every entry
/// dated `modificationDate` so that the same content gives the same bytes, atomically.
public enum ZipWriter {
    public static func write(_ entries: [(name: String, bytes: [UInt8])], to path: String, modificationDate: Date) throws {
        let bytes: [UInt8]
        do {
            bytes = try ZipArchive.archive(entries, date: modificationDate)
        } catch {
            throw OutputError(file: path, message: "cannot write the zip archive: \(error)")
        }
        try AtomicOutput.write(bytes, to: path)
    }
}
