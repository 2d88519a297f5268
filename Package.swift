// swift-tools-version: 6.1
import PackageDescription

/// Buurtstem: participatory budgeting and voting for Dutch gemeenten.
///
/// The data flows one way: register -> issuance -> casting -> close -> allocation -> record -> verifier.
/// `BuurtstemVerifier` shares only the record format and the crypto wrapper with the engine, never the engine.
let package = Package(
    name: "Buurtstem",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Buurtstem", targets: ["Buurtstem"]),
        .library(name: "BuurtstemRecord", targets: ["BuurtstemRecord"]),
        .library(name: "BuurtstemVerifier", targets: ["BuurtstemVerifier"]),
        .executable(name: "buurtstem", targets: ["buurtstem"]),
        .executable(name: "buurtstem-verify", targets: ["buurtstem-verify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .target(
            name: "BuurtstemCrypto",
            dependencies: ["CSodium"]
        ),
        .target(
            name: "BuurtstemRecord",
            dependencies: ["BuurtstemCrypto"]
        ),
        .target(
            name: "Buurtstem",
            dependencies: [
                "BuurtstemCrypto",
                "BuurtstemRecord",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "BuurtstemVerifier",
            dependencies: ["BuurtstemCrypto", "BuurtstemRecord"]
        ),
        .executableTarget(
            name: "buurtstem",
            dependencies: [
                "Buurtstem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "buurtstem-verify",
            dependencies: [
                "BuurtstemVerifier",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "BuurtstemCryptoTests", dependencies: ["BuurtstemCrypto"]),
        .testTarget(name: "BuurtstemRecordTests", dependencies: ["BuurtstemRecord"]),
        .testTarget(name: "BuurtstemTests", dependencies: ["Buurtstem"]),
        .testTarget(name: "BuurtstemVerifierTests", dependencies: ["BuurtstemVerifier"]),
        .testTarget(name: "BuurtstemCLITests", dependencies: ["Buurtstem"]),
    ],
    swiftLanguageModes: [.v6]
)
