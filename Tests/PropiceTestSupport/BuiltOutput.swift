import Foundation
import Testing

/// A build's output folder, with the checks every build must pass.
public struct BuiltOutput {
    /// The output folder's path.
    public let folder: String

    /// The build written to `folder`.
    public init(folder: String) { self.folder = folder }

    /// Every file under the folder, by relative path, with its bytes.
    public func files() -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: names().map { ($0, TemporaryFolder.read(path: folder + "/" + $0)) })
    }

    /// The staging folders left in the folder (`.propice-staging-<pid>`), empty or not.
    public func stagingFolders() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".propice-staging-") }
    }

    /// The relative path of every file under the folder (none when there is no folder).
    public func names() -> [String] {
        var names: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
                names.append(relative)
            }
        }
        return names
    }

    /// RFC 7946 on a GeoJSON file as written: no `crs` member, positions of at most `decimals`
    /// decimals within longitude and latitude bounds, exteriors counter-clockwise and holes clockwise.
    public func checkRFC7946(_ name: String, decimals: Int = 6, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let data = Data(TemporaryFolder.read(path: folder + "/" + name))
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\"crs\""), "\(name) has a crs member", sourceLocation: sourceLocation)
        // No coordinate is written with more decimals than asked.
        let tooPrecise = try NSRegularExpression(pattern: "[0-9]\\.[0-9]{\(decimals + 1),}")
        #expect(tooPrecise.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil,
                "\(name) has a number with more than \(decimals) decimals", sourceLocation: sourceLocation)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        for feature in features {
            let geometry = try #require(feature["geometry"] as? [String: Any])
            let polygons: [[[[Double]]]] = switch geometry["type"] as? String {
            case "Polygon": [try #require(geometry["coordinates"] as? [[[Double]]])]
            case "MultiPolygon": try #require(geometry["coordinates"] as? [[[[Double]]]])
            default: []
            }
            #expect(!polygons.isEmpty, "\(name): a feature is not a (Multi)Polygon", sourceLocation: sourceLocation)
            for polygon in polygons {
                for (r, ring) in polygon.enumerated() {
                    #expect(ring.count >= 4 && ring.first == ring.last, "\(name): an open or short ring", sourceLocation: sourceLocation)
                    #expect(ring.allSatisfy { $0.count == 2 && (-180...180).contains($0[0]) && (-90...90).contains($0[1]) },
                            "\(name): a position out of longitude/latitude bounds", sourceLocation: sourceLocation)
                    let doubleArea = zip(ring, ring.dropFirst()).reduce(0.0) { $0 + $1.0[0] * $1.1[1] - $1.1[0] * $1.0[1] }
                    #expect(r == 0 ? doubleArea > 0 : doubleArea < 0, "\(name): ring \(r) wound the wrong way", sourceLocation: sourceLocation)
                }
            }
        }
        return features.count
    }

    /// Whether GDAL's ogrinfo opens the file without an error; nil when GDAL is absent (a
    /// failure under CI, which installs it).
    public func ogrinfo(_ name: String) -> (ok: Bool, output: String)? {
        guard system("command -v ogrinfo >/dev/null 2>&1") == 0 else {
            if Geodata.isUnderCI { Issue.record("ogrinfo is missing: CI installs gdal-bin") }
            return nil
        }
        let log = folder + "/../ogrinfo-\(name).txt"
        let status = system("ogrinfo -ro -al -so '\(folder)/\(name)' >'\(log)' 2>&1")
        let output = String(decoding: TemporaryFolder.read(path: log), as: UTF8.self)
        unlink(log)
        return (status == 0 && !output.contains("ERROR"), output)
    }
}
