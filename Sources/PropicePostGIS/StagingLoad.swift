import Foundation

/// Loads the tables into the staging schema over several connections at once, each table in a
/// transaction of its own (created, copied with `FREEZE`, keyed, indexed, commented, committed),
/// so that the client's encoding of one table overlaps the server's work on others and the
/// server's work spreads over its cores. No reader looks at the staging schema: the swap that
/// puts it in place is one transaction of its own (`PostGISPublisher`), and a publish stopped
/// before it leaves only the staging schema, which the next publish drops.
enum StagingLoad {
    /// Loads `tables` into `schema` over at most `workers` connections made from `connection`;
    /// the rows of each table, in `tables`' order. The first error stops the load and is thrown.
    static func run(_ tables: [PublishedTable], schema: String, connection: String, workers: Int) throws -> [(name: String, rows: Int)] {
        let queue = Queue(tables, schema: schema)
        // Threads of their own: each blocks on its connection, which a shared pool would not spare.
        let finished = DispatchSemaphore(value: 0)
        let count = max(1, min(workers, tables.count))
        for _ in 0..<count {
            Thread {
                queue.work(connection: connection)
                finished.signal()
            }.start()
        }
        for _ in 0..<count { finished.wait() }
        return try queue.result()
    }

    /// The tables, handed to the workers one at a time in their order, and what each
    /// gave. A table is loaded by one worker only, reading the folder's files, which nothing
    /// writes meanwhile: hence `@unchecked Sendable`, with the lock over the shared state.
    private final class Queue: @unchecked Sendable {
        private let lock = NSLock()
        private let tables: [PublishedTable]
        private let schema: String
        private var next = 0
        private var rows: [Int?]
        private var failure: Error?

        init(_ tables: [PublishedTable], schema: String) {
            self.tables = tables
            self.schema = schema
            rows = Array(repeating: nil, count: tables.count)
        }

        /// The next table's index, or nil when all are taken or a worker failed.
        private func take() -> Int? {
            lock.withLock {
                guard failure == nil, next < tables.count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        /// Loads tables on a connection of its own until none is left.
        func work(connection: String) {
            do {
                guard let first = take() else { return }
                let database = try PostgreSQLConnection(connection)
                try? database.execute("SET default_toast_compression = 'lz4'")
                var index: Int? = first
                while let i = index {
                    let table = tables[i], qualified = SQLText.qualified(schema, table.name)
                    try database.execute("BEGIN")
                    try database.execute(table.create(qualified))
                    let count = try table.load(database, qualified)
                    for statement in table.finish(qualified, indexName: table.name + "_geom_idx") { try database.execute(statement) }
                    try database.execute("COMMIT")
                    lock.withLock { rows[i] = count }
                    index = take()
                }
            } catch {
                lock.withLock { if failure == nil { failure = error } }
            }
        }

        func result() throws -> [(name: String, rows: Int)] {
            try lock.withLock {
                if let failure { throw failure }
                return zip(tables, rows).map { ($0.name, $1 ?? 0) }
            }
        }
    }
}
