import Foundation
import Testing
@testable import Propice
import PropiceGeometry
import PropiceTestSupport

/// The map page's scripts, files of their own: each, and the scripts of the two pages as they
/// are put together, parse (`node --check`); the served page takes its routes from `APIRoute`.
@Suite("The map page's scripts")
struct MapPageScriptTests {
    let folder = TemporaryFolder()
    static let node: String? = ["/usr/bin/node", "/usr/bin/nodejs", "/usr/local/bin/node"].first { (path: String) in access(path, X_OK) == 0 }

    /// Whether node parses the script without running it.
    func parses(_ script: String, as name: String) async throws -> Bool {
        let node = try #require(Self.node, "node is needed to check the scripts (apt-get install nodejs)")
        let path = folder.write(name, script), errors = folder.file(name + ".err")
        return try await onOwnThread { system("\(node) --check \(path) 2>\(errors)") == 0 }
    }

    @Test("each script and each page's whole script parse", .enabled(if: Self.node != nil || Geodata.isUnderCI))
    func scriptsParse() async throws {
        for name in ["application.js", "embedded.js", "served.js"] {
            #expect(try await parses(EmbeddedFile.text("MapPage/" + name), as: name), "\(name): \(String(decoding: folder.read(name + ".err"), as: UTF8.self))")
        }
        let served = MapPageTemplate.servedPage(title: "T", notice: nil)
        let script = try #require(served.range(of: "<script>\n").map { String(served[$0.upperBound...]) }?.components(separatedBy: "</script>").first)
        #expect(try await parses(script, as: "served-page.js"))
        #expect(try await parses(MapPageTemplate.application + MapPageTemplate.embeddedSource, as: "embedded-page.js"))
    }

    @Test("the served page's routes are the server's, written once")
    func routes() throws {
        let served = MapPageTemplate.servedPage(title: "T", notice: nil)
        for route in APIRoute.allCases { #expect(served.contains("\"\(route.rawValue)\"")) }
        #expect(!MapPageTemplate.servedSource.contains("api/v1"), "served.js names no route itself")
        #expect(!MapPageTemplate.application.isEmpty && MapPageTemplate.head(title: "{{avertissement}}", notice: nil).contains("<h1>{{avertissement}}</h1>"),
                "a title holding a placeholder is left as it is")
    }
}
