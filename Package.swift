// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "propice",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PropiceGeometry", targets: ["PropiceGeometry"]),
        .library(name: "Propice", targets: ["Propice"]),
        .executable(name: "propice", targets: ["propice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
        .target(
            name: "PropiceGeometry",
            dependencies: ["CGEOS", "CPROJ", "CSQLite"]
        ),
        .target(
            name: "Propice",
            dependencies: [
                "PropiceGeometry",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "propice",
            dependencies: [
                "PropiceGeometry",
                "Propice",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PropiceGeometryTests",
            dependencies: ["PropiceGeometry", "Propice", "propice"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
