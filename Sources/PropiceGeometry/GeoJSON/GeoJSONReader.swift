import Dispatch
import Synchronization

/// Streams the Polygon and MultiPolygon features of a GeoJSON FeatureCollection from a file
/// read in chunks: memory does not grow with the file.
///
/// Features are taken from the file a batch at a time (about a MiB of text, found by following
/// brackets and strings only) and the batch is parsed on one thread per core while the text of
/// the next is taken, then handed out one by one in file order.
///
/// Reads RFC 7946 files and the legacy `crs` member. Every error names the file, the feature
/// index and the byte offset; the features before a bad one are handed out first.
public final class GeoJSONReader: FeatureReader {
    public let path: String
    private var parser: GeoJSONParser
    private var header = GeoJSONParser.Header()
    /// Features read from the file so far, batches included.
    private var featuresTaken = 0
    private var batch: [Feature] = []
    private var served = 0
    /// The text of the batch after, taken while `batch` was parsed.
    private var ahead: TakenBatch?
    /// The error met after the batch's last feature, thrown once the batch is served.
    private var batchError: (any Error)?
    private var atEnd = false
    private var done = false

    /// About how much text is taken from the file for one batch.
    private let batchBytes: Int

    /// Opens the file and reads the members before its features.
    public convenience init(path: String) throws {
        try self.init(source: try ByteSource(path: path))
    }

    init(source: ByteSource, batchBytes: Int = 1 << 20) throws {
        path = source.path
        self.batchBytes = batchBytes
        parser = GeoJSONParser(scanner: try JSONScanner(source: source))
        try parser.readMembers(&header)
    }

    /// The CRS the file declares with the legacy `crs` member; nil when it declares none,
    /// which RFC 7946 reads as WGS 84 longitude/latitude.
    public var declaredCRS: CRS? { header.crs }

    /// The collection's `name` member, as GDAL writes it.
    public var layerName: String? { header.name }

    /// The next feature, or nil after the last one (once the rest of the file is checked).
    public func next() throws -> Feature? {
        while served == batch.count {
            if let error = batchError {
                batchError = nil
                done = true
                throw error
            }
            guard !done else { return nil }
            if atEnd, ahead == nil {
                done = true
                try parser.readMembers(&header)
                return nil
            }
            try readBatch()
        }
        served += 1
        return batch[served - 1]
    }

    /// The text of a batch of features taken from the file, not parsed yet.
    private struct TakenBatch: Sendable {
        var firstIndex: Int
        var text: [UInt8] = []
        /// Where each feature starts in `text` and in the file, and a last entry for the end.
        var features: [(start: Int, offset: Int)] = []
        /// The error met after the last feature.
        var error: (any Error)?
    }

    /// Parses the next batch of features while taking the text of the one after from the file.
    ///
    /// The taking is one more task of the parsing's, which spreads the parts of the batch over
    /// every core: the first thread free takes the text, the others parse, then it parses too.
    /// (Taken on a thread of Dispatch's pool of its own, the text held one of the pool's threads,
    /// and the parsing, finding none other free, ran on its caller alone: France's communes were
    /// read on 1.2 to 1.8 cores out of 2.)
    private func readBatch() throws {
        let current = ahead ?? takeBatch()
        ahead = nil
        // The parser and the counts are the taking task's alone until the parsing returns.
        let taker = current.error == nil && !atEnd ? Confined(self) : nil
        let (features, failure, next) = Self.parse(current, path: path, takingNextBy: taker)
        ahead = next
        batch = features
        served = 0
        batchError = failure.map { located($0.error, feature: current.firstIndex + $0.index) } ?? current.error
    }

    /// Takes the text of the next features from the file, up to about `batchBytes`.
    private func takeBatch() -> TakenBatch {
        var taken = TakenBatch(firstIndex: featuresTaken)
        taken.text.reserveCapacity(2 * batchBytes)
        do {
            while taken.text.count < batchBytes {
                guard try parser.advance(first: featuresTaken == 0) else { atEnd = true; break }
                let start = taken.text.count
                do {
                    taken.features.append((start, try parser.captureFeature(into: &taken.text)))
                } catch {
                    taken.text.removeSubrange(start...) // what the failed capture took of the bad feature
                    throw error
                }
                featuresTaken += 1
            }
        } catch {
            taken.error = located(error, feature: featuresTaken)
        }
        taken.features.append((taken.text.count, 0))
        return taken
    }

    /// The features of a batch parsed on one thread per core, in order, up to the first that
    /// fails; with `taker`, the text of the next batch, taken as the first task of the parsing's.
    private static func parse(_ taken: TakenBatch, path: String, takingNextBy taker: Confined<GeoJSONReader>?)
        -> (features: [Feature], failure: (index: Int, error: any Error)?, next: TakenBatch?) {
        let text = taken.text, features = taken.features
        let count = features.count - 1
        let parts = max(1, min(count, ProcessorCount.online * 4))
        let results = Mutex<[Int: (features: [Feature], failure: (index: Int, error: any Error)?)]>([:])
        let next = Mutex<TakenBatch?>(nil)
        let first = taker == nil ? 0 : 1
        DispatchQueue.concurrentPerform(iterations: first + parts) { task in
            if let taker, task == 0 {
                let batch = taker.value.takeBatch()
                next.withLock { $0 = batch }
                return
            }
            let part = task - first
            var parsed: [Feature] = []
            var failure: (index: Int, error: any Error)?
            var buffers = GeoJSONParser.Buffers()
            for f in (count * part / parts)..<(count * (part + 1) / parts) {
                do {
                    parsed.append(try GeoJSONParser.feature(in: text[features[f].start..<features[f + 1].start], path: path,
                                                            offset: features[f].offset, buffers: &buffers))
                } catch {
                    failure = (f, error)
                    break
                }
            }
            results.withLock { $0[part] = (parsed, failure) }
        }
        let taken = next.withLock { $0.take() }
        return results.withLock { results in
            var all: [Feature] = []
            all.reserveCapacity(count)
            for part in 0..<parts {
                all += results[part]!.features
                if let failure = results[part]!.failure { return (all, failure, taken) }
            }
            return (all, nil, taken)
        }
    }

    /// The error with the feature's index added to its byte offset.
    private func located(_ error: any Error, feature index: Int) -> any Error {
        guard var error = error as? InputError else { return error }
        if case .byteOffset(let offset) = error.location { error.location = .feature(index, byteOffset: offset) }
        return error
    }
}
