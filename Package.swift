// swift-tools-version:6.0
import PackageDescription

/// The Swift runtime and Foundation linked into the release executable on Linux: its start no
/// longer resolves their symbols across a dozen shared libraries (8 ms of every command). Only
/// the link changes, with the static Foundation's own dependencies named (compiling with
/// -static-stdlib would name them itself, but costs the first build some 50 s more). Debug builds
/// (the tests') keep the runtime shared, and so does a build with PROPICE_SHARED_RUNTIME=1
/// (AddressSanitizer's, which takes static Foundation's frees for bad ones; or a toolchain whose
/// static Foundation is made of other libraries).
let staticRuntime = Context.environment["PROPICE_SHARED_RUNTIME"] != nil ? [] : [
    "-static-stdlib", "-lCoreFoundation", "-l_FoundationCShims", "-l_FoundationCollections", "-l_FoundationICU",
]

let package = Package(
    name: "propice",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PropiceGeometry", targets: ["PropiceGeometry"]),
        .library(name: "Propice", targets: ["Propice"]),
        .library(name: "PropiceServer", targets: ["PropiceServer"]),
        .library(name: "PropicePostGIS", targets: ["PropicePostGIS"]),
        .executable(name: "propice", targets: ["propice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"]), .brew(["geos"])]
        ),
        .systemLibrary(
            name: "CPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev"]), .brew(["proj"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CRename"),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        .systemLibrary(
            name: "CGzip",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(
            name: "PropiceGeometry",
            dependencies: [
                "CGEOS", "CPROJ", "CSQLite", "CLibXML2", "CGzip", "CMalloc", "CRename",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "Propice",
            dependencies: [
                "PropiceGeometry",
                "CCairo",
                "CLibCrypto",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Resources"],
            plugins: ["EmbedResources"]
        ),
        .executableTarget(name: "EmbedFiles"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedFiles"]),
        .target(
            name: "PropiceServer",
            dependencies: [
                "Propice",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "PropicePostGIS",
            dependencies: ["Propice", "PropiceGeometry", "CLibPQ"]
        ),
        // The fuzz targets' harness, for the libFuzzer executable and the replay tests only.
        .target(
            name: "PropiceFuzzing",
            dependencies: ["PropiceGeometry", "Propice"]
        ),
        .target(name: "CFuzzerDriver", path: "Tests/Fuzz/Sources/CFuzzerDriver"),
        // libFuzzer's executable: scripts/fuzz builds it with -sanitize=fuzzer and
        // -DPROPICE_FUZZER; built otherwise, it says so and exits.
        .executableTarget(
            name: "propice-fuzz",
            dependencies: ["CFuzzerDriver", "PropiceFuzzing"],
            path: "Tests/Fuzz/Sources/propice-fuzz"
        ),
        .executableTarget(
            name: "propice",
            dependencies: [
                "PropiceGeometry",
                "Propice",
                "PropiceServer",
                "PropicePostGIS",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: [.unsafeFlags(staticRuntime, .when(platforms: [.linux], configuration: .release))]
        ),
        // Helpers every test target shares (temporary folders, the shared geodata, the
        // executable's path); public API of the libraries only.
        .target(
            name: "PropiceTestSupport",
            dependencies: ["PropiceGeometry", "Propice"],
            path: "Tests/PropiceTestSupport"
        ),
        .testTarget(
            name: "PropiceGeometryTests",
            dependencies: ["PropiceGeometry", "PropiceTestSupport", "propice"]
        ),
        .testTarget(
            name: "PropiceTests",
            dependencies: ["PropiceGeometry", "Propice", "PropiceFuzzing", "PropiceTestSupport", "propice"]
        ),
        .testTarget(
            name: "PropiceServerTests",
            dependencies: [
                "Propice", "PropiceServer", "PropiceTestSupport", "propice",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "PropicePostGISTests",
            dependencies: ["Propice", "PropiceGeometry", "PropicePostGIS", "PropiceTestSupport", "propice"]
        ),
        .testTarget(
            name: "PropiceCommandLineTests",
            dependencies: ["PropiceGeometry", "PropiceTestSupport", "propice"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
