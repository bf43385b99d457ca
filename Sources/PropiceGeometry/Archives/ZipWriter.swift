import Foundation
import ZIPFoundation

/// Writes a zip archive of files given as bytes (a QGIS `.qgz`, say), deflated, every entry
/// dated `modificationDate` so that the same content gives the same bytes, built in a
/// temporary file renamed onto `path`.
public enum ZipWriter {
    public static func write(_ entries: [(name: String, bytes: [UInt8])], to path: String, modificationDate: Date) throws {
        let output = try AtomicOutput(destination: path)
        do {
            let archive = try Archive(url: URL(fileURLWithPath: output.temporaryPath), accessMode: .create)
            for (name, bytes) in entries {
                let data = Data(bytes)
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: modificationDate,
                                     permissions: 0o644, compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
                }
            }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(file: path, message: "cannot write the zip archive: \(error)")
        }
        try output.commit()
    }
}
