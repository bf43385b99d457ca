/// The `publish:` of a configuration's `build:` section: the PostGIS database `propice build`
/// publishes its folder into once it is written, as `propice publish` does.
///
/// ```yaml
/// build:
///   publish:
///     to: "postgresql://sig.dreal.local/referentiel"   # libpq's PG… variables and ~/.pgpass complete it
///     schema: logement_d_abord                        # propice by default
/// ```
public struct PublishSettings: Sendable, Decodable, Equatable {
    /// A `postgresql://` URI or `key=value` pairs; empty, libpq's environment alone.
    public var to: String
    /// The schema published into, never quoted: see `schemaProblem`.
    public var schema: String

    /// The suffix of the schema a publish writes before it moves it into place.
    public static let stagingSuffix = "__propice_staging"
    /// The longest schema name whose staging schema PostgreSQL still names whole (63 bytes).
    public static let maximumSchemaLength = 63 - stagingSuffix.utf8.count

    enum CodingKeys: String, CodingKey, CaseIterable { case to, schema }

    public init(to: String = "", schema: String = "propice") {
        self.to = to
        self.schema = schema
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        to = try c.decodeIfPresent(String.self, forKey: .to) ?? ""
        schema = try c.decodeIfPresent(String.self, forKey: .schema) ?? "propice"
        if let problem = Self.schemaProblem(schema) {
            throw DecodingError.dataCorruptedError(forKey: .schema, in: c, debugDescription: problem)
        }
    }

    /// Why `schema` cannot be published into (nil when it can): a name is lower-case ASCII
    /// letters, digits and underscores, starts with a letter or an underscore, is not `pg_…`
    /// and fits with the staging suffix, so that no one ever has to quote it in SQL.
    public static func schemaProblem(_ schema: String) -> String? {
        let bytes = Array(schema.utf8)
        let allowed = bytes.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
        let startsWell = bytes.first.map { !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false
        guard !allowed || !startsWell || bytes.count > maximumSchemaLength || schema.hasPrefix("pg_") else { return nil }
        return "a schema name is lower-case letters, digits and underscores, starting with a letter, at most \(maximumSchemaLength) characters "
            + "and not pg_…, so that no one has to quote it in SQL: '\(String(schema.prefix(80)))' is not"
    }
}
