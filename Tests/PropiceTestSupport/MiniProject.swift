#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hand-made project in a temporary folder: two EPCI of two communes each (01001 and 01002
/// in 200000001, 01003 and 01004 in 200000002), commune 01005 merged into 01004 since COG
/// 2024, households 100, 300, 200 and 400, and the sources a test adds.
public final class MiniProject {
    /// The project's folder: `project.yaml`, its tables and `sources/`.
    public let folder = TemporaryFolder()

    /// Writes the project and its households source.
    public init() {
        folder.write("membership.csv", """
            DEPCOM;NOM_DEPCOM;EPCI;NOM_EPCI;NATURE_EPCI;DEP;REG
            01001;Un;200000001;CC Une;CC;01;84
            01002;Deux;200000001;CC Une;CC;01;84
            01003;Trois;200000002;CA Deux;CA;01;84
            01004;Quatre;200000002;CA Deux;CA;01;84

            """)
        folder.write("passage.csv", "DEPCOM_HIST,DEPCOM\n01001,01001\n01002,01002\n01003,01003\n01004,01004\n01005,01004\n")
        folder.write("project.yaml", """
            name: Essai
            data: .
            cog: 2025
            membership: membership.csv
            history: passage.csv
            sources: sources
            completeness_weight: menages

            """)
        mkdir(folder.file("sources"), 0o755)
        addSource("menages", table: "code,menages\n01001,100\n01002,300\n01003,200\n01004,400\n", yaml: """
            id: menages
            title: Ménages
            producer: essai
            vintage: "2021"
            path: menages.csv
            level: commune
            key: code
            indicators:
              - {id: menages, column: menages, unit: ménages}
            """)
    }

    /// Writes a source's table and its catalogue entry.
    public func addSource(_ id: String, table: String, yaml: String, bytes: [UInt8]? = nil) {
        if let bytes { folder.write("\(id).csv", bytes: bytes) } else { folder.write("\(id).csv", table) }
        folder.write("sources/\(id).yaml", yaml)
    }
}
