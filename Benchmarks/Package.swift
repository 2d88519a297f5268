// swift-tools-version: 6.1
import PackageDescription

/// Benchmarks for the Buurtstem allocation engine, kept out of the main package so its build stays lean.
/// Run: swift run -c release --package-path Benchmarks allocation-bench
let package = Package(
    name: "BuurtstemBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Buurtstem", path: ".."),
    ],
    targets: [
        // The timing and parallel-map helpers the harnesses share.
        .target(name: "BenchSupport"),
        .executableTarget(
            name: "allocation-bench",
            dependencies: [.product(name: "Buurtstem", package: "Buurtstem")]
        ),
        .executableTarget(
            name: "verify-bench",
            dependencies: [
                "BenchSupport",
                .product(name: "Buurtstem", package: "Buurtstem"),
                .product(name: "BuurtstemCrypto", package: "Buurtstem"),
                .product(name: "BuurtstemRecord", package: "Buurtstem"),
                .product(name: "BuurtstemVerifier", package: "Buurtstem"),
            ]
        ),
        .executableTarget(
            name: "mix-bench",
            dependencies: ["BenchSupport", .product(name: "BuurtstemCrypto", package: "Buurtstem")]
        ),
        .executableTarget(
            name: "issuance-bench",
            dependencies: [
                .product(name: "Buurtstem", package: "Buurtstem"),
                .product(name: "BuurtstemCrypto", package: "Buurtstem"),
                .product(name: "BuurtstemDemo", package: "Buurtstem"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
