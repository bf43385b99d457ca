import PropiceGeometry

/// Runs fuzz inputs through one target's reader. Made once per process (the CSV and YAML
/// targets read the demo's territories and catalogue from the repository), then called for
/// every input.
public final class FuzzHarness {
    public let target: FuzzTarget
    private let scratch: FuzzScratch
    private let reader: any FuzzReader
    private let repository: String

    /// `repository` is propice's folder (for `geodata/`).
    public init(target: FuzzTarget, repository: String) throws {
        self.target = target
        self.repository = repository
        scratch = try FuzzScratch()
        reader = switch target {
        case .geojson: GeoJSONFuzzReader()
        case .geopackage: GeoPackageFuzzReader()
        case .csv: try TableFuzzReader(repository: repository)
        case .yaml: try ConfigurationFuzzReader(repository: repository)
        case .numbers: try NumberFuzzReader(repository: repository)
        case .workbook: WorkbookFuzzReader()
        }
    }

    /// Reads one input. An error other than `InputError` (or `WKBError` for a lone geometry
    /// blob) stops the process: it is a finding, as a crash is.
    public func run(_ input: [UInt8]) -> FuzzOutcome {
        let variant = input.first ?? 0
        let content = input.dropFirst()
        do {
            return .read(try reader.read(variant: variant, content: content, scratch: scratch))
        } catch let error as InputError {
            // Paths in the scratch folder and in the repository, relative: outcomes compare across machines.
            return .refused(scratch.anonymised(error.description).replacingOccurrences(of: repository + "/", with: ""))
        } catch let error as WKBError {
            return .refused(error.message)
        } catch {
            preconditionFailure("\(target) input refused without an InputError: \(type(of: error)): \(error)")
        }
    }
}

/// One target's reading of an input: a summary of what was read, or a thrown error.
protocol FuzzReader {
    func read(variant: UInt8, content: ArraySlice<UInt8>, scratch: FuzzScratch) throws -> String
}
