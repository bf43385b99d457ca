// swift-tools-version:6.0
// The libFuzzer executable for propice's readers: `scripts/fuzz` builds it with
// `-sanitize=fuzzer,address` and runs it for one target on the seeds of `Seeds/<target>`.
import PackageDescription

let package = Package(
    name: "propice-fuzz",
    dependencies: [.package(name: "propice", path: "../..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "propice-fuzz",
            dependencies: ["CFuzzerDriver", .product(name: "PropiceFuzzing", package: "propice")],
            // gold fails on the sanitisers' objects; the toolchain's lld links them.
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
